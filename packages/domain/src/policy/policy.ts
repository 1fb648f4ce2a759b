/**
 * Policies (政策与专项资金) as versioned data.
 *
 * A policy is a JSON document (packages/db/policies/*.json): who may benefit (conditions over named
 * facts), how much (an amount formula with explicit rounding, caps and a floor), who pays (shares of
 * the amount between central/province/city/district budgets) and which other policies it may not be
 * combined with (不重复享受). The engine (evaluate-policy.ts, evaluate-all.ts) knows no particular
 * policy, so a city corrects a rate, a threshold or its district share by editing data, and an award
 * keeps pointing at the `id`+`version` it was computed with.
 *
 * Money is integer 分 held in a JS `number` that must be a safe integer (≤ 9,007,199,254,740,991 分,
 * about 90 万亿元): the same representation as the rest of the platform (money/yuan.ts, the database's
 * bigint columns read as numbers), so amounts cross the API and JSON files without conversion. The
 * engine multiplies in `bigint` internally, so rate × base never loses a fen even when the product
 * passes 2^53, and rounds once, explicitly, as the policy's `rounding` says.
 *
 * Rates are exact rationals {num, den} (10% = {num: 10, den: 100}); never floats.
 *
 * Dates are Asia/Shanghai calendar dates "YYYY-MM-DD". Every date range in this file is inclusive at
 * both ends (`from` 含, `until` 含), which is how the texts word it ("有效期至2025年12月31日").
 *
 * This file is types only; the fact vocabulary is fact-catalogue.ts, semantic validation is
 * validate-policy.ts, and the zod schema mirroring these types is packages/contracts/src/policy.ts.
 */

/** "YYYY-MM-DD", an Asia/Shanghai calendar date. */
export type CalendarDate = string;

/** An exact non-negative rational. 1.5% = {num: 15, den: 1000} (or {num: 3, den: 200}). */
export interface Ratio {
  readonly num: number;
  readonly den: number;
}

/** A value the policy leaves to a named parameter (see PolicyParameter). */
export interface ParamRef {
  readonly param: string;
}

/** A rate written in place or taken from a parameter of kind "ratio". */
export type RatioOperand = Ratio | ParamRef;
/** An amount in 分 written in place or taken from a parameter of kind "money". */
export type MoneyOperand = number | ParamRef;

export const isParamRef = (v: unknown): v is ParamRef =>
  typeof v === "object" && v !== null && "param" in v && typeof (v as ParamRef).param === "string";

// ---------------------------------------------------------------------------------------------
// Parameters

interface ParameterBase {
  /** Unique within the policy; referenced as {"param": id}. */
  readonly id: string;
  /** Chinese label shown where the value is edited and in explanations, e.g. "区级财政承担比例". */
  readonly label: string;
  /**
   * true: the text leaves this value open ("一定比例", "市区两级共同承担" without a split) and the city
   * decides it. The UI flags such values; the note says what the text does and does not say.
   */
  readonly setByCity: boolean;
  readonly note: string;
}

/**
 * `value: null` means "not set yet": the policy stays valid data, but evaluating it answers
 * status "missing" with the parameter listed, never an invented amount.
 */
export type PolicyParameter =
  | (ParameterBase & { readonly kind: "ratio"; readonly value: Ratio | null })
  | (ParameterBase & { readonly kind: "money"; readonly value: number | null });

export type ParameterKind = PolicyParameter["kind"];

// ---------------------------------------------------------------------------------------------
// Conditions: a small expression language over facts (fact-catalogue.ts)

export type CompareOp = ">=" | ">" | "<=" | "<";

/**
 * Leaves compare one fact; all/any/not combine. Evaluation is three-valued: a leaf whose fact is not
 * provided is "unknown" (never false), `all` fails as soon as one child fails, `any` passes as soon
 * as one passes, and only "known" turns absence into pass/fail.
 *
 * Thresholds are in the fact's own unit: 分 for money facts ("总投资1000万元以上" is
 * {"fact": "totalInvestmentFen", "op": ">=", "value": 1000000000}), whole numbers for counts and
 * levels, "YYYY-MM-DD" for dates.
 */
