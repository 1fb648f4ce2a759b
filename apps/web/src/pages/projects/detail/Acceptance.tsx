import { Button, Form, Input, Modal, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type ProjectDetail,
  type RectifyBody,
  useAcceptProject,
  useRectifyProject,
} from "../../../api/projects";
import { useRun } from "./useRun";

/** 竣工验收 退回整改: a required reason in a modal; the project goes back to 建设中. */
function RectifyButton({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  const run = useRun();
  const m = useRectifyProject(p.id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Omit<RectifyBody, "version">>();
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="rectify-open">
        {t("project.detail.rectify")}
      </Button>
      <Modal
        open={open}
        title={t("project.detail.rectifyTitle")}
        okText={t("project.detail.rectify")}
        okButtonProps={{ danger: true, loading: m.isPending, id: "project-rectify-ok" }}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v) =>
            void run(() => m.mutateAsync({ version: p.version, reason: v.reason })).then(
              (ok) => ok && setOpen(false),
            )
          }
        >
          <Form.Item
            name="reason"
            label={t("project.detail.rectifyReason")}
            extra={t("project.detail.rectifyReasonHint")}
            rules={[{ required: true, whitespace: true, message: t("project.detail.rectifyReasonRequired") }]}
          >
            <Input.TextArea rows={4} maxLength={2000} data-testid="rectify-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 竣工验收: accept with an opinion, or send back for rectification. */
export function Acceptance({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  const run = useRun();
  const accept = useAcceptProject(p.id);
  const [opinion, setOpinion] = useState("");
  return (
    <Space>
      <Input
        style={{ width: 320 }}
        value={opinion}
        onChange={(e) => setOpinion(e.target.value)}
        placeholder={t("project.detail.acceptOpinion")}
        data-testid="accept-opinion"
      />
      <Button
        type="primary"
        loading={accept.isPending}
        data-testid="accept-submit"
        onClick={() =>
          void run(() => accept.mutateAsync({ version: p.version, opinion: opinion || "通过竣工验收" }))
        }
      >
        {t("project.detail.accept")}
      </Button>
      <RectifyButton p={p} />
    </Space>
  );
}
