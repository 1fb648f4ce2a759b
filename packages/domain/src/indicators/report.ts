import { periodEnd, previousPeriod } from "./period";

/**
 * 指标填报 (issue 13 §3): the figures the platform does not own (统计局's 技改投资, 市工信局's smart
 * factories…) are entered per period by their owners as 填报任务, checked here, reviewed by the city.
 * Every rule is pure: the server passes the indicator, the value, the last approved value and today.
 */

export const REPORT_STATES = ["pending", "draft", "submitted", "returned", "approved"] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const REPORT_STATE_LABELS: Record<ReportState, string> = {
  pending: "待填报",
  draft: "草稿",
  submitted: "待审核",
  returned: "已退回",
  approved: "已通过",
};

/** Who a task goes to: a district (its figure), a department (by organisation name), the city itself. */
export const REPORT_OWNER_KINDS = ["district", "department", "city"] as const;
export type ReportOwnerKind = (typeof REPORT_OWNER_KINDS)[number];

/** Who reports a figure: the indicator's owner (one city-wide figure), or every district (one each). */
export const REPORTED_BY = ["owner", "districts"] as const;
export type ReportedBy = (typeof REPORTED_BY)[number];

/** How the city figure of a district-reported indicator is made from the districts' approved values. */
export const CITY_AGGREGATES = ["sum", "average"] as const;
export type CityAggregate = (typeof CITY_AGGREGATES)[number];

export const DEFAULT_DUE_DAYS = 10;
export const DEFAULT_JUMP_PERCENT = 30;

/** An indicator's 填报 settings (optional `reporting` of the data file; every field has a default). */
export interface ReportingSettings {
  reportedBy?: ReportedBy;
  /** For reportedBy "districts": sum (counts, money) or average (rates) of the districts' values. */
  cityAggregate?: CityAggregate;
  /** Days after the period's last day by which the task is due (default 10). */
  dueDays?: number;
  /** A change of more than this per cent against the last approved period needs a note (default 30). */
  jumpPercent?: number;
  /** Lowest allowed value (default 0: growth rates set a negative one). */
  min?: number | null;
  /** Highest allowed value (default 100 for a "%" unit, else none). */
  max?: number | null;
}

export interface ReportedIndicator {
  name: string;
  unit: string;
  decimals: number;
  reporting?: ReportingSettings | undefined;
}

export interface ResolvedReporting {
  reportedBy: ReportedBy;
  cityAggregate: CityAggregate;
  dueDays: number;
  jumpPercent: number;
  min: number | null;
  max: number | null;
}

export function reportingOf(d: ReportedIndicator): ResolvedReporting {
  const r = d.reporting ?? {};
  return {
    reportedBy: r.reportedBy ?? "owner",
    cityAggregate: r.cityAggregate ?? (d.unit === "%" ? "average" : "sum"),
    dueDays: r.dueDays ?? DEFAULT_DUE_DAYS,
    jumpPercent: r.jumpPercent ?? DEFAULT_JUMP_PERCENT,
    min: r.min === undefined ? 0 : r.min,
    max: r.max === undefined ? (d.unit === "%" ? 100 : null) : r.max,
  };
}

/** "YYYY-MM-DD" + n calendar days. */
function addDays(day: string, n: number): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  return new Date(t + n * 86_400_000).toISOString().slice(0, 10);
}

/** The due day of a period's task: `dueDays` after the period's last day (Asia/Shanghai calendar). */
export const reportDueDate = (periodKey: string, dueDays: number): string =>
  addDays(periodEnd(periodKey), dueDays);

/** The Asia/Shanghai calendar day of an instant (UTC+8 all year, no daylight saving). */
export const shanghaiDayOf = (at: Date): string =>
  new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * 逾期: not submitted (pending, draft or returned) and the due day has passed in Asia/Shanghai; on the
 * due day itself the task is still on time. A submitted or approved task is never late.
 */
