import { Card, Space, Tooltip, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CockpitCard, CockpitFigure } from "../../../api/indicators";
import { formatDateTime } from "../../../utils/format";
import { formatFigure, MUTED, periodLabel, STATUS_TAG_STYLE } from "../format";
import { Sparkline } from "./Sparkline";
import { StatusTag } from "./StatusTag";

/**
 * One indicator: its figure for the period, what the trajectory expects now, the status and the
 * shortfall, the last 12 closed periods, where the figure comes from (a closed period's stored
 * snapshot, or the open period's provisional figure and its time), and on a district's card the city's figure beside it.
 */
export function KpiCard({
  card,
  selected,
  onSelect,
  drillTo,
}: {
  card: CockpitCard;
  selected: boolean;
  onSelect: () => void;
  /** The list behind the figure (computed indicators only). */
  drillTo?: string;
}) {
  const { t } = useTranslation();
  const { indicator, figure } = card;
  const target = indicator.trajectory.target;
  return (
    <Card
      size="small"
      data-testid="kpi-card"
      data-indicator={indicator.id}
      hoverable
      onClick={onSelect}
      style={{ height: "100%", borderColor: selected ? "#1658b8" : undefined }}
      styles={{ body: { display: "flex", flexDirection: "column", gap: 4 } }}
    >
      <Space align="start" style={{ justifyContent: "space-between", width: "100%" }}>
        <Tooltip title={indicator.definition}>
          <Typography.Text strong data-testid="kpi-name">
            {indicator.name}
          </Typography.Text>
        </Tooltip>
        <StatusTag status={card.status} unknownReason={card.unknownReason} excellent={card.excellent} />
      </Space>
      <Typography.Text style={{ ...MUTED, fontSize: 12 }}>
        {t("cockpit.card.periodOf", { period: periodLabel(card.period, t) })}
      </Typography.Text>
      <div data-testid="kpi-value" style={{ fontSize: 26, fontWeight: 600, lineHeight: 1.3 }}>
        {figure.value === null ? (
          <Typography.Text style={{ ...MUTED, fontSize: 20 }}>
            {t("cockpit.unknownReason.no_value")}
          </Typography.Text>
        ) : (
          formatFigure(figure.value, indicator)
        )}
      </div>
      <Typography.Text style={{ fontSize: 13 }}>
        {t("cockpit.card.expected")}：
        {card.expected === null
          ? t("cockpit.unknownReason.no_target")
          : formatFigure(card.expected, indicator)}
        {card.shortfall !== null && card.shortfall !== 0 ? (
          <Typography.Text
            style={{
              marginInlineStart: 8,
              color: STATUS_TAG_STYLE[card.shortfall > 0 ? "alert" : "on_track"].color,
            }}
          >
            {card.shortfall > 0 ? t("cockpit.card.shortfall") : t("cockpit.card.ahead")}{" "}
            {formatFigure(Math.abs(card.shortfall), indicator)}
          </Typography.Text>
        ) : null}
      </Typography.Text>
      <Typography.Text style={{ ...MUTED, fontSize: 12 }}>
        {target?.value !== null && target?.value !== undefined
          ? `${t("cockpit.card.target", { year: target.year })}：${formatFigure(target.value, indicator)}`
          : t("cockpit.card.targetUnset")}
      </Typography.Text>
      {card.city ? <CityFigure city={card.city} card={card} /> : null}
      <Sparkline card={card} />
      <Space style={{ justifyContent: "space-between", width: "100%" }}>
        <Typography.Text style={{ ...MUTED, fontSize: 12 }} data-testid="kpi-origin">
          {originText(figure, t)}
        </Typography.Text>
        {drillTo ? (
          <Link
            to={drillTo}
            onClick={(e) => e.stopPropagation()}
            aria-label={t("cockpit.drill.openTitle", { name: indicator.name })}
            data-testid="kpi-drill"
            style={{ fontSize: 12, color: "#1658b8" }}
          >
            {t("cockpit.drill.open")}
          </Link>
        ) : null}
      </Space>
    </Card>
  );
}

function CityFigure({ city, card }: { city: CockpitFigure; card: CockpitCard }) {
  const { t } = useTranslation();
  return (
    <Typography.Text style={{ fontSize: 13 }} data-testid="kpi-city">
      {t("cockpit.card.city")}：
      {city.value === null ? t("cockpit.unknownReason.no_value") : formatFigure(city.value, card.indicator)}
    </Typography.Text>
  );
}

function originText(figure: CockpitFigure, t: TFunction): string {
  if (figure.origin === "none") return t("cockpit.card.origin.none");
  const time = formatDateTime(figure.computedAt).slice(0, 16);
  if (figure.origin === "live") return t("cockpit.card.origin.live", { time });
  return figure.snapshotVersion !== null && figure.snapshotVersion > 1
    ? t("cockpit.card.origin.snapshotCorrected", { version: figure.snapshotVersion, time })
    : t("cockpit.card.origin.snapshot", { time });
}
