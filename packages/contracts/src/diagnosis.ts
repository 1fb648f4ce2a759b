import { DIAGNOSIS_STATUSES } from "@dxcenter/domain";
import { z } from "zod";
import { enterpriseFields, PageQuery, QueryBool, searchText, sortParams } from "./common";

/**
 * 诊断服务: an enterprise (or its district) asks for an on-site diagnosis → the district puts it
 * into a dated plan and assigns a team → the team records the verified answers (现场评定) beside the
 * self-reported ones → the diagnosis is closed with the team's opinion (诊断意见).
 */
export { DIAGNOSIS_STATUSES };

const districtCode = z.string().regex(/^\d{6}$/, "区划代码应为 6 位数字");
/** A calendar day, YYYY-MM-DD (Asia/Shanghai). */
export const DateOnly = z.iso.date({ error: "日期格式应为 YYYY-MM-DD" });

export const TeamMember = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  organization: z.string().nullable(),
  role: z.enum(["provider", "expert"]),
  lead: z.boolean(),
  /** Drawn at random from the 专家库 (not put on the team by hand). */
  drawn: z.boolean(),
});
export type TeamMember = z.infer<typeof TeamMember>;

export const DiagnosisListQuery = PageQuery.extend({
  status: z.enum(DIAGNOSIS_STATUSES).optional(),
  districtCode: districtCode.optional(),
  planId: z.uuid().optional(),
  enterpriseId: z.uuid().optional(),
  /** Only visits past their date and not yet done. */
  overdue: QueryBool,
  q: searchText(),
  ...sortParams(["requestedAt", "visitDate", "updatedAt"], "requestedAt"),
});

export const DiagnosisItem = z.object({
  id: z.uuid(),
  ...enterpriseFields(),
  instrumentId: z.string(),
  instrumentName: z.string().nullable(),
  status: z.enum(DIAGNOSIS_STATUSES),
  source: z.enum(["enterprise", "district", "city"]),
  requestNote: z.string().nullable(),
  requestedAt: z.string(),
  requestedByName: z.string(),
  planId: z.uuid().nullable(),
  planName: z.string().nullable(),
  visitDate: z.string().nullable(),
  /** Visit date passed (Asia/Shanghai) and the on-site assessment not submitted. */
  overdue: z.boolean(),
  team: z.array(TeamMember),
  onsiteAssessmentId: z.uuid().nullable(),
  visitedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type DiagnosisItem = z.infer<typeof DiagnosisItem>;

export const AssessmentSummary = z.object({
  id: z.uuid(),
  status: z.enum(["draft", "submitted"]),
  instrumentVersion: z.string(),
  total: z.number().nullable(),
  maxTotal: z.number().nullable(),
  levelName: z.string().nullable(),
  progress: z.number().int(),
  submittedAt: z.string().nullable(),
});

export const AnswerDifference = z.object({
  questionId: z.string(),
  title: z.string(),
  dimensionName: z.string(),
  subDimensionName: z.string(),
  reported: z.string(),
  verified: z.string(),
  reportedPoints: z.number(),
  verifiedPoints: z.number(),
  delta: z.number(),
});

export const DiagnosisDetail = DiagnosisItem.extend({
  conclusion: z.string().nullable(),
  cancelReason: z.string().nullable(),
  closedByName: z.string().nullable(),
  selfAssessment: AssessmentSummary.nullable(),
  onsiteAssessment: AssessmentSummary.nullable(),
  /** Self-reported vs. verified, by question (empty until the on-site assessment has answers). */
  differences: z.array(AnswerDifference),
  permissions: z.object({
    schedule: z.boolean(),
    assign: z.boolean(),
    start: z.boolean(),
    record: z.boolean(),
    close: z.boolean(),
    cancel: z.boolean(),
  }),
});
export type DiagnosisDetail = z.infer<typeof DiagnosisDetail>;

export const CreateDiagnosisRequest = z.object({
  /** Bureau staff name the enterprise; an enterprise account always asks for itself. */
  enterpriseId: z.uuid().optional(),
  instrumentId: z.string().min(1, "请选择诊断采用的评估量表").max(100).default("miit-2024-manufacturing"),
  requestNote: z.string().trim().max(500, "诊断需求说明不能超过 500 字").optional(),
});

const versioned = { version: z.number().int().min(1) };

export const ScheduleDiagnosisRequest = z.object({
  planId: z.uuid({ error: "请选择诊断计划" }),
  visitDate: DateOnly,
  ...versioned,
});

export const AssignTeamRequest = z.object({
  members: z
    .array(z.object({ userId: z.uuid(), lead: z.boolean().default(false) }))
    .min(1, "请至少指派一名服务商或专家")
    .max(10, "一个诊断团队最多 10 人"),
  ...versioned,
});

export const VersionOnly = z.object(versioned);

export const CloseDiagnosisRequest = z.object({
  conclusion: z.string().trim().min(10, "诊断意见至少 10 个字").max(5000, "诊断意见不能超过 5000 字"),
  ...versioned,
});

export const CancelDiagnosisRequest = z.object({
  reason: z.string().trim().min(2, "请填写取消原因").max(500, "取消原因不能超过 500 字"),
  ...versioned,
});

export const Assignee = z.object({
  id: z.uuid(),
  displayName: z.string(),
  organization: z.string().nullable(),
  role: z.enum(["provider", "expert"]),
  /** Diagnoses assigned and not yet closed or cancelled: the workload. */
  openAssignments: z.number().int(),
});

export const AssigneeQuery = z.object({
  q: searchText(),
  role: z.enum(["provider", "expert"]).optional(),
});

// --- plans ------------------------------------------------------------------------------------

export const PlanListQuery = PageQuery.extend({
  districtCode: districtCode.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  q: searchText(),
  ...sortParams(["startDate", "createdAt"], "startDate"),
});

export const DiagnosisPlan = z.object({
  id: z.uuid(),
  districtCode: z.string(),
  districtName: z.string(),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  note: z.string().nullable(),
  /** Diagnoses in the plan (cancelled ones excluded). */
  total: z.number().int(),
  /** On-site assessment submitted (verified or closed). */
  visited: z.number().int(),
  closed: z.number().int(),
  overdue: z.number().int(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type DiagnosisPlan = z.infer<typeof DiagnosisPlan>;

const planFields = {
  name: z.string().trim().min(2, "计划名称至少 2 个字").max(100, "计划名称不能超过 100 字"),
  startDate: DateOnly,
  endDate: DateOnly,
  note: z.string().trim().max(1000, "备注不能超过 1000 字").nullable().optional(),
};

export const CreatePlanRequest = z.object({
  /** City staff choose the district; district staff always plan for their own. */
  districtCode: districtCode.optional(),
  ...planFields,
});

export const UpdatePlanRequest = z.object({
  name: planFields.name.optional(),
  startDate: DateOnly.optional(),
  endDate: DateOnly.optional(),
  note: planFields.note,
  ...versioned,
});
