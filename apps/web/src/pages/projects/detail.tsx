import { UploadOutlined } from "@ant-design/icons";
import {
  EXPERT_SCORE_SHEET,
  formatFenAsWanYuan,
  PROJECT_MAIN_LINE,
  type ProjectStatus,
} from "@dxcenter/domain";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from "antd";
import dayjs from "dayjs";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { errorMessage } from "../../api/client";
import {
  type ProjectDetail,
  useAcceptProject,
  useAnswerTask,
  useAssignReviewers,
  useCreateTask,
  useDecideProject,
  useDepartmentOptions,
  useDistrictReview,
  usePayTranche,
  useProject,
  useRectifyProject,
  useReportProgress,
  useReviewerOptions,
  useScoreProject,
  useSubmitProject,
  useSubsidyPreview,
  useUploadAttachment,
} from "../../api/projects";
import { useCurrentUser } from "../../auth/context";
import { QueryError } from "../../components/QueryError";
import { formatDateTime, wan } from "../../utils/format";
import { DrawButton } from "../experts/DrawButton";
import { looseT, PercentBar, ProjectStatusTag } from "./common";

type P = ProjectDetail;

function useRun() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const tx = looseT(t);
  return async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      void message.success(t("project.detail.done"));
      return true;
    } catch (e) {
      void message.error(errorMessage(e));
      return false;
    }
  };
}

function Timeline({ p }: { p: P }) {
  const { t } = useTranslation();
  const tx = looseT(t);
  const line: ProjectStatus[] = [...PROJECT_MAIN_LINE];
  const status = p.status === "returned" ? "draft" : p.status;
  let current = line.indexOf(status === "rejected" ? "expert_review" : status);
  if (p.status === "rejected") {
    const districtRejected = p.reviews.some((r) => r.stage === "district" && r.decision === "reject");
    current = districtRejected ? 1 : 2;
  }
  return (
    <Steps
      size="small"
      current={current}
      status={p.status === "rejected" ? "error" : p.status === "completed" ? "finish" : "process"}
      items={line.map((s, i) => ({
        title:
          p.status === "rejected" && i === current
            ? t("project.statuses.rejected")
            : tx(`project.statuses.${s}`),
      }))}
      data-testid="project-steps"
    />
  );
}

function Basic({ p }: { p: P }) {
  const { t } = useTranslation();
  const tx = looseT(t);
  return (
    <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
      <Descriptions.Item label={t("project.columns.enterprise")}>{p.enterpriseName}</Descriptions.Item>
      <Descriptions.Item label={t("project.columns.district")}>{p.districtName}</Descriptions.Item>
      <Descriptions.Item label={t("project.columns.type")}>{tx(`project.types.${p.type}`)}</Descriptions.Item>
      <Descriptions.Item label={t("project.form.total")}>
        <span data-testid="project-total-wan">{wan(p.totalInvestmentFen)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("project.form.equipment")}>
        {wan(p.equipmentInvestmentFen)}
        {p.approvedEquipmentFen !== null ? `（核定 ${wan(p.approvedEquipmentFen)}）` : ""}
      </Descriptions.Item>
      <Descriptions.Item label={t("project.form.software")}>{wan(p.softwareInvestmentFen)}</Descriptions.Item>
      <Descriptions.Item label={t("project.detail.loan")}>
        {p.loanPrincipalFen !== null ? wan(p.loanPrincipalFen) : "—"}
      </Descriptions.Item>
      <Descriptions.Item label={t("project.detail.loanMonths")}>{p.loanMonths ?? "—"}</Descriptions.Item>
      <Descriptions.Item label={t("project.form.policyFacts")}>
        <Space wrap size={4} data-testid="project-policy-facts">
          <Tag color={p.cityDemonstration ? "green" : "default"}>
            {t("project.form.cityDemonstration")}：{p.cityDemonstration ? t("common.yes") : t("common.no")}
          </Tag>
          <Tag color={p.reloanSupported ? "green" : "default"}>
            {t("project.detail.reloanShort")}：{p.reloanSupported ? t("common.yes") : t("common.no")}
          </Tag>
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t("project.form.plannedStart")}>{p.plannedStartDate}</Descriptions.Item>
      <Descriptions.Item label={t("project.form.plannedFinish")}>{p.plannedFinishDate}</Descriptions.Item>
      <Descriptions.Item label={t("project.detail.expertAverage")}>{p.expertScore ?? "—"}</Descriptions.Item>
      <Descriptions.Item label={t("project.form.outcomes")} span={3}>
        {p.expectedOutcomes || "—"}
      </Descriptions.Item>
    </Descriptions>
  );
}

