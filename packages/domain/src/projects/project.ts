/**
 * 技改项目库 (industrial investment and technical-upgrade projects): types, statuses, the expert
 * score sheet, milestones, coordination-task kinds. Pure data and rules; the server stores, the web
 * shows, both from these constants.
 */
import { PROJECT_TYPE_LABELS, type ProjectType } from "../policy/fact-catalogue";

/** Same keys as the policy fact `projectType`, so a project's type is a policy fact unchanged. */
export const PROJECT_TYPES = Object.keys(PROJECT_TYPE_LABELS) as ProjectType[];

/**
 * draft (草稿) / returned (退回修改) → district_review (待区级初审; "submitted") → expert_review
 * (市级专家评审) → approved (已立项) → in_construction (建设中, 开工 reported) → acceptance
 * (待竣工验收, 竣工 reported) → completed (已竣工验收). rejected (未通过) ends it at either review.
 */
export const PROJECT_STATUSES = [
  "draft",
  "returned",
  "district_review",
  "expert_review",
  "approved",
  "rejected",
  "in_construction",
  "acceptance",
  "completed",
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  draft: "草稿",
  returned: "退回修改",
  district_review: "区级初审",
  expert_review: "专家评审",
  approved: "已立项",
  rejected: "未通过",
  in_construction: "建设中",
  acceptance: "待竣工验收",
  completed: "已竣工验收",
};

/** The main line of the workflow, for the status timeline (returned/rejected are side exits). */
export const PROJECT_MAIN_LINE: readonly ProjectStatus[] = [
  "draft",
  "district_review",
  "expert_review",
  "approved",
  "in_construction",
  "acceptance",
  "completed",
];

/** Statuses the enterprise may still edit the application in. */
export const EDITABLE_PROJECT_STATUSES: readonly ProjectStatus[] = ["draft", "returned"];
/** After approval: the project is funded and tracked. */
export const FUNDED_PROJECT_STATUSES: readonly ProjectStatus[] = [
  "approved",
  "in_construction",
  "acceptance",
  "completed",
];

export const REVIEW_STAGES = ["district", "expert", "city"] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];
export const REVIEW_STAGE_LABELS: Record<ReviewStage, string> = {
  district: "区级初审",
  expert: "专家评审",
  city: "市级审定",
};

/**
 * Every decision a bureau's review row carries: 区级初审 (DISTRICT_DECISIONS), 市级审定
 * (CITY_DECISIONS), 竣工验收 accept or 退回整改 rectify. An expert's score sheet carries none.
 */
export const REVIEW_DECISIONS = ["approve", "return", "reject", "accept", "rectify"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const CITY_DECISIONS = ["approve", "reject"] as const satisfies readonly ReviewDecision[];

export const DISTRICT_DECISIONS = [
  "approve",
  "return",
  "reject",
] as const satisfies readonly ReviewDecision[];
export type DistrictDecision = (typeof DISTRICT_DECISIONS)[number];
export const DISTRICT_DECISION_LABELS: Record<DistrictDecision, string> = {
  approve: "通过，报市级评审",
  return: "退回修改",
  reject: "不予通过",
};

/**
 * 专家评审评分表. Data: the items and their maximum points (total 100). An expert gives whole points
 * 0..max per item; the project's expert score is the average of the submitted sheets' totals.
 */
export const EXPERT_SCORE_SHEET = [
  { id: "necessity", label: "项目必要性与政策符合度", max: 20 },
  { id: "technology", label: "技术先进性与数字化水平", max: 25 },
  { id: "feasibility", label: "实施方案可行性（进度、资金、组织）", max: 20 },
  { id: "benefit", label: "预期经济和社会效益", max: 25 },
  { id: "capability", label: "企业实施能力与风险控制", max: 10 },
] as const;
export type ScoreItemId = (typeof EXPERT_SCORE_SHEET)[number]["id"];
export const EXPERT_SCORE_MAX = EXPERT_SCORE_SHEET.reduce((s, i) => s + i.max, 0);

export type ScoreSheet = Readonly<Record<string, number>>;

/** Checks a filled sheet: every item present, a whole number within 0..max, no unknown item. Chinese message or null. */
export function validateScoreSheet(scores: ScoreSheet): { field: string; message: string } | null {
  for (const key of Object.keys(scores)) {
    if (!EXPERT_SCORE_SHEET.some((i) => i.id === key))
      return { field: `scores.${key}`, message: `评分项“${key}”不在评分表中` };
  }
  for (const item of EXPERT_SCORE_SHEET) {
    const v = scores[item.id];
    if (v === undefined) return { field: `scores.${item.id}`, message: `${item.label}：请打分` };
    if (!Number.isInteger(v) || v < 0 || v > item.max)
      return { field: `scores.${item.id}`, message: `${item.label}：应为 0–${item.max} 的整数分` };
  }
  return null;
}

export const sheetTotal = (scores: ScoreSheet): number =>
  EXPERT_SCORE_SHEET.reduce((s, i) => s + (scores[i.id] ?? 0), 0);

/** Average of totals to one decimal, as a string ("83.5"), exact (integer arithmetic); null with no sheets. */
export function averageScore(totals: readonly number[]): string | null {
  return averageFromSum(
    totals.reduce((a, b) => a + b, 0),
    totals.length,
  );
}

/** The same from a sum and a count (what SQL hands back). */
export function averageFromSum(sum: number, n: number): string | null {
  if (n === 0) return null;
  // round half up to 0.1: floor((sum * 10 * 2 + n) / (2n))
  const tenths = Math.floor((sum * 20 + n) / (2 * n));
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

export const MILESTONE_KINDS = ["start", "progress", "completion"] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];
export const MILESTONE_LABELS: Record<MilestoneKind, string> = {
  start: "开工",
  progress: "建设进度",
  completion: "竣工",
};

export const COORDINATION_KINDS = ["land", "energy", "construction_permit", "eia", "other"] as const;
export type CoordinationKind = (typeof COORDINATION_KINDS)[number];
export const COORDINATION_KIND_LABELS: Record<CoordinationKind, string> = {
  land: "用地",
  energy: "用能",
  construction_permit: "施工许可",
  eia: "环评",
  other: "其他",
};
export const TASK_STATUSES = ["open", "in_progress", "done"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  open: "待办理",
  in_progress: "办理中",
  done: "已办结",
};
