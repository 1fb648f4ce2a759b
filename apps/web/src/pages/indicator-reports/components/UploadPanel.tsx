import { UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Checkbox, List, Space, Tag, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../api/client";
import { type ReportUploadResult, useUploadReports } from "../../../api/indicator-reports";

const OUTCOME_COLOR = { saved: "processing", submitted: "green", skipped: "default", error: "red" } as const;

/** Upload of the filled template, with the row report the server sends back. */
export function UploadPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const upload = useUploadReports();
  const [submit, setSubmit] = useState(true);
  const [result, setResult] = useState<ReportUploadResult | null>(null);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            upload.mutate(
              { file, submit },
              {
                onSuccess: (r) => setResult(r),
                onError: (e) => void message.error(errorMessage(e)),
              },
            );
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="report-upload">
            {t("reports.upload")}
          </Button>
        </Upload>
        <Checkbox
          checked={submit}
          onChange={(e) => setSubmit(e.target.checked)}
          data-testid="report-upload-submit"
        >
          {t("reports.uploadSubmit")}
        </Checkbox>
      </Space>
      {result ? (
        <Alert
          type={result.failed > 0 ? "warning" : "success"}
          showIcon
          closable
          onClose={() => setResult(null)}
          data-testid="report-upload-result"
          message={t("reports.uploadReport", result)}
          description={
            result.rows.length ? (
              <List
                size="small"
                dataSource={result.rows}
                renderItem={(row) => (
                  <List.Item>
                    <Space>
                      <Tag color={OUTCOME_COLOR[row.outcome]}>{t(`reports.outcomes.${row.outcome}`)}</Tag>
                      <span>
                        {t("reports.uploadRow", { row: row.row })} {row.indicatorName ?? ""}{" "}
                        {row.period ?? ""}
                      </span>
                      {row.messages.length ? <span>{row.messages.join("；")}</span> : null}
                    </Space>
                  </List.Item>
                )}
              />
            ) : null
          }
        />
      ) : null}
    </Space>
  );
}
