import { Alert, Empty, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useLadder } from "../../api/tiers";
import { QueryError } from "../../components/QueryError";
import { STATE_COLOR } from "./listSpecs";

/** 企业详情的梯度 tab: per programme the level held (validity, 复核 date) and what the next level needs. */
export function LadderTab({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const q = useLadder(enterpriseId);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const rows = (q.data?.programmes ?? []).filter((p) => p.family !== "external" || p.held !== null);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {q.data && <Alert type="info" showIcon message={t("tiers.ladder.asOf", { d: q.data.asOf })} />}
      <Table
        size="small"
        loading={q.isLoading}
        rowKey="programmeId"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: <Empty /> }}
        data-testid="ladder-table"
        columns={[
          { title: t("tiers.certificates.programme"), dataIndex: "programmeName", width: 220 },
          {
            title: t("tiers.ladder.held"),
            width: 300,
            render: (_, p) =>
              p.held ? (
                <Space wrap>
                  <strong>{p.held.levelName}</strong>
                  <Tag color={STATE_COLOR[p.held.state]}>
                    {t(`tiers.certificates.states.${p.held.state}`)}
                  </Tag>
                  <Typography.Text type="secondary">
                    {p.held.until ? t("tiers.ladder.until", { d: p.held.until }) : t("tiers.ladder.noEnd")}
                  </Typography.Text>
                </Space>
              ) : (
                <Typography.Text type="secondary">{t("tiers.ladder.notHeld")}</Typography.Text>
              ),
          },
          {
            title: t("tiers.ladder.next"),
            render: (_, p) =>
              p.next ? (
                <Space direction="vertical" size={2}>
                  <Space>
                    <strong>{p.next.levelName}</strong>
                    <Tag color={p.next.eligible ? "green" : "orange"}>
                      {p.next.eligible ? t("tiers.ladder.eligible") : t("tiers.ladder.notEligible")}
                    </Tag>
                  </Space>
                  {p.next.findings
                    .filter((f) => f.outcome !== "pass")
                    .map((f) => (
                      <Typography.Text key={f.message} type={f.confirmed ? "danger" : "secondary"}>
                        {f.message}
                        {!f.confirmed && t("tiers.applications.unconfirmedRule")}
                      </Typography.Text>
                    ))}
                </Space>
              ) : (
                t("tiers.ladder.top")
              ),
          },
        ]}
      />
    </Space>
  );
}
