import { Empty, List, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAwardList } from "../../api/policies";
import { useCurrentUser } from "../../auth/context";
import { QueryError } from "../../components/QueryError";
import { formatDateTime } from "../../utils/format";
import { AwardActions, AwardStatusTag, wan6 } from "./components";

/** 政策兑现 tab of an enterprise: its awards with 意愿确认, and a way to the calculator. */
export function EnterprisePolicyTab({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const list = useAwardList({ enterpriseId, pageSize: 50, sort: "identifiedAt", order: "desc" });
  const calcLink =
    me.role === "enterprise" ? "/policy-calculator" : `/policy-calculator?enterpriseId=${enterpriseId}`;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const items = list.data?.items ?? [];
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Link to={calcLink}>{t("policy.tab.calculator")}</Link>
      {items.length === 0 && !list.isFetching ? (
        <Empty description={t("policy.tab.empty")} data-testid="policy-tab-empty" />
      ) : (
        <List
          loading={list.isFetching}
          dataSource={items}
          data-testid="policy-tab"
          renderItem={(a) => (
            <List.Item actions={[<AwardActions key="a" a={a} />]} data-testid={`policy-award-${a.id}`}>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Link to={`/policies/${a.policyId}`}>{a.policyName}</Link>
                    <AwardStatusTag status={a.status} />
                  </Space>
                }
                description={
                  <Space direction="vertical" size={0}>
                    <Typography.Text>
                      {t("policy.tab.amountShares", {
                        amount: wan6(a.amountFen),
                        shares: a.shares
                          .map((s) =>
                            t("policy.tab.share", { payer: s.payerLabel, amount: wan6(s.amountFen) }),
                          )
                          .join(t("policy.units.listSeparator")),
                      })}
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {formatDateTime(a.districtConfirmedAt ?? a.identifiedAt)}
                      {a.paidFen > 0 ? ` · ${t("policy.sweep.paid")} ${wan6(a.paidFen)}` : ""}
                    </Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
