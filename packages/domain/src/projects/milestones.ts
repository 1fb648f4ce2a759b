/**
 * Milestone rules of a funded project: progress reports (开工 → 建设进度 → 竣工), overdue warnings and
 * the tranche plan (分期拨付). Dates are calendar days in Asia/Shanghai ("YYYY-MM-DD").
 */
import type { MilestoneKind, ProjectStatus } from "./project";

/** A project in construction without a progress report for more than this many days is 进度滞报. */
export const PROGRESS_REPORT_MAX_DAYS = 30;

const DAY = 86_400_000;
const dayNumber = (d: string) =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY;
/** Whole days from a to b (b − a). */
export const daysBetween = (a: string, b: string) => dayNumber(b) - dayNumber(a);
export function addDays(d: string, n: number): string {
  return new Date((dayNumber(d) + n) * DAY).toISOString().slice(0, 10);
}

export interface ProgressState {
  readonly status: ProjectStatus;
  readonly totalInvestmentFen: number;
  /** 开工 date reported, once. */
  readonly startedOn: string | null;
  /** Latest reported percent complete and cumulative investment completed. */
  readonly lastPercent: number;
  readonly lastInvestmentFen: number;
  readonly lastReportOn: string | null;
}

export interface ProgressInput {
  readonly kind: MilestoneKind;
  readonly reportDate: string;
  readonly percent?: number | null;
  readonly investmentCompletedFen?: number | null;
}

export type ReportOutcome =
  | { ok: true; percent: number; investmentCompletedFen: number; nextStatus: ProjectStatus }
  | { ok: false; field: string; message: string; state?: true };

/**
 * Checks one progress report against the project's state. `state: true` marks a report the project's
 * status does not allow (409), the others are input errors (400) naming the field.
 */
export function checkProgressReport(s: ProgressState, r: ProgressInput, today: string): ReportOutcome {
  if (r.reportDate > today) return { ok: false, field: "reportDate", message: "报告日期不能晚于今天" };
  if (r.kind === "start") {
    if (s.status !== "approved")
      return { ok: false, field: "kind", message: "只有已立项、尚未开工的项目可以报告开工", state: true };
    const bad = numberError(s, r.percent ?? 0, r.investmentCompletedFen);
    if (bad) return bad;
    return {
      ok: true,
      percent: r.percent ?? 0,
      investmentCompletedFen: r.investmentCompletedFen ?? 0,
      nextStatus: "in_construction",
    };
  }
  if (s.status !== "in_construction")
    return {
      ok: false,
      field: "kind",
      message: r.kind === "progress" ? "只有建设中的项目可以报告建设进度" : "只有建设中的项目可以报告竣工",
      state: true,
    };
  if (s.startedOn && r.reportDate < s.startedOn)
    return { ok: false, field: "reportDate", message: `报告日期不能早于开工日期 ${s.startedOn}` };
  if (s.lastReportOn && r.reportDate < s.lastReportOn)
    return { ok: false, field: "reportDate", message: `报告日期不能早于上一次报告（${s.lastReportOn}）` };
  const percent = r.kind === "completion" ? 100 : r.percent;
  if (percent === undefined || percent === null)
    return { ok: false, field: "percent", message: "完成进度：请填写 0–100 的整数百分比" };
  const bad = numberError(s, percent, r.investmentCompletedFen);
  if (bad) return bad;
  return {
    ok: true,
    percent,
    investmentCompletedFen: r.investmentCompletedFen ?? s.lastInvestmentFen,
    nextStatus: r.kind === "completion" ? "acceptance" : "in_construction",
  };
}

function numberError(
  s: ProgressState,
  percent: number,
  invest: number | null | undefined,
): { ok: false; field: string; message: string } | null {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100)
    return { ok: false, field: "percent", message: "完成进度：应为 0–100 的整数百分比" };
  if (percent < s.lastPercent)
    return {
      ok: false,
      field: "percent",
      message: `完成进度 ${percent}% 低于上一次报告的 ${s.lastPercent}%（进度只能增加）`,
    };
  if (invest !== undefined && invest !== null) {
    if (!Number.isSafeInteger(invest) || invest < 0)
      return { ok: false, field: "investmentCompletedWan", message: "累计完成投资：金额不能为负数" };
    if (invest > s.totalInvestmentFen)
      return { ok: false, field: "investmentCompletedWan", message: "累计完成投资不能超过项目总投资" };
    if (invest < s.lastInvestmentFen)
      return {
        ok: false,
        field: "investmentCompletedWan",
        message: "累计完成投资低于上一次报告（累计数只能增加）",
      };
  }
  return null;
}

