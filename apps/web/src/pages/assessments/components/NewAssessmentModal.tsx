import { Alert, App, Form, Modal, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useCreateAssessment, useInstruments } from "../../../api/assessments";
import { errorMessage, isApiError } from "../../../api/client";
import { useCurrentUser } from "../../../auth/context";
import { EnterpriseSearchSelect } from "../../../components/EnterpriseSearchSelect";

interface FormValues {
  instrumentId?: string;
  enterpriseId?: string;
}

/** 新建自评估: an enterprise picks an instrument; bureau staff also pick the enterprise. */
export function NewAssessmentModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const instruments = useInstruments();
  const create = useCreateAssessment();
  const isEnterprise = me.role === "enterprise";
  const instrumentId = Form.useWatch("instrumentId", form);
  const chosen = instruments.data?.find((i) => i.id === instrumentId);
  const current = (instruments.data ?? []).filter((i) => i.current);

  const onOk = async () => {
    const values = await form.validateFields();
    if (!values.instrumentId) return;
    try {
      const created = await create.mutateAsync({
        instrumentId: values.instrumentId,
        ...(isEnterprise ? {} : { enterpriseId: values.enterpriseId }),
      });
      void message.success(t("assessment.created"));
      onClose();
      navigate(`/assessments/${created.id}`);
    } catch (e) {
      if (isApiError(e) && (e.field === "instrumentId" || e.field === "enterpriseId")) {
        form.setFields([{ name: e.field, errors: [e.message] }]);
        return;
      }
      void message.error(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      title={t("assessment.newAssessment")}
      okText={t("assessment.create")}
      cancelText={t("common.cancel")}
      onOk={() => void onOk()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={560}
      okButtonProps={{ "data-testid": "assessment-create-ok" } as never}
    >
      <Form<FormValues> form={form} layout="vertical" preserve={false} style={{ marginTop: 16 }}>
        <Form.Item
          name="instrumentId"
          label={t("assessment.instrument")}
          rules={[{ required: true, message: t("assessment.instrumentRequired") }]}
        >
          <Select
            data-testid="assessment-instrument-select"
            placeholder={t("assessment.instrumentPlaceholder")}
            loading={instruments.isPending}
            options={current.map((i) => ({ value: i.id, label: `${i.name}（${i.version}）` }))}
          />
        </Form.Item>
        {chosen ? (
          <div style={{ marginTop: -12, marginBottom: 16 }}>
            <Typography.Text type="secondary">
              {t("assessment.instrumentInfo", {
                questions: chosen.questionCount,
                points: chosen.totalPoints,
                levels: chosen.levels.join("、"),
              })}
            </Typography.Text>
            {chosen.unconfirmedCount > 0 ? (
              <Alert
                style={{ marginTop: 8 }}
                type="warning"
                showIcon
                title={t("assessment.unconfirmedHint", { count: chosen.unconfirmedCount })}
              />
            ) : null}
          </div>
        ) : null}
        {isEnterprise ? (
          <Typography.Paragraph type="secondary">
            {t("assessment.selfHint", { name: me.enterpriseName ?? "" })}
          </Typography.Paragraph>
        ) : (
          <Form.Item
            name="enterpriseId"
            label={t("assessment.enterprise")}
            rules={[{ required: true, message: t("assessment.enterpriseRequired") }]}
          >
            <EnterpriseSearchSelect testId="assessment-enterprise-picker" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
