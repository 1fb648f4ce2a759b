import { UploadOutlined } from "@ant-design/icons";
import { Button, Space, Typography, Upload } from "antd";
import { useTranslation } from "react-i18next";
import { type ProjectDetail, useUploadAttachment } from "../../../api/projects";
import { formatDateTime } from "../../../utils/format";
import { useRun } from "./useRun";

/** 附件: download links and, while the project is open, an upload (PDF/JPG/PNG). */
export function Attachments({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
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
