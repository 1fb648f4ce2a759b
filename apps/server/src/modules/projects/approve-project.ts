import { type Database, type Executor, policyAwards, projectReviews, projects, type Tx } from "@dxcenter/db";
import { type Actor, averageScore, type evaluateAll, planTranches } from "@dxcenter/domain";
import { and, eq, sql } from "drizzle-orm";
import { badRequest, conflict } from "../../errors";
import type { AuditActor } from "../audit/audit.service";
import { districtConfirm } from "../policies/award-confirm";
import { shanghaiToday } from "../policies/policy.repository";
import { insertDecision, type ProjectRow } from "./project.queries";
import { auditProjectStep, runProjectStep } from "./project-guard";
import { getProject } from "./project-read";
import { defaultPolicy, evaluateProject } from "./project-subsidy";

/**
 * 市级审定 — the named command. Approve: the policies are evaluated again in the transaction (facts
 * as they are now), the chosen policy (default: the engine's granted one) must be granted after
 * non-cumulation, and its award is created (source 'application', project_id) and confirmed through
 * the policy module's districtConfirm with this transaction — the same atomic conditional UPDATE on
 * every budget pool, so concurrent approvals can never over-commit a pool. The enterprise's intent is
 * its application, so the award moves on to enterprise_confirmed and tranches can be paid as
 * milestones are reached.
 */

type Evaluated = Awaited<ReturnType<typeof evaluateProject>>;
type Granted = ReturnType<typeof evaluateAll>["results"][number];

export async function decideProject(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { version: number; decision: "approve" | "reject"; opinion: string; policyId?: string | undefined },
  today = shanghaiToday(),
) {
  await runProjectStep(db, actor, { id, version: input.version, step: "decide" }, async (tx, row) => {
    const sheets = await tx
      .select({ total: projectReviews.total, submittedAt: projectReviews.submittedAt })
      .from(projectReviews)
      .where(and(eq(projectReviews.projectId, id), eq(projectReviews.stage, "expert")));
    if (input.decision === "approve") {
      if (sheets.length === 0) throw conflict("NO_REVIEWERS", "请先指派评审专家并完成评分");
      const open = sheets.filter((s) => !s.submittedAt).length;
      if (open) throw conflict("REVIEW_OPEN", `还有 ${open} 位评审专家尚未评分`);
    }
    const avg = averageScore(sheets.filter((s) => s.submittedAt).map((s) => s.total ?? 0));
    if (input.decision === "reject") await rejectProject(tx, actor, auditActor, row, input.opinion, avg);
    else await approveProject(tx, actor, auditActor, row, { ...input, avg }, today);
  });
  return getProject(db, actor, id);
}

async function rejectProject(
  tx: Executor,
  actor: Actor,
  auditActor: AuditActor,
  row: ProjectRow,
  opinion: string,
  avg: string | null,
) {
  const id = row.p.id;
  await tx.update(projects).set({ status: "rejected" }).where(eq(projects.id, id));
  await insertDecision(tx, id, "city", actor.id, "reject", opinion);
  await auditProjectStep(tx, auditActor, row, {
    action: "project.decide",
    before: { status: row.p.status },
    after: { status: "rejected", decision: "reject", opinion, expertScore: avg },
  });
}

/** The policy the city chose (or the engine's default), re-evaluated with that choice; 400 when not granted. */
async function chosenPolicy(
  tx: Tx,
  row: ProjectRow,
  first: Evaluated,
  policyId: string | undefined,
  today: string,
) {
  if (!policyId) return defaultPolicy(first.all);
  let chosen = first.all.results.find((r) => r.evaluation.policyId === policyId);
  if (!chosen) throw badRequest(`政策“${policyId}”不是按项目支持的现行政策`, "policyId");
  const def = first.projectDefs.find((d) => d.id === policyId)!;
  if (def.nonCumulation && chosen.evaluation.status === "eligible") {
    const again = await evaluateProject(tx, row, today, { [def.nonCumulation.group]: def.id });
    chosen = again.all.results.find((r) => r.evaluation.policyId === policyId)!;
  }
  if (!chosen.granted)
    throw badRequest(
      `所选政策“${chosen.evaluation.policyName}”不能享受：${chosen.exclusion?.text ?? chosen.evaluation.summary}`,
      "policyId",
    );
  return chosen;
}