export function isReportOverdue(task: { status: ReportState; dueDate: string }, now: Date): boolean {
  if (task.status === "submitted" || task.status === "approved") return false;
  return shanghaiDayOf(now) > task.dueDate;
}

/** Days late (0 when on time), for the 填报逾期 warning's severity. */
export function reportDaysLate(task: { status: ReportState; dueDate: string }, now: Date): number {
  if (!isReportOverdue(task, now)) return 0;
  const day = shanghaiDayOf(now);
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${task.dueDate}T00:00:00Z`)) / 86_400_000);
}

/** The period whose approved value a new value is compared with. */
export const jumpBasePeriod = (periodKey: string): string => previousPeriod(periodKey);

export interface ReportIssue {
  field: "value" | "note";
  message: string;
}

const scaled = (v: number, decimals: number): bigint => BigInt(Math.round(v * 10 ** decimals));

/** Decimal places written in a number (1.50 → 1, 2e-3 → 3). */
function decimalPlaces(v: number): number {
  const s = String(v);
  const e = s.match(/e-(\d+)$/);
  if (e) return Number(e[1]) + (s.split("e")[0]!.split(".")[1]?.length ?? 0);
  return s.split(".")[1]?.length ?? 0;
}

/**
 * True when `value` differs from `last` by more than `percent` % of |last| (exactly `percent` % is
 * not a jump). Compared in integers at the indicator's decimals, so 1.3 against 1.0 is exactly 30 %.
 * From a last value of 0 any other value is a jump.
 */
export function isJump(value: number, last: number, percent: number, decimals: number): boolean {
  const v = scaled(value, decimals);
  const l = scaled(last, decimals);
  const diff = v > l ? v - l : l - v;
  const base = l < 0n ? -l : l;
  if (base === 0n) return diff !== 0n;
  // diff / base × 100 > percent ⇔ diff × 100 × 10^4 > percent × 10^4 × base (percent to 4 places).
  return diff * 1_000_000n > BigInt(Math.round(percent * 10_000)) * base;
}

/**
 * The checks of one entered value, each a Chinese sentence naming the indicator and the field:
 * a number, the indicator's decimals, its range, and the jump rule (a note is required when the value
 * moves more than the indicator's jump percent against the last approved period).
 */
export function validateReportValue(
  indicator: ReportedIndicator,
  input: { value: number | null; note: string | null },
  lastApproved: number | null,
): ReportIssue[] {
  const r = reportingOf(indicator);
  const name = `“${indicator.name}”`;
  const { value } = input;
  if (value === null) return [{ field: "value", message: `${name}的填报值不能为空` }];
  if (!Number.isFinite(value)) return [{ field: "value", message: `${name}的填报值应为数字` }];
  const issues: ReportIssue[] = [];
  if (decimalPlaces(value) > indicator.decimals)
    issues.push({
      field: "value",
      message:
        indicator.decimals === 0
          ? `${name}的填报值应为整数`
          : `${name}的填报值最多保留${indicator.decimals}位小数`,
    });
  if (r.min !== null && value < r.min)
    issues.push({ field: "value", message: `${name}的填报值不能小于${r.min}${indicator.unit}` });
  if (r.max !== null && value > r.max)
    issues.push({ field: "value", message: `${name}的填报值不能大于${r.max}${indicator.unit}` });
  if (
    lastApproved !== null &&
    !(input.note ?? "").trim() &&
    isJump(value, lastApproved, r.jumpPercent, indicator.decimals)
  )
    issues.push({
      field: "note",
      message: `${name}较上期审核值（${lastApproved}${indicator.unit}）变动超过${r.jumpPercent}%，请在说明中写明原因`,
    });
  return issues;
}

/** The city figure of a district-reported indicator from the districts' approved values. */
export function cityAggregate(
  values: readonly number[],
  how: CityAggregate,
  decimals: number,
): number | null {
  if (values.length === 0) return null;
  const sum = values.reduce((a, b) => a + b, 0);
  const v = how === "sum" ? sum : sum / values.length;
  return Number(v.toFixed(decimals));
}
