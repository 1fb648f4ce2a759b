import { DatePicker, Form, Input, Modal, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { type DiagnosisPlan, useCreatePlan, useUpdatePlan } from "../../../api/diagnoses";
import { useCurrentUser } from "../../../auth/context";
import { useFormSubmit } from "../../../components/useFormSubmit";
import { useReferenceOptions } from "../../../components/useReferenceOptions";

interface Values {
  districtCode?: string;
  name: string;
  period: [Dayjs, Dayjs];
  note?: string;
}

/** 新建/修改诊断计划: a dated batch of visits of one district. */
export function PlanModal({ plan, onClose }: { plan?: DiagnosisPlan; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const ref = useReferenceOptions();
  const [form] = Form.useForm<Values>();
  const create = useCreatePlan();
  const update = useUpdatePlan();

  const save = (v: Values) => {
    const startDate = v.period[0].format("YYYY-MM-DD");
    const endDate = v.period[1].format("YYYY-MM-DD");
    const note = v.note?.trim() || null;
    return plan
      ? update.mutateAsync({ id: plan.id, name: v.name, startDate, endDate, note, version: plan.version })
      : create.mutateAsync({
          ...(me.role === "city_admin" ? { districtCode: v.districtCode } : {}),
          name: v.name,
          startDate,
          endDate,
          note,
        });
  };
  const onOk = useFormSubmit(form, save, {
    done: plan ? t("diagnosis.plans.updated") : t("diagnosis.plans.created"),
    onClose,
    // The two dates of the API are one range field in the form.
    mapField: (p) => (p[0] === "startDate" || p[0] === "endDate" ? ["period"] : p),
  });

  return (
    <Modal
      open
      title={plan ? t("diagnosis.plans.edit") : t("diagnosis.plans.new")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      okButtonProps={{ "data-testid": "plan-save" } as never}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        style={{ marginTop: 16 }}
        initialValues={
          plan
            ? {
                name: plan.name,
                period: [dayjs(plan.startDate), dayjs(plan.endDate)],
                note: plan.note ?? undefined,
              }
            : {}
        }
      >
        {me.role === "city_admin" && !plan ? (
          <Form.Item
            name="districtCode"
            label={t("diagnosis.plans.district")}
            rules={[{ required: true, message: t("diagnosis.plans.districtRequired") }]}
          >
            <Select
              showSearch={{ optionFilterProp: "label" }}
              options={ref.currentDistrictOptions}
              data-testid="plan-district"
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="name"
          label={t("diagnosis.plans.name")}
          rules={[{ required: true, whitespace: true, message: t("diagnosis.plans.nameRequired") }]}
        >
          <Input maxLength={100} placeholder={t("diagnosis.plans.namePlaceholder")} data-testid="plan-name" />
        </Form.Item>
        <Form.Item
          name="period"
          label={t("diagnosis.plans.period")}
          rules={[{ required: true, message: t("diagnosis.plans.periodRequired") }]}
        >
          <DatePicker.RangePicker style={{ width: "100%" }} data-testid="plan-period" />
        </Form.Item>
        <Form.Item name="note" label={t("diagnosis.plans.note")}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
