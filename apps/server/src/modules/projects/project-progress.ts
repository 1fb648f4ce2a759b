import { type Database, projectReports, projects } from "@dxcenter/db";
import { type Actor, checkProgressReport, type MilestoneKind } from "@dxcenter/domain";
import { eq } from "drizzle-orm";
import { badRequest, conflict } from "../../errors";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { shanghaiToday } from "../policies/policy.repository";
import { insertDecision } from "./project.queries";
import { wanToFen } from "./project-application";
import { auditProjectStep, currentStatusText, runProjectStep } from "./project-guard";
import { getProject } from "./project-read";

/** After approval: progress reports (开工 / 建设进度 / 竣工), 竣工验收, and 退回整改. */

export async function reportProgress(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: {
    kind: MilestoneKind;
    reportDate: string;
    percent?: number | undefined;
    investmentCompletedWan?: string | undefined;
    note?: string | undefined;
  },
  today = shanghaiToday(),
) {
  await runProjectStep(db, actor, { id, version: null, step: "report" }, async (tx, row) => {
    const p = row.p;
    const invest = wanToFen(input.investmentCompletedWan, "investmentCompletedWan", "累计完成投资");
    const out = checkProgressReport(
      {
        status: p.status,
        totalInvestmentFen: p.totalInvestmentFen,
        startedOn: p.startedOn,
        lastPercent: p.percentComplete,
        lastInvestmentFen: p.investmentCompletedFen,
        lastReportOn: p.lastReportOn,
      },
      {
        kind: input.kind,
        reportDate: input.reportDate,
        percent: input.percent ?? null,
        investmentCompletedFen: invest,
      },
      today,
    );
    if (!out.ok) {
      // A milestone the status does not allow (开工 twice, 竣工 before 开工): a state conflict on the field.
      if (out.state)
        throw conflict("STATE_CONFLICT", `${out.message}${currentStatusText(p.status)}`, out.field, {
          entity: "project",
          status: p.status,
          step: "report",
        });
      throw badRequest(out.message, out.field);
    }
    await tx.insert(projectReports).values({
      projectId: id,
      kind: input.kind,
      reportDate: input.reportDate,
      percent: out.percent,
      investmentCompletedFen: out.investmentCompletedFen,
      note: input.note || null,
      reportedBy: actor.id,
    });
    await tx
      .update(projects)
      .set({
        status: out.nextStatus,
        percentComplete: out.percent,
        investmentCompletedFen: out.investmentCompletedFen,
        lastReportOn: input.reportDate,
        ...(input.kind === "start" ? { startedOn: input.reportDate } : {}),
        ...(input.kind === "completion" ? { finishedOn: input.reportDate } : {}),
      })
      .where(eq(projects.id, id));
    await recordAudit(tx, auditActor, {
      action: "project.report",
      entityType: "project",
      entityId: id,
      districtCode: p.districtCode,
      before: {
        status: p.status,
        percent: p.percentComplete,
        investmentCompletedFen: p.investmentCompletedFen,
      },
      after: {
        status: out.nextStatus,
        kind: input.kind,
        reportDate: input.reportDate,
        percent: out.percent,
        investmentCompletedFen: out.investmentCompletedFen,
        note: input.note ?? null,
      },
    });
  });
  return getProject(db, actor, id);
}

/** 竣工验收 decisions are kept at the bureau's level: city or district. */
const acceptanceStage = (actor: Actor) => (actor.role === "city_admin" ? "city" : "district");

export async function acceptProject(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { version: number; opinion: string },
) {
  await runProjectStep(db, actor, { id, version: input.version, step: "accept" }, async (tx, row) => {
    await tx.update(projects).set({ status: "completed", acceptedAt: new Date() }).where(eq(projects.id, id));
    await insertDecision(tx, id, acceptanceStage(actor), actor.id, "accept", input.opinion);
    await auditProjectStep(tx, auditActor, row, {
      action: "project.accept",
      before: { status: row.p.status },
      after: {
        status: "completed",
        opinion: input.opinion,
        investmentCompletedFen: row.p.investmentCompletedFen,
      },
    });
  });
  return getProject(db, actor, id);
}

/**
 * 竣工验收 退回整改: the bureau sends a reported-complete project back to 建设中 with a reason (kept as
 * a review row the enterprise sees). The completion date is cleared; progress and investment stay
 * (they only grow), so the enterprise reports progress again and then 竣工 again for re-acceptance.
 * The same step of the workflow as accepting (who and when are the same).
 */
export async function rectifyProject(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { version: number; reason: string },
) {
  await runProjectStep(db, actor, { id, version: input.version, step: "accept" }, async (tx, row) => {
    await tx.update(projects).set({ status: "in_construction", finishedOn: null }).where(eq(projects.id, id));
    await insertDecision(tx, id, acceptanceStage(actor), actor.id, "rectify", input.reason);
    await auditProjectStep(tx, auditActor, row, {
      action: "project.rectify",
      before: { status: row.p.status, finishedOn: row.p.finishedOn },
      after: {
        status: "in_construction",
        finishedOn: null,
        reason: input.reason,
        percentComplete: row.p.percentComplete,
        investmentCompletedFen: row.p.investmentCompletedFen,
      },
    });
  });
  return getProject(db, actor, id);
}
