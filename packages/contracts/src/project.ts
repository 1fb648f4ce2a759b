import {
  CITY_DECISIONS,
  COORDINATION_KINDS,
  DISTRICT_DECISIONS,
  MILESTONE_KINDS,
  OVERDUE_KINDS,
  PROJECT_STATUSES,
  PROJECT_TYPES,
  REVIEW_DECISIONS,
  REVIEW_STAGES,
  TASK_STATUSES,
} from "@dxcenter/domain";
import { z } from "zod";
import {
  districtCodeFilter,
  enterpriseFields,
  FIELD_LABELS,
  OPTIONAL_WAN_TEXT,
  PageQuery,
  QueryBool,
  searchText,
  sortParams,
  WAN_TEXT,
} from "./common";
import { GroupedEvaluation, PolicyEvaluation } from "./policy";

/**
 * 技改项目库: application (万元 text, converted exactly to 分 by the server) → 区级初审 → 专家评审 →
 * 市级审定 with the computed subsidy → progress reports → 竣工验收; attachments, coordination tasks,
 * tranche payments (award_payments of the project's policy award).
 */

// Field names in Chinese for validation messages of these schemas (new keys only).
for (const [k, v] of Object.entries({
  totalInvestmentWan: "项目总投资",
  equipmentInvestmentWan: "设备投资",
  softwareInvestmentWan: "软硬件工具投资",
  loanPrincipalWan: "贷款本金",
  loanMonths: "贷款期限",
  cityDemonstration: "入选市级示范项目",
  reloanSupported: "纳入技术改造再贷款支持范围",
  plannedStartDate: "计划开工日期",
  plannedFinishDate: "计划竣工日期",
  expectedOutcomes: "预期成效",
  approvedEquipmentWan: "核定设备投资",
  reviewerIds: "评审专家",
  scores: "评分",
  opinion: "意见",
  decision: "审核结论",
  reportDate: "报告日期",
  percent: "完成进度",
  investmentCompletedWan: "累计完成投资",
  departmentUserId: "协同部门账号",
  departmentName: "协同部门",
  deadline: "办理期限",
  response: "办理答复",
  tranche: "拨付批次",
  reason: "整改原因",
}))
  if (!(k in FIELD_LABELS)) FIELD_LABELS[k] = v;

const dateOnly = (label: string) => z.iso.date({ error: `${label}：日期格式应为 YYYY-MM-DD` });
const wan = (label: string) =>
  z
    .string({ error: `${label}：请填写以万元为单位的金额` })
    .trim()
    .min(1, `${label}：请填写`)
    .max(30, `${label}：金额过长`)
    .meta(WAN_TEXT);

export const ProjectApplication = z.object({
  /** City/district staff apply on behalf of an enterprise; an enterprise account always for its own. */
  enterpriseId: z.uuid({ error: "所属企业：请选择企业" }).optional(),
  name: z
    .string({ error: "项目名称：请填写" })
    .trim()
    .min(2, "项目名称：至少2个字")
    .max(200, "项目名称：最多200字"),
  type: z.enum(PROJECT_TYPES, { error: "项目类型：请选择" }),
  totalInvestmentWan: wan("项目总投资"),
  equipmentInvestmentWan: wan("设备投资").default("0"),
  softwareInvestmentWan: wan("软硬件工具投资").default("0"),
  loanPrincipalWan: z.string().trim().max(30).meta(OPTIONAL_WAN_TEXT).optional(),
  loanMonths: z
    .number({ error: "贷款期限：请输入月数" })
    .int("贷款期限：应为整数月")
    .min(1)
    .max(360)
    .optional(),
  /** 入选市级示范项目 (e.g. 天津市工业互联网市级示范项目). */
  cityDemonstration: z.boolean({ error: "入选市级示范项目：请选择是或否" }).default(false),
  /** The loan is within the 科技创新和技术改造再贷款 support scope (bank / NDRC list). */
  reloanSupported: z.boolean({ error: "纳入技术改造再贷款支持范围：请选择是或否" }).default(false),
  plannedStartDate: dateOnly("计划开工日期"),
  plannedFinishDate: dateOnly("计划竣工日期"),
  expectedOutcomes: z.string().trim().max(4000, "预期成效：最多4000字").default(""),
});
export type ProjectApplication = z.infer<typeof ProjectApplication>;
export const UpdateProjectRequest = ProjectApplication.omit({ enterpriseId: true }).extend({
  version: z.number().int().min(1),
});
export const ProjectVersion = z.object({ version: z.number().int().min(1) });

