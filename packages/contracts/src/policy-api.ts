import {
  AWARD_STATUSES,
  type AwardStatus,
  BENEFICIARY_KINDS,
  JOB_STATUSES,
  PAYERS,
  POLICY_LEVELS,
} from "@dxcenter/domain";
import { z } from "zod";
import {
  districtCodeFilter,
  enterpriseFields,
  OPTIONAL_WAN_TEXT,
  PageQuery,
  QueryBool,
  searchText,
  sortParams,
  WAN_TEXT,
} from "./common";
import { GroupedEvaluation, PolicyDefinition, PolicyEvaluation, PolicyFacts } from "./policy";

/**
 * API schemas of the policy module (政策库, 政策计算器, 免申即享, 预算池). The data-file schema and
 * the engine's results are policy.ts; money is integer 分 in every response, users type 万元.
 */

export const PolicyIdParam = z.object({ id: z.string().min(1).max(100) });

export const PolicyListQuery = PageQuery.extend({
  level: z.enum(POLICY_LEVELS).optional(),
  beneficiary: z.enum(BENEFICIARY_KINDS).optional(),
  /** Only policies valid today (Asia/Shanghai; a policy without dates counts as valid). */
  validToday: QueryBool,
  q: searchText(),
  ...sortParams(["name", "level", "validUntil"], "level", "asc"),
});

export const PolicyItem = z.object({
  id: z.string(),
  version: z.string(),
  name: z.string(),
  level: z.enum(POLICY_LEVELS),
  region: z.string(),
  issuer: z.string(),
  beneficiary: z.enum(BENEFICIARY_KINDS),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  validToday: z.boolean(),
  /** Parameters the city still has to set (value null). */
  unsetParameters: z.number().int(),
  setByCityParameters: z.number().int(),
  unconfirmed: z.number().int(),
  nonCumulationGroup: z.string().nullable(),
  document: z.string(),
  /** One line of how the amount is computed, in Chinese (caps included). */
  formulaText: z.string(),
  /** Conditions in words (one per leaf), for the lists and the detail page. */
  conditionTexts: z.array(z.string()),
});
export type PolicyItem = z.infer<typeof PolicyItem>;

export const PolicyDetail = PolicyItem.extend({
  /** The policy file (packages/db/policies/*.json) as loaded. */
  definition: PolicyDefinition,
  sourceFile: z.string(),
  otherVersions: z.array(z.string()),
});
export type PolicyDetail = z.infer<typeof PolicyDetail>;

// ---------------------------------------------------------------------------------------------
// Calculator

/**
 * Facts keyed by the catalogue's fact id; money facts are typed in 万元 under the id with "Fen"
 * replaced by "Wan" (totalInvestmentWan: "900"), converted exactly to 分 by the server.
 */
export const CalculatorFacts = z.record(
  z.string().max(60),
  z.union([z.string().max(40), z.number(), z.boolean(), z.array(z.string().max(40)).max(20), z.null()]),
);

export const CalculatorRequest = z.object({
  /** Bureau staff: the enterprise to calculate for. An enterprise account always calculates for itself. */
  enterpriseId: z.uuid().optional(),
  /** A draft project (技改项目) and facts the registry does not hold. */
  facts: CalculatorFacts.default({}),
  /** Non-cumulation group → the policy the applicant prefers. */
  choices: z.record(z.string(), z.string()).optional(),
});

export const FactSource = z.object({
  fact: z.string(),
  label: z.string(),
  subject: z.enum(["enterprise", "project"]),
  /** The value in words ("900万元", "3级（稳健级）", "是"). */
  display: z.string(),
  /** registry (企业库) | assessment (评估) | input (本次填报) */
  source: z.enum(["registry", "assessment", "input"]),
  sourceText: z.string(),
});
export type FactSource = z.infer<typeof FactSource>;

export const CalculatorResult = z.object({
  enterprise: z.object({
    id: z.uuid(),
    name: z.string(),
    districtCode: z.string(),
    districtName: z.string(),
  }),
  today: z.string(),
  facts: z.array(FactSource),
  results: z.array(
    GroupedEvaluation.extend({
      /** The first failed condition (ineligible) in words — the "why not". */
      reason: z.string().nullable(),
    }),
  ),
  totalGrantedFen: z.number().int(),
  counts: z.object({ eligible: z.number().int(), missing: z.number().int(), ineligible: z.number().int() }),
});
export type CalculatorResult = z.infer<typeof CalculatorResult>;

// ---------------------------------------------------------------------------------------------
// 免申即享 sweeps and awards

export const SweepRequest = z.object({
  /** City staff may limit a sweep to one district; district staff always sweep their own. */
  districtCode: districtCodeFilter("所属区应为6位代码"),
});

const SWEEP_STATUSES = JOB_STATUSES;

