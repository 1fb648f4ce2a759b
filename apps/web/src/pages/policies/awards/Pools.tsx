import { Button, Card, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type BudgetPool, useBudgetPools } from "../../../api/policies";
import { useCurrentUser } from "../../../auth/context";
import { DetailTable } from "../../../components/DetailTable";
import { wan6 } from "../components";
import { PoolModal } from "./PoolModal";

/** 预算池（本年度）: total, reserved, paid and available per pool; the city sets up and adjusts them. */
export function Pools() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
  const pools = useBudgetPools(year);
  const [editing, setEditing] = useState<BudgetPool | null | undefined>(undefined);
  const city = me.role === "city_admin";
  const amount = (fen: number) => t("policy.units.wanAmount", { amount: wan6(fen) });
  return (
    <Card
      title={`${t("policy.sweep.pools")} ${year}`}
      size="small"
      extra={
        city ? (
          <Button size="small" onClick={() => setEditing(null)}>
            {t("policy.sweep.poolCreate")}
          </Button>
        ) : null
      }
    >
      {editing !== undefined ? (
        <PoolModal pool={editing} year={year} onClose={() => setEditing(undefined)} />
      ) : null}
      <DetailTable<BudgetPool>
        rowKey="id"
        loading={pools.isFetching}
        dataSource={pools.data ?? []}
        locale={{ emptyText: t("policy.sweep.noPools") }}
        data-testid="pools"
        columns={[
          { title: t("policy.sweep.poolName"), dataIndex: "name" },
          {
            title: t("policy.sweep.poolTotal"),
            dataIndex: "totalFen",
            render: (_v, p) => amount(p.totalFen),
          },
          {
            title: t("policy.sweep.poolReserved"),
            dataIndex: "reservedFen",
            render: (_v, p) => amount(p.reservedFen),
          },
          {
            title: t("policy.sweep.poolPaid"),
            dataIndex: "paidFen",
            render: (_v, p) => amount(p.paidFen),
          },
          {
            title: t("policy.sweep.poolAvailable"),
            dataIndex: "availableFen",
            render: (_v, p) => <Typography.Text strong>{amount(p.availableFen)}</Typography.Text>,
          },
          ...(city
            ? [
                {
                  title: "",
                  key: "edit",
                  width: 80,
                  render: (_: unknown, p: BudgetPool) => (
                    <Button size="small" type="link" onClick={() => setEditing(p)}>
                      {t("policy.sweep.poolEdit")}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
