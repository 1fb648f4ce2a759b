import {
  ACCUMULATIONS,
  CITY_AGGREGATES,
  FORMULA_IDS,
  FREQUENCIES,
  INDICATOR_DIRECTIONS,
  INDICATOR_KINDS,
  isPeriodKey,
  OWNER_KINDS,
  REPORTED_BY,
  TRAJECTORY_STATUSES,
  validateIndicator,
} from "@dxcenter/domain";
import { z } from "zod";
import { districtCodeFilter, PageQuery, pageOf, QueryBool } from "./common";

/**
 * 监测分析预警: the indicator catalogue (versioned data files packages/db/indicators/*.json, checked
 * by IndicatorDefinition, which runs the domain's validateIndicator last) and the 驾驶舱 API.
 * Values are numbers in the indicator's unit (stored as NUMERIC); null means unknown — 暂无数据 for
 * a value, 待设定 for a target — and is never replaced by an invented number.
 */

const Year = z.number().int().min(2000).max(2100);
const Point = z.strictObject({
  year: Year,
  /** null = not set yet (待设定). */
  value: z.number().nullable(),
});

export const PeriodKey = z
  .string()
  .trim()
  .refine(isPeriodKey, "统计期格式不正确（应为 2026-11、2026-Q4 或 2026）")
  .meta({ description: "统计期：月度 2026-11、季度 2026-Q4、年度 2026", examples: ["2026-11"] });

export const MonthKey = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "统计月份格式应为 2026-11")
  .meta({ description: "统计月份，如 2026-11", examples: ["2026-11"] });

const IndicatorFields = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "id 只能用小写字母、数字和连字符")
    .max(80),
  version: z.string().regex(/^\d+$/, 'version 应为数字文本，如 "1"'),
  name: z.string().min(2).max(60),
  /** 口径 */
  definition: z.string().min(10).max(1000),
  unit: z.string().min(1).max(10),
  decimals: z.number().int().min(0).max(4),
  kind: z.enum(INDICATOR_KINDS),
  formula: z.enum(FORMULA_IDS).nullable(),
  source: z.strictObject({
    text: z.string().min(4).max(500),
    citation: z
      .string()
      .regex(/^[a-z0-9-]+\.txt:\d+$/, "citation 应为 种子文件名.txt:行号")
      .nullable(),
    /** Verbatim words of the cited line (a test checks them against packages/db/policies/sources). */
    quote: z.string().min(2).max(300).nullable(),
  }),
  owner: z.strictObject({ kind: z.enum(OWNER_KINDS), name: z.string().min(2).max(60) }),
  frequency: z.enum(FREQUENCIES),
  direction: z.enum(INDICATOR_DIRECTIONS),
  trajectory: z.strictObject({
    accumulation: z.enum(ACCUMULATIONS),
    base: Point.nullable(),
    milestones: z.array(Point).max(20),
    target: Point.nullable(),
  }),
  thresholds: z.strictObject({
    alertGap: z.number().nullable(),
    excellenceMargin: z.number().nullable(),
  }),
  districtTargets: z.boolean(),
  /**
   * 填报 settings of a reported indicator (optional; defaults: reported by its owner, due 10 days after
   * the period, a change of more than 30 % needs a note, range 0–100 for "%" else ≥ 0).
   */
  reporting: z
    .strictObject({
      reportedBy: z.enum(REPORTED_BY).optional(),
      cityAggregate: z.enum(CITY_AGGREGATES).optional(),
      dueDays: z.number().int().min(0).max(120).optional(),
      jumpPercent: z.number().min(0).max(1000).optional(),
      min: z.number().nullable().optional(),
      max: z.number().nullable().optional(),
    })
    .optional(),
  notes: z.array(z.string().min(2).max(500)).max(10),
});

