import { AVOIDANCE_RULES, DRAW_PURPOSES, EXPERT_STATUSES } from "@dxcenter/domain";
import { z } from "zod";
import { optionalPhone, PageQuery, searchText, sortParams } from "./common";

/** 专家库 and the recorded random draw (专家随机抽取). */

const DateOnly = z.iso.date({ error: "日期格式应为 YYYY-MM-DD" });
const Window = z
  .object({ from: DateOnly, to: DateOnly })
  .refine((w) => w.from <= w.to, "可用时间的开始日期不能晚于结束日期");

export const ExpertFields = z.object({
  name: z.string().trim().min(2, "专家姓名至少2个字").max(50, "专家姓名不超过50个字"),
  organization: z.string().trim().min(2, "工作单位至少2个字").max(100, "工作单位不超过100个字"),
  title: z
    .string()
    .trim()
    .max(50)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional(),
  fields: z
    .array(z.string().trim().min(1).max(30))
    .min(1, "请至少填写一个专业领域")
    .max(20, "专业领域最多20项"),
  availability: z.array(Window).max(20).default([]),
  conflicts: z
    .array(
      z.object({
        enterpriseId: z.string().max(64).optional(),
        organization: z.string().trim().max(100).optional(),
        note: z.string().trim().max(200).optional(),
      }),
    )
    .max(50)
    .default([]),
  status: z.enum(EXPERT_STATUSES).default("active"),
  phone: optionalPhone(),
  userId: z.uuid().nullable().optional(),
  note: z
    .string()
    .trim()
    .max(1000)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional(),
});
export const CreateExpertRequest = ExpertFields;
export const UpdateExpertRequest = ExpertFields.extend({ version: z.number().int() });
/** An expert's own 可用时间 (the rest of the profile is the city's). */
export const UpdateMyAvailabilityRequest = z.object({
  availability: z.array(Window).max(20, "可用时间最多20段"),
  version: z.number().int(),
});

