import type { RoundDetail } from "@dxcenter/contracts";
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Tag,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { errorMessage } from "../../api/client";
import {
  type ApplicationItem,
  tierCalls,
  useApplicationList,
  useProgrammes,
  useRound,
  useTierMutation,
} from "../../api/tiers";
import { DetailTable } from "../../components/DetailTable";
import { FilterBar, ListHeader, type ServerColumn, ServerTable, useListParams } from "../../components/list";
import { QueryError } from "../../components/QueryError";
import { useFormSubmit } from "../../components/useFormSubmit";
import { ApplicationDrawer } from "./ApplicationDrawer";
import { APP_COLOR, APPLICATION_LIST, ROUND_COLOR } from "./listSpecs";

function ApplyModal({ round, open, onClose }: { round: RoundDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, string | number | boolean | null>>();
  const programmes = useProgrammes();
  const level = programmes.data
    ?.find((p) => p.id === round.programmeId)
    ?.levels.find((l) => l.id === round.levelId);
  const apply = useTierMutation((v: Record<string, string | number | boolean | null>) =>
    tierCalls.apply(round.id, v),
  );
  const submit = useFormSubmit(form, (v) => apply.mutateAsync(v), {
    done: t("tiers.rounds.applied_ok"),
    onClose,
    mapField: (f) => (Array.isArray(f) && f[0] === "form" ? f.slice(1) : f),
  });
  return (
    <Modal
      open={open}
      title={t("tiers.rounds.applyTitle", { level: round.levelName })}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={apply.isPending}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical">
        {(level?.form.fields ?? []).map((f) => (
          <Form.Item
            key={f.id}
            name={f.id}
            label={f.unit ? `${f.label}（${f.unit}）` : f.label}
            rules={[{ required: f.required }]}
            extra={f.help}
          >
            {f.type === "textarea" ? (
              <Input.TextArea rows={3} maxLength={2000} data-testid={`apply-${f.id}`} />
            ) : f.type === "number" ? (
              <InputNumber style={{ width: 200 }} data-testid={`apply-${f.id}`} />
            ) : f.type === "select" ? (
              <Select
                options={(f.options ?? []).map((o) => ({ value: o, label: o }))}
                data-testid={`apply-${f.id}`}
              />
            ) : f.type === "boolean" ? (
              <Switch />
            ) : (
              <Input maxLength={200} data-testid={`apply-${f.id}`} />
            )}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

/** 认定批次详情: dates, quotas (a district its own), the round's steps, applying, the applications and their drawer. */
export default function RoundDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = "" } = useParams();
  const q = useRound(id);
  const r = q.data;
  const list = useListParams(APPLICATION_LIST);
  const apps = useApplicationList({ ...list.params, round: id });
  const [open, setOpen] = useState<string | null>(null);
  const [applying, setApplying] = useState(false);
  const step = useTierMutation((s: "close" | "publish" | "recognise") =>
    tierCalls.roundStep(id, s, r?.version ?? 0),
  );
  const runStep = async (s: "close" | "publish" | "recognise") => {
    try {
      await step.mutateAsync(s);
      void message.success(t("tiers.rounds.done"));
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const columns: ServerColumn<ApplicationItem, "createdAt" | "rank" | "enterprise">[] = [
    {
      title: t("tiers.applications.enterprise"),
      dataIndex: "enterpriseName",
      sortKey: "enterprise",
      render: (v: string, a) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(a.id)}>
          {v}
        </Button>
      ),
    },
    { title: t("tiers.applications.district"), dataIndex: "districtName", width: 110 },
    {
      title: t("tiers.applications.status"),
      dataIndex: "status",
      width: 110,
      render: (_, a) => <Tag color={APP_COLOR[a.status]}>{t(`tiers.applications.statuses.${a.status}`)}</Tag>,
    },
    { title: t("tiers.applications.rank"), dataIndex: "districtRank", width: 90, sortKey: "rank" },
    { title: t("tiers.applications.certificateNo"), dataIndex: "certificateNo", width: 150 },
  ];
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!r) return <Card loading />;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Card>
        <ListHeader
          title={r.name}
          actions={
            <Space>
              {r.canApply && (
                <Button type="primary" onClick={() => setApplying(true)} data-testid="round-apply">
                  {t("tiers.rounds.apply")}
                </Button>
              )}
              {(["close", "publish", "recognise"] as const)
                .filter((s) => r.permissions[s])
                .map((s) => (
                  <Button
                    key={s}
                    type="primary"
                    loading={step.isPending}
                    onClick={() => void runStep(s)}
                    data-testid={`round-${s}`}
                  >
                    {t(`tiers.rounds.steps.${s}`)}
                  </Button>
                ))}
            </Space>
          }
        />
        <Descriptions size="small" column={3} bordered>
          <Descriptions.Item label={t("tiers.rounds.programme")}>{r.programmeName}</Descriptions.Item>
          <Descriptions.Item label={t("tiers.rounds.level")}>{r.levelName}</Descriptions.Item>
          <Descriptions.Item label={t("tiers.rounds.status")}>
            <Tag color={ROUND_COLOR[r.status]} data-testid="round-status">
              {t(`tiers.rounds.statuses.${r.status}`)}
            </Tag>
            {r.openObjections > 0 && (
              <Tag color="red">{t("tiers.rounds.openObjections", { n: r.openObjections })}</Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t("tiers.rounds.applyDates")}>
            {r.applyFrom} ~ {r.applyTo}
          </Descriptions.Item>
          <Descriptions.Item label={t("tiers.rounds.notice")}>
            {r.noticeFrom
              ? `${r.noticeFrom} ~ ${r.noticeTo}`
              : t("tiers.programmes.noticeDays", { n: r.noticeDays })}
          </Descriptions.Item>
          <Descriptions.Item label={t("tiers.rounds.applications")}>{r.applications}</Descriptions.Item>
        </Descriptions>
        {r.quotas.length > 0 && (
          <DetailTable
            style={{ marginTop: 12 }}
            rowKey="districtCode"
            dataSource={r.quotas}
            columns={[
              { title: t("tiers.applications.district"), dataIndex: "districtName" },
              { title: t("tiers.rounds.quota"), dataIndex: "quota" },
              { title: t("tiers.rounds.applied"), dataIndex: "applied" },
              { title: t("tiers.rounds.recommended"), dataIndex: "recommended" },
            ]}
          />
        )}
      </Card>
      <Card title={t("tiers.applications.title")}>
        <FilterBar
          list={list}
          items={[{ kind: "search", key: "q", placeholder: t("tiers.applications.search"), width: 220 }]}
        />
        <ServerTable
          list={list}
          query={apps}
          columns={columns}
          empty={t("tiers.applications.empty")}
          testId="round-applications"
        />
      </Card>
      <ApplicationDrawer id={open} onClose={() => setOpen(null)} />
      <ApplyModal round={r} open={applying} onClose={() => setApplying(false)} />
    </Space>
  );
}
