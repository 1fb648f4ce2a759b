import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import type { EvidenceItem } from "@dxcenter/contracts";
import { App, Button, Popconfirm, Space, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { removeEvidence } from "../../../api/assessments";
import { apiUpload, errorMessage } from "../../../api/client";

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";

interface Props {
  assessmentId: string;
  questionId: string;
  initial: readonly EvidenceItem[];
  editable: boolean;
}

/**
 * 佐证材料 of one question: upload (PDF/JPG/PNG ≤ 10 MB; the server checks the real file type),
 * download, delete while the assessment is a draft. Keeps its own list so an upload never
 * disturbs the answers being autosaved.
 */
export function EvidenceFiles({ assessmentId, questionId, initial, editable }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [files, setFiles] = useState<EvidenceItem[]>(() => [...initial]);
  const [uploading, setUploading] = useState(false);
  const base = `/api/assessments/${encodeURIComponent(assessmentId)}/evidence`;

  const upload = async (file: File) => {
    if (file.size > MAX_BYTES) {
      void message.error(t("assessment.evidence.tooLarge"));
      return;
    }
    setUploading(true);
    try {
      const form = new FormData();
      form.append("file", file, file.name);
      const item = await apiUpload<EvidenceItem>(
        `${base}?questionId=${encodeURIComponent(questionId)}`,
        form,
      );
      setFiles((f) => [...f, item]);
      void message.success(t("assessment.evidence.uploaded", { name: item.filename }));
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setUploading(false);
    }
  };

  const remove = async (id: string) => {
    try {
      await removeEvidence(assessmentId, id);
      setFiles((f) => f.filter((x) => x.id !== id));
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  if (!editable && files.length === 0) return null;
  return (
    <div style={{ marginTop: 8 }} data-testid={`evidence-${questionId}`}>
      <Space direction="vertical" size={4} style={{ width: "100%" }}>
        {files.map((f) => (
          <Space key={f.id} size={8}>
            <PaperClipOutlined />
            <Typography.Link href={`${base}/${encodeURIComponent(f.id)}`} data-testid="evidence-file">
              {f.filename}
            </Typography.Link>
            <Typography.Text type="secondary">{Math.max(1, Math.round(f.size / 1024))} KB</Typography.Text>
            {editable ? (
              <Popconfirm title={t("assessment.evidence.confirmDelete")} onConfirm={() => remove(f.id)}>
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t("common.delete")}
                />
              </Popconfirm>
            ) : null}
          </Space>
        ))}
        {editable ? (
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button
              size="small"
              icon={<UploadOutlined />}
              loading={uploading}
              data-testid={`evidence-upload-${questionId}`}
            >
              {t("assessment.evidence.upload")}
            </Button>
          </Upload>
        ) : null}
      </Space>
    </div>
  );
}
