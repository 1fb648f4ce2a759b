import type { TrajectoryStatus } from "@dxcenter/domain";
import type { TFunction } from "i18next";
import type { CSSProperties } from "react";
import type { Indicator } from "../../api/indicators";

/** A figure in the indicator's unit and decimals, with thousands separators ("1,500.0亿元", "92.5%"). */
export function formatNumber(value: number, decimals: number): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function formatFigure(value: number, indicator: Pick<Indicator, "unit" | "decimals">): string {
  return `${formatNumber(value, indicator.decimals)}${indicator.unit}`;
}

/** Rounded to the indicator's decimals (chart data: what a label shows is what the axis holds). */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** "2026-11" → 2026年11月, "2026-Q4" → 2026年第4季度, "2026" → 2026年 (English in en). */
export function periodLabel(key: string, t: TFunction): string {
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return t("cockpit.periodMonth", { year: m[1], month: Number(m[2]) });
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return t("cockpit.periodQuarter", { year: m[1], quarter: m[2] });
  return /^\d{4}$/.test(key) ? t("cockpit.periodYear", { year: key }) : key;
}

/**
 * Tag colours of the trajectory statuses — green, orange, red, grey — dark enough on their light
 * backgrounds for WCAG AA (antd's preset tags are not: axe reported them).
 */
export const STATUS_TAG_STYLE: Record<TrajectoryStatus, CSSProperties> = {
  on_track: { color: "#135200", background: "#f6ffed", borderColor: "#95de64" },
  behind: { color: "#873800", background: "#fff7e6", borderColor: "#ffc069" },
  alert: { color: "#a8071a", background: "#fff1f0", borderColor: "#ff7875" },
  unknown: { color: "#434343", background: "#f5f5f5", borderColor: "#bfbfbf" },
};

/** Secondary text that keeps AA contrast on white (antd's secondary grey does not). */
export const MUTED: CSSProperties = { color: "rgba(0, 0, 0, 0.65)" };

/** The 指标下钻 page of one indicator's figure for a month, in the city (no district) or a district. */
export function drillPath(indicatorId: string, period: string, district?: string): string {
  const q = new URLSearchParams({ indicator: indicatorId, period });
  if (district) q.set("district", district);
  return `/cockpit/drill?${q.toString()}`;
}