function Reviews({ p }: { p: P }) {
  const { t } = useTranslation();
  const tx = looseT(t);
  const rows = p.reviews;
  if (!rows.length) return <Typography.Text type="secondary">{t("project.detail.none")}</Typography.Text>;
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="project-reviews"
      columns={[
        {
          title: "",
          dataIndex: "stage",
          width: 100,
          // 竣工验收 decisions are stored under the deciding bureau's stage; show them as 竣工验收.
          render: (v: string, r) =>
            r.decision === "accept" || r.decision === "rectify"
              ? t("project.detail.accept")
              : tx(`project.stages.${v}`),
        },
        {
          title: t("project.detail.reviewers"),
          dataIndex: "reviewerName",
          width: 160,
          render: (v: string, r) => (
            <>
              {`${v}${r.reviewerOrganization ? `（${r.reviewerOrganization}）` : ""}`}
              {r.drawn ? (
                <Tag color="purple" style={{ marginInlineStart: 4 }} data-testid="review-drawn">
                  {t("draw.drawn")}
                </Tag>
              ) : null}
            </>
          ),
        },
        {
          title: t("project.detail.decision"),
          dataIndex: "decision",
          width: 140,
          render: (v: string | null, r) =>
            r.stage === "expert" ? (
              r.total === null ? (
                <Tag>待评分</Tag>
              ) : (
                <Tag color="blue">{r.total} 分</Tag>
              )
            ) : v ? (
              r.stage === "city" && (v === "approve" || v === "reject") ? (
                tx(`project.detail.${v === "approve" ? "approve" : "reject"}`)
              ) : (
                tx(`project.decisions.${v}`)
              )
            ) : (
              "—"
            ),
        },
        { title: t("project.detail.opinion"), dataIndex: "opinion", render: (v: string | null) => v ?? "—" },
        { title: "", dataIndex: "submittedAt", width: 160, render: (v: string | null) => formatDateTime(v) },
      ]}
    />
  );
}

