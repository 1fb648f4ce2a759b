import { type DiagnosisStatus, OPEN_VISIT_STATUSES } from "../access/diagnosis-access";
import { REPORT_STATE_LABELS, type ReportState, reportDaysLate } from "../indicators/report";
import {
  type IndicatorDirection,
  type Thresholds,
  TRAJECTORY_STATUS_LABELS,
  trajectoryStatus,
} from "../indicators/trajectory";
import { daysBetween, type OverdueFacts, overdueWarnings } from "../projects/milestones";

/**
 * 预警中心 (issue 13 §5): warning rules as versioned data (packages/db/warning-rules/*.json, the
 * WarningRuleDefinition schema in contracts) and one pure evaluator per rule kind. An evaluator gets
 * the facts of one subject (a project, a diagnosis, a budget pool, an indicator figure, an
 * enterprise's two latest scores) and answers a finding — how severe (a number, larger is worse),
 * a Chinese title and the figures behind it — or null when the condition does not hold. The rule's
 * level, or its severity bands, turn the severity into 红/橙/黄. The server gathers the facts in SQL,
 * runs these, and keeps one warning per condition (the dedupe key) until the condition clears.
 */

export const WARNING_LEVELS = ["red", "orange", "yellow"] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

export const WARNING_LEVEL_NAMES: Record<WarningLevel, string> = { red: "红", orange: "橙", yellow: "黄" };

/** A warning's life: open → acknowledged (认领) → handled (处置, with a note) → closed. */
export const WARNING_STATES = ["open", "acknowledged", "handled", "closed"] as const;
export type WarningState = (typeof WARNING_STATES)[number];

export const WARNING_STATE_LABELS: Record<WarningState, string> = {
  open: "待认领",
  acknowledged: "处置中",
  handled: "已处置",
  closed: "已关闭",
};

export const WARNING_RULE_KINDS = [
  "indicator_behind",
  "project_report_stale",
  "project_milestone_late",
  "diagnosis_overdue",
  "budget_pool_low",
  "score_drop",
  "certificate_expiring",
  "report_late",
] as const;
export type WarningRuleKind = (typeof WARNING_RULE_KINDS)[number];

/** What a warning is about; the subject's name is kept as a snapshot on the warning. */
export const WARNING_SUBJECT_TYPES = [
  "indicator",
  "project",
  "diagnosis",
  "budget_pool",
  "enterprise",
] as const;
export type WarningSubjectType = (typeof WARNING_SUBJECT_TYPES)[number];

/**
 * Who owns a warning: the subject's district (a pool without a district: the city), the city, or the
 * owner of the indicator (its department, else the city; a district figure: that district).
 */
export const WARNING_OWNER_RULES = ["subject_district", "city", "indicator_owner"] as const;
export type WarningOwnerRule = (typeof WARNING_OWNER_RULES)[number];

export const WARNING_OWNER_KINDS = ["city", "district", "department"] as const;
export type WarningOwnerKind = (typeof WARNING_OWNER_KINDS)[number];

/** `platform`: evaluated over the platform's tables; `pending`: its source table does not exist yet (待接入). */
export const WARNING_RULE_SOURCES = ["platform", "pending"] as const;
export type WarningRuleSource = (typeof WARNING_RULE_SOURCES)[number];

/** From `min` severity on, the warning has this level (the highest matching band wins). */
export interface LevelBand {
  min: number;
  level: WarningLevel;
}

export interface WarningRuleParams {
  /** Days (no progress report for, expiring within, late by). */
  days?: number;
  /** Per cent (budget remaining below). */
  percent?: number;
  /** Points (score dropped by at least). */
  points?: number;
}

export interface WarningRuleDefinition {
  id: string;
  version: string;
  name: string;
  /** What the rule looks at and when it fires, in Chinese. */
  description: string;
  kind: WarningRuleKind;
  params: WarningRuleParams;
  /** The level of a finding below every band. */
  level: WarningLevel;
  bands: LevelBand[];
  owner: WarningOwnerRule;
  enabled: boolean;
  source: WarningRuleSource;
  notes: string[];
}

/** The params each kind needs (the contracts schema refuses a rule file without them). */
export const REQUIRED_PARAMS: Record<WarningRuleKind, readonly (keyof WarningRuleParams)[]> = {
  indicator_behind: [],
  project_report_stale: ["days"],
  project_milestone_late: [],
  diagnosis_overdue: [],
  budget_pool_low: ["percent"],
  score_drop: ["points"],
  certificate_expiring: ["days"],
  report_late: ["days"],
};

/** Whether the job evaluates the rule: enabled and its source exists. */
export const isEvaluated = (r: Pick<WarningRuleDefinition, "enabled" | "source">): boolean =>
  r.enabled && r.source === "platform";

/** The level of a finding of `severity` under the rule: the band with the highest `min` reached, else the rule's level. */
export function levelFor(
  rule: Pick<WarningRuleDefinition, "level" | "bands">,
  severity: number,
): WarningLevel {
  let best: LevelBand | null = null;
  for (const b of rule.bands) if (severity >= b.min && (!best || b.min > best.min)) best = b;
  return best ? best.level : rule.level;
}

export interface Finding {
  /** Larger is worse: days late, points dropped, per cent used, 1 = 滞后 / 2 = 预警. */
  severity: number;
  title: string;
  detail: Record<string, string | number | null>;
}

// ---------------------------------------------------------------------------------------------
// Evaluators, one per kind that has a source.

export interface IndicatorFigureFacts {
  indicatorName: string;
  unit: string;
  /** 全市 or the district's name. */
  scopeName: string;
  period: string;
  value: number | null;
  expected: number | null;
  direction: IndicatorDirection;
  thresholds: Thresholds;
}