/**
 * The award an approval reserves: created for the project, its budget reserved by the policy module's
 * own confirmation (a savepoint inside the caller's transaction), then confirmed for the enterprise.
 */
async function reserveAward(
  tx: Tx,
  actor: Actor,
  auditActor: AuditActor,
  row: ProjectRow,
  chosen: Granted,
  first: Evaluated,
  today: string,
) {
  const ev = chosen.evaluation;
  const def = first.projectDefs.find((d) => d.id === ev.policyId)!;
  const [award] = await tx
    .insert(policyAwards)
    .values({
      policyId: def.id,
      policyVersion: def.version,
      enterpriseId: row.p.enterpriseId,
      projectId: row.p.id,
      source: "application",
      status: "identified",
      nonCumulationGroup: def.nonCumulation?.group ?? null,
      amountFen: chosen.grantedFen,
      shares: ev.shares.map((s) => ({
        payer: s.payer,
        payerLabel: s.payerLabel,
        budgetPoolCode: s.budgetPoolId,
        amountFen: s.amountFen,
      })),
      facts: first.facts,
      evaluation: ev,
      identifiedBy: actor.id,
    })
    .returning({ id: policyAwards.id });
  const awardId = award!.id;
  const confirmed = await districtConfirm(tx, actor, auditActor, awardId, 1, today);
  await tx
    .update(policyAwards)
    .set({
      status: "enterprise_confirmed",
      enterpriseConfirmedAt: new Date(),
      enterpriseConfirmedBy: row.p.createdBy,
      updatedAt: new Date(),
      version: sql`${policyAwards.version} + 1`,
    })
    .where(eq(policyAwards.id, awardId));
  return { awardId, reservations: confirmed.reservations };
}

async function approveProject(
  tx: Tx,
  actor: Actor,
  auditActor: AuditActor,
  row: ProjectRow,
  input: { opinion: string; policyId?: string | undefined; avg: string | null },
  today: string,
) {
  const id = row.p.id;
  const first = await evaluateProject(tx, row, today);
  const chosen = await chosenPolicy(tx, row, first, input.policyId, today);
  const amount = chosen && chosen.grantedFen > 0 ? chosen.grantedFen : 0;
  const { awardId, reservations } =
    chosen && amount > 0
      ? await reserveAward(tx, actor, auditActor, row, chosen, first, today)
      : { awardId: null, reservations: [] };
  const evaluation = chosen?.evaluation ?? null;
  await tx
    .update(projects)
    .set({
      status: "approved",
      approvedAmountFen: amount,
      policyId: amount > 0 ? (evaluation?.policyId ?? null) : null,
      policyVersion: amount > 0 ? (evaluation?.policyVersion ?? null) : null,
      awardId,
      approvedAt: new Date(),
      approvedBy: actor.id,
    })
    .where(eq(projects.id, id));
  await insertDecision(tx, id, "city", actor.id, "approve", input.opinion);
  await auditProjectStep(tx, auditActor, row, {
    action: "project.decide",
    before: { status: row.p.status, approvedAmountFen: row.p.approvedAmountFen },
    after: {
      status: "approved",
      decision: "approve",
      opinion: input.opinion,
      expertScore: input.avg,
      approvedAmountFen: amount,
      policyId: amount > 0 ? evaluation?.policyId : null,
      policyVersion: amount > 0 ? evaluation?.policyVersion : null,
      awardId,
      formula: evaluation?.steps.map((s) => s.text) ?? [],
      facts: first.facts,
      shares: evaluation?.shares ?? [],
      reservations,
      tranchePlan: planTranches(amount),
    },
  });
}
