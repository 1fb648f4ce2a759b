import { expectedValue } from "@dxcenter/domain";
import { Empty } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { CockpitCard } from "../../../api/indicators";
import Chart, { type ChartOption } from "../../../charts/Chart";
import { formatFigure, MUTED, periodLabel, roundTo } from "../format";

/**
 * The chosen indicator over its last 12 closed periods (the stored snapshots), with the values its
 * target trajectory expects for those periods as a dashed line — for the city, and for a district
 * only when the indicator measures districts against the same trajectory (a rate); a city total has
 * no district path (待设定), so none is drawn.
 */
export function TrendChart({ card, district }: { card: CockpitCard; district: boolean }) {
  const { t } = useTranslation();
  const { indicator, sparkline } = card;
  const option = useMemo((): ChartOption => {
    const path =
      district && !indicator.districtTargets
        ? []
        : sparkline.map((p) => expectedValue(indicator.trajectory, p.period));
    const show = (v: unknown) => (typeof v === "number" ? formatFigure(v, indicator) : "—");
    return {
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", valueFormatter: show },
      legend: { top: 0 },
      xAxis: { type: "category", data: sparkline.map((p) => periodLabel(p.period, t)) },
      yAxis: {
        type: "value",
        scale: true,
        axisLabel: { formatter: (v: number) => formatFigure(v, { ...indicator, decimals: 0 }) },
      },
      series: [
        {
          type: "line",
          name: indicator.name,
          data: sparkline.map((p) => (p.value === null ? null : roundTo(p.value, indicator.decimals))),
          connectNulls: false,
          lineStyle: { width: 2, color: "#1658b8" },
          itemStyle: { color: "#1658b8" },
        },
        ...(path.every((v) => v === null)
          ? []
          : [
              {
                type: "line" as const,
                name: t("cockpit.trend.expected"),
                data: path.map((v) => (v === null ? null : roundTo(v, indicator.decimals))),
                symbol: "none",
                lineStyle: { type: "dashed" as const, color: "#d46b08" },
                itemStyle: { color: "#d46b08" },
              },
            ]),
      ],
    };
  }, [indicator, sparkline, district, t]);
  if (!sparkline.some((p) => p.value !== null))
    return (
      <Empty description={<span style={MUTED}>{t("cockpit.trend.empty")}</span>} data-testid="trend-empty" />
    );
  return (
    <Chart
      option={option}
      ariaLabel={t("cockpit.trend.title", { name: indicator.name })}
      style={{ height: 300 }}
    />
  );
}
