import {
  Breadcrumb,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { type CockpitCard, type CockpitParams, useCockpit, useRefreshCockpit } from "../../api/indicators";
import { useCurrentUser } from "../../auth/context";
import { QueryError } from "../../components/QueryError";
import { formatDateTime } from "../../utils/format";
import { WarningCountsCard } from "../warnings/components/WarningCountsCard";
import { DistrictSection } from "./components/DistrictSection";
import { KpiCard } from "./components/KpiCard";
import { TrendChart } from "./components/TrendChart";
import { drillPath, MUTED, periodLabel, STATUS_TAG_STYLE } from "./format";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DISTRICT = /^\d{6}$/;

/**
 * 驾驶舱 (issue 13): the governed indicators against their targets for a month — the city's, or one
 * district's next to the city's figures. The city view adds the district map and ranking of a chosen
 * indicator; a click there opens the district (?district=CODE, a breadcrumb leads back to 全市).
 * A district administrator always sees its own district (the server scopes it too). Month, district
 * and chosen indicator live in the URL, so reload and back keep them.
 */
export default function CockpitPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [sp, setSp] = useSearchParams();
  const ownDistrictOnly = me.role === "district_admin";
  const periodParam = sp.get("period");
  const districtParam = sp.get("district");
  const period = periodParam && MONTH.test(periodParam) ? periodParam : undefined;
  const district =
    !ownDistrictOnly && districtParam && DISTRICT.test(districtParam) ? districtParam : undefined;
  const cockpit = useCockpit({ period, district });
  const data = cockpit.data;
  const cards = data?.cards ?? [];
  const chosenId = sp.get("indicator");
  const chosen: CockpitCard | undefined =
    cards.find((c) => c.indicator.id === chosenId) ??
    cards.find((c) => c.indicator.kind === "computed") ??
    cards[0];

  const update = (changes: Record<string, string | null>) =>
    setSp((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) next.delete(k);
        else next.set(k, v);
      }
      return next;
    });

  const isCity = data?.scope === "city";
  const title = !data
    ? t("cockpit.nav")
    : isCity
      ? t("cockpit.titleCity")
      : t("cockpit.titleDistrict", { name: data.scopeName });

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small">
        {data && !isCity && !ownDistrictOnly ? (
          <Breadcrumb
            data-testid="cockpit-breadcrumb"
            items={[
              {
                title: (
                  <Typography.Link
                    data-testid="cockpit-back-city"
                    style={{ color: "#1658b8" }}
                    onClick={() => update({ district: null })}
                  >
                    {t("cockpit.city")}
                  </Typography.Link>
                ),
              },
              { title: data.scopeName },
            ]}
          />
        ) : null}
        <Space wrap align="center" style={{ justifyContent: "space-between", width: "100%" }}>
          <Typography.Title level={1} style={{ margin: 0, fontSize: 24 }} data-testid="cockpit-title">
            {title}
          </Typography.Title>
          <Space wrap>
            <Typography.Text id="cockpit-period-label">{t("cockpit.period")}</Typography.Text>
            <DatePicker
              picker="month"
              allowClear={false}
              aria-labelledby="cockpit-period-label"
              data-testid="cockpit-period"
              format={t("cockpit.monthFormat")}
              value={data ? dayjs(`${data.period}-01`) : period ? dayjs(`${period}-01`) : null}
              disabledDate={(d) => d.isAfter(dayjs(), "month")}
              onChange={(d) => d && update({ period: d.format("YYYY-MM") })}
            />
          </Space>
        </Space>
        {data && cards.length > 0 ? <StatusSummary cards={cards} /> : null}
        {data ? (
          <LiveNote
            cards={cards}
            period={data.period}
            params={{ period, district }}
            canRefresh={me.role === "city_admin"}
          />
        ) : null}
      </Card>

      <WarningCountsCard />

      {cockpit.isError ? <QueryError error={cockpit.error} onRetry={() => void cockpit.refetch()} /> : null}
      {cockpit.isPending ? <Skeleton active paragraph={{ rows: 10 }} /> : null}
      {data && cards.length === 0 ? (
        <Empty description={<span style={MUTED}>{t("cockpit.noCards")}</span>} />
      ) : null}

      {data && chosen ? (
        <>
          <Row
            gutter={[16, 16]}
            data-testid="kpi-cards"
            style={{ opacity: cockpit.isPlaceholderData ? 0.6 : 1 }}
          >
            {cards.map((c) => (
              <Col key={c.indicator.id} xs={24} sm={12} lg={8} xxl={6}>
                <KpiCard
                  card={c}
                  selected={c.indicator.id === chosen.indicator.id}
                  onSelect={() => update({ indicator: c.indicator.id })}
                  drillTo={
                    c.indicator.kind === "computed"
                      ? drillPath(c.indicator.id, data.period, isCity ? undefined : data.scope)
                      : undefined
                  }
                />
              </Col>
            ))}
          </Row>
          {isCity && !ownDistrictOnly ? (
            <DistrictSection
              cards={cards}
              chosen={chosen}
              period={data.period}
              onChoose={(id) => update({ indicator: id })}
              onOpenDistrict={(code) => update({ district: code })}
            />
          ) : null}
          <Card title={t("cockpit.trend.title", { name: chosen.indicator.name })}>
            <TrendChart card={chosen} district={!isCity} />
          </Card>
        </>
      ) : null}
    </Space>
  );
}