export const ProjectListQuery = PageQuery.extend({
  status: z.enum(PROJECT_STATUSES).optional(),
  type: z.enum(PROJECT_TYPES).optional(),
  districtCode: districtCodeFilter("所属区：应为 6 位代码"),
  enterpriseId: z.uuid().optional(),
  /** Year of the planned start. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  overdue: QueryBool,
  /** Expert: only the projects I still have to score. */
  toScore: QueryBool,
  q: searchText(),
  ...sortParams(["createdAt", "plannedStartDate", "totalInvestmentFen", "updatedAt"], "createdAt"),
});

export const ProjectItem = z.object({
  id: z.uuid(),
  ...enterpriseFields(),
  name: z.string(),
  type: z.enum(PROJECT_TYPES),
  status: z.enum(PROJECT_STATUSES),
  totalInvestmentFen: z.number().int(),
  equipmentInvestmentFen: z.number().int(),
  softwareInvestmentFen: z.number().int(),
  plannedStartDate: z.string(),
  plannedFinishDate: z.string(),
  percentComplete: z.number().int(),
  investmentCompletedFen: z.number().int(),
  startedOn: z.string().nullable(),
  finishedOn: z.string().nullable(),
  lastReportOn: z.string().nullable(),
  approvedAmountFen: z.number().int().nullable(),
  paidFen: z.number().int(),
  /** Expert score average ("83.5"), null before any sheet. */
  expertScore: z.string().nullable(),
  overdue: z.array(z.enum(OVERDUE_KINDS)),
  submittedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type ProjectItem = z.infer<typeof ProjectItem>;

export const ProjectReview = z.object({
  id: z.uuid(),
  stage: z.enum(REVIEW_STAGES),
  reviewerId: z.uuid(),
  reviewerName: z.string(),
  reviewerOrganization: z.string().nullable(),
  scores: z.record(z.string(), z.number().int()).nullable(),
  total: z.number().int().nullable(),
  opinion: z.string().nullable(),
  /** A bureau's decision; null on an expert's score sheet. */
  decision: z.enum(REVIEW_DECISIONS).nullable(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  /** An expert reviewer drawn at random (专家随机抽取), not assigned by hand. */
  drawn: z.boolean(),
});
export type ProjectReview = z.infer<typeof ProjectReview>;

export const ProjectReport = z.object({
  id: z.uuid(),
  kind: z.enum(MILESTONE_KINDS),
  reportDate: z.string(),
  percent: z.number().int(),
  investmentCompletedFen: z.number().int(),
  note: z.string().nullable(),
  reportedByName: z.string(),
  reportedAt: z.string(),
});
export type ProjectReport = z.infer<typeof ProjectReport>;

export const ProjectAttachment = z.object({
  id: z.uuid(),
  filename: z.string(),
  mime: z.string(),
  size: z.number().int(),
  uploadedByName: z.string(),
  uploadedAt: z.string(),
});
export type ProjectAttachment = z.infer<typeof ProjectAttachment>;

export const CoordinationTask = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  projectName: z.string(),
  enterpriseName: z.string(),
  districtName: z.string(),
  departmentUserId: z.uuid().nullable(),
  departmentName: z.string(),
  kind: z.enum(COORDINATION_KINDS),
  title: z.string(),
  deadline: z.string(),
  status: z.enum(TASK_STATUSES),
  /** Deadline passed (Shanghai) and not done. */
  overdue: z.boolean(),
  response: z.string().nullable(),
  respondedAt: z.string().nullable(),
  assignedByName: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
  canAnswer: z.boolean(),
});
export type CoordinationTask = z.infer<typeof CoordinationTask>;

export const TrancheRow = z.object({
  tranche: z.number().int(),
  milestone: z.enum(["start", "completion"]),
  amountFen: z.number().int(),
  /** The milestone is reached and the earlier tranches are paid: it may be paid now. */
  payable: z.boolean(),
  blockedReason: z.string().nullable(),
  paid: z
    .object({
      amountFen: z.number().int(),
      paidAt: z.string(),
      paidByName: z.string(),
      voucherNo: z.string().nullable(),
    })
    .nullable(),
});
export type TrancheRow = z.infer<typeof TrancheRow>;

export const ProjectDetail = ProjectItem.extend({
  expectedOutcomes: z.string(),
  approvedEquipmentFen: z.number().int().nullable(),
  loanPrincipalFen: z.number().int().nullable(),
  loanMonths: z.number().int().nullable(),
  cityDemonstration: z.boolean(),
  reloanSupported: z.boolean(),
  policyId: z.string().nullable(),
  policyVersion: z.string().nullable(),
  policyName: z.string().nullable(),
  awardId: z.uuid().nullable(),
  approvedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  /** The evaluation the approval was based on (formula steps), from the award snapshot. */
  evaluation: PolicyEvaluation.nullable(),
  reviews: z.array(ProjectReview),
  reports: z.array(ProjectReport),
  attachments: z.array(ProjectAttachment),
  tasks: z.array(CoordinationTask),
  tranches: z.array(TrancheRow),
  permissions: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    districtReview: z.boolean(),
    assignReviewers: z.boolean(),
    score: z.boolean(),
    decide: z.boolean(),
    report: z.boolean(),
    accept: z.boolean(),
    attach: z.boolean(),
    coordinate: z.boolean(),
    pay: z.boolean(),
  }),
});
export type ProjectDetail = z.infer<typeof ProjectDetail>;

