import { Button, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type ProjectDetail, usePayTranche } from "../../../api/projects";
import { DetailTable } from "../../../components/DetailTable";
import { formatDateTime, wan } from "../../../utils/format";
import { useRun } from "./useRun";

type Tranche = ProjectDetail["tranches"][number];

/** 分期拨付: the tranche plan, what is paid, and 拨付 for the tranche that may be paid now. */
export function Tranches({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  const run = useRun();
  const pay = usePayTranche(p.id);
  // One key per tranche and page view: a double click or a retry after a timeout pays once.
  const [keys] = useState(() => new Map<number, string>());
  const keyOf = (n: number) => {
    const known = keys.get(n);
    if (known) return known;
    const key = `${p.id}-t${n}-${crypto.randomUUID()}`;
    keys.set(n, key);
    return key;
  };
  if (!p.tranches.length)
    return <Typography.Text type="secondary">{t("project.detail.none")}</Typography.Text>;
  return (
    <DetailTable<Tranche>
      rowKey="tranche"
      dataSource={p.tranches}
      data-testid="project-tranches"
      columns={[
        { title: "#", dataIndex: "tranche", width: 50 },
        {
          title: t("project.detail.milestone"),
          dataIndex: "milestone",
          width: 120,
          render: (_v, r) => t(`project.trancheMilestones.${r.milestone}`),
        },
        {
          title: t("project.units.wan"),
          dataIndex: "amountFen",
          width: 120,
          align: "right",
          render: (_v, r) => wan(r.amountFen),
        },
        {
          title: "",
          key: "state",
          render: (_v, r) =>
            r.paid ? (
              <Tag color="green" data-testid="tranche-paid">
                {t("project.detail.paidNote", { at: formatDateTime(r.paid.paidAt), by: r.paid.paidByName })}
                {r.paid.voucherNo ? ` · ${r.paid.voucherNo}` : ""}
              </Tag>
            ) : r.payable && p.permissions.pay ? (
              <Button
                size="small"
                type="primary"
                loading={pay.isPending}
                data-testid={`tranche-pay-${r.tranche}`}
                onClick={() =>
                  void run(() => pay.mutateAsync({ tranche: r.tranche, idempotencyKey: keyOf(r.tranche) }))
                }
              >
                {t("project.detail.pay")}
              </Button>
            ) : (
              <Typography.Text type="secondary">{r.blockedReason ?? ""}</Typography.Text>
            ),
        },
      ]}
    />
  );
}