/** One indicator data file (schema + the domain's semantic rules). */
export const IndicatorDefinition = IndicatorFields.superRefine((def, ctx) => {
  for (const message of validateIndicator(def))
    ctx.addIssue({ code: "custom", message, path: [message.split("：")[0] ?? ""] });
});
export type IndicatorDefinition = z.infer<typeof IndicatorDefinition>;

/** An indicator as the catalogue answers it (the current version of its file). */
export const Indicator = IndicatorFields;
export type Indicator = z.infer<typeof Indicator>;

export const TrajectoryStatusSchema = z.enum(TRAJECTORY_STATUSES);
const UnknownReason = z.enum(["no_value", "no_target"]);

/** Scope of a figure: the whole city or one district (GB/T 2260 code). */
export const Scope = z
  .string()
  .regex(/^(city|\d{6})$/)
  .meta({ description: "统计范围：city（全市）或区划代码" });

/** A stored figure of a closed period. Rows are never changed: a correction is a new version. */
export const IndicatorSnapshot = z.object({
  id: z.uuid(),
  indicatorId: z.string(),
  indicatorVersion: z.string(),
  period: z.string(),
  scope: Scope,
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  computedAt: z.iso.datetime({ offset: true }),
  /** The rollup that computed it (formula@version), "correction" or "demo-backfill". */
  sourceVersion: z.string(),
  version: z.number().int(),
  correctionReason: z.string().nullable(),
  correctsId: z.uuid().nullable(),
  createdByName: z.string().nullable(),
});
export type IndicatorSnapshot = z.infer<typeof IndicatorSnapshot>;

const Figure = z.object({
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** snapshot: the stored figure of a closed period; live: computed now (period not closed); none. */
  origin: z.enum(["snapshot", "live", "none"]),
  snapshotId: z.uuid().nullable(),
  snapshotVersion: z.number().int().nullable(),
  computedAt: z.iso.datetime({ offset: true }).nullable(),
});

export const CockpitQuery = z.object({
  /** The month the 驾驶舱 shows (default: the last month that has ended, Asia/Shanghai). */
  period: MonthKey.optional(),
  /** A district's figures (district_admin: only its own; default: its own, or the city). */
  district: districtCodeFilter("区划代码应为6位数字"),
});

export const CockpitCard = z.object({
  indicator: Indicator,
  /** The indicator's own period as of the chosen month (a quarterly one shows the last ended quarter). */
  period: z.string(),
  figure: Figure,
  /** The city's figure for comparison when the card is a district's. */
  city: Figure.nullable(),
  expected: z.number().nullable(),
  status: TrajectoryStatusSchema,
  excellent: z.boolean(),
  shortfall: z.number().nullable(),
  unknownReason: UnknownReason.nullable(),
  /** The last 12 periods of stored snapshots (latest version each), oldest first; null = not closed. */
  sparkline: z.array(z.object({ period: z.string(), value: z.number().nullable() })),
});
export type CockpitCard = z.infer<typeof CockpitCard>;

export const Cockpit = z.object({
  period: z.string(),
  scope: Scope,
  scopeName: z.string(),
  cards: z.array(CockpitCard),
});
export type Cockpit = z.infer<typeof Cockpit>;

export const DistrictValuesQuery = z.object({
  indicator: z.string().min(1).max(80),
  period: MonthKey.optional(),
});