export const OVERDUE_KINDS = ["start_late", "finish_late", "report_stale"] as const;
export type OverdueKind = (typeof OVERDUE_KINDS)[number];
export const OVERDUE_LABELS: Record<OverdueKind, string> = {
  start_late: "逾期未开工",
  finish_late: "逾期未竣工",
  report_stale: "进度滞报",
};

export interface OverdueFacts {
  readonly status: ProjectStatus;
  readonly plannedStartDate: string;
  readonly plannedFinishDate: string;
  readonly startedOn: string | null;
  readonly lastReportOn: string | null;
}

/**
 * Warnings of a project on `today` (Shanghai):
 * - 逾期未开工: approved, planned start day passed (today > planned start) and no 开工 report;
 * - 逾期未竣工: in construction, planned finish day passed and no 竣工 report;
 * - 进度滞报: in construction and more than PROGRESS_REPORT_MAX_DAYS days since the last report (开工 counts).
 * The server computes the same in SQL (modules/projects/project.queries.ts overdueSql); API tests check both agree.
 */
export function overdueWarnings(
  p: OverdueFacts,
  today: string,
  maxDays = PROGRESS_REPORT_MAX_DAYS,
): OverdueKind[] {
  const out: OverdueKind[] = [];
  if (p.status === "approved" && p.plannedStartDate < today) out.push("start_late");
  if (p.status === "in_construction") {
    if (p.plannedFinishDate < today) out.push("finish_late");
    const last = p.lastReportOn ?? p.startedOn;
    if (last && daysBetween(last, today) > maxDays) out.push("report_stale");
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tranches (分期拨付)

export type TrancheMilestone = "start" | "completion";
export const TRANCHE_MILESTONE_LABELS: Record<TrancheMilestone, string> = {
  start: "开工后",
  completion: "竣工验收后",
};

/** The city's rule: 50 % after 开工 is reported, the rest after 竣工验收. Ratios are per cent. */
export const TRANCHE_RULE: readonly { milestone: TrancheMilestone; percent: number }[] = [
  { milestone: "start", percent: 50 },
  { milestone: "completion", percent: 50 },
];

export interface Tranche {
  readonly tranche: number;
  readonly milestone: TrancheMilestone;
  readonly amountFen: number;
}

/** The plan for an approved amount: each tranche floor(amount × percent), the last one takes the rest, so the sum is exact. */
export function planTranches(approvedFen: number, rule = TRANCHE_RULE): Tranche[] {
  let left = approvedFen;
  return rule.map((r, i) => {
    const amount = i === rule.length - 1 ? left : Math.floor((approvedFen * r.percent) / 100);
    left -= amount;
    return { tranche: i + 1, milestone: r.milestone, amountFen: amount };
  });
}

/** A plan is valid when tranches are numbered 1..n, amounts ≥ 0, the sum ≤ the approved amount and the completion tranche is last. */
export function validateTranchePlan(plan: readonly Tranche[], approvedFen: number): string | null {
  let sum = 0;
  for (const [i, t] of plan.entries()) {
    if (t.tranche !== i + 1) return "拨付批次应从 1 开始连续编号";
    if (!Number.isSafeInteger(t.amountFen) || t.amountFen < 0)
      return `第${t.tranche}笔金额应为不小于 0 的整数分`;
    if (t.milestone === "completion" && i !== plan.length - 1) return "竣工验收后的拨付只能是最后一笔";
    sum += t.amountFen;
  }
  if (sum > approvedFen) return "分期拨付合计不能超过核定补助金额";
  return null;
}

export function milestoneReached(m: TrancheMilestone, status: ProjectStatus): boolean {
  if (m === "start") return status === "in_construction" || status === "acceptance" || status === "completed";
  return status === "completed";
}

export type TrancheGate = { ok: true; tranche: Tranche } | { ok: false; message: string };

/** May tranche `n` be paid now? Needs the milestone reached and every earlier tranche paid, and not paid already. */
export function trancheGate(
  plan: readonly Tranche[],
  n: number,
  status: ProjectStatus,
  paidTranches: number,
): TrancheGate {
  const t = plan.find((x) => x.tranche === n);
  if (!t) return { ok: false, message: `拨付计划中没有第${n}笔` };
  if (n <= paidTranches) return { ok: false, message: `第${n}笔已拨付` };
  if (n !== paidTranches + 1) return { ok: false, message: `请先拨付第${paidTranches + 1}笔` };
  if (t.amountFen <= 0) return { ok: false, message: `第${n}笔金额为 0，无需拨付` };
  if (!milestoneReached(t.milestone, status))
    return {
      ok: false,
      message: `第${n}笔须在项目${t.milestone === "start" ? "报告开工" : "通过竣工验收"}后拨付`,
    };
  return { ok: true, tranche: t };
}
