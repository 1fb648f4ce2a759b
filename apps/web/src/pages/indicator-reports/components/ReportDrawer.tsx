import { Alert, App, Button, Descriptions, Drawer, Input, InputNumber, Space, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../api/client";
import { type ReportAction, type ReportItem, useReport, useReportStep } from "../../../api/indicator-reports";
import { QueryError } from "../../../components/QueryError";
import { formatDateTime } from "../../../utils/format";
import { STATE_COLOR } from "../listSpec";

/** One task: the indicator's 口径 and unit, last period's approved value, the form and the review. */
export function ReportDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useReport(id);
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={620}
      title={t("reports.form.title")}
      destroyOnHidden
      data-testid="report-drawer"
    >
      {detail.isError ? <QueryError error={detail.error} onRetry={() => detail.refetch()} /> : null}
      {detail.data ? <Body r={detail.data} /> : null}
    </Drawer>
  );
}

/** Change against the last approved value in per cent (one decimal), or null. */
function changePercent(value: number | null, last: number | null): number | null {
  if (value === null || last === null || last === 0) return null;
  return Math.round((Math.abs(value - last) / Math.abs(last)) * 1000) / 10;
}

function Body({ r }: { r: ReportItem }) {
  const { t } = useTranslation();
  const by = (name: string | null, at: string | null) =>
    at ? `${name ?? "—"} · ${formatDateTime(at)}` : "—";
  const range = `${r.min ?? "−∞"} ~ ${r.max ?? t("reports.form.noUpper")}（${r.unit}）`;
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Typography.Title level={5} style={{ margin: 0 }} data-testid="report-title">
        {r.indicatorName} · {r.scopeName} · {r.period}
      </Typography.Title>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t("reports.state")}>
          <Tag color={STATE_COLOR[r.status]} data-testid="report-state">
            {t(`reports.states.${r.status}`)}
          </Tag>
          {r.overdue ? <Tag color="red">{t("reports.overdue")}</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t("reports.form.definition")}>{r.definition}</Descriptions.Item>
        <Descriptions.Item label={t("reports.owner")}>{r.ownerName}</Descriptions.Item>
        <Descriptions.Item label={t("reports.dueDate")}>{r.dueDate}</Descriptions.Item>
        <Descriptions.Item label={t("reports.form.range")}>{range}</Descriptions.Item>
        <Descriptions.Item label={t("reports.form.lastValue", { period: r.lastPeriod })}>
          <span data-testid="report-last-value">
            {r.lastValue === null ? t("reports.form.none") : `${r.lastValue} ${r.unit}`}
          </span>
        </Descriptions.Item>
        {r.value !== null ? (
          <Descriptions.Item label={t("reports.value")}>
            {r.value} {r.unit}
          </Descriptions.Item>
        ) : null}
        {r.note ? (
          <Descriptions.Item label={t("reports.form.notePlaceholder")}>{r.note}</Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t("reports.form.submittedBy")}>
          {by(r.submittedByName, r.submittedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t("reports.form.reviewedBy")}>
          {by(r.reviewedByName, r.reviewedAt)}
        </Descriptions.Item>
      </Descriptions>
      {r.status === "returned" && r.returnReason ? (
        <Alert
          type="warning"
          showIcon
          message={`${t("reports.form.returnedBecause")}：${r.returnReason}`}
          data-testid="report-return-reason"
        />
      ) : null}
      {r.permissions.save || r.permissions.submit ? <FillForm r={r} /> : null}
      {r.permissions.approve || r.permissions.return ? <Review r={r} /> : null}
      {!Object.values(r.permissions).some(Boolean) && r.status !== "approved" ? (
        <Typography.Text type="secondary">{t("reports.form.noActions")}</Typography.Text>
      ) : null}
    </Space>
  );
}

function useRun(r: ReportItem) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const step = useReportStep(r.id);
  const done: Record<ReportAction["step"], string> = {
    save: t("reports.form.saved"),
    submit: t("reports.form.submitted"),
    approve: t("reports.form.approved"),
    return: t("reports.form.returned"),
  };
  const run = (a: ReportAction) =>
    step.mutate(a, {
      onSuccess: () => void message.success(done[a.step]),
      onError: (e) => void message.error(errorMessage(e)),
    });
  return { run, pending: step.isPending };
}

function FillForm({ r }: { r: ReportItem }) {
  const { t } = useTranslation();
  const [value, setValue] = useState<number | null>(r.value);
  const [note, setNote] = useState(r.note ?? "");
  useEffect(() => {
    setValue(r.value);
    setNote(r.note ?? "");
  }, [r.value, r.note]);
  const { run, pending } = useRun(r);
  const change = changePercent(value, r.lastValue);
  const jump = change !== null && change > r.jumpPercent;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Typography.Text type="secondary">
        {t("reports.form.jumpHint", { percent: r.jumpPercent })}
      </Typography.Text>
      <InputNumber
        style={{ width: 240 }}
        value={value}
        onChange={(v) => setValue(typeof v === "number" ? v : null)}
        precision={r.decimals}
        addonAfter={r.unit}
        placeholder={t("reports.form.valuePlaceholder")}
        data-testid="report-value"
      />
      {jump && !note.trim() ? (
        <Alert
          type="warning"
          showIcon
          message={t("reports.form.jumpNow", { change, percent: r.jumpPercent })}
          data-testid="report-jump"
        />
      ) : null}
      <Input.TextArea
        rows={3}
        maxLength={1000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t("reports.form.notePlaceholder")}
        data-testid="report-note"
      />
      <Space>
        {r.permissions.save ? (
          <Button
            loading={pending}
            onClick={() => run({ step: "save", value, note, version: r.version })}
            data-testid="report-save"
          >
            {t("reports.form.save")}
          </Button>
        ) : null}
        {r.permissions.submit ? (
          <Button
            type="primary"
            loading={pending}
            onClick={() => run({ step: "submit", value, note, version: r.version })}
            data-testid="report-submit"
          >
            {t("reports.form.submit")}
          </Button>
        ) : null}
      </Space>
    </Space>
  );
}

function Review({ r }: { r: ReportItem }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [reason, setReason] = useState("");
  const { run, pending } = useRun(r);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Input.TextArea
        rows={2}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={t("reports.form.returnReason")}
        data-testid="report-return-input"
      />
      <Space>
        {r.permissions.approve ? (
          <Button
            type="primary"
            loading={pending}
            onClick={() => run({ step: "approve", version: r.version })}
            data-testid="report-approve"
          >
            {t("reports.form.approve")}
          </Button>
        ) : null}
        {r.permissions.return ? (
          <Button
            danger
            loading={pending}
            onClick={() =>
              reason.trim()
                ? run({ step: "return", version: r.version, reason: reason.trim() })
                : void message.warning(t("reports.form.returnReasonRequired"))
            }
            data-testid="report-return"
          >
            {t("reports.form.returnAction")}
          </Button>
        ) : null}
      </Space>
    </Space>
  );
}