export type Condition =
  | { readonly op: "all"; readonly of: readonly Condition[] }
  | { readonly op: "any"; readonly of: readonly Condition[] }
  | { readonly op: "not"; readonly of: Condition }
  | { readonly op: CompareOp; readonly fact: string; readonly value: number | string | ParamRef }
  | { readonly op: "="; readonly fact: string; readonly value: number | string | boolean }
  | { readonly op: "in"; readonly fact: string; readonly values: readonly (string | number)[] }
  /** A set fact (e.g. certifications) contains the value. */
  | { readonly op: "includes"; readonly fact: string; readonly value: string }
  /** The fact has been provided (any value). */
  | { readonly op: "known"; readonly fact: string };

export type ConditionOp = Condition["op"];
export type CompareCondition = Extract<Condition, { op: CompareOp }>;
export const COMPARE_OPS: readonly string[] = [">=", ">", "<=", "<"];
export const isCompare = (c: Condition): c is CompareCondition => COMPARE_OPS.includes(c.op);
export type LeafCondition = Exclude<Condition, { op: "all" | "any" | "not" }>;

// ---------------------------------------------------------------------------------------------
// Amount

/**
 * One bracket of a tiered formula: the half-open interval [fromFen, toFen) of the base (含下限、不含
 * 上限); the last bracket may be open (no toFen). Brackets must be contiguous from 0.
 */
export interface TierBracket {
  readonly fromFen: number;
  readonly toFen?: number;
  /** progressive: the rate of the part of the base inside this bracket; bracket: rate of the whole base. */
  readonly rate?: RatioOperand;
  /** bracket mode only: a fixed award for a base inside this bracket (instead of a rate). */
  readonly amountFen?: MoneyOperand;
}

export type AmountFormula =
  /** rate × base, where base is the sum of one or more money facts. */
  | {
      readonly kind: "rate";
      readonly base: readonly string[];
      /** Name of the summed base in explanations, e.g. "先进设备及软硬件工具投资"; defaults to the fact label. */
      readonly baseLabel?: string;
      readonly rate: RatioOperand;
    }
  | { readonly kind: "fixed"; readonly amountFen: MoneyOperand }
  /**
   * An award by level (DCMM 2/3/4/5级): the row with the highest level ≤ the fact's value. A value
   * below every row gives 0 (conditions normally exclude it first).
   */
  | {
      readonly kind: "levelTable";
      readonly fact: string;
      readonly rows: readonly { readonly level: number; readonly amountFen: MoneyOperand }[];
    }
  /**
   * progressive: each part of the base is paid at its bracket's rate (like income tax);
   * bracket: the whole base is paid at the rate (or fixed amount) of the one bracket it falls in.
   */
  | {
      readonly kind: "tiered";
      readonly mode: "progressive" | "bracket";
      readonly base: readonly string[];
      readonly baseLabel?: string;
      readonly brackets: readonly TierBracket[];
    }
  /**
   * Interest subsidy (贴息): principal × annualRate × months / 12. "1.5% 贴息" is annualRate 1.5
   * percentage points per year; the term may be limited by maxMonths.
   */
  | {
      readonly kind: "interestSubsidy";
      readonly principal: string;
      readonly months: string;
      readonly annualRate: RatioOperand;
      readonly maxMonths?: number;
    };

export type AmountFormulaKind = AmountFormula["kind"];

/** 分, 元, 百元, 万元. */
export const ROUNDING_UNITS = [1, 100, 10_000, 1_000_000] as const;
export type RoundingUnit = (typeof ROUNDING_UNITS)[number];

/**
 * Rounding of the formula's exact result, stated in the data because the texts never say it:
 * down ("不足1分的部分舍去", the usual reading of "不超过…"), up, or halfUp (四舍五入), to a unit.
 */
export interface Rounding {
  readonly mode: "down" | "up" | "halfUp";
  readonly unitFen: RoundingUnit;
}

export interface PolicyCaps {
  /** Per award: one project for project policies, one application for enterprise policies ("单个项目最高"). */
  readonly perAwardFen?: MoneyOperand;
  /** Lifetime per enterprise over this policy's awards ("每家企业最高"), prior awards counted. */
  readonly perEnterpriseFen?: MoneyOperand;
  /** Per enterprise per calendar year (of ctx.today) over this policy's awards. */
  readonly perEnterprisePerYearFen?: MoneyOperand;
  /**
   * Other policy ids whose prior awards count against the per-enterprise caps too (e.g. an earlier
   * edition of the same programme under another id). This policy's own id always counts.
   */
  readonly countsAwardsOf?: readonly string[];
}