export const DistrictReviewRequest = z.object({
  version: z.number().int().min(1),
  decision: z.enum(DISTRICT_DECISIONS, { error: "审核结论：请选择通过、退回或不予通过" }),
  opinion: z
    .string({ error: "意见：请填写" })
    .trim()
    .min(1, "意见：请填写初审意见")
    .max(2000, "意见：最多2000字"),
  /** 核定设备投资 (万元); default the declared amount. */
  approvedEquipmentWan: z.string().trim().max(30).meta(OPTIONAL_WAN_TEXT).optional(),
});

export const AssignReviewersRequest = z.object({
  version: z.number().int().min(1),
  reviewerIds: z.array(z.uuid()).min(1, "评审专家：至少指派1名").max(9, "评审专家：最多9名"),
});

export const ScoreRequest = z.object({
  scores: z.record(z.string(), z.number({ error: "评分：应为整数分" })),
  opinion: z
    .string({ error: "意见：请填写" })
    .trim()
    .min(1, "意见：请填写评审意见")
    .max(2000, "意见：最多2000字"),
});

export const CityDecisionRequest = z.object({
  version: z.number().int().min(1),
  decision: z.enum(CITY_DECISIONS, { error: "审定结论：请选择立项或不予立项" }),
  opinion: z.string().trim().min(1, "意见：请填写审定意见").max(2000, "意见：最多2000字"),
  /** The policy to fund it under; default the engine's granted one. Required to approve when any is eligible. */
  policyId: z.string().trim().max(100).optional(),
});

export const SubsidyPreview = z.object({
  today: z.string(),
  facts: z.array(
    z.object({
      fact: z.string(),
      label: z.string(),
      display: z.string(),
      /** project (项目申报) | registry (企业库) | assessment (最近一次提交的评估) */
      source: z.enum(["project", "registry", "assessment"]),
      /** The source in words, e.g. "最近一次提交的评估（2026-03-01）". */
      sourceText: z.string(),
    }),
  ),
  results: z.array(GroupedEvaluation),
  /** The policy the engine grants (highest eligible after non-cumulation), null if none. */
  defaultPolicyId: z.string().nullable(),
  tranchePlan: z.array(
    z.object({
      tranche: z.number().int(),
      milestone: z.enum(["start", "completion"]),
      amountFen: z.number().int(),
    }),
  ),
});
export type SubsidyPreview = z.infer<typeof SubsidyPreview>;