/** 滞后 (severity 1) or 预警 (severity 2) against the trajectory; 达标 and 未评价 raise nothing. */
export function indicatorBehind(f: IndicatorFigureFacts): Finding | null {
  const s = trajectoryStatus(f.value, f.expected, f.direction, f.thresholds);
  if (s.status !== "behind" && s.status !== "alert") return null;
  return {
    severity: s.status === "alert" ? 2 : 1,
    title: `${f.scopeName}${f.indicatorName}${TRAJECTORY_STATUS_LABELS[s.status]}（${f.period}）`,
    detail: {
      period: f.period,
      value: f.value,
      expected: f.expected,
      unit: f.unit,
      status: TRAJECTORY_STATUS_LABELS[s.status],
      shortfall: s.shortfall,
    },
  };
}

export interface ProjectWarningFacts extends OverdueFacts {
  name: string;
}

/** In construction and no progress report (开工 counts) for more than `days` days; severity = days since. */
export function projectReportStale(p: ProjectWarningFacts, today: string, days: number): Finding | null {
  if (!overdueWarnings(p, today, days).includes("report_stale")) return null;
  const last = (p.lastReportOn ?? p.startedOn) as string;
  const since = daysBetween(last, today);
  return {
    severity: since,
    title: `项目“${p.name}”已${since}天未报告进度`,
    detail: { lastReportOn: last, daysSince: since, limitDays: days },
  };
}

/** Past the planned start without 开工, or past the planned finish without 竣工; severity = days late. */
export function projectMilestoneLate(p: ProjectWarningFacts, today: string): Finding | null {
  const kinds = overdueWarnings(p, today);
  const late = kinds.includes("start_late")
    ? { milestone: "开工", plannedOn: p.plannedStartDate }
    : kinds.includes("finish_late")
      ? { milestone: "竣工", plannedOn: p.plannedFinishDate }
      : null;
  if (!late) return null;
  const days = daysBetween(late.plannedOn, today);
  return {
    severity: days,
    title: `项目“${p.name}”逾期未${late.milestone}${days}天`,
    detail: { ...late, daysLate: days },
  };
}

export interface DiagnosisWarningFacts {
  enterpriseName: string;
  status: DiagnosisStatus;
  visitDate: string | null;
}

/** The diagnosis service's overdue rule: visit day passed while scheduled or in progress; severity = days late. */
export function diagnosisOverdue(d: DiagnosisWarningFacts, today: string): Finding | null {
  if (!d.visitDate || !OPEN_VISIT_STATUSES.includes(d.status) || !(d.visitDate < today)) return null;
  const late = daysBetween(d.visitDate, today);
  return {
    severity: late,
    title: `“${d.enterpriseName}”诊断逾期${late}天未完成现场评定`,
    detail: { visitDate: d.visitDate, daysLate: late },
  };
}

export interface BudgetPoolFacts {
  name: string;
  year: number;
  totalFen: number;
  reservedFen: number;
  paidFen: number;
}

/** The pool's name with its year, unless the name already says it. */
export const poolName = (p: Pick<BudgetPoolFacts, "name" | "year">): string =>
  p.name.includes(`${p.year}年`) ? p.name : `${p.name}（${p.year}年）`;

/**
 * Remaining (total − reserved − paid) below `percent` % of the total; a pool of 0 raises nothing.
 * Severity = per cent committed, whole (100 = exhausted). Integer arithmetic only.
 */
export function budgetPoolLow(p: BudgetPoolFacts, percent: number): Finding | null {
  if (p.totalFen <= 0) return null;
  const remaining = p.totalFen - p.reservedFen - p.paidFen;
  if (!(remaining * 100 < percent * p.totalFen)) return null;
  const used = Math.floor(((p.totalFen - remaining) * 100) / p.totalFen);
  const remainingPercent = Math.round((remaining * 1000) / p.totalFen) / 10;
  return {
    severity: used,
    title: `预算池“${poolName(p)}”余额仅剩${remainingPercent}%`,
    detail: {
      totalFen: p.totalFen,
      remainingFen: remaining,
      remainingPercent,
      limitPercent: percent,
    },
  };
}

export interface ScoreFacts {
  enterpriseName: string;
  instrumentName: string;
  previousTotal: number;
  previousOn: string;
  latestTotal: number;
  latestOn: string;
}

/** The latest submitted score is below the previous one by at least `points`; severity = points dropped. */
export function scoreDrop(s: ScoreFacts, points: number): Finding | null {
  const drop = Math.round((s.previousTotal - s.latestTotal) * 1000) / 1000;
  if (!(drop >= points)) return null;
  return {
    severity: drop,
    title: `“${s.enterpriseName}”${s.instrumentName}复评得分下降${drop}分`,
    detail: {
      previousTotal: s.previousTotal,
      previousOn: s.previousOn,
      latestTotal: s.latestTotal,
      latestOn: s.latestOn,
      drop,
    },
  };
}

export interface ReportTaskFacts {
  indicatorName: string;
  /** 全市 or the district's name. */
  scopeName: string;
  period: string;
  status: ReportState;
  dueDate: string;
}

/**
 * 填报逾期: a task not submitted (pending, draft, returned) at least `days` days after its due day
 * (Asia/Shanghai calendar); severity = days late. The day after the due day is 1 day late.
 */
export function reportLate(t: ReportTaskFacts, now: Date, days: number): Finding | null {
  const late = reportDaysLate(t, now);
  if (late < Math.max(days, 1)) return null;
  return {
    severity: late,
    title: `${t.scopeName}“${t.indicatorName}”${t.period}填报逾期${late}天`,
    detail: { period: t.period, dueDate: t.dueDate, daysLate: late, status: REPORT_STATE_LABELS[t.status] },
  };
}
