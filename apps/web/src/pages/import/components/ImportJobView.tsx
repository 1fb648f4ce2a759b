import { Alert, Button, Card, Col, Progress, Row, Space, Statistic, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ImportJob } from "../../../api/types";
import { DownloadButton } from "../../../components/DownloadButton";
import { formatDateTime } from "../../../utils/format";

type ErrorRow = ImportJob["errorSample"][number];

const STATUS_COLORS = { queued: "default", running: "processing", done: "success", failed: "error" } as const;

export function ImportJobView({ job, onAnother }: { job: ImportJob; onAnother: () => void }) {
  const { t, i18n } = useTranslation();
  const active = job.status === "queued" || job.status === "running";

  const fieldLabel = (f: string) => {
    const key = `enterprise.fields.${f}`;
    return i18n.exists(key) ? t(key as "enterprise.fields.name") : f;
  };

  const counts = [
    { key: "rowsRead", value: job.rowsRead, color: undefined },
    { key: "created", value: job.created, color: "#52c41a" },
    { key: "updated", value: job.updated, color: "#1658b8" },
    { key: "unchanged", value: job.unchanged, color: undefined },
    { key: "rejected", value: job.rejected, color: job.rejected > 0 ? "#ff4d4f" : undefined },
  ] as const;

  return (
    <Card
      title={
        <Space wrap>
          <span>
            {t("import.file")}：{job.filename}
          </span>
          <Tag color={STATUS_COLORS[job.status]} data-testid="import-status" data-status={job.status}>
            {t(`import.status.${job.status}`)}
          </Tag>
        </Space>
      }
      style={{ marginTop: 16 }}
    >
      <div data-testid="import-progress" data-status={job.status} data-progress={job.progress}>
        <Progress
          percent={job.progress}
          status={job.status === "failed" ? "exception" : active ? "active" : "success"}
        />
      </div>

      <Row gutter={[16, 16]} style={{ marginTop: 16 }} data-testid="import-summary">
        {counts.map((c) => (
          <Col xs={12} sm={8} md={4} key={c.key}>
            <Statistic
              title={t(`import.${c.key}`)}
              value={c.value}
              styles={c.color ? { content: { color: c.color } } : undefined}
              data-testid={`import-${c.key}`}
            />
          </Col>
        ))}
      </Row>

      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t("import.startedAt")}：{formatDateTime(job.createdAt)}
        {job.finishedAt ? `　${t("import.finishedAt")}：${formatDateTime(job.finishedAt)}` : ""}
      </Typography.Paragraph>

      {job.status === "failed" && job.errorMessage ? (
        <Alert
          type="error"
          showIcon
          title={job.errorMessage}
          style={{ marginTop: 16 }}
          data-testid="import-error"
        />
      ) : null}

      {job.errorSample.length > 0 ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t("import.errorSample")}
          </Typography.Title>
          <Table<ErrorRow>
            size="small"
            rowKey={(r) => `${r.row}:${r.field}:${r.message}`}
            dataSource={job.errorSample}
            pagination={job.errorSample.length > 10 ? { pageSize: 10 } : false}
            data-testid="import-errors"
            columns={[
              { title: t("import.row"), dataIndex: "row", width: 90 },
              {
                title: t("import.field"),
                dataIndex: "field",
                width: 200,
                render: (f: string) => fieldLabel(f),
              },
              { title: t("import.message"), dataIndex: "message" },
            ]}
          />
        </>
      ) : null}

      {!active ? (
        <Space wrap style={{ marginTop: 16 }}>
          {job.hasReport ? (
            <DownloadButton
              path={`/api/enterprises/imports/${encodeURIComponent(job.id)}/report`}
              fileName={`导入校验报告-${job.filename.replace(/\.xlsx$/i, "")}.xlsx`}
              testId="import-report-download"
            >
              {t("import.downloadReport")}
            </DownloadButton>
          ) : null}
          <Link to="/enterprises" data-testid="import-goto-list">
            <Button type="primary">{t("import.goToList")}</Button>
          </Link>
          <Button onClick={onAnother}>{t("import.importAnother")}</Button>
        </Space>
      ) : null}
    </Card>
  );
}
