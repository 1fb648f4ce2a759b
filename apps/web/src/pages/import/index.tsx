import { DownloadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Space, Spin, Steps, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { downloadFile, errorMessage } from "../../api/client";
import { useImportJob, useStartImport } from "../../api/hooks";
import { QueryError } from "../../components/QueryError";
import { ImportJobView } from "./components/ImportJobView";
import { ImportUpload } from "./components/ImportUpload";

export default function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [sp, setSp] = useSearchParams();
  // The job id is kept in the URL so a reload keeps following the same import.
  const jobId = sp.get("job");
  const job = useImportJob(jobId);
  const start = useStartImport();
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [templateLoading, setTemplateLoading] = useState(false);

  const active = job.data?.status === "queued" || job.data?.status === "running";
  const current = !jobId ? 1 : active ? 1 : 2;

  const onFile = (file: File) => {
    setUploadError(null);
    start.mutate(file, {
      onSuccess: (j) => setSp({ job: j.id }),
      onError: (e) => setUploadError(errorMessage(e)),
    });
  };

  const onTemplate = async () => {
    setTemplateLoading(true);
    try {
      await downloadFile("/api/enterprises/import-template", undefined, "企业导入模板.xlsx");
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setTemplateLoading(false);
    }
  };

  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("import.title")}
      </Typography.Title>
      <Steps
        orientation="vertical"
        size="small"
        current={current}
        style={{ marginBottom: 16 }}
        items={[
          {
            title: t("import.step1"),
            content: (
              <Button
                icon={<DownloadOutlined />}
                loading={templateLoading}
                onClick={() => void onTemplate()}
                style={{ margin: "8px 0" }}
                data-testid="import-template"
              >
                {t("import.downloadTemplate")}
              </Button>
            ),
          },
          { title: t("import.step2") },
          { title: t("import.step3") },
        ]}
      />

      <Spin spinning={start.isPending} description={t("import.uploading")}>
        <ImportUpload disabled={start.isPending || active} onFile={onFile} onReject={setUploadError} />
      </Spin>

      {uploadError ? (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setUploadError(null) }}
          title={uploadError}
          style={{ marginTop: 16 }}
          data-testid="import-upload-error"
        />
      ) : null}

      {jobId && job.isError ? <QueryError error={job.error} onRetry={() => void job.refetch()} /> : null}
      {jobId && job.isPending ? (
        <Space style={{ marginTop: 16 }}>
          <Spin />
        </Space>
      ) : null}
      {job.data ? <ImportJobView job={job.data} onAnother={() => setSp({})} /> : null}
    </Card>
  );
}
