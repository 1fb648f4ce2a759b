import type { MilestoneKind } from "@dxcenter/domain";
import { Button, DatePicker, Form, Input, InputNumber, Select, Space, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { type ProjectDetail, useReportProgress } from "../../../api/projects";
import { DetailTable } from "../../../components/DetailTable";
import { wan } from "../../../utils/format";
import { PercentBar } from "../common";
import { Acceptance } from "./Acceptance";
import { useRun } from "./useRun";

type Report = ProjectDetail["reports"][number];
interface ReportValues {
  kind: MilestoneKind;
  reportDate: Dayjs;
  percent?: number | null;
  investmentCompletedWan?: string;
  note?: string;
}

/** 报告进度: 开工 before the start, then 建设进度 or 竣工. */
function ReportForm({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  const run = useRun();
  const report = useReportProgress(p.id);
  const [form] = Form.useForm<ReportValues>();
  const kinds: readonly MilestoneKind[] = p.status === "approved" ? ["start"] : ["progress", "completion"];
  return (
    <Form<ReportValues>
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
          options={kinds.map((k) => ({ value: k, label: t(`project.milestones.${k}`) }))}
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
  );
}

/** 建设进度: percent and investment so far, the reports, and the report / acceptance steps the caller may take. */
export function Progress({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <PercentBar percent={p.percentComplete} />
      <Typography.Text type="secondary">
        {t("project.detail.investedOf", {
          done: wan(p.investmentCompletedFen),
          total: wan(p.totalInvestmentFen),
        })}
      </Typography.Text>
      <DetailTable<Report>
        rowKey="id"
        dataSource={p.reports}
        data-testid="project-reports"
        locale={{ emptyText: t("project.detail.none") }}
        columns={[
          {
            title: t("project.detail.reportKind"),
            dataIndex: "kind",
            width: 100,
            render: (_v, r) => t(`project.milestones.${r.kind}`),
          },
          { title: t("project.detail.reportDate"), dataIndex: "reportDate", width: 120 },
          {
            title: t("project.detail.percent"),
            dataIndex: "percent",
            width: 160,
            render: (_v, r) => <PercentBar percent={r.percent} />,
          },
          {
            title: t("project.detail.invested"),
            dataIndex: "investmentCompletedFen",
            width: 150,
            align: "right",
            render: (_v, r) => wan(r.investmentCompletedFen),
          },
          { title: t("project.detail.note"), dataIndex: "note", render: (_v, r) => r.note ?? "" },
          { title: "", dataIndex: "reportedByName", width: 120 },
        ]}
      />
      {p.permissions.report ? <ReportForm p={p} /> : null}
      {p.permissions.accept ? <Acceptance p={p} /> : null}
    </Space>
  );
}
