import type * as domain from "@dxcenter/domain";
import { BENEFICIARY_KINDS, PAYERS, POLICY_LEVELS, ROUNDING_UNITS, validatePolicy } from "@dxcenter/domain";
import { z } from "zod";
import { DefinitionId, DefinitionNotes, RequiredText, refineWithValidator } from "./common";

/**
 * Shape of a policy data file (packages/db/policies/*.json) and of the policy engine's results.
 * Shapes only here; the semantic rules (facts exist and are compared with values of their type,
 * parameters exist and are used, brackets contiguous, shares leave a remainder, dates ordered) are
 * the domain's validatePolicy, run as the last refinement so one parse reports both kinds of mistakes
 * in Chinese. Money is integer 分 (safe integers) throughout, rates exact {num, den}.
 */

const DateText = (what: string) =>
  z
    .string({ error: `${what}应为 YYYY-MM-DD 格式的日期` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${what}应为 YYYY-MM-DD 格式的日期`);
const Fen = (what: string) =>
  z
    .number({ error: `${what}应为整数分` })
    .int(`${what}应为整数分`)
    .min(0, `${what}不能为负数`)
    .max(Number.MAX_SAFE_INTEGER, `${what}超出可表示范围`);

export const Ratio = z.object({
  num: z.number({ error: "比例的分子 num 应为整数" }).int("比例的分子 num 应为整数").min(0, "比例不能为负数"),
  den: z
    .number({ error: "比例的分母 den 应为整数" })
    .int("比例的分母 den 应为整数")
    .min(1, "比例的分母 den 应大于 0"),
});
const ParamRef = z.strictObject({ param: DefinitionId });
const RatioOperand = z.union([ParamRef, Ratio], { error: "比例应为 {num, den} 或 {param: 参数编号}" });
const MoneyOperand = (what: string) =>
  z.union([Fen(what), ParamRef], { error: `${what}应为整数分或 {param: 参数编号}` });

const Parameter = z.discriminatedUnion(
  "kind",
  [
    z.object({
      id: DefinitionId,
      label: RequiredText("参数名称"),
      kind: z.literal("ratio"),
      value: Ratio.nullable(),
      setByCity: z.boolean({ error: "setByCity 应为 true 或 false" }),
      note: RequiredText("参数说明"),
    }),
    z.object({
      id: DefinitionId,
      label: RequiredText("参数名称"),
      kind: z.literal("money"),
      value: Fen("参数金额").nullable(),
      setByCity: z.boolean({ error: "setByCity 应为 true 或 false" }),
      note: RequiredText("参数说明"),
    }),
  ],
  { error: "参数类型 kind 应为 ratio 或 money" },
);

const FactId = RequiredText("事实编号");
const Scalar = z.union([z.number(), z.string(), z.boolean()], { error: "取值应为数字、文本或 true/false" });

export const Condition: z.ZodType<domain.Condition> = z.lazy(() =>
  z.discriminatedUnion(
    "op",
    [
      z.object({ op: z.literal("all"), of: z.array(Condition) }),
      z.object({ op: z.literal("any"), of: z.array(Condition) }),
      z.object({ op: z.literal("not"), of: Condition }),
      z.object({
        op: z.enum([">=", ">", "<=", "<"]),
        fact: FactId,
        value: z.union([z.number(), z.string(), ParamRef], {
          error: "门槛应为数字、日期或 {param: 参数编号}",
        }),
      }),
      z.object({ op: z.literal("="), fact: FactId, value: Scalar }),
      z.object({
        op: z.literal("in"),
        fact: FactId,
        values: z.array(z.union([z.string(), z.number()], { error: "取值应为文本或数字" })),
      }),
      z.object({ op: z.literal("includes"), fact: FactId, value: RequiredText("取值") }),
      z.object({ op: z.literal("known"), fact: FactId }),
    ],
    { error: "条件 op 应为 all、any、not、>=、>、<=、<、=、in、includes 或 known" },
  ),
);

const Base = z.array(FactId).min(1, "计算基数至少应有一个金额事实");
const Formula = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("rate"),
      base: Base,
      baseLabel: RequiredText("基数名称").optional(),
      rate: RatioOperand,
    }),
    z.object({ kind: z.literal("fixed"), amountFen: MoneyOperand("定额奖补") }),
    z.object({
      kind: z.literal("levelTable"),
      fact: FactId,
      rows: z.array(
        z.object({ level: z.number().int("等级应为整数"), amountFen: MoneyOperand("等级奖补金额") }),
      ),
    }),
    z.object({
      kind: z.literal("tiered"),
      mode: z.enum(["progressive", "bracket"], {
        error: "分档方式 mode 应为 progressive（累进）或 bracket（按档）",
      }),
      base: Base,
      baseLabel: RequiredText("基数名称").optional(),
      brackets: z.array(
        z.object({
          fromFen: Fen("档位下限"),
          toFen: Fen("档位上限").optional(),
          rate: RatioOperand.optional(),
          amountFen: MoneyOperand("档位定额").optional(),
        }),
      ),
    }),
    z.object({
      kind: z.literal("interestSubsidy"),
      principal: FactId,
      months: FactId,
      annualRate: RatioOperand,
      maxMonths: z.number().int("贴息期限上限应为整数（月）").positive("贴息期限上限应大于 0").optional(),
    }),
  ],
  { error: "计算公式 kind 应为 rate、fixed、levelTable、tiered 或 interestSubsidy" },
);

const Share = z.union(
  [
    z.strictObject({ payer: z.enum(PAYERS), ratio: RatioOperand, budgetPoolId: DefinitionId.optional() }),
    z.strictObject({
      payer: z.enum(PAYERS),
      remainder: z.literal(true),
      budgetPoolId: DefinitionId.optional(),
    }),
  ],
  {
    error:
      "出资方应为 {payer, ratio} 或 {payer, remainder: true}（承担其余部分），payer 为 central、province、city 或 district",
  },
);

export const PolicyDefinition = z
  .object({
    id: DefinitionId,
    version: RequiredText("版本号"),
    name: RequiredText("政策名称"),
    level: z.enum(POLICY_LEVELS, { error: "政策层级 level 应为 national、province、city 或 district" }),
    region: RequiredText("适用地区"),
    issuer: RequiredText("发文机关"),
    beneficiary: z.enum(BENEFICIARY_KINDS, { error: "支持对象 beneficiary 应为 enterprise 或 project" }),
    source: z.object({
      document: RequiredText("来源文件"),
      clause: RequiredText("引用条款"),
      validityClause: RequiredText("有效期条款").optional(),
      issuer: RequiredText("来源发布单位").optional(),
      published: DateText("发布日期").optional(),
      seedFile: RequiredText("来源文本文件").optional(),
      urls: z.array(z.string().min(1)).optional(),
    }),
    validity: z.object({ from: DateText("生效日期").optional(), until: DateText("截止日期").optional() }),
    parameters: z.array(Parameter),
    conditions: Condition,
    amount: z.object({
      formula: Formula,
      rounding: z.object({
        mode: z.enum(["down", "up", "halfUp"], { error: "取整方式 mode 应为 down、up 或 halfUp" }),
        unitFen: z.union(
          ROUNDING_UNITS.map((u) => z.literal(u)),
          { error: "取整单位 unitFen 应为 1（分）、100（元）、10000（百元）或 1000000（万元）" },
        ),
      }),
      minFen: MoneyOperand("最低金额").optional(),
      caps: z
        .object({
          perAwardFen: MoneyOperand("单笔最高金额").optional(),
          perEnterpriseFen: MoneyOperand("每家企业累计最高金额").optional(),
          perEnterprisePerYearFen: MoneyOperand("每家企业每年最高金额").optional(),
          countsAwardsOf: z.array(DefinitionId).optional(),
        })
        .optional(),
      note: RequiredText("金额说明").optional(),
    }),
    funding: z.object({ budgetPoolId: DefinitionId, shares: z.array(Share).min(1, "至少应有一个出资方") }),
    nonCumulation: z.object({ group: DefinitionId, note: RequiredText("不重复享受说明") }).optional(),
    notes: DefinitionNotes.optional(),
    unconfirmed: DefinitionNotes.optional(),
  })
  .superRefine(refineWithValidator(validatePolicy));
export type PolicyDefinition = z.infer<typeof PolicyDefinition>;

// ---------------------------------------------------------------------------------------------
// Evaluator input and output

/** Facts keyed by fact id (see the domain's FACT_CATALOGUE); null or absent = unknown. */
export const PolicyFacts = z.record(
  z.string(),
  z.union([z.number(), z.string(), z.boolean(), z.array(z.string()), z.null()], {
    error: "事实取值应为数字、文本、true/false、文本列表或 null",
  }),
);
export type PolicyFacts = z.infer<typeof PolicyFacts>;

export const PriorAward = z.object({
  policyId: DefinitionId,
  amountFen: Fen("已获奖补金额"),
  awardedOn: DateText("奖补日期"),
  projectId: z.string().min(1).optional(),
});

export const ConditionResult: z.ZodType<domain.ConditionResult> = z.lazy(() =>
  z.object({
    path: z.string(),
    outcome: z.enum(["pass", "fail", "unknown"]),
    text: z.string(),
    fact: z.string().optional(),
    children: z.array(ConditionResult).optional(),
  }),
);

export const PolicyEvaluation = z.object({
  policyId: z.string(),
  policyVersion: z.string(),
  policyName: z.string(),
  level: z.enum(POLICY_LEVELS),
  beneficiary: z.enum(BENEFICIARY_KINDS),
  status: z.enum(["eligible", "ineligible", "missing"]),
  summary: z.string(),
  validity: z.object({ outcome: z.enum(["pass", "fail"]), text: z.string() }),
  conditions: ConditionResult,
  missing: z.array(
    z.object({
      fact: z.string(),
      label: z.string(),
      subject: z.enum(["enterprise", "project"]),
      reason: z.enum(["absent", "invalid"]),
      detail: z.string().optional(),
    }),
  ),
  missingParameters: z.array(z.object({ id: z.string(), label: z.string() })),
  amountFen: z.number().int().nullable(),
  steps: z.array(z.object({ text: z.string(), amountFen: z.number().int().optional() })),
  shares: z.array(
    z.object({
      payer: z.enum(PAYERS),
      payerLabel: z.string(),
      budgetPoolId: z.string(),
      ratioText: z.string(),
      amountFen: z.number().int(),
    }),
  ),
  budgetPoolId: z.string(),
  nonCumulationGroup: z.string().optional(),
  amountNote: z.string().optional(),
});
export type PolicyEvaluation = z.infer<typeof PolicyEvaluation>;

export const GroupedEvaluation = z.object({
  evaluation: PolicyEvaluation,
  granted: z.boolean(),
  grantedFen: z.number().int(),
  exclusion: z
    .object({
      group: z.string(),
      reason: z.enum(["better", "chosen", "alreadyAwarded"]),
      byPolicyId: z.string(),
      byPolicyName: z.string(),
      text: z.string(),
      note: z.string(),
    })
    .optional(),
});
export const AllEvaluation = z.object({
  results: z.array(GroupedEvaluation),
  totalGrantedFen: z.number().int(),
});
export type AllEvaluation = z.infer<typeof AllEvaluation>;

// Compile-time guarantees that the schemas and the domain engine agree in both directions that matter.
type Assignable<T extends U, U> = T;
// The engine returns readonly arrays; what it returns must be something the schema accepts.
type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
export type _PolicySchemaFitsDomain = Assignable<PolicyDefinition, domain.PolicyDefinition>;
export type _PolicyFactsFitDomain = Assignable<PolicyFacts, domain.Facts>;
export type _EvaluationFitsSchema = Assignable<
  domain.PolicyEvaluation,
  DeepReadonly<z.input<typeof PolicyEvaluation>>
>;
export type _AllEvaluationFitsSchema = Assignable<
  domain.AllEvaluation,
  DeepReadonly<z.input<typeof AllEvaluation>>
>;
