import { PAYER_LABELS, PAYERS } from "@dxcenter/domain";
import { App, Form, Input, Modal, Select } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../api/client";
import { type BudgetPool, type CreatePoolBody, useSavePool } from "../../../api/policies";
import { useReferenceOptions } from "../../../components/useReferenceOptions";
import { wan6 } from "../components";

type Values = Omit<CreatePoolBody, "year">;

/** 设立预算池 (code, payer, district, name, total) or 调整 (name and total) of this year's pool. */
export function PoolModal({
  pool,
  year,
  onClose,
}: {
  pool: BudgetPool | null;
  year: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { currentDistrictOptions } = useReferenceOptions();
  const save = useSavePool();
  const [form] = Form.useForm<Values>();
  const payer = Form.useWatch("payer", form);
  return (
    <Modal
      open
      title={pool ? `${t("policy.sweep.poolEdit")} · ${pool.name}` : t("policy.sweep.poolCreate")}
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await save.mutateAsync(
            pool
              ? { id: pool.id, body: { version: pool.version, name: v.name, totalWan: v.totalWan } }
              : { body: { ...v, year } },
          );
          onClose();
        } catch (e) {
          void message.error(errorMessage(e));
        }
      }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          pool ? { name: pool.name, totalWan: wan6(pool.totalFen).replace(/,/g, "") } : { payer: "city" }
        }
      >
        {pool ? null : (
          <>
            <Form.Item name="code" label={t("policy.sweep.poolCode")} rules={[{ required: true }]}>
              <Input placeholder="demo-dx-award" />
            </Form.Item>
            <Form.Item name="payer" label={t("policy.sweep.poolPayer")} rules={[{ required: true }]}>
              <Select options={PAYERS.map((p) => ({ value: p, label: PAYER_LABELS[p] }))} />
            </Form.Item>
            {payer === "district" ? (
              <Form.Item
                name="districtCode"
                label={t("policy.sweep.districtName")}
                rules={[{ required: true }]}
              >
                <Select options={currentDistrictOptions} />
              </Form.Item>
            ) : null}
          </>
        )}
        <Form.Item name="name" label={t("policy.sweep.poolName")} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="totalWan" label={t("policy.sweep.poolTotalWan")} rules={[{ required: true }]}>
          <Input suffix={t("policy.units.wan")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
