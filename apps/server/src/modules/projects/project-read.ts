import type { CoordinationTask, ProjectDetail, ProjectItem, ProjectListQuery } from "@dxcenter/contracts";
import type { Executor } from "@dxcenter/db";
import {
  type Actor,
  averageFromSum,
  type OverdueKind,
  planTranches,
  projectPermissions,
  trancheGate,
} from "@dxcenter/domain";
import type { z } from "zod";
import { pageOf } from "../../lib/list-query";
import { loadPolicyVersion } from "../policies/policy.repository";
import {
  attachmentsOf,
  awardEvaluationOf,
  findProjectRow,
  type PaymentRow,
  type ProjectRow,
  paymentsOf,
  projectListCondition,
  projectListRows,
  projectListTotal,
  reportsOf,
  reviewsOf,
} from "./project.queries";
import { projectFactsOf } from "./project-guard";
import { listTasksOfProject } from "./task.service";

/** What a reader sees of projects: the list (and its export pages) and the detail page. */

type ListQuery = z.output<typeof ProjectListQuery>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function overdueOf(r: ProjectRow): OverdueKind[] {
  const out: OverdueKind[] = [];
  if (r.startLate) out.push("start_late");
  if (r.finishLate) out.push("finish_late");
  if (r.reportStale) out.push("report_stale");
  return out;
}

function toItem(r: ProjectRow): ProjectItem {
  const p = r.p;
  return {
    id: p.id,
    enterpriseId: p.enterpriseId,
    enterpriseName: r.enterpriseName,
    districtCode: p.districtCode,
    districtName: r.districtName,
    name: p.name,
    type: p.type,
    status: p.status,
    totalInvestmentFen: p.totalInvestmentFen,
    equipmentInvestmentFen: p.equipmentInvestmentFen,
    softwareInvestmentFen: p.softwareInvestmentFen,
    plannedStartDate: p.plannedStartDate,
    plannedFinishDate: p.plannedFinishDate,
    percentComplete: p.percentComplete,
    investmentCompletedFen: p.investmentCompletedFen,
    startedOn: p.startedOn,
    finishedOn: p.finishedOn,
    lastReportOn: p.lastReportOn,
    approvedAmountFen: p.approvedAmountFen,
    paidFen: Number(r.paidFen),
    expertScore: averageFromSum(Number(r.scoreSum), Number(r.scoreCount)),
    overdue: overdueOf(r),
    submittedAt: iso(p.submittedAt),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    version: p.version,
  };
}

export async function listProjects(db: Executor, actor: Actor, q: ListQuery) {
  const cond = projectListCondition(actor, q);
  return pageOf(
    q,
    (limit, offset) => projectListRows(db, cond, q, limit, offset),
    () => projectListTotal(db, cond),
    toItem,
  );
}

/** The tranche plan of the approved amount, each with its payment or why it is not payable yet. */
function tranchesOf(r: ProjectRow, payments: PaymentRow[]) {
  const plan = r.p.approvedAmountFen ? planTranches(r.p.approvedAmountFen) : [];
  return plan.map((t) => {
    const paid = payments.find((x) => x.p.tranche === t.tranche);
    const gate = trancheGate(plan, t.tranche, r.p.status, payments.length);
    return {
      tranche: t.tranche,
      milestone: t.milestone,
      amountFen: t.amountFen,
      payable: !paid && gate.ok,
      blockedReason: paid || gate.ok ? null : gate.message,
      paid: paid
        ? {
            amountFen: paid.p.amountFen,
            paidAt: paid.p.paidAt.toISOString(),
            paidByName: paid.name,
            voucherNo: paid.p.voucherNo,
          }
        : null,
    };
  });
}

async function toDetail(db: Executor, actor: Actor, r: ProjectRow): Promise<ProjectDetail> {
  const p = r.p;
  const noTasks: CoordinationTask[] = [];
  const [reviews, reports, attachments, tasks, payments, evaluation, policy] = await Promise.all([
    reviewsOf(db, p.id),
    reportsOf(db, p.id),
    attachmentsOf(db, p.id),
    actor.role === "expert" ? noTasks : listTasksOfProject(db, actor, p.id),
    p.awardId ? paymentsOf(db, p.awardId) : [],
    p.awardId ? awardEvaluationOf(db, p.awardId) : null,
    p.policyId && p.policyVersion ? loadPolicyVersion(db, p.policyId, p.policyVersion) : null,
  ]);
  const { read: _read, ...steps } = projectPermissions(actor, projectFactsOf(r));
  // Experts review independently: each sees only their own sheet; the enterprise sees the decisions, not the sheets.
  const visibleReviews = reviews.filter((x) => {
    if (x.r.stage !== "expert") return true;
    if (actor.role === "expert") return x.r.reviewerId === actor.id;
    return actor.role === "city_admin" || actor.role === "district_admin";
  });
  return {
    ...toItem(r),
    expectedOutcomes: p.expectedOutcomes,
    approvedEquipmentFen: p.approvedEquipmentFen,
    loanPrincipalFen: p.loanPrincipalFen,
    loanMonths: p.loanMonths,
    cityDemonstration: p.cityDemonstration,
    reloanSupported: p.reloanSupported,
    policyId: p.policyId,
    policyVersion: p.policyVersion,
    policyName: policy?.name ?? null,
    awardId: p.awardId,
    approvedAt: iso(p.approvedAt),
    acceptedAt: iso(p.acceptedAt),
    // jsonb snapshot of the engine's PolicyEvaluation written at approval (column untyped in packages/db).
    evaluation: evaluation as ProjectDetail["evaluation"],
    reviews: visibleReviews.map((x) => ({
      id: x.r.id,
      stage: x.r.stage,
      reviewerId: x.r.reviewerId,
      reviewerName: x.name,
      reviewerOrganization: x.org,
      // jsonb score sheet {itemId: points} (column untyped in packages/db).
      scores: (x.r.scores as Record<string, number> | null) ?? null,
      total: x.r.total,
      opinion: x.r.opinion,
      decision: x.r.decision,
      createdAt: x.r.createdAt.toISOString(),
      submittedAt: iso(x.r.submittedAt),
      drawn: x.r.stage === "expert" && Boolean(x.drawn),
    })),
    reports: reports.map((x) => ({
      id: x.r.id,
      kind: x.r.kind,
      reportDate: x.r.reportDate,
      percent: x.r.percent,
      investmentCompletedFen: x.r.investmentCompletedFen,
      note: x.r.note,
      reportedByName: x.name,
      reportedAt: x.r.reportedAt.toISOString(),
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      mime: a.mime,
      size: a.size,
      uploadedByName: a.name,
      uploadedAt: a.uploadedAt.toISOString(),
    })),
    tasks,
    tranches: tranchesOf(r, payments),
    // The steps of the workflow table; paying also needs an award to pay from.
    permissions: { ...steps, pay: steps.pay && !!p.awardId },
  };
}

export async function getProject(db: Executor, actor: Actor, id: string) {
  return toDetail(db, actor, await findProjectRow(db, actor, id));
}
