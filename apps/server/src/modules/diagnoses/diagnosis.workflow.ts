import type { CreateDiagnosisRequest } from "@dxcenter/contracts";
import {
  assessments,
  type Database,
  diagnoses,
  diagnosisPlans,
  enterprises,
  instruments,
  type Tx,
} from "@dxcenter/db";
import {
  type Actor,
  type Answers,
  cancelStepOf,
  canRequestDiagnosis,
  DIAGNOSIS_STATUS_LABELS,
  type DiagnosisStatus,
  type DiagnosisStep,
  diagnosisWorkflow,
  listQuestions,
  validateAnswers,
} from "@dxcenter/domain";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, conflict, forbidden, notFound } from "../../errors";
import { assertStep, runStep, type WorkflowTexts } from "../../lib/workflow";
import { type AuditActor, insertAudited, recordAudit } from "../audit/audit.service";
import { readCondition } from "../enterprises/enterprise.policy";
import { loadDefinition } from "../instruments/instrument-definition";
import { type DiagnosisRow, diagnosisFacts, findDiagnosisRow } from "./diagnosis.queries";
import { getDiagnosis } from "./diagnosis-detail";

const HINT: Record<DiagnosisStep, string> = {
  schedule: "只有待纳入计划或已排期的诊断可以排期",
  assign: "诊断已提交现场评定或已结束，不能再调整团队",
  start: "须先排期并指派团队，且尚未开始现场评定",
  record: "只有现场评定中的诊断可以填写",
  close: "须在现场评定提交后办结",
  cancel: "该诊断当前状态不能取消",
  withdraw: "该诊断当前状态不能取消",
};

const TEXTS: WorkflowTexts<DiagnosisStep, DiagnosisStatus> = {
  entity: "diagnosis",
  action: {
    schedule: "安排该诊断的走访",
    assign: "指派该诊断的团队",
    start: "开始该诊断的现场评定",
    record: "填写该现场评定",
    close: "办结该诊断",
    cancel: "取消该诊断",
    withdraw: "取消该诊断",
  },
  conflict: (step, status) => `${HINT[step]}（当前：${DIAGNOSIS_STATUS_LABELS[status] ?? status}）`,
};

const stale = () => conflict("VERSION_CONFLICT", "该诊断服务单已被他人更新，请刷新后重试", "version");

/**
 * One workflow step of a diagnosis: re-reads it in the transaction, asks the workflow table (403 for
 * the wrong role, 409 for the wrong status), checks the version, applies the step (with its audit row)
 * and bumps the version; then returns the fresh detail.
 */
export async function diagnosisStep(
  db: Database,
  actor: Actor,
  id: string,
  version: number,
  step: DiagnosisStep,
  apply: (tx: Tx, row: DiagnosisRow) => Promise<void>,
) {
  await runStep(db, {
    load: (tx) => findDiagnosisRow(tx, actor, id),
    guard: (row) => {
      assertStep(diagnosisWorkflow, TEXTS, actor, diagnosisFacts(row), step);
      if (row.d.version !== version) throw stale();
    },
    change: async (tx, row) => {
      await apply(tx, row);
      const bumped = await tx
        .update(diagnoses)
        .set({ updatedAt: new Date(), version: sql`${diagnoses.version} + 1` })
        .where(and(eq(diagnoses.id, id), eq(diagnoses.version, version)))
        .returning({ id: diagnoses.id });
      if (bumped.length === 0) throw stale();
    },
  });
  return getDiagnosis(db, actor, id);
}

const OPEN = ["requested", "scheduled", "in_progress", "verified"] as const;

/** The enterprise asks for a diagnosis of itself, or the bureau for an enterprise in its charge. */
export async function requestDiagnosis(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  input: z.output<typeof CreateDiagnosisRequest>,
) {
  const enterpriseId = actor.role === "enterprise" ? actor.enterpriseId : input.enterpriseId;
  if (!enterpriseId) throw badRequest("请选择申请诊断的企业", "enterpriseId");
  const [ent] = await db
    .select({ id: enterprises.id, districtCode: enterprises.districtCode, name: enterprises.name })
    .from(enterprises)
    .where(and(readCondition(actor), eq(enterprises.id, enterpriseId)));
  if (!ent) throw notFound("企业");
  if (!canRequestDiagnosis(actor, ent)) throw forbidden("为该企业申请诊断");
  const [instrument] = await db
    .select({ id: instruments.id })
    .from(instruments)
    .where(and(eq(instruments.id, input.instrumentId), eq(instruments.current, true)));
  if (!instrument) throw badRequest(`评估量表“${input.instrumentId}”不存在`, "instrumentId");
  const id = await db.transaction(async (tx) => {
    // One open diagnosis per enterprise: a second request would only split the visit.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`diagnosis:${ent.id}`}))`);
    const [open] = await tx
      .select({ id: diagnoses.id })
      .from(diagnoses)
      .where(and(eq(diagnoses.enterpriseId, ent.id), inArray(diagnoses.status, [...OPEN])));
    if (open) {
      throw conflict(
        "DIAGNOSIS_OPEN",
        `“${ent.name}”已有进行中的诊断服务单，请在该服务单中跟进`,
        "enterpriseId",
      );
    }
    const source =
      actor.role === "enterprise" ? "enterprise" : actor.role === "city_admin" ? "city" : "district";
    return insertAudited(
      tx,
      auditActor,
      diagnoses,
      {
        enterpriseId: ent.id,
        instrumentId: instrument.id,
        source,
        requestNote: input.requestNote || null,
        requestedBy: actor.id,
      },
      {
        action: "diagnosis.request",
        entityType: "diagnosis",
        districtCode: ent.districtCode,
        after: {
          enterpriseId: ent.id,
          instrumentId: instrument.id,
          source,
          requestNote: input.requestNote ?? null,
        },
      },
    );
  });
  return getDiagnosis(db, actor, id);
}

