import { Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { CockpitCard } from "../../../api/indicators";
import Chart, { type ChartOption } from "../../../charts/Chart";
import { formatFigure, MUTED, periodLabel, roundTo } from "../format";

/** The last 12 closed periods of a card as a small line (gaps where a period has no figure). */
export function Sparkline({ card }: { card: CockpitCard }) {
  const { t } = useTranslation();
  const { indicator, sparkline } = card;
  const known = sparkline.some((p) => p.value !== null);
  const option = useMemo((): ChartOption => {
    const show = (v: unknown) => (typeof v === "number" ? formatFigure(v, indicator) : "—");
    return {
      grid: { left: 2, right: 2, top: 4, bottom: 4 },
      tooltip: { trigger: "axis", valueFormatter: show, confine: true },
      xAxis: { type: "category", show: false, data: sparkline.map((p) => periodLabel(p.period, t)) },
      yAxis: { type: "value", show: false, scale: true },
      series: [
        {
          type: "line",
          name: indicator.name,
          data: sparkline.map((p) => (p.value === null ? null : roundTo(p.value, indicator.decimals))),
          symbol: "none",
          lineStyle: { width: 2, color: "#1658b8" },
          areaStyle: { color: "rgba(22, 88, 184, 0.12)" },
        },
      ],
    };
  }, [indicator, sparkline, t]);
  if (!known)
    return (
      <Typography.Text style={{ ...MUTED, display: "block", height: 44, lineHeight: "44px" }}>
        {t("cockpit.card.noHistory")}
      </Typography.Text>
    );
  return (
    <Chart
      option={option}
      ariaLabel={t("cockpit.card.sparkline", { name: indicator.name })}
      style={{ height: 44 }}
    />
  );
}
