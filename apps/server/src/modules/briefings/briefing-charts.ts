/**
 * The briefing's charts as inline SVG rendered on the server by ECharts (the report module's
 * renderer: svg + ssr, no browser, no script in the document). Deterministic for the same data.
 */
import { renderSvg } from "../reports/report-charts";
import type { DistrictRanking, TrendSeries } from "./briefing-model";

const BLUE = "#1658b8";
const GREY = "#8c8c8c";
const round = (v: number | null, decimals: number) =>
  v === null ? null : Math.round(v * 10 ** decimals) / 10 ** decimals;

/** One indicator's last 12 months (city) against its trajectory's expected value. */
export function trendSvg(s: TrendSeries): string {
  return renderSvg(
    {
      title: {
        text: `${s.name}（${s.unit}）`,
        left: 0,
        top: 0,
        textStyle: { fontSize: 12, fontWeight: "normal" },
      },
      legend: { bottom: 0, data: ["全市", "目标路径"], textStyle: { fontSize: 10 } },
      grid: { left: 8, right: 12, top: 30, bottom: 26, containLabel: true },
      xAxis: {
        type: "category",
        data: s.points.map((p) => p.period.slice(2)),
        axisLabel: { fontSize: 9, interval: 0 },
      },
      yAxis: { type: "value", scale: true, axisLabel: { fontSize: 9 } },
      series: [
        {
          name: "全市",
          type: "line",
          data: s.points.map((p) => round(p.value, s.decimals)),
          connectNulls: false,
          itemStyle: { color: BLUE },
          lineStyle: { color: BLUE, width: 2 },
          label: { show: true, fontSize: 8, position: "top" },
        },
        {
          name: "目标路径",
          type: "line",
          data: s.points.map((p) => round(p.expected, s.decimals)),
          symbol: "none",
          itemStyle: { color: GREY },
          lineStyle: { color: GREY, type: "dashed", width: 1 },
        },
      ],
    },
    340,
    220,
  );
}

/** The districts' values of the first ranked indicator, best first. */
export function districtBarSvg(r: DistrictRanking, column = 0): string | null {
  const ind = r.indicators[column];
  if (!ind) return null;
  const rows = r.rows
    .map((x) => ({
      name: x.name,
      value: x.cells[column]?.value ?? null,
      rank: x.cells[column]?.rank ?? null,
    }))
    .filter((x) => x.value !== null)
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  if (rows.length === 0) return null;
  return renderSvg(
    {
      title: {
        text: `各区${ind.name}（${ind.unit}）`,
        left: 0,
        top: 0,
        textStyle: { fontSize: 12, fontWeight: "normal" },
      },
      grid: { left: 8, right: 48, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: "value", axisLabel: { fontSize: 9 } },
      yAxis: {
        type: "category",
        inverse: true,
        data: rows.map((x) => x.name),
        axisLabel: { fontSize: 10, color: "#333" },
      },
      series: [
        {
          type: "bar",
          barMaxWidth: 14,
          itemStyle: { color: BLUE },
          label: { show: true, position: "right", fontSize: 9 },
          data: rows.map((x) => round(x.value, ind.decimals)),
        },
      ],
    },
    680,
    Math.max(180, rows.length * 20 + 50),
  );
}