export { SWEEP_STATUSES };
export const PolicySweep = z.object({
  id: z.uuid(),
  policyId: z.string(),
  policyVersion: z.string(),
  districtCode: z.string().nullable(),
  status: z.enum(SWEEP_STATUSES),
  total: z.number().int(),
  done: z.number().int(),
  progress: z.number().int(),
  eligible: z.number().int(),
  identified: z.number().int(),
  existing: z.number().int(),
  ineligible: z.number().int(),
  missing: z.number().int(),
  identifiedFen: z.number().int(),
  errorMessage: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type PolicySweep = z.infer<typeof PolicySweep>;

export { AWARD_STATUSES, type AwardStatus };
export const AWARD_STATUS_LABELS: Record<AwardStatus, string> = {
  identified: "已识别，待区级确认",
  district_confirmed: "区级已确认，待企业确认",
  enterprise_confirmed: "企业已确认，待拨付",
  paid: "已拨付",
  declined: "企业已放弃",
  withdrawn: "已撤销",
};

export const AwardListQuery = PageQuery.extend({
  policyId: z.string().max(100).optional(),
  status: z.enum(AWARD_STATUSES).optional(),
  districtCode: districtCodeFilter("所属区应为6位代码"),
  enterpriseId: z.uuid().optional(),
  q: searchText(),
  ...sortParams(["identifiedAt", "amountFen", "enterpriseName", "updatedAt"], "identifiedAt"),
});

export const AwardShare = z.object({
  payer: z.enum(PAYERS),
  payerLabel: z.string(),
  budgetPoolCode: z.string(),
  amountFen: z.number().int(),
});
export const AwardReservation = z.object({
  poolId: z.uuid(),
  poolName: z.string(),
  amountFen: z.number().int(),
  paidFen: z.number().int(),
});
export const AwardPayment = z.object({
  id: z.uuid(),
  tranche: z.number().int(),
  amountFen: z.number().int(),
  idempotencyKey: z.string(),
  voucherNo: z.string().nullable(),
  paidAt: z.string(),
  paidByName: z.string(),
});
export type AwardPayment = z.infer<typeof AwardPayment>;

export const AwardItem = z.object({
  id: z.uuid(),
  policyId: z.string(),
  policyVersion: z.string(),
  policyName: z.string(),
  ...enterpriseFields(),
  projectId: z.uuid().nullable(),
  status: z.enum(AWARD_STATUSES),
  amountFen: z.number().int(),
  paidFen: z.number().int(),
  shares: z.array(AwardShare),
  nonCumulationGroup: z.string().nullable(),
  identifiedAt: z.string(),
  districtConfirmedAt: z.string().nullable(),
  districtConfirmedByName: z.string().nullable(),
  enterpriseConfirmedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
  permissions: z.object({
    districtConfirm: z.boolean(),
    enterpriseConfirm: z.boolean(),
    decline: z.boolean(),
    withdraw: z.boolean(),
    pay: z.boolean(),
  }),
});
export type AwardItem = z.infer<typeof AwardItem>;

export const AwardDetail = AwardItem.extend({
  evaluation: PolicyEvaluation,
  /** The facts the evaluation read (snapshot at identification), keyed by fact id. */
  facts: PolicyFacts,
  reservations: z.array(AwardReservation),
  payments: z.array(AwardPayment),
});
export type AwardDetail = z.infer<typeof AwardDetail>;

export const AwardVersion = z.object({ version: z.number().int().min(1) });
export const AwardReason = z.object({
  version: z.number().int().min(1),
  reason: z.string().trim().min(1, "请填写原因").max(500, "原因最多500字"),
});

export const PaymentRequest = z.object({
  /** Default: the whole unpaid remainder. 万元, decimal text. */
  amountWan: z.string().trim().max(30).meta(OPTIONAL_WAN_TEXT).optional(),
  voucherNo: z.string().trim().max(100).optional(),
  /** Also accepted as the Idempotency-Key header; one of the two is required. */
  idempotencyKey: z.string().trim().min(8, "幂等键至少8个字符").max(200).optional(),
});
export const PaymentResult = z.object({
  payment: AwardPayment,
  /** false: this key had already paid; the earlier payment is returned and nothing was paid again. */
  created: z.boolean(),
  award: AwardDetail,
});

// ---------------------------------------------------------------------------------------------
// Budget pools

export const BudgetPool = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  payer: z.enum(PAYERS),
  districtCode: z.string().nullable(),
  districtName: z.string().nullable(),
  year: z.number().int(),
  totalFen: z.number().int(),
  reservedFen: z.number().int(),
  paidFen: z.number().int(),
  availableFen: z.number().int(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type BudgetPool = z.infer<typeof BudgetPool>;

export const BudgetPoolQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  code: z.string().max(100).optional(),
});

export const CreateBudgetPoolRequest = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "资金编号只能包含字母、数字、下划线、点和连字符"),
  name: z.string().trim().min(1, "请填写预算池名称").max(100),
  payer: z.enum(PAYERS, { error: "出资方应为 central、province、city 或 district" }),
  districtCode: z
    .string()
    .regex(/^\d{6}$/, "所属区应为6位代码")
    .nullable()
    .optional(),
  year: z.number().int().min(2000, "年度有误").max(2100, "年度有误"),
  totalWan: z.string().trim().min(1, "请填写预算总额").max(30).meta(WAN_TEXT),
  note: z.string().trim().max(500).optional(),
});
export const UpdateBudgetPoolRequest = z.object({
  version: z.number().int().min(1),
  name: z.string().trim().min(1).max(100).optional(),
  totalWan: z.string().trim().min(1).max(30).meta(WAN_TEXT).optional(),
  note: z.string().trim().max(500).optional(),
});