function DistrictReviewButton({ p }: { p: P }) {
  const { t } = useTranslation();
  const tx = looseT(t);
  const run = useRun();
  const m = useDistrictReview(p.id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="project-district-review">
        {t("project.detail.districtReview")}
      </Button>
      <Modal
        open={open}
        title={t("project.detail.districtReview")}
        onCancel={() => setOpen(false)}
        okButtonProps={{ loading: m.isPending, id: "project-district-ok" }}
        onOk={() =>
          void form.validateFields().then(async (v) => {
            if (await run(() => m.mutateAsync({ version: p.version, ...v }))) setOpen(false);
          })
        }
      >
        <Form form={form} layout="vertical" initialValues={{ decision: "approve" }}>
          <Form.Item name="decision" label={t("project.detail.decision")}>
            <Radio.Group
              options={(["approve", "return", "reject"] as const).map((d) => ({
                value: d,
                label: tx(`project.decisions.${d}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="approvedEquipmentWan" label={t("project.detail.approvedEquipment")}>
            <Input placeholder={formatFenAsWanYuan(p.equipmentInvestmentFen).replace(/,/g, "")} />
          </Form.Item>
          <Form.Item name="opinion" label={t("project.detail.opinion")} rules={[{ required: true }]}>
            <Input.TextArea rows={3} data-testid="project-district-opinion" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function AssignButton({ p }: { p: P }) {
  const { t } = useTranslation();
  const tx = looseT(t);
  const run = useRun();
  const m = useAssignReviewers(p.id);
  const [open, setOpen] = useState(false);
  const options = useReviewerOptions(open);
  const [ids, setIds] = useState<string[]>(
    p.reviews.filter((r) => r.stage === "expert").map((r) => r.reviewerId),
  );
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="project-assign">
        {t("project.detail.assign")}
      </Button>
      <Modal
        open={open}
        title={t("project.detail.assign")}
        onCancel={() => setOpen(false)}
        okButtonProps={{ loading: m.isPending, id: "project-assign-ok" }}
        onOk={() =>
          void run(() => m.mutateAsync({ version: p.version, reviewerIds: ids })).then(
            (ok) => ok && setOpen(false),
          )
        }
      >
        <Select
          mode="multiple"
          style={{ width: "100%" }}
          value={ids}
          onChange={setIds}
          loading={options.isPending}
          optionFilterProp="label"
          data-testid="project-assign-select"
          options={(options.data ?? []).map((o) => ({
            value: o.id,
            label: `${o.displayName}${o.organization ? `（${o.organization}）` : ""} · 待评 ${o.openReviews}`,
          }))}
        />
      </Modal>
    </>
  );
}

function ScoreForm({ p }: { p: P }) {
  const { t } = useTranslation();
  const tx = looseT(t);
  const run = useRun();
  const m = useScoreProject(p.id);
  const me = useCurrentUser();
  const mine = p.reviews.find((r) => r.stage === "expert" && r.reviewerId === me.id);
  const [form] = Form.useForm();
  const [total, setTotal] = useState<number>(mine?.total ?? 0);
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ ...(mine?.scores ?? {}), opinion: mine?.opinion ?? "" }}
      onValuesChange={(_c, all) =>
        setTotal(EXPERT_SCORE_SHEET.reduce((s, i) => s + (Number(all[i.id]) || 0), 0))
      }
      onFinish={(v) => {
        const { opinion, ...rest } = v as Record<string, number | string>;
        const scores = Object.fromEntries(EXPERT_SCORE_SHEET.map((i) => [i.id, Number(rest[i.id] ?? 0)]));
        void run(() => m.mutateAsync({ scores, opinion: String(opinion ?? "") }));
      }}
      data-testid="project-score-form"
    >
      <Row gutter={16}>
        {EXPERT_SCORE_SHEET.map((i) => (
          <Col key={i.id} xs={24} md={12}>
            <Form.Item name={i.id} label={`${i.label}（满分 ${i.max}）`} rules={[{ required: true }]}>
              <InputNumber
                min={0}
                max={i.max}
                precision={0}
                style={{ width: 140 }}
                data-testid={`score-${i.id}`}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Typography.Paragraph strong>
        {t("project.detail.scoreTotal")}：{total} / 100
      </Typography.Paragraph>
      <Form.Item name="opinion" label={t("project.detail.opinion")} rules={[{ required: true }]}>
        <Input.TextArea rows={3} data-testid="score-opinion" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={m.isPending} data-testid="score-submit">
        {t("project.detail.score")}
      </Button>
    </Form>
  );
}

function Subsidy({ p }: { p: P }) {
  const { t } = useTranslation();
  const tx = looseT(t);
  const run = useRun();
  const preview = useSubsidyPreview(p.id, !p.awardId && p.status !== "rejected");
  const decide = useDecideProject(p.id);
  const [policyId, setPolicyId] = useState<string | undefined>();
  const [opinion, setOpinion] = useState("");
  if (p.evaluation) {
    return (
      <Space direction="vertical" style={{ width: "100%" }}>
        <Statistic
          title={`${t("project.detail.approvedAmount")}（万元）· ${p.policyName ?? ""}`}
          value={wan(p.approvedAmountFen)}
          data-testid="project-approved-amount"
        />
        <Typography.Text strong>{t("project.detail.formula")}</Typography.Text>
        <ol style={{ margin: 0 }} data-testid="project-formula">
          {p.evaluation.steps.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: steps are an ordered, immutable list
            <li key={i}>{s.text}</li>
          ))}
        </ol>
      </Space>
    );
  }
  if (
    p.status === "approved" ||
    p.status === "in_construction" ||
    p.status === "acceptance" ||
    p.status === "completed"
  )
    return <Typography.Text type="secondary">{t("project.detail.none")}</Typography.Text>;
  if (preview.isError) return <QueryError error={preview.error} onRetry={() => void preview.refetch()} />;
  const data = preview.data;
  const chosen = policyId ?? data?.defaultPolicyId ?? undefined;
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="project-subsidy-preview">
      <Typography.Text type="secondary">
        {t("project.detail.preview")}（{data?.today}）
      </Typography.Text>
      {(data?.results ?? []).map((r) => {
        const e = r.evaluation;
        const color = r.granted
          ? "green"
          : e.status === "eligible"
            ? "orange"
            : e.status === "missing"
              ? "default"
              : "red";
        return (
          <Card
            key={e.policyId}
            size="small"
            data-testid={`subsidy-policy-${e.policyId}`}
            title={
              <Space wrap>
                <Tag color={color}>
                  {r.granted
                    ? t("project.detail.granted")
                    : e.status === "eligible"
                      ? t("project.detail.notGranted")
                      : tx(`project.detail.${e.status}`)}
                </Tag>
                <span>{e.policyName}</span>
                {e.amountFen !== null ? (
                  <Typography.Text strong>{wan(e.amountFen)} 万元</Typography.Text>
                ) : null}
              </Space>
            }
          >
            <Typography.Paragraph style={{ marginBottom: 4 }}>
              {r.exclusion?.text ?? e.summary}
            </Typography.Paragraph>
            {e.steps.length ? (
              <ol style={{ margin: 0 }}>
                {e.steps.map((s, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: steps are an ordered, immutable list
                  <li key={i}>{s.text}</li>
                ))}
              </ol>
            ) : null}
          </Card>
        );
      })}
      {p.permissions.decide ? (
        <Card size="small" title={t("project.detail.cityDecision")}>
          <Space direction="vertical" style={{ width: "100%" }}>
            <Select
              style={{ width: "100%" }}
              value={chosen}
              onChange={setPolicyId}
              placeholder={t("project.detail.policy")}
              data-testid="decision-policy"
              options={(data?.results ?? [])
                .filter((r) => r.evaluation.status === "eligible")
                .map((r) => ({
                  value: r.evaluation.policyId,
                  label: `${r.evaluation.policyName}（${wan(r.evaluation.amountFen)} 万元）`,
                }))}
            />
            <Input.TextArea
              rows={2}
              value={opinion}
              onChange={(e) => setOpinion(e.target.value)}
              placeholder={t("project.detail.opinion")}
              data-testid="decision-opinion"
            />
            <Space>
              <Button
                type="primary"
                loading={decide.isPending}
                data-testid="decision-approve"
                onClick={() =>
                  void run(() =>
                    decide.mutateAsync({
                      version: p.version,
                      decision: "approve",
                      opinion: opinion || "同意立项",
                      ...(chosen ? { policyId: chosen } : {}),
                    }),
                  )
                }
              >
                {t("project.detail.approve")}
              </Button>
              <Button
                danger
                loading={decide.isPending}
                onClick={() =>
                  void run(() =>
                    decide.mutateAsync({
                      version: p.version,
                      decision: "reject",
                      opinion: opinion || "不予立项",
                    }),
                  )
                }
              >
                {t("project.detail.reject")}
              </Button>
            </Space>
          </Space>
        </Card>
      ) : null}
    </Space>
  );
}

/** 竣工验收 退回整改: a required reason in a modal; the project goes back to 建设中. */
function RectifyButton({ p }: { p: P }) {
  const { t } = useTranslation();
  const run = useRun();
  const m = useRectifyProject(p.id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="rectify-open">
        {t("project.detail.rectify")}
      </Button>
      <Modal
        open={open}
        title={t("project.detail.rectifyTitle")}
        okText={t("project.detail.rectify")}
        okButtonProps={{ danger: true, loading: m.isPending, id: "project-rectify-ok" }}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v) =>
            void run(() => m.mutateAsync({ version: p.version, reason: v.reason })).then(
              (ok) => ok && setOpen(false),
            )
          }
        >
          <Form.Item
            name="reason"
            label={t("project.detail.rectifyReason")}
            extra={t("project.detail.rectifyReasonHint")}
            rules={[{ required: true, whitespace: true, message: t("project.detail.rectifyReasonRequired") }]}
          >
            <Input.TextArea rows={4} maxLength={2000} data-testid="rectify-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function Progress({ p }: { p: P }) {
  const { t } = useTranslation();
  const tx = looseT(t);
  const run = useRun();
  const report = useReportProgress(p.id);
  const accept = useAcceptProject(p.id);
  const [form] = Form.useForm();
  const kinds = p.status === "approved" ? ["start"] : ["progress", "completion"];
  const [acceptOpinion, setAcceptOpinion] = useState("");
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <PercentBar percent={p.percentComplete} />
      <Typography.Text type="secondary">
        {t("project.detail.investedOf", {
          done: wan(p.investmentCompletedFen),
          total: wan(p.totalInvestmentFen),
        })}
      </Typography.Text>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={p.reports}
        data-testid="project-reports"
        locale={{ emptyText: t("project.detail.none") }}
        columns={[
          {
            title: t("project.detail.reportKind"),
            dataIndex: "kind",
            width: 100,
            render: (v: string) => tx(`project.milestones.${v}`),
          },
          { title: t("project.detail.reportDate"), dataIndex: "reportDate", width: 120 },
          {
            title: t("project.detail.percent"),
            dataIndex: "percent",
            width: 160,
            render: (v: number) => <PercentBar percent={v} />,
          },
          {
            title: t("project.detail.invested"),
            dataIndex: "investmentCompletedFen",
            width: 150,
            align: "right",
            render: (v: number) => wan(v),
          },
          { title: t("project.detail.note"), dataIndex: "note", render: (v: string | null) => v ?? "" },
          { title: "", dataIndex: "reportedByName", width: 120 },
        ]}
      />
      {p.permissions.report ? (
        <Form
          key={p.status}
          form={form}
          layout="inline"
          initialValues={{ kind: kinds[0], reportDate: dayjs() }}
          onFinish={(v) =>
            void run(() =>
              report.mutateAsync({
                // Before 开工 the only report is 开工; afterwards 建设进度 unless 竣工 is picked.
                kind: p.status === "approved" ? "start" : v.kind === "completion" ? "completion" : "progress",
                reportDate: v.reportDate.format("YYYY-MM-DD"),
                ...(v.percent !== undefined && v.percent !== null ? { percent: v.percent } : {}),
                ...(v.investmentCompletedWan ? { investmentCompletedWan: v.investmentCompletedWan } : {}),
                ...(v.note ? { note: v.note } : {}),
              }),
            ).then((ok) => ok && form.resetFields())
          }
          data-testid="project-report-form"
        >
          <Form.Item name="kind" label={t("project.detail.reportKind")}>
            <Select
              style={{ width: 120 }}
              options={kinds.map((k) => ({ value: k, label: tx(`project.milestones.${k}`) }))}
              data-testid="report-kind"
            />
          </Form.Item>
          <Form.Item name="reportDate" label={t("project.detail.reportDate")}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="percent" label={t("project.detail.percent")}>
            <InputNumber min={0} max={100} precision={0} data-testid="report-percent" />
          </Form.Item>
          <Form.Item name="investmentCompletedWan" label={t("project.detail.invested")}>
            <Input style={{ width: 140 }} data-testid="report-invested" />
          </Form.Item>
          <Form.Item name="note" label={t("project.detail.note")}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={report.isPending} data-testid="report-submit">
            {t("project.detail.report")}
          </Button>
        </Form>
      ) : null}
      {p.permissions.accept ? (
        <Space>
          <Input
            style={{ width: 320 }}
            value={acceptOpinion}
            onChange={(e) => setAcceptOpinion(e.target.value)}
            placeholder={t("project.detail.acceptOpinion")}
            data-testid="accept-opinion"
          />
          <Button
            type="primary"
            loading={accept.isPending}
            data-testid="accept-submit"
            onClick={() =>
              void run(() =>
                accept.mutateAsync({ version: p.version, opinion: acceptOpinion || "通过竣工验收" }),
              )
            }
          >
            {t("project.detail.accept")}
          </Button>
          <RectifyButton p={p} />
        </Space>
      ) : null}
    </Space>
  );
}

function Attachments({ p }: { p: P }) {
  const { t } = useTranslation();
  const tx = looseT(t);
  const run = useRun();
  const up = useUploadAttachment(p.id);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {p.attachments.length === 0 ? (
        <Typography.Text type="secondary">{t("project.detail.none")}</Typography.Text>
      ) : null}
      {p.attachments.map((a) => (
        <Space key={a.id}>
          <a href={`/api/projects/${p.id}/attachments/${a.id}`} data-testid="project-attachment">
            {a.filename}
          </a>
          <Typography.Text type="secondary">
            {Math.ceil(a.size / 1024)} KB · {a.uploadedByName} · {formatDateTime(a.uploadedAt)}
          </Typography.Text>
        </Space>
      ))}
      {p.permissions.attach ? (
        <Upload
          accept=".pdf,.jpg,.jpeg,.png"
          showUploadList={false}
          beforeUpload={(file) => {
            void run(() => up.mutateAsync(file));
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={up.isPending} data-testid="project-upload">
            {t("project.detail.upload")}
          </Button>
        </Upload>
      ) : null}
    </Space>
  );
}

function Tasks({ p }: { p: P }) {
  const { t } = useTranslation();
  const tx = looseT(t);
  const run = useRun();
  const create = useCreateTask(p.id);
  const answer = useAnswerTask();
  const depts = useDepartmentOptions(p.permissions.coordinate);
  const [form] = Form.useForm();
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={p.tasks}
        locale={{ emptyText: t("project.detail.none") }}
        data-testid="project-tasks"
        columns={[
          {
            title: t("project.detail.kind"),
            dataIndex: "kind",
            width: 90,
            render: (v: string) => tx(`project.kinds.${v}`),
          },
          { title: t("project.detail.taskTitle"), dataIndex: "title" },
          { title: t("project.detail.department"), dataIndex: "departmentName", width: 180 },
          {
            title: t("project.detail.deadline"),
            dataIndex: "deadline",
            width: 140,
            render: (v: string, r) => (
              <Space size={4}>
                {v}
                {r.overdue ? <Tag color="red">{t("project.tasksPage.overdue")}</Tag> : null}
              </Space>
            ),
          },
          {
            title: "",
            dataIndex: "status",
            width: 90,
            render: (v: string) => tx(`project.taskStatuses.${v}`),
          },
          {
            title: t("project.detail.response"),
            dataIndex: "response",
            render: (v: string | null) => v ?? "",
          },
          {
            title: "",
            key: "done",
            width: 90,
            render: (_v, r) =>
              r.canAnswer && r.status !== "done" && r.response ? (
                <Button
                  size="small"
                  onClick={() =>
                    void run(() => answer.mutateAsync({ id: r.id, version: r.version, status: "done" }))
                  }
                >
                  {t("project.taskStatuses.done")}
                </Button>
              ) : null,
          },
        ]}
      />
      {p.permissions.coordinate ? (
        <Form
          form={form}
          layout="inline"
          initialValues={{ kind: "land", deadline: dayjs().add(14, "day") }}
          onFinish={(v) =>
            void run(() =>
              create.mutateAsync({
                ...(v.departmentUserId ? { departmentUserId: v.departmentUserId } : {}),
                ...(v.departmentName ? { departmentName: v.departmentName } : {}),
                kind: v.kind,
                title: v.title,
                deadline: v.deadline.format("YYYY-MM-DD"),
              }),
            ).then((ok) => ok && form.resetFields())
          }
        >
          <Form.Item name="departmentUserId" label={t("project.detail.department")}>
            <Select
              allowClear
              style={{ width: 220 }}
              options={(depts.data ?? []).map((d) => ({
                value: d.id,
                label: d.organization ?? d.displayName,
              }))}
            />
          </Form.Item>
          <Form.Item name="departmentName" label={t("project.detail.departmentName")}>
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="kind" label={t("project.detail.kind")}>
            <Select
              style={{ width: 110 }}
              options={(["land", "energy", "construction_permit", "eia", "other"] as const).map((k) => ({
                value: k,
                label: tx(`project.kinds.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="title" label={t("project.detail.taskTitle")} rules={[{ required: true }]}>
            <Input style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="deadline" label={t("project.detail.deadline")}>
            <DatePicker />
          </Form.Item>
          <Button htmlType="submit" loading={create.isPending}>
            {t("project.detail.addTask")}
          </Button>
        </Form>
      ) : null}
    </Space>
  );
}

function Tranches({ p }: { p: P }) {
  const { t } = useTranslation();
  const tx = looseT(t);
  const run = useRun();
  const pay = usePayTranche(p.id);
  // One key per tranche and page view: a double click or a retry after a timeout pays once.
  const [keys] = useState(() => new Map<number, string>());
  const keyOf = (n: number) => {
    if (!keys.has(n)) keys.set(n, `${p.id}-t${n}-${crypto.randomUUID()}`);
    return keys.get(n)!;
  };
  if (!p.tranches.length)
    return <Typography.Text type="secondary">{t("project.detail.none")}</Typography.Text>;
  return (
    <Table
      rowKey="tranche"
      size="small"
      pagination={false}
      dataSource={p.tranches}
      data-testid="project-tranches"
      columns={[
        { title: "#", dataIndex: "tranche", width: 50 },
        {
          title: t("project.detail.milestone"),
          dataIndex: "milestone",
          width: 120,
          render: (v: string) => tx(`project.trancheMilestones.${v}`),
        },
        { title: "万元", dataIndex: "amountFen", width: 120, align: "right", render: (v: number) => wan(v) },
        {
          title: "",
          key: "state",
          render: (_v, r) =>
            r.paid ? (
              <Tag color="green" data-testid="tranche-paid">
                已拨付 {formatDateTime(r.paid.paidAt)} · {r.paid.paidByName}
                {r.paid.voucherNo ? ` · ${r.paid.voucherNo}` : ""}
              </Tag>
            ) : r.payable && p.permissions.pay ? (
              <Button
                size="small"
                type="primary"
                loading={pay.isPending}
                data-testid={`tranche-pay-${r.tranche}`}
                onClick={() =>
                  void run(() => pay.mutateAsync({ tranche: r.tranche, idempotencyKey: keyOf(r.tranche) }))
                }
              >
                {t("project.detail.pay")}
              </Button>
            ) : (
              <Typography.Text type="secondary">{r.blockedReason ?? ""}</Typography.Text>
            ),
        },
      ]}
    />
  );
}

function Section({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <Card size="small" title={title} extra={extra} style={{ marginTop: 12 }}>
      {children}
    </Card>
  );
}

/** 项目详情: status timeline, application, reviews per stage, subsidy with formula steps, progress, attachments, tasks, tranches. */
export default function ProjectDetailPage() {
  const { t } = useTranslation();
  const tx = looseT(t);
  const { id } = useParams();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const q = useProject(id);
  const run = useRun();
  const submit = useSubmitProject(id ?? "");
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const p = q.data;
  if (!p) return <Card loading />;
  const funded = ["approved", "in_construction", "acceptance", "completed"].includes(p.status);
  // Sent back at acceptance and not yet reported complete again: the latest bureau decision is 退回整改.
  const lastDecision = p.reviews.filter((r) => r.stage !== "expert").at(-1);
  const rectification =
    p.status === "in_construction" && lastDecision?.decision === "rectify" ? lastDecision : null;
  return (
    <Card>
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <Space direction="vertical" size={0}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="project-title">
            {p.name}
          </Typography.Title>
          <Space>
            <ProjectStatusTag status={p.status} overdue={p.overdue} />
            <Link to="/projects">{t("project.title")}</Link>
          </Space>
        </Space>
        <Space wrap>
          {p.permissions.edit ? (
            <Button onClick={() => navigate(`/projects/${p.id}/edit`)}>{t("project.detail.edit")}</Button>
          ) : null}
          {p.permissions.submit ? (
            <Button
              type="primary"
              loading={submit.isPending}
              data-testid="project-submit"
              onClick={() => void run(() => submit.mutateAsync({ version: p.version }))}
            >
              {t("project.detail.submit")}
            </Button>
          ) : null}
          {p.permissions.districtReview ? <DistrictReviewButton p={p} /> : null}
          {me.role === "city_admin" &&
          (p.permissions.assignReviewers || p.reviews.some((r) => r.stage === "expert")) ? (
            <DrawButton
              purpose="project_review"
              subjectId={p.id}
              canDraw={p.permissions.assignReviewers}
              defaultN={5}
            />
          ) : null}
          {p.permissions.assignReviewers ? <AssignButton key={p.version} p={p} /> : null}
        </Space>
      </Space>
      <div style={{ margin: "20px 0" }}>
        <Timeline p={p} />
      </div>
      {p.status === "returned" ? (
        <Alert
          type="warning"
          showIcon
          message={
            p.reviews.filter((r) => r.decision === "return").at(-1)?.opinion ?? t("project.statuses.returned")
          }
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {rectification ? (
        <Alert
          type="warning"
          showIcon
          message={t("project.detail.rectifyAlert", {
            by: rectification.reviewerName,
            at: formatDateTime(rectification.submittedAt),
            reason: rectification.opinion ?? "",
          })}
          style={{ marginBottom: 12 }}
          data-testid="project-rectify-alert"
        />
      ) : null}
      <Basic p={p} />
      <Section title={t("project.detail.reviews")}>
        <Reviews p={p} />
      </Section>
      {p.permissions.score ? (
        <Section title={t("project.detail.myScore")}>
          <ScoreForm p={p} />
        </Section>
      ) : null}
      {p.status !== "draft" && p.status !== "returned" ? (
        <Section title={t("project.detail.subsidy")}>
          <Subsidy p={p} />
        </Section>
      ) : null}
      {funded ? (
        <Section title={t("project.detail.progress")}>
          <Progress p={p} />
        </Section>
      ) : null}
      {funded && p.tranches.length ? (
        <Section title={t("project.detail.tranches")}>
          <Tranches p={p} />
        </Section>
      ) : null}
      <Section title={t("project.detail.attachments")}>
        <Attachments p={p} />
      </Section>
      {p.tasks.length || p.permissions.coordinate ? (
        <Section title={t("project.detail.tasks")}>
          <Tasks p={p} />
        </Section>
      ) : null}
    </Card>
  );
}
