import { App, Form, Input, Modal, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useInstruments } from "../../../api/assessments";
import { errorMessage } from "../../../api/client";
import { useRequestDiagnosis } from "../../../api/diagnoses";
import { useCurrentUser } from "../../../auth/context";
import { EnterpriseSearchSelect } from "../../../components/EnterpriseSearchSelect";
import { applyServerFieldError } from "../../../utils/serverErrors";

interface Values {
  enterpriseId?: string;
  instrumentId: string;
  requestNote?: string;
}

/** 申请诊断: an enterprise asks for itself; bureau staff record a need for an enterprise in scope. */
export function RequestDiagnosisModal({
  onClose,
  enterpriseId,
}: {
  onClose: () => void;
  enterpriseId?: string;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const instruments = useInstruments();
  const request = useRequestDiagnosis();
  const isEnterprise = me.role === "enterprise";

  const onOk = async () => {
    const v = await form.validateFields();
    try {
      const d = await request.mutateAsync({
        instrumentId: v.instrumentId,
        ...(isEnterprise ? {} : { enterpriseId: enterpriseId ?? v.enterpriseId }),
        ...(v.requestNote?.trim() ? { requestNote: v.requestNote.trim() } : {}),
      });
      void message.success(t("diagnosis.requested"));
      onClose();
      navigate(`/diagnoses/${d.id}`);
    } catch (e) {
      if (!applyServerFieldError(form, e)) void message.error(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      title={t("diagnosis.requestTitle")}
      okText={t("common.confirm")}
      cancelText={t("common.cancel")}
      onOk={() => void onOk()}
      onCancel={onClose}
      confirmLoading={request.isPending}
      destroyOnHidden
      width={560}
      okButtonProps={{ "data-testid": "diagnosis-request-ok" } as never}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {isEnterprise
          ? t("diagnosis.requestHint", { district: me.districtName ?? "" })
          : t("diagnosis.requestHintBureau")}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ instrumentId: "miit-2024-manufacturing" }}
      >
        {isEnterprise || enterpriseId ? null : (
          <Form.Item
            name="enterpriseId"
            label={t("diagnosis.enterprise")}
            rules={[{ required: true, message: t("diagnosis.enterpriseRequired") }]}
          >
            <EnterpriseSearchSelect testId="diagnosis-enterprise-picker" />
          </Form.Item>
        )}
        <Form.Item name="instrumentId" label={t("diagnosis.instrument")} rules={[{ required: true }]}>
          <Select
            loading={instruments.isPending}
            options={(instruments.data ?? [])
              .filter((i) => i.current)
              .map((i) => ({ value: i.id, label: `${i.name}（${i.version}）` }))}
          />
        </Form.Item>
        <Form.Item name="requestNote" label={t("diagnosis.requestNote")} rules={[{ max: 500 }]}>
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t("diagnosis.requestNotePlaceholder")}
            data-testid="diagnosis-request-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
