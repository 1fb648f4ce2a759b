import type { Frequency } from "./period";
import type { ReportingSettings } from "./report";
import type { IndicatorDirection, Thresholds, Trajectory } from "./trajectory";

/**
 * An indicator definition (监测指标): versioned data in packages/db/indicators/*.json, validated by
 * the IndicatorDefinition schema in packages/contracts. `computed` indicators name a rollup (an SQL
 * statement over the platform's own tables, one per formula id in the server); `reported` ones are
 * figures the platform does not own (统计局's 技改投资…), entered per period by their owner.
 */

export const INDICATOR_KINDS = ["computed", "reported"] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export const INDICATOR_KIND_LABELS: Record<IndicatorKind, string> = {
  computed: "平台计算",
  reported: "填报",
};

export const OWNER_KINDS = ["city", "department", "district"] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

export interface IndicatorOwner {
  kind: OwnerKind;
  /** The organisation's name (市工业和信息化局, 市统计局…); a department account owns it by organisation. */
  name: string;
}

/**
 * The rollups the platform computes. Each is one SQL statement per scope (city, every district)
 * in the server's indicators module; a value is numerator / denominator × scale when it is a rate.
 */
export const FORMULA_IDS = [
  "rd_tools_rate",
  "nc_rate_avg",
  "cloud_adopted",
  "diagnosis_coverage_5y",
  "assessments_submitted",
  "assessments_level2_plus",
  "subsidy_reserved",
  "subsidy_paid",
  "projects_in_progress",
  "projects_completed",
  "project_investment_completed",
  "provider_services",
] as const;
export type FormulaId = (typeof FORMULA_IDS)[number];

export interface Source {
  /** Where the target or the figure comes from, in words (document, clause). */
  text: string;
  /** The seed file and line the target is quoted from (shared/seeds/<file>:<line>), when it is one. */
  citation: string | null;
  /** The cited line's own words (verbatim). */
  quote: string | null;
}

export interface IndicatorDefinition {
  id: string;
  version: string;
  name: string;
  /** 口径: what exactly is counted, in Chinese. */
  definition: string;
  unit: string;
  /** Decimal places shown and stored for a value. */
  decimals: number;
  kind: IndicatorKind;
  /** For computed indicators: the rollup; null for reported ones. */
  formula: FormulaId | null;
  source: Source;
  owner: IndicatorOwner;
  frequency: Frequency;
  direction: IndicatorDirection;
  trajectory: Trajectory;
  thresholds: Thresholds;
  /**
   * Whether a district is measured against the same trajectory (rates such as 普及率: yes; city
   * totals such as 1,500亿元 or 100 smart factories a year: no, a district's target is 待设定).
   */
  districtTargets: boolean;
  /** 填报 settings (reported indicators only; see report.ts for the defaults). */
  reporting?: ReportingSettings | undefined;
  /** Visible notes: what is unconfirmed, what 待设定 means for this indicator. */
  notes: readonly string[];
}

/** Semantic checks beyond the schema; each message in Chinese names the field. */
export function validateIndicator(d: IndicatorDefinition): string[] {
  const errors: string[] = [];
  if (d.kind === "computed" && d.formula === null) errors.push("formula：平台计算指标须指定计算公式");
  if (d.kind === "reported" && d.formula !== null) errors.push("formula：填报指标不应指定计算公式");
  if (d.kind === "computed" && d.reporting !== undefined) errors.push("reporting：平台计算指标不设填报规则");
  if (d.reporting?.reportedBy === "districts" && d.reporting.cityAggregate === undefined)
    errors.push("reporting.cityAggregate：由各区填报的指标须写明全市数如何汇总（sum 或 average）");
  const { min, max } = d.reporting ?? {};
  if (typeof min === "number" && typeof max === "number" && min > max)
    errors.push("reporting.min：下限不能大于上限");
  const years = [d.trajectory.base, ...d.trajectory.milestones, d.trajectory.target]
    .filter((p) => p !== null)
    .map((p) => p.year);
  for (let i = 1; i < years.length; i++)
    if (years[i]! <= years[i - 1]!) errors.push("trajectory：基期、里程碑与最终目标的年份须严格递增");
  const { alertGap, excellenceMargin } = d.thresholds;
  if (alertGap !== null && !(alertGap > 0 && alertGap <= 1))
    errors.push("thresholds.alertGap：须在 0 与 1 之间");
  if (excellenceMargin !== null && !(excellenceMargin > 0))
    errors.push("thresholds.excellenceMargin：须大于 0");
  return errors;
}
