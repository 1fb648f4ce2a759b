import { HistoryOutlined, PlayCircleOutlined, ReloadOutlined } from "@ant-design/icons";
import type { JobSchedule } from "@dxcenter/domain";
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Popconfirm,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import {
  type JobItem,
  type JobRun,
  useJobList,
  useJobRuns,
  useRunJob,
  useSetJobEnabled,
} from "../../api/jobs";
import { column, type ListControl, ListHeader, type ServerColumn, ServerTable } from "../../components/list";
import { QueryError } from "../../components/QueryError";
import { formatDateTime } from "../../utils/format";

type T = TFunction;

/** The schedule in the reader's language (the server's scheduleText is Chinese only). */
function scheduleText(t: T, s: JobSchedule): string {
  if (s.kind === "every") {
    if (s.minutes === 60) return t("jobs.hourly");
    return s.minutes % 60 === 0
      ? t("jobs.everyHours", { n: s.minutes / 60 })
      : t("jobs.every", { n: s.minutes });
  }
  if (s.kind === "daily") return t("jobs.daily", { at: s.at });
  return t(s.day > 28 ? "jobs.monthlyShort" : "jobs.monthly", { day: s.day, at: s.at });
}

function duration(t: T, ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return t("jobs.ms", { n: ms });
  const s = Math.round(ms / 1000);
  return s < 60 ? t("jobs.seconds", { n: s }) : t("jobs.minutes", { m: Math.floor(s / 60), s: s % 60 });
}

const RESULT_COLOR = { ok: "green", failed: "red", skipped: "default" } as const;

function RunResult({ run }: { run: JobRun | null }) {
  const { t } = useTranslation();
  if (!run) return <Typography.Text type="secondary">{t("jobs.never")}</Typography.Text>;
  if (run.result === null) return <Tag color="processing">{t("jobs.running")}</Tag>;
  return (
    <Tooltip title={run.message ?? undefined}>
      <Tag color={RESULT_COLOR[run.result]} data-testid="job-result">
        {t(`jobs.results.${run.result}`)}
      </Tag>
    </Tooltip>
  );
}

const jobName = (t: T, j: { name: string; label: string }) =>
  t(`jobs.names.${j.name}`, { defaultValue: j.label });

