/**
 * Report charts as inline SVG, rendered on the server by ECharts (no browser, no JavaScript in the
 * report). Deterministic: the same data always gives the same SVG.
 */
import * as echarts from "echarts";

export const FONT_STACK = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif';

const BLUE = "#1658b8";
const ORANGE = "#d4380d";
const GREY = "#8c8c8c";

type Option = echarts.EChartsOption;

export function renderSvg(option: Option, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT_STACK }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const pct = (points: number, max: number) => (max > 0 ? Math.round((points / max) * 1000) / 10 : 0);
const pts = (n: number) => String(Math.round(n * 1000) / 1000);

export interface ScoredPart {
  readonly name: string;
  readonly points: number;
  readonly maxPoints: number;
}

/** Dimension score rates (%) as a radar; a second series (e.g. the self-assessment) is optional. */
export function radarSvg(
  parts: readonly ScoredPart[],
  opts: { seriesName: string; compare?: { name: string; parts: readonly ScoredPart[] } } = {
    seriesName: "得分率（%）",
  },
): string {
  const withPoints = parts.filter((p) => p.maxPoints > 0);
  // A radar needs three axes; fewer dimensions are shown as bars instead.
  if (withPoints.length < 3) return rateBarSvg(withPoints, opts.seriesName);
  const data = [
    {
      name: opts.seriesName,
      value: withPoints.map((p) => pct(p.points, p.maxPoints)),
      areaStyle: { opacity: 0.25 },
      itemStyle: { color: BLUE },
      lineStyle: { color: BLUE },
      label: { show: true, color: BLUE, fontSize: 11 },
    },
  ];
  if (opts.compare) {
    const byName = new Map(opts.compare.parts.map((p) => [p.name, p]));
    data.unshift({
      name: opts.compare.name,
      value: withPoints.map((p) => {
        const c = byName.get(p.name);
        return c ? pct(c.points, c.maxPoints) : 0;
      }),
      areaStyle: { opacity: 0.08 },
      itemStyle: { color: GREY },
      lineStyle: { color: GREY },
      label: { show: false, color: GREY, fontSize: 11 },
    });
  }
  return renderSvg(
    {
      legend: opts.compare ? { bottom: 0, data: data.map((d) => d.name) } : undefined,
      radar: {
        indicator: withPoints.map((p) => ({
          name: `${p.name}\n${pts(p.points)}/${pts(p.maxPoints)} 分`,
          max: 100,
        })),
        radius: "66%",
        center: ["50%", opts.compare ? "48%" : "52%"],
        axisName: { color: "#333", fontSize: 12 },
      },
      series: [{ type: "radar", data }],
    },
    560,
    360,
  );
}

/** Horizontal bars of score rates (%), e.g. sub-dimensions of an instrument without scenes. */
export function rateBarSvg(parts: readonly ScoredPart[], seriesName = "得分率（%）"): string {
  const height = Math.max(160, parts.length * 24 + 56);
  return renderSvg(
    {
      grid: { left: 8, right: 96, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: "value", min: 0, max: 100, name: "%", axisLabel: { fontSize: 10 } },
      yAxis: {
        type: "category",
        inverse: true,
        data: parts.map((p) => p.name),
        axisLabel: { fontSize: 11, color: "#333", width: 220, overflow: "truncate" },
      },
      series: [
        {
          type: "bar",
          name: seriesName,
          barMaxWidth: 16,
          itemStyle: { color: BLUE },
          label: {
            show: true,
            position: "right",
            fontSize: 10,
            formatter: (p: { dataIndex: number }) => {
              const part = parts[p.dataIndex]!;
              return `${pct(part.points, part.maxPoints)}%（${pts(part.points)}/${pts(part.maxPoints)}）`;
            },
          },
          data: parts.map((p) => pct(p.points, p.maxPoints)),
        },
      ],
    },
    680,
    height,
  );
}

export interface SceneBar {
  readonly name: string;
  readonly level: number;
  readonly maxLevel: number;
  readonly constrained: boolean;
}

/** Scene levels as horizontal bars; constrained scenes in orange, guiding scenes in blue. */
export function sceneBarSvg(scenes: readonly SceneBar[]): string {
  const maxLevel = Math.max(1, ...scenes.map((s) => s.maxLevel));
  return renderSvg(
    {
      grid: { left: 8, right: 40, top: 24, bottom: 8, containLabel: true },
      xAxis: {
        type: "value",
        min: 0,
        max: maxLevel,
        interval: 1,
        name: "等级",
        axisLabel: { fontSize: 10 },
      },
      yAxis: {
        type: "category",
        inverse: true,
        data: scenes.map((s) => s.name),
        axisLabel: { fontSize: 11, color: "#333", width: 240, overflow: "truncate" },
      },
      series: [
        {
          type: "bar",
          name: "场景等级",
          barMaxWidth: 16,
          label: { show: true, position: "right", fontSize: 10 },
          data: scenes.map((s) => ({ value: s.level, itemStyle: { color: s.constrained ? ORANGE : BLUE } })),
        },
      ],
    },
    680,
    Math.max(160, scenes.length * 24 + 56),
  );
}

/** Two series of score rates side by side (企业自评 vs 现场评定). */
export function compareBarSvg(
  names: readonly string[],
  a: { name: string; rates: readonly number[] },
  b: { name: string; rates: readonly number[] },
): string {
  return renderSvg(
    {
      legend: { top: 0, data: [a.name, b.name] },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: "category",
        data: [...names],
        axisLabel: { fontSize: 11, color: "#333", interval: 0 },
      },
      yAxis: {
        type: "value",
        min: 0,
        max: 100,
        name: "得分率（%）",
        nameTextStyle: { align: "left" },
        axisLabel: { fontSize: 10 },
      },
      series: [
        {
          type: "bar",
          name: a.name,
          barMaxWidth: 28,
          itemStyle: { color: GREY },
          label: { show: true, position: "top", fontSize: 10 },
          data: [...a.rates],
        },
        {
          type: "bar",
          name: b.name,
          barMaxWidth: 28,
          itemStyle: { color: BLUE },
          label: { show: true, position: "top", fontSize: 10 },
          data: [...b.rates],
        },
      ],
    },
    680,
    280,
  );
}

export { pct as scoreRate };
