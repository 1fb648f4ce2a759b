import { Alert, App, Button, Form, Modal, Progress, Select, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  batchActive,
  useInstruments,
  useReportBatchJob,
  useStartReportBatch,
} from "../../../api/assessments";
import { errorMessage, isApiError } from "../../../api/client";
import { useCurrentUser } from "../../../auth/context";
import { DownloadButton } from "../../../components/DownloadButton";
import { useReferenceOptions } from "../../../components/useReferenceOptions";

interface FormValues {
  instrumentId?: string;
  districtCode?: string;
}

/**
 * 批量导出报告: city staff pick an instrument and a district (or the whole city), district staff an
 * instrument (their district is implied); the zip is built on the server with a progress bar here.
 */
export function BatchReportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const instruments = useInstruments();
  const ref = useReferenceOptions();
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useReportBatchJob(jobId);
  const isCity = me.role === "city_admin";

  const start = useStartReportBatch();

  const onStart = async () => {
    const values = await form.validateFields();
    if (!values.instrumentId) return;
    try {
      const { id } = await start.mutateAsync({
        instrumentId: values.instrumentId,
        ...(isCity && values.districtCode ? { districtCode: values.districtCode } : {}),
      });
      setJobId(id);
    } catch (e) {
      if (isApiError(e) && (e.field === "instrumentId" || e.field === "districtCode")) {
        form.setFields([{ name: e.field, errors: [e.message] }]);
        return;
      }
      void message.error(errorMessage(e));
    }
  };

  const j = job.data;
  const current = (instruments.data ?? []).filter((i) => i.current);
  const footer = !jobId
    ? [
        <Button key="cancel" onClick={onClose}>
          {t("common.cancel")}
        </Button>,
        <Button
          key="start"
          type="primary"
          loading={start.isPending}
          onClick={() => void onStart()}
          data-testid="batch-report-start"
        >
          {t("report.start")}
        </Button>,
      ]
    : [
        j && !batchActive(j) ? (
          <Button key="again" onClick={() => setJobId(null)}>
            {t("report.again")}
          </Button>
        ) : null,
        <Button key="close" onClick={onClose}>
          {t("report.close")}
        </Button>,
        j?.status === "done" && jobId ? (
          <DownloadButton
            key="download"
            type="primary"
            path={`/api/reports/batch/${encodeURIComponent(jobId)}/download`}
            fileName={t("report.zipName")}
            testId="batch-report-download"
          >
            {t("report.download")}
          </DownloadButton>
        ) : null,
      ];

  return (
    <Modal open title={t("report.batchTitle")} onCancel={onClose} footer={footer} width={560} destroyOnHidden>
      {!jobId ? (
        <Form<FormValues> form={form} layout="vertical" style={{ marginTop: 16 }}>
          <Typography.Paragraph type="secondary">{t("report.batchHint")}</Typography.Paragraph>
          <Form.Item
            name="instrumentId"
            label={t("report.instrument")}
            rules={[{ required: true, message: t("report.instrumentRequired") }]}
          >
            <Select
              data-testid="batch-report-instrument"
              loading={instruments.isPending}
              placeholder={t("report.instrumentRequired")}
              options={current.map((i) => ({ value: i.id, label: i.name }))}
            />
          </Form.Item>
          {isCity ? (
            <Form.Item name="districtCode" label={t("report.district")}>
              <Select
                data-testid="batch-report-district"
                allowClear
                showSearch={{ optionFilterProp: "label" }}
                placeholder={t("report.districtPlaceholder")}
                options={ref.districtOptions}
              />
            </Form.Item>
          ) : (
            <Typography.Paragraph>
              {t("report.ownDistrict", { name: me.districtName ?? "" })}
            </Typography.Paragraph>
          )}
        </Form>
      ) : (
        <div style={{ padding: "16px 0" }} data-testid="batch-report-job" data-status={j?.status ?? "queued"}>
          <Progress
            percent={j?.progress ?? 0}
            status={j?.status === "failed" ? "exception" : j?.status === "done" ? "success" : "active"}
            data-testid="batch-report-progress"
          />
          <Space style={{ marginTop: 8 }}>
            {j?.status === "done" ? (
              <Typography.Text type="success">{t("report.done", { total: j.total })}</Typography.Text>
            ) : j?.status === "running" ? (
              <Typography.Text>{t("report.running", { done: j.done, total: j.total })}</Typography.Text>
            ) : j?.status !== "failed" ? (
              <Typography.Text type="secondary">{t("report.queued")}</Typography.Text>
            ) : null}
          </Space>
          {j?.status === "failed" ? (
            <Alert
              style={{ marginTop: 12 }}
              type="error"
              showIcon
              title={t("report.failed", { message: j.errorMessage ?? "" })}
            />
          ) : null}
          {job.isError ? (
            <Alert style={{ marginTop: 12 }} type="error" showIcon title={errorMessage(job.error)} />
          ) : null}
        </div>
      )}
    </Modal>
  );
}