/** Puts the diagnosis into a plan of its district with a visit date inside the plan's window. */
export function scheduleDiagnosis(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { planId: string; visitDate: string; version: number },
) {
  return diagnosisStep(db, actor, id, input.version, "schedule", async (tx, row) => {
    const [plan] = await tx.select().from(diagnosisPlans).where(eq(diagnosisPlans.id, input.planId));
    if (!plan || plan.districtCode !== row.districtCode) {
      throw badRequest(`所选诊断计划不存在或不属于${row.districtName}`, "planId");
    }
    if (input.visitDate < plan.startDate || input.visitDate > plan.endDate) {
      throw badRequest(
        `走访日期须在计划“${plan.name}”的起止日期内（${plan.startDate} 至 ${plan.endDate}）`,
        "visitDate",
      );
    }
    await tx
      .update(diagnoses)
      .set({ status: "scheduled", planId: plan.id, visitDate: input.visitDate })
      .where(eq(diagnoses.id, id));
    await recordAudit(tx, auditActor, {
      action: "diagnosis.schedule",
      entityType: "diagnosis",
      entityId: id,
      districtCode: row.districtCode,
      before: { status: row.d.status, planId: row.d.planId, visitDate: row.d.visitDate },
      after: { status: "scheduled", planId: plan.id, planName: plan.name, visitDate: input.visitDate },
    });
  });
}

/**
 * Opens the on-site assessment (现场评定). It starts from the enterprise's latest submitted
 * self-assessment of the same instrument version, so the team checks each answer and changes
 * what it finds different; without one it starts empty. The self-assessment is recorded on the
 * diagnosis as the "reported" side of the comparison.
 */
export function startOnsite(db: Database, actor: Actor, auditActor: AuditActor, id: string, version: number) {
  return diagnosisStep(db, actor, id, version, "start", async (tx, row) => {
    const [instrument] = await tx
      .select({ id: instruments.id, version: instruments.version })
      .from(instruments)
      .where(and(eq(instruments.id, row.d.instrumentId), eq(instruments.current, true)));
    if (!instrument) throw badRequest(`评估量表“${row.d.instrumentId}”已停用`, "instrumentId");
    const [self] = await tx
      .select({ id: assessments.id, version: assessments.instrumentVersion, answers: assessments.answers })
      .from(assessments)
      .where(
        and(
          eq(assessments.enterpriseId, row.d.enterpriseId),
          eq(assessments.instrumentId, instrument.id),
          eq(assessments.kind, "self"),
          eq(assessments.status, "submitted"),
        ),
      )
      .orderBy(desc(assessments.submittedAt))
      .limit(1);
    const def = await loadDefinition(tx, instrument.id, instrument.version);
    if (!def) throw notFound("评估量表");
    let answers: Answers = {};
    if (self && self.version === instrument.version) {
      const prior = self.answers as Answers;
      if (validateAnswers(def, prior, { allowMissing: true }).length === 0) answers = prior;
    }
    const questions = listQuestions(def);
    const answered = questions.filter((q) => answers[q.question.id] !== undefined).length;
    const [created] = await tx
      .insert(assessments)
      .values({
        enterpriseId: row.d.enterpriseId,
        instrumentId: instrument.id,
        instrumentVersion: instrument.version,
        kind: "onsite",
        diagnosisId: id,
        answers,
        progress: questions.length ? Math.floor((answered / questions.length) * 100) : 100,
        createdBy: actor.id,
      })
      .returning({ id: assessments.id });
    await tx
      .update(diagnoses)
      .set({ status: "in_progress", selfAssessmentId: self?.id ?? null })
      .where(eq(diagnoses.id, id));
    await recordAudit(tx, auditActor, {
      action: "diagnosis.start",
      entityType: "diagnosis",
      entityId: id,
      districtCode: row.districtCode,
      after: {
        status: "in_progress",
        onsiteAssessmentId: created!.id,
        selfAssessmentId: self?.id ?? null,
        prefilled: Object.keys(answers).length > 0,
      },
    });
  });
}

/** The team's (or the bureau's) opinion once the verified answers are in; the diagnosis is done. */
export function closeDiagnosis(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { conclusion: string; version: number },
) {
  return diagnosisStep(db, actor, id, input.version, "close", async (tx, row) => {
    const now = new Date();
    await tx
      .update(diagnoses)
      .set({ status: "closed", conclusion: input.conclusion, closedAt: now, closedBy: actor.id })
      .where(eq(diagnoses.id, id));
    await recordAudit(tx, auditActor, {
      action: "diagnosis.close",
      entityType: "diagnosis",
      entityId: id,
      districtCode: row.districtCode,
      after: { status: "closed", conclusion: input.conclusion },
    });
  });
}

/** The bureau cancels; the enterprise withdraws its own request (the table's `withdraw` step). */
export function cancelDiagnosis(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { reason: string; version: number },
) {
  return diagnosisStep(db, actor, id, input.version, cancelStepOf(actor), async (tx, row) => {
    await tx
      .update(diagnoses)
      .set({ status: "cancelled", cancelReason: input.reason })
      .where(eq(diagnoses.id, id));
    await recordAudit(tx, auditActor, {
      action: "diagnosis.cancel",
      entityType: "diagnosis",
      entityId: id,
      districtCode: row.districtCode,
      before: { status: row.d.status },
      after: { status: "cancelled", reason: input.reason },
    });
  });
}
