import { z } from "zod";
import { enterpriseFields, searchText, sortParams } from "./common";

/**
 * 成效分析 (re-assessment impact): T0/T1 per enterprise, cohorts per district / diagnosing provider,
 * and diagnosis coverage of 规上 enterprises against the city's multi-year target.
 */

// ---------------------------------------------------------------------------------------------
// The coverage target as data (packages/db/targets/diagnosis-coverage.json)

export const COVERAGE_SCOPES = ["aboveScale"] as const;

export const CoverageTargetFile = z
  .object({
    startYear: z
      .number({ error: "startYear（起始年度）应为整数年份" })
      .int("startYear（起始年度）应为整数年份")
      .min(2000, "startYear（起始年度）不应早于 2000 年")
      .max(2100, "startYear（起始年度）不应晚于 2100 年"),
    years: z
      .number({ error: "years（目标年限）应为整数" })
      .int("years（目标年限）应为整数")
      .min(1, "years（目标年限）至少 1 年")
      .max(30, "years（目标年限）不超过 30 年"),
    scope: z.enum(COVERAGE_SCOPES, { error: "scope（覆盖范围）目前只能为 aboveScale（规上工业企业）" }),
    source: z.string({ error: "source（目标出处）必填" }).trim().min(1, "source（目标出处）必填"),
    note: z.string().optional(),
  })
  .strict();
export type CoverageTargetFile = z.infer<typeof CoverageTargetFile>;

// ---------------------------------------------------------------------------------------------
// One enterprise: T0 / T1

const Num = z.number();

export const ImpactEnterpriseQuery = z.object({
  /** Default: the instrument of the enterprise's latest submitted assessment. */
  instrumentId: z.string().trim().min(1).max(100).optional(),
  /** Assessment id used as T0 (default: the first submitted one). */
  a: z.uuid().optional(),
  /** Assessment id used as T1 (default: the latest submitted one). */
  b: z.uuid().optional(),
});

export const ImpactAssessment = z.object({
  id: z.uuid(),
  /** self = 自评估, onsite = 现场评定 */
  kind: z.enum(["self", "onsite"]),
  instrumentVersion: z.string(),
  submittedAt: z.string(),
  total: Num,
  maxTotal: Num,
  level: z.number().int(),
  levelName: z.string(),
});
export type ImpactAssessment = z.infer<typeof ImpactAssessment>;

const DeltaChange = z.object({ t0: Num, t1: Num, delta: Num });
const changeSet = <T extends z.ZodType>(item: T) =>
  z.object({ improved: z.array(item), declined: z.array(item), unchanged: z.number().int() });

/** Mirrors ScoreComparison in packages/domain/src/assessment/compare.ts. */
export const ScoreComparisonSchema = z.object({
  instrumentId: z.string(),
  t0Version: z.string(),
  t1Version: z.string(),
  total: DeltaChange.extend({ max: Num }),
  level: z.object({
    from: z.number().int(),
    fromName: z.string(),
    to: z.number().int(),
    toName: z.string(),
    direction: z.enum(["up", "same", "down"]),
    steps: z.number().int(),
  }),
  dimensions: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      t0: Num.nullable(),
      t1: Num.nullable(),
      delta: Num,
      max: Num,
    }),
  ),
  scenes: changeSet(
    z.object({
      questionId: z.string(),
      name: z.string(),
      constrained: z.boolean(),
      t0: Num,
      t1: Num,
      delta: Num,
      maxLevel: Num,
    }),
  ),
  requirements: changeSet(
    z.object({
      questionId: z.string(),
      title: z.string(),
      kind: z.string(),
      dimensionId: z.string(),
      t0: Num,
      t1: Num,
      delta: Num,
      maxPoints: Num,
    }),
  ),
  maturityScore: DeltaChange.optional(),
});
export type ScoreComparisonDto = z.infer<typeof ScoreComparisonSchema>;

export const EnterpriseImpact = z.object({
  ...enterpriseFields(),
  /** Instruments this enterprise has submitted assessments of, with how many. */
  instruments: z.array(
    z.object({ instrumentId: z.string(), instrumentName: z.string(), submitted: z.number().int() }),
  ),
  /** The chosen instrument (null when the enterprise has no submitted assessment). */
  instrumentId: z.string().nullable(),
  instrumentName: z.string().nullable(),
  /** Submitted assessments of that instrument, self and on-site, oldest first. */
  assessments: z.array(ImpactAssessment),
  t0Id: z.uuid().nullable(),
  t1Id: z.uuid().nullable(),
  /** null with fewer than two submitted assessments. */
  comparison: ScoreComparisonSchema.nullable(),
});
export type EnterpriseImpact = z.infer<typeof EnterpriseImpact>;

