import type { TrajectoryStatus } from "@dxcenter/domain";
import type { TFunction } from "i18next";
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

/** Tag colours of the trajectory statuses: green, orange, red, grey. */
export const STATUS_COLORS: Record<TrajectoryStatus, string> = {
  on_track: "green",
  behind: "orange",
  alert: "red",
  unknown: "default",
};

/** Series colours of the same statuses (charts, ranking marks). */
export const STATUS_HEX: Record<TrajectoryStatus, string> = {
  on_track: "#389e0d",
  behind: "#d46b08",
  alert: "#cf1322",
  unknown: "#8c8c8c",
};
