import { AWARD_STATUSES, formatFenAsWanYuan } from "@dxcenter/domain";
import { App, Button, Form, Input, Modal, Popconfirm, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import {
  type AwardItem,
  type AwardStatus,
  type AwardStepArgs,
  type PaymentBody,
  useAwardStep,
  usePayAward,
} from "../../api/policies";

/**
 * The award statuses in workflow order, for filters and URL parsing. The list itself lives in the
 * contracts (AWARD_STATUSES), but importing a value from @dxcenter/contracts would put zod in the
 * bundle; this copy is checked against the contract's type both ways (an extra or a missing status
 * fails to compile).
 */
/** The award statuses, in workflow order (the one list in the domain). */
export const AWARD_STATUS_LIST = AWARD_STATUSES;

const STATUS_COLORS: Record<AwardStatus, string> = {
  identified: "blue",
  district_confirmed: "gold",
  enterprise_confirmed: "cyan",
  paid: "green",
  declined: "default",
  withdrawn: "default",
};
export function AwardStatusTag({ status }: { status: AwardStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`policy.statuses.${status}`)}</Tag>;
}

export const wan6 = (fen: number) => formatFenAsWanYuan(fen, 2);

/** The steps the caller may take on one award (the server says which in `permissions`). */
export function AwardActions({ a }: { a: AwardItem }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const step = useAwardStep();
  const pay = usePayAward();
  const [reasonFor, setReasonFor] = useState<"withdraw" | "decline" | null>(null);
  const [paying, setPaying] = useState<string | null>(null); // the idempotency key of this payment dialog
  const [form] = Form.useForm<{ reason?: string } & Pick<PaymentBody, "amountWan" | "voucherNo">>();
  const run = async (args: AwardStepArgs) => {
    try {
      await step.mutateAsync(args);
      void message.success(t("policy.sweep.done"));
      setReasonFor(null);
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const confirm = (s: "district-confirm" | "enterprise-confirm") =>
    run({ id: a.id, step: s, version: a.version });
  const p = a.permissions;
  return (
    <Space size={4} wrap>
      {p.districtConfirm ? (
        <Popconfirm
          title={t("policy.sweep.confirmTitle", { amount: wan6(a.amountFen) })}
          onConfirm={() => void confirm("district-confirm")}
        >
          <Button size="small" type="primary" data-testid={`award-confirm-${a.id}`}>
            {t("policy.sweep.confirm")}
          </Button>
        </Popconfirm>
      ) : null}
      {p.enterpriseConfirm ? (
        <Popconfirm title={t("policy.tab.intentTitle")} onConfirm={() => void confirm("enterprise-confirm")}>
          <Button size="small" type="primary" data-testid={`award-intent-${a.id}`}>
            {t("policy.tab.intent")}
          </Button>
        </Popconfirm>
      ) : null}
      {p.pay ? (
        <Button
          size="small"
          type="primary"
          data-testid={`award-pay-${a.id}`}
          onClick={() => {
            form.resetFields();
            setPaying(crypto.randomUUID());
          }}
        >
          {t("policy.sweep.pay")}
        </Button>
      ) : null}
      {p.withdraw ? (
        <Button size="small" onClick={() => setReasonFor("withdraw")}>
          {t("policy.sweep.withdraw")}
        </Button>
      ) : null}
      {p.decline ? (
        <Button size="small" danger onClick={() => setReasonFor("decline")}>
          {t("policy.tab.decline")}
        </Button>
      ) : null}
      <Modal
        open={reasonFor !== null}
        title={reasonFor === "decline" ? t("policy.tab.decline") : t("policy.sweep.withdraw")}
        onCancel={() => setReasonFor(null)}
        confirmLoading={step.isPending}
        onOk={() => {
          const reason = String(form.getFieldValue("reason") ?? "").trim();
          if (reasonFor) void run({ id: a.id, step: reasonFor, version: a.version, reason: reason || "—" });
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t("policy.sweep.reason")}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={paying !== null}
        title={`${t("policy.sweep.payTitle")} · ${a.enterpriseName}`}
        onCancel={() => setPaying(null)}
        confirmLoading={pay.isPending}
        okButtonProps={{ id: "pay-submit" }}
        onOk={async () => {
          if (!paying) return;
          const { amountWan, voucherNo } = form.getFieldsValue();
          try {
            // The same dialog keeps its key: a retry after a timeout cannot pay twice.
            const r = await pay.mutateAsync({ id: a.id, idempotencyKey: paying, amountWan, voucherNo });
            void message.success(r.created ? t("policy.sweep.paidOk") : t("policy.sweep.repeated"));
            setPaying(null);
          } catch (e) {
            void message.error(errorMessage(e));
          }
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="amountWan" label={t("policy.sweep.payAmount")}>
            <Input placeholder={wan6(a.amountFen - a.paidFen)} />
          </Form.Item>
          <Form.Item name="voucherNo" label={t("policy.sweep.voucher")}>
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
