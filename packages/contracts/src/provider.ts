import {
  APPLICATION_STATUSES,
  ASSIGNMENT_STATUSES,
  DIAGNOSIS_STATUSES,
  OBJECTION_STATUSES,
  PROVIDER_CATEGORIES,
  PROVIDER_GRADES,
  PROVIDER_STATUSES,
} from "@dxcenter/domain";
import { z } from "zod";
import { districtCodeFilter, optionalPhone, PageQuery, searchText, sortParams } from "./common";
import { UsccSchema } from "./enterprise";

/**
 * 服务商资源池: a provider account registers its organisation, applies to the pool, a drawn expert
 * panel scores the application on REVIEW_SHEET, the city decides, the admission runs through a
 * public notice (公示) with an objection channel, and admitted providers are evaluated every year.
 */

/** 入库评审打分表 (our reading of the usual 服务商遴选 criteria; data, the city may change it). */
export const REVIEW_SHEET = {
  version: "2026-1",
  passScore: 60,
  items: [
    { id: "qualification", label: "资质与合规", max: 15, hint: "营业执照、相关资质证书、信用记录" },
    { id: "capability", label: "技术能力与产品", max: 25, hint: "核心产品、知识产权、技术团队" },
    { id: "cases", label: "服务案例与成效", max: 25, hint: "近三年制造业案例及可量化成效" },
    { id: "team", label: "服务团队", max: 15, hint: "专职人员数量与结构、本地化服务人员" },
    { id: "service", label: "服务保障", max: 10, hint: "响应时效、驻场能力、售后体系" },
    { id: "price", label: "价格与可持续性", max: 10, hint: "报价合理性、中小企业适配" },
  ],
} as const;
export type ReviewItemId = (typeof REVIEW_SHEET.items)[number]["id"];
const REVIEW_ITEM_IDS: readonly ReviewItemId[] = REVIEW_SHEET.items.map((i) => i.id);