export const ExpertItem = z.object({
  id: z.uuid(),
  userId: z.uuid().nullable(),
  name: z.string(),
  organization: z.string(),
  title: z.string().nullable(),
  fields: z.array(z.string()),
  availability: z.array(z.object({ from: z.string(), to: z.string() })),
  conflicts: z.array(
    z.object({
      enterpriseId: z.string().optional(),
      organization: z.string().optional(),
      note: z.string().optional(),
    }),
  ),
  status: z.enum(EXPERT_STATUSES),
  phone: z.string().nullable(),
  note: z.string().nullable(),
  /** Panels sat on in the last 12 months (draws where the expert is on the current panel). */
  workload: z.number().int(),
  /** Invitations answered "accepted" / "declined" overall. */
  accepted: z.number().int(),
  declined: z.number().int(),
  /** 专家评价: average of the organisers' 1–5 ratings (one decimal), null before the first. */
  rating: z.number().nullable(),
  ratingCount: z.number().int(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type ExpertItem = z.infer<typeof ExpertItem>;

export const ExpertListQuery = PageQuery.extend({
  q: searchText(),
  status: z.enum(EXPERT_STATUSES).optional(),
  field: z.string().trim().max(30).optional(),
  ...sortParams(["name", "organization", "workload", "rating", "updatedAt"], "name", "asc"),
});

export const DrawRequestBody = z.object({
  purpose: z.enum(DRAW_PURPOSES),
  subjectId: z.uuid(),
  n: z.number().int().min(1, "抽取人数至少1人").max(15, "抽取人数最多15人"),
  fields: z.array(z.string().trim().min(1).max(30)).max(10).default([]),
  preferFieldCoverage: z.boolean().default(true),
  period: Window.optional(),
  avoidance: z
    .object({
      serviceMonths: z.number().int().min(0).max(60).optional(),
      togetherMonths: z.number().int().min(0).max(60).optional(),
      maxPanels: z.number().int().min(1).max(100).optional(),
      workloadMonths: z.number().int().min(1).max(60).optional(),
    })
    .default({}),
});

export const DrawnExpertSchema = z.object({
  expertId: z.string(),
  name: z.string(),
  organization: z.string(),
  matchedFields: z.array(z.string()),
  stage: z.enum(["fieldCoverage", "random"]),
  round: z.number().int(),
});
export const DrawResultSchema = z.object({
  algorithm: z.string(),
  seed: z.string(),
  round: z.number().int(),
  requested: z.number().int(),
  poolSize: z.number().int(),
  eligibleCount: z.number().int(),
  selected: z.array(DrawnExpertSchema),
  excluded: z.array(
    z.object({ expertId: z.string(), rules: z.array(z.enum(AVOIDANCE_RULES)), reasons: z.array(z.string()) }),
  ),
  uncoveredFields: z.array(z.string()),
  declined: z.array(z.object({ expertId: z.string(), round: z.number().int() })),
  insufficient: z.object({ requested: z.number(), drawn: z.number(), message: z.string() }).optional(),
});

export const ExpertDrawItem = z.object({
  id: z.uuid(),
  purpose: z.enum(DRAW_PURPOSES),
  subjectId: z.string(),
  subjectLabel: z.string(),
  drawDate: z.string(),
  seed: z.string(),
  algorithm: z.string(),
  requested: z.number().int(),
  selectedNames: z.array(z.string()),
  poolSize: z.number().int(),
  eligibleCount: z.number().int(),
  excludedCount: z.number().int(),
  round: z.number().int(),
  drawnByName: z.string(),
  drawnAt: z.string(),
});
export type ExpertDrawItem = z.infer<typeof ExpertDrawItem>;

export const ExpertDrawDetail = ExpertDrawItem.extend({
  /** The request as stored (without the history, which can be long: counts instead). */
  request: z.object({
    n: z.number().int(),
    fields: z.array(z.string()),
    preferFieldCoverage: z.boolean(),
    applicant: z.object({ enterpriseId: z.string().optional(), organization: z.string().optional() }),
    today: z.string(),
    period: z.object({ from: z.string(), to: z.string() }).optional(),
    avoidance: z.record(z.string(), z.number()),
  }),
  historyCounts: z.object({ services: z.number().int(), draws: z.number().int() }),
  /** The pool snapshot: its SHA-256 (null for records stored inline before 0015) and whether it checks out. */
  pool: z.object({ hash: z.string().nullable(), size: z.number().int(), intact: z.boolean() }),
  result: DrawResultSchema,
  current: DrawResultSchema,
  /** Names of every pool member the result mentions (excluded ones included). */
  names: z.record(z.string(), z.string()),
  assignments: z.array(
    z.object({
      id: z.uuid(),
      expertId: z.uuid(),
      expertName: z.string(),
      round: z.number().int(),
      status: z.enum(["invited", "accepted", "declined"]),
      declineReason: z.string().nullable(),
      rating: z.number().int().nullable(),
      ratingComment: z.string().nullable(),
      /** The caller may rate this assignment now. */
      canRate: z.boolean(),
    }),
  ),
});
export type ExpertDrawDetail = z.infer<typeof ExpertDrawDetail>;

export const ExpertDrawListQuery = PageQuery.extend({
  purpose: z.enum(DRAW_PURPOSES).optional(),
  subjectId: z.string().max(64).optional(),
  q: searchText(),
  ...sortParams(["drawnAt"], "drawnAt"),
});

export const VerifyDrawResponse = z.object({
  matches: z.boolean(),
  initialMatches: z.boolean(),
  replacementsReplayed: z.number().int(),
  rerun: DrawResultSchema,
  message: z.string(),
});

export const ExpertAssignmentItem = z.object({
  id: z.uuid(),
  drawId: z.uuid(),
  purpose: z.enum(DRAW_PURPOSES),
  subjectId: z.string(),
  subjectLabel: z.string(),
  round: z.number().int(),
  status: z.enum(["invited", "accepted", "declined"]),
  /** The subject's status: the pool application's, the project's or the diagnosis's. */
  subjectStatus: z.string().nullable(),
  /** Still invited and the subject still takes answers (review running / team open). */
  answerable: z.boolean(),
  scored: z.boolean(),
  createdAt: z.string(),
  respondedAt: z.string().nullable(),
});
export type ExpertAssignmentItem = z.infer<typeof ExpertAssignmentItem>;

export const ExpertAssignmentListQuery = PageQuery.extend({
  status: z.enum(["invited", "accepted", "declined"]).optional(),
  ...sortParams(["createdAt"], "createdAt"),
});

export const ExpertDeclineRequest = z.object({
  reason: z.string().trim().min(2, "谢绝原因至少2个字").max(500),
});

export const ExpertDeclineResponse = z.object({
  replacement: z.object({ expertId: z.string(), name: z.string() }).nullable(),
  message: z.string(),
});

export const RateAssignmentRequest = z.object({
  rating: z
    .number({ error: "评分须为 1–5 的整数" })
    .int("评分须为 1–5 的整数")
    .min(1, "评分须为 1–5 的整数")
    .max(5, "评分须为 1–5 的整数"),
  comment: z.string().trim().max(500, "评价意见不超过500字").default(""),
});

/** The answer of accepting an invitation and of rating an expert's work. */
export const AssignmentOk = z.object({ ok: z.boolean() });
