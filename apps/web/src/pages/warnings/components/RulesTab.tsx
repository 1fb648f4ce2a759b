import type { WarningRuleItem } from "@dxcenter/contracts";
import { Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useWarningRules } from "../../../api/warnings";
import { QueryError } from "../../../components/QueryError";
import { LevelTag } from "./LevelTag";

const STATUS_COLOR = { evaluated: "green", disabled: "default", pending: "orange" } as const;

/** The rules as shipped in packages/db/warning-rules (read-only): 待接入 rules are never evaluated. */
export function RulesTab() {
  const { t } = useTranslation();
  const rules = useWarningRules();
  if (rules.isError) return <QueryError error={rules.error} onRetry={() => rules.refetch()} />;
  return (
    <Table<WarningRuleItem>
      rowKey={(r) => r.rule.id}
      loading={rules.isLoading}
      dataSource={rules.data ?? []}
      pagination={false}
      size="small"
      data-testid="warning-rules"
      columns={[
        {
          title: t("warnings.rules.name"),
          render: (_, r) => (
            <>
              <div>{r.rule.name}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.rule.description}
              </Typography.Text>
            </>
          ),
        },
        {
          title: t("warnings.rules.kind"),
          width: 150,
          render: (_, r) => t(`warnings.rules.kinds.${r.rule.kind}`),
        },
        {
          title: t("warnings.rules.params"),
          width: 100,
          render: (_, r) =>
            (["days", "percent", "points"] as const)
              .flatMap((k) => {
                const n = r.rule.params[k];
                return n === undefined ? [] : [t(`warnings.rules.paramText.${k}`, { n })];
              })
              .join("，") || "—",
        },
        {
          title: t("warnings.rules.level"),
          width: 170,
          render: (_, r) => (
            <>
              <LevelTag level={r.rule.level} />
              {r.rule.bands.map((b) => (
                <div key={b.min} style={{ fontSize: 12 }}>
                  {t("warnings.rules.bands", { min: b.min, level: t(`warnings.levels.${b.level}`) })}
                </div>
              ))}
            </>
          ),
        },
        {
          title: t("warnings.rules.owner"),
          width: 160,
          render: (_, r) => t(`warnings.rules.owners.${r.rule.owner}`),
        },
        {
          title: t("warnings.rules.status"),
          width: 90,
          render: (_, r) => (
            <Tag color={STATUS_COLOR[r.status]}>{t(`warnings.rules.statuses.${r.status}`)}</Tag>
          ),
        },
        { title: t("warnings.rules.openCount"), width: 100, dataIndex: "openCount" },
      ]}
    />
  );
}