export interface PolicyAmount {
  readonly formula: AmountFormula;
  readonly rounding: Rounding;
  /** A floor (保底) applied after rounding and before the caps; caps win over it. */
  readonly minFen?: MoneyOperand;
  readonly caps?: PolicyCaps;
  /**
   * What the amount means, e.g. "按文件上限计算（“不超过20%”），评审可在此范围内核定". Shown beside
   * the result so no one mistakes a maximum for a promise.
   */
  readonly note?: string;
}

// ---------------------------------------------------------------------------------------------
// Funding

export const PAYERS = ["central", "province", "city", "district"] as const;
export type Payer = (typeof PAYERS)[number];
export const PAYER_LABELS: Record<Payer, string> = {
  central: "中央财政",
  province: "省级财政",
  city: "市级财政",
  district: "区级财政",
};

/**
 * A payer's share of the amount. Exactly one share is the remainder: it receives whatever the
 * explicit shares leave, including the fen lost when they are rounded down, so the shares always
 * add up to the amount exactly.
 */
export type FundingShare =
  | { readonly payer: Payer; readonly ratio: RatioOperand; readonly budgetPoolId?: string }
  | { readonly payer: Payer; readonly remainder: true; readonly budgetPoolId?: string };

export interface PolicyFunding {
  /** Budget pool the award is reserved from; a share may name its own (a district's pool). */
  readonly budgetPoolId: string;
  readonly shares: readonly FundingShare[];
}

// ---------------------------------------------------------------------------------------------
// The policy

export const POLICY_LEVELS = ["national", "province", "city", "district"] as const;
export type PolicyLevel = (typeof POLICY_LEVELS)[number];
export const POLICY_LEVEL_LABELS: Record<PolicyLevel, string> = {
  national: "国家级",
  province: "省级",
  city: "市级",
  district: "区级",
};

export const BENEFICIARY_KINDS = ["enterprise", "project"] as const;
export type BeneficiaryKind = (typeof BENEFICIARY_KINDS)[number];

export interface PolicySource {
  /** Document the rule comes from, e.g. "天津市推动工业领域设备更新和技术改造行动方案（政务访谈解读）". */
  readonly document: string;
  /** The clause, quoted verbatim from the source text. */
  readonly clause: string;
  /** The sentence that states the validity, quoted verbatim, when the text has one. */
  readonly validityClause?: string;
  readonly issuer?: string;
  /** Date of the source text, if it states one. */
  readonly published?: CalendarDate;
  /** File under shared seeds/ the clause was quoted from. */
  readonly seedFile?: string;
  readonly urls?: readonly string[];
}

/** Both ends inclusive (含); either may be absent (the text does not say). */
export interface PolicyValidity {
  readonly from?: CalendarDate;
  readonly until?: CalendarDate;
}

/** Policies in one group are not granted together for the same beneficiary (不重复享受). */
export interface NonCumulation {
  readonly group: string;
  /** Why these policies are grouped: the text's words, or that it is a reading of the texts. */
  readonly note: string;
}

export interface PolicyDefinition {
  /** Stable slug, e.g. "tj-city-tech-upgrade". */
  readonly id: string;
  /** Bump when any fact that decides eligibility or money changes. Awards store id + version. */
  readonly version: string;
  readonly name: string;
  readonly level: PolicyLevel;
  /** Where it applies, e.g. "天津市". */
  readonly region: string;
  readonly issuer: string;
  readonly beneficiary: BeneficiaryKind;
  readonly source: PolicySource;
  readonly validity: PolicyValidity;
  readonly parameters: readonly PolicyParameter[];
  readonly conditions: Condition;
  readonly amount: PolicyAmount;
  readonly funding: PolicyFunding;
  readonly nonCumulation?: NonCumulation;
  readonly notes?: readonly string[];
  /** Facts in this document the source texts do not confirm. */
  readonly unconfirmed?: readonly string[];
}