/**
 * A month not closed shows provisional figures: when they were computed ("数据截至", the oldest of the
 * cards), that they refresh on their own, and for the city a 刷新 that recomputes them now.
 */
function LiveNote({
  cards,
  period,
  params,
  canRefresh,
}: {
  cards: CockpitCard[];
  period: string;
  params: CockpitParams;
  canRefresh: boolean;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshCockpit(params);
  const times = cards.flatMap((c) =>
    c.figure.origin === "live" && c.figure.computedAt ? [c.figure.computedAt] : [],
  );
  if (times.length === 0) return null;
  const oldest = times.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
  const time = formatDateTime(oldest).slice(0, 16);
  return (
    <Space wrap style={{ marginTop: 8 }} data-testid="cockpit-live-note">
      <Typography.Text style={MUTED}>
        {t("cockpit.live.note", { period: periodLabel(period, t), time })}
      </Typography.Text>
      {canRefresh ? (
        <Button
          size="small"
          loading={refresh.isPending}
          onClick={() => refresh.mutate()}
          data-testid="cockpit-refresh"
        >
          {t("cockpit.live.refresh")}
        </Button>
      ) : null}
      {refresh.isError ? <QueryError error={refresh.error} /> : null}
    </Space>
  );
}

/** How many indicators are 预警 / 滞后 / 达标 / not rated this month: what is slipping, at a glance. */
function StatusSummary({ cards }: { cards: CockpitCard[] }) {
  const { t } = useTranslation();
  // The three judged statuses, then why the others are not judged (待设定, 暂无数据).
  const groups = [
    ...(["alert", "behind", "on_track"] as const).map((s) => ({
      key: s,
      label: t(`cockpit.status.${s}`),
      style: STATUS_TAG_STYLE[s],
      count: cards.filter((c) => c.status === s).length,
    })),
    ...(["no_target", "no_value"] as const).map((r) => ({
      key: r,
      label: t(`cockpit.unknownReason.${r}`),
      style: STATUS_TAG_STYLE.unknown,
      count: cards.filter((c) => c.status === "unknown" && c.unknownReason === r).length,
    })),
  ];
  return (
    <Space wrap style={{ marginTop: 8 }} data-testid="cockpit-summary">
      <Typography.Text style={MUTED}>{t("cockpit.summary")}</Typography.Text>
      {groups.map((g) => (
        <Tag key={g.key} style={g.style}>
          {t("cockpit.summaryCount", { label: g.label, count: g.count })}
        </Tag>
      ))}
    </Space>
  );
}