// ---------------------------------------------------------------------------------------------
// Cohorts

export const COHORT_GROUP_BY = ["district", "provider"] as const;
export const COHORT_SORTS = ["name", "n", "avgT0", "avgT1", "avgDelta", "leveledUpShare"] as const;

const DateOnly = z.iso.date({ error: "日期格式应为 YYYY-MM-DD" });

export const CohortQuery = z
  .object({
    instrumentId: z
      .string({ error: "请选择评估量表" })
      .trim()
      .min(1, "请选择评估量表")
      .max(100)
      .default("miit-2024-manufacturing"),
    groupBy: z
      .enum(COHORT_GROUP_BY, { error: "分组方式应为 district（按区）或 provider（按服务商）" })
      .default("district"),
    /** Window of submission days (Asia/Shanghai), inclusive. */
    from: DateOnly.optional(),
    to: DateOnly.optional(),
    /** Search in the group name (district or provider). */
    q: searchText(),
    ...sortParams(COHORT_SORTS, "name", "asc"),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: "开始日期不能晚于结束日期", path: ["from"] });

export const CohortDimension = z.object({ id: z.string(), name: z.string(), max: Num });

export const CohortGroup = z.object({
  /** District code or provider organisation; null for the overall row. */
  key: z.string().nullable(),
  name: z.string(),
  /** Enterprises with ≥ 2 submitted assessments in the window (T0 = first, T1 = latest). */
  n: z.number().int(),
  avgT0: Num,
  avgT1: Num,
  avgDelta: Num,
  leveledUp: z.number().int(),
  leveledDown: z.number().int(),
  /** leveledUp / n, 0..1. */
  leveledUpShare: Num,
  /** Average T1 − T0 per dimension, in the order of `dimensions`. */
  dimensions: z.array(z.object({ id: z.string(), avgDelta: Num })),
});
export type CohortGroup = z.infer<typeof CohortGroup>;

export const CohortResponse = z.object({
  instrumentId: z.string(),
  instrumentName: z.string(),
  groupBy: z.enum(COHORT_GROUP_BY),
  from: z.string().nullable(),
  to: z.string().nullable(),
  dimensions: z.array(CohortDimension),
  groups: z.array(CohortGroup),
  /** All enterprises in the caller's scope (each counted once, also when it has several providers). */
  overall: CohortGroup,
});
export type CohortResponse = z.infer<typeof CohortResponse>;

// ---------------------------------------------------------------------------------------------
// Coverage

export const COVERAGE_SORTS = ["district", "aboveScale", "diagnosed", "rate", "gap"] as const;

export const CoverageQuery = z.object({
  /** Default: the current year in Asia/Shanghai. */
  year: z.coerce
    .number({ error: "年度应为整数年份" })
    .int("年度应为整数年份")
    .min(2000, "年度不应早于 2000 年")
    .max(2100, "年度不应晚于 2100 年")
    .optional(),
  q: searchText(),
  ...sortParams(COVERAGE_SORTS, "district", "asc"),
});

export const CoverageRow = z.object({
  districtCode: z.string().nullable(),
  districtName: z.string(),
  /** 规上 enterprises (current status in the registry). */
  aboveScale: z.number().int(),
  /** Of them, diagnosed before the campaign started (before 1 January of startYear). */
  baseline: z.number().int(),
  /** Of them, diagnosed by the end of the year. */
  diagnosed: z.number().int(),
  /** Of them, first diagnosed during the year. */
  diagnosedInYear: z.number().int(),
  /** Cumulative target for the year. */
  target: z.number().int(),
  /** diagnosed / aboveScale (0..1). */
  rate: Num,
  /** target / aboveScale (0..1). */
  targetRate: Num,
  gap: z.number().int(),
  onTrack: z.boolean(),
});
export type CoverageRow = z.infer<typeof CoverageRow>;

export const CoverageResponse = z.object({
  year: z.number().int(),
  plan: z.object({
    startYear: z.number().int(),
    years: z.number().int(),
    endYear: z.number().int(),
    scope: z.enum(COVERAGE_SCOPES),
    source: z.string(),
    note: z.string().nullable(),
  }),
  rows: z.array(CoverageRow),
  /** City total; null for district staff (they see only their own district). */
  city: CoverageRow.nullable(),
});
export type CoverageResponse = z.infer<typeof CoverageResponse>;