export const DistrictValue = z.object({
  districtCode: z.string(),
  districtName: z.string(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** 1 = best in the direction of the indicator; null without a value. */
  rank: z.number().int().nullable(),
  status: TrajectoryStatusSchema,
});

export const DistrictValues = z.object({
  indicator: Indicator,
  period: z.string(),
  origin: z.enum(["snapshot", "live", "none"]),
  city: z.number().nullable(),
  expected: z.number().nullable(),
  /** Every district (city); a district administrator gets its own row only. */
  items: z.array(DistrictValue),
});
export type DistrictValues = z.infer<typeof DistrictValues>;

export const PeriodParam = z.object({ period: PeriodKey });

export const ClosePeriodResult = z.object({
  period: z.string(),
  /** Snapshots stored by this call. */
  stored: z.number().int(),
  /** Indicator × scope figures already closed for the period (left as they were). */
  existing: z.number().int(),
  /** The indicator periods the call closed (a December month also closes the quarter and the year). */
  periods: z.array(z.object({ indicatorId: z.string(), period: z.string() })),
});
export type ClosePeriodResult = z.infer<typeof ClosePeriodResult>;

export const CorrectionRequest = z.object({
  value: z.number().nullable(),
  numerator: z.number().nullable().optional(),
  denominator: z.number().nullable().optional(),
  reason: z.string().trim().min(4, "更正原因至少4个字").max(500),
});

export const SnapshotListQuery = z.object({
  indicator: z.string().min(1).max(80),
  scope: Scope.optional(),
  period: PeriodKey.optional(),
});

/** What a row of a drill-down list stands for (the web links it to that record's page). */
export const DRILL_SUBJECTS = ["enterprise", "assessment", "diagnosis", "award", "project"] as const;
export const DRILL_SORTS = ["name", "date", "amount"] as const;

export const DrillQuery = PageQuery.extend({
  indicator: z.string().min(1).max(80),
  /** The month whose figure is drilled (default: the last ended month, as on the 驾驶舱). */
  period: MonthKey.optional(),
  /** A district's list (district_admin: only its own, and it is the default); absent = the whole city. */
  district: districtCodeFilter("区划代码应为6位数字"),
  /** For rates: only the rows counted in the numerator (true) or only those not counted (false). */
  counted: QueryBool,
  q: z.string().trim().max(100).optional(),
  sort: z.enum(DRILL_SORTS).optional(),
  order: z.enum(["asc", "desc"]).optional(),
});

export const DrillItem = z.object({
  /** Unique per row (a payment, an assessment, an enterprise …). */
  rowId: z.uuid(),
  subject: z.enum(DRILL_SUBJECTS),
  /** The record the row links to (for a payment: its award). */
  subjectId: z.uuid(),
  /** The record's name: the enterprise, the project, the policy or the instrument. */
  name: z.string(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  /** Counted in the numerator (rates: meets the condition; other shapes: always true). */
  counted: z.boolean(),
  /** What the row adds to the numerator: 1 for counts and rates, the value for averages, 分 for money. */
  contribution: z.number(),
  /** The dated fact that put the row in the window (submitted, closed, confirmed, paid, started …). */
  date: z.string().nullable(),
  /** A short fact for the row (an assessment level, the rate …), in Chinese. */
  fact: z.string().nullable(),
});
export type DrillItem = z.infer<typeof DrillItem>;

export const Drill = pageOf(DrillItem).extend({
  indicator: Indicator,
  /**
   * How rows make the figure: rate (counted / rows × 100), average (of contributions), count (rows),
   * money (sum of contributions in 分, shown in the indicator's unit).
   */
  shape: z.enum(["rate", "average", "count", "money"]),
  /** What every row of this indicator's list stands for. */
  subject: z.enum(DRILL_SUBJECTS),
  /** Whether rows carry a date (registry facts have none). */
  dated: z.boolean(),
  /** The period whose figure was drilled. */
  period: z.string(),
  scope: Scope,
  scopeName: z.string(),
  /** The figure shown on the 驾驶舱 for that period and scope. */
  figure: Figure,
  /**
   * period: the list is the figure's own rows (the period is not closed: exact match);
   * today: the period is closed into a snapshot, so the list is today's rows under the same definition.
   */
  basis: z.enum(["period", "today"]),
  /** The window the list was computed for (the period itself, or today's running period). */
  listPeriod: z.string(),
  /** Totals of the whole list (before search and the counted filter): they give the list's figure. */
  summary: z.object({
    rows: z.number().int(),
    counted: z.number().int(),
    numerator: z.number(),
    denominator: z.number().nullable(),
    value: z.number().nullable(),
  }),
});
export type Drill = z.infer<typeof Drill>;