/** The review sheet as the API answers it (REVIEW_SHEET is the data). */
export const ReviewSheet = z.object({
  version: z.string(),
  passScore: z.number(),
  items: z.array(
    z.object({ id: z.enum(REVIEW_ITEM_IDS), label: z.string(), max: z.number(), hint: z.string() }),
  ),
});

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}不超过${max}个字`)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

const Codes = (label: string, re: RegExp, msg: string, max = 60) =>
  z.array(z.string().regex(re, msg)).max(max, `${label}最多${max}项`);

export const ProviderSceneIds = Codes(
  "服务场景",
  /^[A-Za-z0-9-]{1,40}$/,
  "服务场景应为量表中的场景或子域编号，如 S08",
);
export const ProviderIndustryCodes = Codes(
  "服务行业",
  /^C\d{2}$/,
  "服务行业应为 GB/T 4754 制造业大类代码，如 C34",
);
export const ProviderDistrictCodes = Codes("服务区域", /^\d{6}$/, "服务区域应为 6 位区划代码");

export const ProviderQualificationSchema = z.object({
  name: z.string().trim().min(2, "资质名称至少2个字").max(100),
  issuer: z.string().trim().max(100).optional(),
  validUntil: z.iso.date({ error: "有效期格式应为 YYYY-MM-DD" }).optional(),
});

export const ProviderCaseInput = z.object({
  customer: z.string().trim().min(2, "案例客户名称至少2个字").max(100, "案例客户名称不超过100个字"),
  enterpriseId: z.uuid().nullable().optional(),
  industry: z.string().regex(/^C\d{2}$/, "案例行业应为 GB/T 4754 制造业大类代码，如 C34"),
  sceneIds: ProviderSceneIds.default([]),
  result: z.string().trim().min(5, "案例成效至少5个字").max(2000, "案例成效不超过2000字"),
  measuredChange: z.number().min(-100).max(100).nullable().optional(),
  year: z.number().int().min(2000).max(2100).nullable().optional(),
});
export type ProviderCaseInput = z.infer<typeof ProviderCaseInput>;

export const ProviderProfileFields = z.object({
  name: z.string().trim().min(4, "机构名称至少4个字").max(100, "机构名称不超过100个字"),
  categories: z.array(z.enum(PROVIDER_CATEGORIES)).min(1, "请至少选择一个服务类别").max(4),
  sceneIds: ProviderSceneIds,
  industries: ProviderIndustryCodes,
  technologyFields: z.array(z.string().trim().min(1).max(30)).max(30, "技术领域最多30项"),
  serviceDistricts: ProviderDistrictCodes.min(1, "请至少选择一个服务区域"),
  staffCount: z.number().int().min(0, "员工人数不能为负").max(1_000_000).nullable().optional(),
  qualifications: z.array(ProviderQualificationSchema).max(30).default([]),
  contactName: text("联系人", 50),
  contactPhone: optionalPhone(),
  address: text("地址", 200),
  website: text("网址", 200),
  profile: text("机构简介", 5000),
  cases: z.array(ProviderCaseInput).max(50, "服务案例最多50个").default([]),
});

export const RegisterProviderRequest = ProviderProfileFields.extend({ uscc: UsccSchema });
export const UpdateProviderRequest = ProviderProfileFields.extend({ version: z.number().int() });

export const ProviderCase = ProviderCaseInput.extend({
  id: z.uuid(),
  enterpriseId: z.uuid().nullable(),
  measuredChange: z.number().nullable(),
  year: z.number().int().nullable(),
});

export const ProviderItem = z.object({
  id: z.uuid(),
  uscc: z.string(),
  name: z.string(),
  status: z.enum(PROVIDER_STATUSES),
  categories: z.array(z.enum(PROVIDER_CATEGORIES)),
  sceneIds: z.array(z.string()),
  industries: z.array(z.string()),
  technologyFields: z.array(z.string()),
  serviceDistricts: z.array(z.string()),
  staffCount: z.number().int().nullable(),
  caseCount: z.number().int(),
  ratingAverage: z.number().nullable(),
  ratingCount: z.number().int(),
  latestGrade: z.enum(PROVIDER_GRADES).nullable(),
  admittedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type ProviderItem = z.infer<typeof ProviderItem>;

export const ProviderListQuery = PageQuery.extend({
  q: searchText(),
  category: z.enum(PROVIDER_CATEGORIES).optional(),
  status: z.enum(PROVIDER_STATUSES).optional(),
  scene: z.string().max(40).optional(),
  industry: z.string().max(3).optional(),
  district: districtCodeFilter(),
  ...sortParams(["name", "admittedAt", "updatedAt", "rating"], "name", "asc"),
});

export const PoolReviewScore = z.object({
  expertId: z.uuid(),
  expertName: z.string(),
  items: z.record(z.string(), z.number()),
  total: z.number(),
  comment: z.string(),
  recommendation: z.enum(["admit", "reject"]).nullable(),
  submittedAt: z.string(),
});

export const PoolObjection = z.object({
  id: z.uuid(),
  content: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string(),
  anonymous: z.boolean(),
  filedAt: z.string(),
  status: z.enum(OBJECTION_STATUSES),
  handlingNote: z.string().nullable(),
  handledAt: z.string().nullable(),
});

export const PoolPanelMember = z.object({
  assignmentId: z.uuid(),
  drawId: z.uuid(),
  expertId: z.uuid(),
  expertName: z.string(),
  organization: z.string(),
  round: z.number().int(),
  status: z.enum(ASSIGNMENT_STATUSES),
  scored: z.boolean(),
});

export const PoolApplicationItem = z.object({
  id: z.uuid(),
  providerId: z.uuid(),
  providerName: z.string(),
  category: z.enum(PROVIDER_CATEGORIES),
  status: z.enum(APPLICATION_STATUSES),
  submittedAt: z.string(),
  averageScore: z.number().nullable(),
  scoreCount: z.number().int(),
  decision: z.enum(["admit", "reject"]).nullable(),
  noticeStart: z.string().nullable(),
  noticeEnd: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type PoolApplicationItem = z.infer<typeof PoolApplicationItem>;

export const PoolApplicationDetail = PoolApplicationItem.extend({
  materials: z.array(z.object({ name: z.string(), note: z.string().optional() })),
  statement: z.string(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  noticeText: z.string().nullable(),
  closedReason: z.string().nullable(),
  panel: z.array(PoolPanelMember),
  /** City: every sheet; an expert: its own. */
  scores: z.array(PoolReviewScore),
  objections: z.array(PoolObjection),
  permissions: z.object({
    withdraw: z.boolean(),
    openReview: z.boolean(),
    draw: z.boolean(),
    score: z.boolean(),
    decide: z.boolean(),
    handleObjections: z.boolean(),
    admit: z.boolean(),
  }),
});
export type PoolApplicationDetail = z.infer<typeof PoolApplicationDetail>;

export const PoolApplicationListQuery = PageQuery.extend({
  q: searchText(),
  status: z.enum(APPLICATION_STATUSES).optional(),
  category: z.enum(PROVIDER_CATEGORIES).optional(),
  ...sortParams(["submittedAt", "updatedAt", "averageScore"], "submittedAt"),
});

export const PoolApplyRequest = z.object({
  category: z.enum(PROVIDER_CATEGORIES),
  materials: z
    .array(
      z.object({
        name: z.string().trim().min(2, "材料名称至少2个字").max(100),
        note: z.string().trim().max(500).optional(),
      }),
    )
    .min(1, "请至少列出一项申报材料")
    .max(30),
  statement: z.string().trim().min(10, "申请说明至少10个字").max(5000, "申请说明不超过5000字"),
});

export const PoolScoreRequest = z.object({
  items: z.record(z.string(), z.number().min(0)),
  comment: z.string().trim().min(5, "评审意见至少5个字").max(2000, "评审意见不超过2000字"),
  recommendation: z.enum(["admit", "reject"]),
});

const DateOnly = z.iso.date({ error: "日期格式应为 YYYY-MM-DD" });

export const PoolDecisionRequest = z.object({
  decision: z.enum(["admit", "reject"]),
  reason: z.string().trim().min(2, "决定理由至少2个字").max(2000),
  noticeStart: DateOnly.optional(),
  noticeEnd: DateOnly.optional(),
  version: z.number().int(),
});

/** Steps that only carry the application's version (withdraw, start the review, admit). */
export const PoolVersionRequest = z.object({ version: z.number().int() });
export const PoolAdmitRequest = PoolVersionRequest;

export const PoolNoticeItem = z.object({
  applicationId: z.uuid(),
  providerId: z.uuid(),
  providerName: z.string(),
  uscc: z.string(),
  category: z.enum(PROVIDER_CATEGORIES),
  averageScore: z.number().nullable(),
  noticeStart: z.string(),
  noticeEnd: z.string(),
  noticeText: z.string().nullable(),
  /** Objections accepted today (inside the window). */
  open: z.boolean(),
});

export const PoolNoticeListQuery = PageQuery.extend({
  q: searchText(),
  category: z.enum(PROVIDER_CATEGORIES).optional(),
  ...sortParams(["noticeStart", "noticeEnd", "name"], "noticeStart"),
});

export const PoolObjectionRequest = z.object({
  content: z.string().trim().min(10, "异议内容至少10个字").max(5000, "异议内容不超过5000字"),
  contactName: text("联系人", 50),
  contactPhone: z
    .string()
    .trim()
    .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, "联系电话应为11位手机号或带区号的固定电话"),
});

/** The answer to whoever filed an objection. */
export const PoolObjectionFiled = z.object({ id: z.uuid(), message: z.string() });

export const PoolHandleObjectionRequest = z.object({
  outcome: z.enum(["upheld", "dismissed"]),
  note: z.string().trim().min(2, "处理意见至少2个字").max(2000),
});

export const ProviderRatingRequest = z.object({
  diagnosisId: z.uuid(),
  rating: z.number().int().min(1, "评分为1–5分").max(5, "评分为1–5分"),
  comment: text("评价内容", 1000),
});

/** A finished diagnosis the calling enterprise may still rate the provider for. */
export const RateableService = z.object({
  diagnosisId: z.uuid(),
  status: z.enum(DIAGNOSIS_STATUSES),
  visitDate: z.string().nullable(),
  closedAt: z.string().nullable(),
});

export const ProviderRatingResult = z.object({ ok: z.boolean() });

export const ProviderEvaluation = z.object({
  id: z.uuid(),
  providerId: z.uuid(),
  providerName: z.string(),
  year: z.number().int(),
  grade: z.enum(PROVIDER_GRADES),
  score: z.number(),
  inputs: z.object({
    ratings: z.array(z.number()),
    completedProjects: z.number().int(),
    outcome: z.object({ meanDelta: z.number(), enterprises: z.number().int() }).optional(),
  }),
  reasons: z.array(z.string()),
  evaluatedAt: z.string(),
});
export type ProviderEvaluation = z.infer<typeof ProviderEvaluation>;

export const ProviderEvaluateRequest = z.object({ year: z.number().int().min(2020).max(2100) });
export const ProviderEvaluationQuery = z.object({ year: z.coerce.number().int().min(2020).max(2100) });

export const ProviderExitRequest = z.object({
  reason: z.string().trim().min(2, "出库原因至少2个字").max(2000),
  version: z.number().int(),
});

export const ProviderStatusEvent = z.object({
  fromStatus: z.enum(PROVIDER_STATUSES),
  toStatus: z.enum(PROVIDER_STATUSES),
  reason: z.string().nullable(),
  at: z.string(),
});

export const ProviderDetail = ProviderItem.extend({
  qualifications: z.array(ProviderQualificationSchema),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  website: z.string().nullable(),
  profile: z.string().nullable(),
  exitReason: z.string().nullable(),
  cases: z.array(ProviderCase),
  /** Own organisation and city only. */
  applications: z.array(PoolApplicationItem),
  scores: z.array(PoolReviewScore.extend({ applicationId: z.uuid() })),
  evaluations: z.array(ProviderEvaluation),
  history: z.array(ProviderStatusEvent),
  permissions: z.object({ edit: z.boolean(), apply: z.boolean(), manage: z.boolean() }),
  version: z.number().int(),
});
export type ProviderDetail = z.infer<typeof ProviderDetail>;