export default function JobsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const query = useJobList();
  const run = useRunJob();
  const setEnabled = useSetJobEnabled();
  const [history, setHistory] = useState<JobItem | null>(null);

  const runNow = (j: JobItem) =>
    run.mutate(j.name, {
      onSuccess: () => message.success(t("jobs.started", { label: jobName(t, j) })),
      onError: (e) => message.error(errorMessage(e)),
    });
  const toggle = (j: JobItem, enabled: boolean) =>
    setEnabled.mutate(
      { name: j.name, enabled },
      {
        onSuccess: () =>
          message.success(t(enabled ? "jobs.enabledDone" : "jobs.disabledDone", { label: jobName(t, j) })),
        onError: (e) => message.error(errorMessage(e)),
      },
    );

  // The job list is short and unpaged (a plain table); the run history pages on the server.
  const columns: TableColumnsType<JobItem> = [
    {
      title: t("jobs.name"),
      dataIndex: "label",
      width: 180,
      render: (_: string, j) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{jobName(t, j)}</Typography.Text>
          {j.registered ? null : <Typography.Text type="warning">{t("jobs.notRegistered")}</Typography.Text>}
        </Space>
      ),
    },
    { title: t("jobs.schedule"), key: "schedule", width: 150, render: (_, j) => scheduleText(t, j.schedule) },
    {
      title: t("jobs.enabled"),
      dataIndex: "enabled",
      width: 70,
      render: (enabled: boolean, j) => (
        <Popconfirm
          title={t(enabled ? "jobs.disableConfirm" : "jobs.enableConfirm", { label: jobName(t, j) })}
          onConfirm={() => toggle(j, !enabled)}
          okButtonProps={{ id: "job-toggle-confirm" }}
        >
          <Switch
            checked={enabled}
            size="small"
            aria-label={t(enabled ? "jobs.disable" : "jobs.enable")}
            data-testid={`job-toggle-${j.name}`}
          />
        </Popconfirm>
      ),
    },
    {
      title: t("jobs.lastRun"),
      key: "lastRun",
      width: 155,
      render: (_, j) => (j.lastRun ? formatDateTime(j.lastRun.startedAt) : "—"),
    },
    {
      title: t("jobs.duration"),
      key: "duration",
      width: 90,
      render: (_, j) => duration(t, j.lastRun?.durationMs ?? null),
    },
    { title: t("jobs.result"), key: "result", width: 90, render: (_, j) => <RunResult run={j.lastRun} /> },
    {
      title: t("jobs.nextRun"),
      dataIndex: "nextRunAt",
      width: 155,
      render: (v: string, j) => (j.enabled ? formatDateTime(v) : "—"),
    },
    {
      title: t("jobs.actions"),
      key: "actions",
      width: 210,
      render: (_, j) => (
        <Space>
          <Popconfirm
            title={t("jobs.runNowConfirm", { label: jobName(t, j) })}
            onConfirm={() => runNow(j)}
            disabled={j.running || !j.registered}
            okButtonProps={{ id: "job-run-confirm" }}
          >
            <Button
              size="small"
              icon={<PlayCircleOutlined />}
              disabled={j.running || !j.registered}
              loading={run.isPending && run.variables === j.name}
              data-testid={`job-run-${j.name}`}
            >
              {t("jobs.runNow")}
            </Button>
          </Popconfirm>
          <Button
            size="small"
            type="link"
            icon={<HistoryOutlined />}
            onClick={() => setHistory(j)}
            data-testid={`job-history-${j.name}`}
          >
            {t("jobs.history")}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card>
      <ListHeader
        title={t("jobs.title")}
        actions={
          <Button icon={<ReloadOutlined />} onClick={() => query.refetch()}>
            {t("common.reload")}
          </Button>
        }
      />
      <Alert type="info" showIcon message={t("jobs.hint")} style={{ marginBottom: 16 }} />
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Table
          data-testid="jobs-table"
          columns={columns}
          dataSource={query.data ?? []}
          loading={query.isFetching && !query.data}
          rowKey="name"
          pagination={false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: t("jobs.empty") }}
        />
      )}
      <RunHistory job={history} onClose={() => setHistory(null)} />
    </Card>
  );
}

function RunHistory({ job, onClose }: { job: JobItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const jobs = useJobList();
  const running = jobs.data?.find((j) => j.name === job?.name)?.running ?? false;
  const query = useJobRuns(job?.name ?? null, paging, running);
  const list: ListControl = { params: paging, update: (p) => setPaging((prev) => ({ ...prev, ...p })) };
  const columns: ServerColumn<JobRun>[] = [
    column.dateTime("startedAt", t("jobs.startedAt")),
    {
      title: t("jobs.duration"),
      dataIndex: "durationMs",
      width: 100,
      render: (v: number | null) => duration(t, v),
    },
    { title: t("jobs.result"), key: "result", width: 90, render: (_, r) => <RunResult run={r} /> },
    {
      title: t("jobs.trigger"),
      key: "trigger",
      width: 150,
      render: (_, r) =>
        r.trigger === "manual" && r.triggeredByName
          ? t("jobs.triggeredBy", { name: r.triggeredByName })
          : t(`jobs.triggers.${r.trigger}`),
    },
    {
      title: t("jobs.message"),
      dataIndex: "message",
      render: (v: string | null) => v ?? "—",
    },
    {
      title: t("jobs.node"),
      dataIndex: "nodeId",
      width: 160,
      ellipsis: true,
      render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text>,
    },
  ];
  return (
    <Drawer
      open={job !== null}
      onClose={() => {
        setPaging({ page: 1, pageSize: 20 });
        onClose();
      }}
      title={job ? t("jobs.historyTitle", { label: jobName(t, job) }) : ""}
      width={960}
      destroyOnHidden
    >
      <ServerTable
        list={list}
        query={query}
        columns={columns}
        empty={t("jobs.noRuns")}
        testId="job-runs"
        size="small"
      />
    </Drawer>
  );
}