export const ReportRequest = z.object({
  kind: z.enum(MILESTONE_KINDS, { error: "报告类型：请选择开工、建设进度或竣工" }),
  reportDate: dateOnly("报告日期"),
  percent: z.number({ error: "完成进度：请填写 0–100 的整数" }).int("完成进度：应为整数").optional(),
  investmentCompletedWan: z.string().trim().max(30).meta(OPTIONAL_WAN_TEXT).optional(),
  note: z.string().trim().max(2000, "说明：最多2000字").optional(),
});

export const AcceptRequest = z.object({
  version: z.number().int().min(1),
  opinion: z.string().trim().min(1, "意见：请填写验收意见").max(2000, "意见：最多2000字"),
});

/** 竣工验收 退回整改: back to 建设中 with the reason the enterprise sees; it reports again and is re-accepted. */
export const RectifyRequest = z.object({
  version: z.number().int().min(1),
  reason: z
    .string({ error: "整改原因：请填写退回整改的原因" })
    .trim()
    .min(1, "整改原因：请填写退回整改的原因")
    .max(2000, "整改原因：最多2000字"),
});

export const CreateTaskRequest = z.object({
  departmentUserId: z.uuid({ error: "协同部门账号：请选择" }).optional(),
  /** Without an account: the organisation (users.organization of its department accounts). */
  departmentName: z.string().trim().max(100).optional(),
  kind: z.enum(COORDINATION_KINDS, { error: "事项类型：请选择用地、用能、施工许可、环评或其他" }),
  title: z.string({ error: "事项：请填写" }).trim().min(2, "事项：至少2个字").max(200, "事项：最多200字"),
  deadline: dateOnly("办理期限"),
});
export const AnswerTaskRequest = z.object({
  version: z.number().int().min(1),
  status: z.enum(TASK_STATUSES, { error: "办理状态：请选择" }),
  response: z.string().trim().max(2000, "办理答复：最多2000字").optional(),
});
export const TaskListQuery = PageQuery.extend({
  status: z.enum(TASK_STATUSES).optional(),
  overdue: QueryBool,
  q: searchText(),
});

export const PayTrancheRequest = z.object({
  tranche: z.number({ error: "拨付批次：请选择" }).int().min(1),
  voucherNo: z.string().trim().max(100).optional(),
  /** Also accepted as the Idempotency-Key header; one of the two is required. */
  idempotencyKey: z.string().trim().min(8, "幂等键至少8个字符").max(200).optional(),
});
export const PayTrancheResult = z.object({
  created: z.boolean(),
  tranche: z.number().int(),
  amountFen: z.number().int(),
  project: ProjectDetail,
});

export const ReviewerOption = z.object({
  id: z.uuid(),
  displayName: z.string(),
  organization: z.string().nullable(),
  openReviews: z.number().int(),
});
export const DepartmentOption = z.object({
  id: z.uuid(),
  displayName: z.string(),
  organization: z.string().nullable(),
});

export const PipelineQuery = z.object({
  districtCode: districtCodeFilter("所属区：应为 6 位代码"),
});
export const PipelineStats = z.object({
  districtCode: z.string().nullable(),
  districtName: z.string().nullable(),
  /** Per planned-start year and status: count, planned (total) and completed investment in 分. */
  cells: z.array(
    z.object({
      year: z.number().int(),
      status: z.enum(PROJECT_STATUSES),
      count: z.number().int(),
      plannedFen: z.number().int(),
      completedFen: z.number().int(),
    }),
  ),
  /** Per year over funded projects (approved and later): planned and completed 技改投资. */
  years: z.array(
    z.object({
      year: z.number().int(),
      count: z.number().int(),
      plannedFen: z.number().int(),
      completedFen: z.number().int(),
      /** planned / 2023 planned, as a percent string with one decimal ("131.2"); null without a 2023 base. */
      vsBasePercent: z.string().nullable(),
    }),
  ),
  baseYear: z.number().int(),
  /** The city's target: 技改投资 +25 % over the base year. */
  targetGrowthPercent: z.number().int(),
  totals: z.object({
    count: z.number().int(),
    plannedFen: z.number().int(),
    completedFen: z.number().int(),
    approvedFen: z.number().int(),
    paidFen: z.number().int(),
  }),
});
export type PipelineStats = z.infer<typeof PipelineStats>;
