import { Alert, Progress, Skeleton, Space, Table, Tag, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { type BenchmarkGroup, type BenchmarkItem, useEnterpriseBenchmark } from "../../../api/benchmark";
import { QueryError } from "../../../components/QueryError";
import { wan } from "../../../utils/format";

/** A number of the item's unit as text (money in 万元, scores and rates to one decimal). */
function figure(item: BenchmarkItem, value: number, t: TFunction): string {
  const rounded = Math.round(value * 10) / 10;
  switch (item.unit) {
    case "fen":
      return t("benchmark.wan", { value: wan(Math.round(value)) });
    case "%":
      return t("common.percent", { value: rounded });
    case "分":
      return t("benchmark.score", { value: rounded });
    default:
      return t("benchmark.count", { value: rounded });
  }
}

function OwnValue({ item }: { item: BenchmarkItem }) {
  const { t } = useTranslation();
  if (item.kind === "yesno")
    return item.has === null ? (
      <Typography.Text type="secondary">{t("common.unknown")}</Typography.Text>
    ) : (
      <Tag color={item.has ? "green" : undefined}>{item.has ? t("common.yes") : t("common.no")}</Tag>
    );
  if (item.value === null)
    return <Typography.Text type="secondary">{t("benchmark.noValue")}</Typography.Text>;
  return (
    <Space size={4} wrap>
      <Typography.Text strong>{figure(item, item.value, t)}</Typography.Text>
      {item.levelName ? <Tag color="blue">{item.levelName}</Tag> : null}
    </Space>
  );
}

/** One comparison group: the percentile bar (numbers) or the share having it (yes/no), or why not shown. */
function GroupCell({
  item,
  group,
  above,
}: {
  item: BenchmarkItem;
  group: BenchmarkGroup;
  above: "benchmark.aboveDistrict" | "benchmark.aboveIndustry";
}) {
  const { t } = useTranslation();
  if (!group.shown)
    return (
      <Typography.Text type="secondary" data-testid="benchmark-hidden">
        {t("benchmark.hidden")}
      </Typography.Text>
    );
  const bar = item.kind === "yesno" ? group.share : group.percentile;
  // Without its own value the enterprise has no rank: only the group's median and size.
  const label =
    item.kind === "yesno"
      ? t("benchmark.share", { value: group.share ?? 0 })
      : group.percentile === null
        ? null
        : t(above, { value: group.percentile });
  const details = [
    group.median === null ? null : t("benchmark.median", { value: figure(item, group.median, t) }),
    t("benchmark.size", { size: group.size }),
  ].filter((x) => x !== null);
  return (
    <div style={{ minWidth: 200 }}>
      {label === null ? null : <Typography.Text>{label}</Typography.Text>}
      {bar === null ? null : <Progress percent={bar} showInfo={false} size="small" />}
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {details.join(" · ")}
        </Typography.Text>
      </div>
    </div>
  );
}

/**
 * 我的指标 (the enterprise's own view) / 指标对比 (the bureaus'): each indicator's own value against its
 * district and industry — percentile or share, median and group size; a group under 5 is not shown.
 */
export function BenchmarkTab({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const q = useEnterpriseBenchmark(enterpriseId);
  if (q.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const b = q.data;
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="enterprise-benchmark">
      <Alert
        type="info"
        showIcon
        title={t("benchmark.intro", { district: b.districtName, industry: b.industryName })}
      />
      <Table<BenchmarkItem>
        rowKey="key"
        pagination={false}
        size="middle"
        scroll={{ x: 760 }}
        dataSource={b.items}
        columns={[
          {
            key: "name",
            title: t("benchmark.indicator"),
            render: (_, i) => t(`benchmark.fact.${i.key}`),
            width: 200,
          },
          { key: "own", title: t("benchmark.own"), render: (_, i) => <OwnValue item={i} />, width: 160 },
          {
            key: "district",
            title: t("benchmark.district", { name: b.districtName }),
            render: (_, i) => <GroupCell item={i} group={i.district} above="benchmark.aboveDistrict" />,
          },
          {
            key: "industry",
            title: t("benchmark.industry", { name: b.industryName }),
            render: (_, i) => <GroupCell item={i} group={i.industry} above="benchmark.aboveIndustry" />,
          },
        ]}
      />
    </Space>
  );
}
