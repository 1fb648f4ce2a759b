import type { AssessmentDetail } from "@dxcenter/contracts";
import {
  assessments,
  type Database,
  diagnoses,
  type Executor,
  enterprises,
  instruments,
  submittedScoreColumns,
} from "@dxcenter/db";
import {
  type Actor,
  type Answers,
  enterpriseReadScope,
  type InstrumentDefinition,
  listQuestions,
  scopeAllows,
  scoreAssessment,
} from "@dxcenter/domain";
import { and, eq, sql } from "drizzle-orm";
import { AppError, badRequest, forbidden, notFound, stateConflict } from "../../errors";
import { type AuditActor, insertAudited, recordAudit } from "../audit/audit.service";
import { readCondition } from "../enterprises/enterprise.policy";
import { loadDefinition } from "../instruments/instrument-definition";
import { type AssessmentRow, findAssessmentRow, reportedAnswers, toItem } from "./assessment.queries";
import { assertDraftWritable, canWriteAssessment, canWriteSelfAssessment } from "./assessment-writers";
import { listEvidence } from "./evidence.service";

function progressOf(def: InstrumentDefinition, answers: Answers) {
  const qs = listQuestions(def);
  if (qs.length === 0) return 100;
  const answered = qs.filter((q) => answers[q.question.id] !== undefined).length;
  return Math.floor((answered / qs.length) * 100);
}

async function toDetail(db: Executor, actor: Actor, row: AssessmentRow): Promise<AssessmentDetail> {
  const a = row.a;
  const def = await loadDefinition(db, a.instrumentId, a.instrumentVersion);
  if (!def) throw notFound("评估量表");
  const answers = a.answers as Answers;
  let result: unknown = a.result;
  if (a.status === "draft") {
    const outcome = scoreAssessment(def, answers, { allowMissing: true });
    result = outcome.ok ? outcome.result : null;
  }
  const editable = a.status === "draft" && canWriteAssessment(actor, row);
  return {
    ...toItem(row),
    answers: answers as AssessmentDetail["answers"],
    evidence: await listEvidence(db, a.id),
    result,
    commitmentAt: a.commitmentAt?.toISOString() ?? null,
    reported: a.kind === "onsite" ? await reportedAnswers(db, a.diagnosisId) : null,
    permissions: { edit: editable, submit: editable },
  };
}

export async function getAssessment(db: Database, actor: Actor, id: string) {
  return toDetail(db, actor, await findAssessmentRow(db, actor, id));
}

export async function createAssessment(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  input: { instrumentId: string; enterpriseId?: string | undefined },
) {
  const enterpriseId = actor.role === "enterprise" ? actor.enterpriseId : input.enterpriseId;
  if (!enterpriseId) throw badRequest("请选择被评估的企业", "enterpriseId");
  const [ent] = await db
    .select({ id: enterprises.id, districtCode: enterprises.districtCode })
    .from(enterprises)
    .where(and(readCondition(actor), eq(enterprises.id, enterpriseId)));
  if (!ent) throw notFound("企业");
  if (!canWriteSelfAssessment(actor, ent) || !scopeAllows(enterpriseReadScope(actor), ent))
    throw forbidden("为该企业发起评估");
  const [instrument] = await db
    .select({ id: instruments.id, version: instruments.version })
    .from(instruments)
    .where(and(eq(instruments.id, input.instrumentId), eq(instruments.current, true)));
  if (!instrument) throw badRequest(`评估量表“${input.instrumentId}”不存在`, "instrumentId");
  const id = await db.transaction(async (tx) => {
    return insertAudited(
      tx,
      auditActor,
      assessments,
      {
        enterpriseId: ent.id,
        instrumentId: instrument.id,
        instrumentVersion: instrument.version,
        createdBy: actor.id,
      },
      {
        action: "assessment.create",
        entityType: "assessment",
        districtCode: ent.districtCode,
        after: { enterpriseId: ent.id, instrument: `${instrument.id}@${instrument.version}` },
      },
    );
  });
  return getAssessment(db, actor, id);
}

async function lockForWrite(tx: Executor, actor: Actor, id: string, version: number) {
  const row = await findAssessmentRow(tx, actor, id);
  assertDraftWritable(actor, row);
  if (row.a.version !== version) {
    throw new AppError(
      409,
      "VERSION_CONFLICT",
      "该评估已在别处保存过（可能在另一窗口），请刷新后继续填写",
      "version",
    );
  }
  const def = await loadDefinition(tx, row.a.instrumentId, row.a.instrumentVersion);
  if (!def) throw notFound("评估量表");
  return { row, def };
}

/** Autosave of a draft: answers must be well-formed (no "无" with others, no 0 denominators) but may be incomplete. */
export async function saveAnswers(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { answers: Answers; version: number },
) {
  await db.transaction(async (tx) => {
    const { row, def } = await lockForWrite(tx, actor, id, input.version);
    const outcome = scoreAssessment(def, input.answers, { allowMissing: true, improvements: false });
    if (!outcome.ok) {
      const first = outcome.errors[0]!;
      throw new AppError(400, "INVALID_ANSWER", first.message, first.questionId);
    }
    const updated = await tx
      .update(assessments)
      .set({
        answers: input.answers,
        progress: progressOf(def, input.answers),
        updatedAt: new Date(),
        version: sql`${assessments.version} + 1`,
      })
      .where(
        and(eq(assessments.id, id), eq(assessments.version, input.version), eq(assessments.status, "draft")),
      )
      .returning({ id: assessments.id });
    if (updated.length === 0)
      throw new AppError(409, "VERSION_CONFLICT", "该评估已在别处保存过，请刷新后继续填写");
    await recordAudit(tx, auditActor, {
      action: "assessment.save",
      entityType: "assessment",
      entityId: id,
      districtCode: row.districtCode,
      after: { answered: Object.keys(input.answers).length },
    });
  });
  return getAssessment(db, actor, id);
}

/** Submit: complete answers + 真实性承诺; the score snapshot is stored and the record becomes immutable. */
export async function submitAssessment(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { version: number },
) {
  await db.transaction(async (tx) => {
    const { row, def } = await lockForWrite(tx, actor, id, input.version);
    const answers = row.a.answers as Answers;
    const outcome = scoreAssessment(def, answers);
    if (!outcome.ok) {
      const names = outcome.errors.slice(0, 5).map((e) => e.message);
      const more = outcome.errors.length > 5 ? `等 ${outcome.errors.length} 项` : "";
      throw new AppError(
        400,
        "INCOMPLETE",
        `还有题目未完成，不能提交：${names.join("；")}${more}`,
        outcome.errors[0]!.questionId,
      );
    }
    const r = outcome.result;
    const now = new Date();
    const updated = await tx
      .update(assessments)
      .set({
        status: "submitted",
        progress: 100,
        ...submittedScoreColumns(r),
        commitmentAt: now,
        submittedAt: now,
        submittedBy: actor.id,
        updatedAt: now,
        version: sql`${assessments.version} + 1`,
      })
      .where(
        and(eq(assessments.id, id), eq(assessments.version, input.version), eq(assessments.status, "draft")),
      )
      .returning({ id: assessments.id });
    if (updated.length === 0) throw new AppError(409, "VERSION_CONFLICT", "该评估已在别处保存或提交，请刷新");
    await recordAudit(tx, auditActor, {
      action: "assessment.submit",
      entityType: "assessment",
      entityId: id,
      districtCode: row.districtCode,
      after: { total: r.total, level: r.level, levelName: r.levelName, commitment: true },
    });
    if (row.a.kind === "onsite" && row.a.diagnosisId) {
      // The verified answers are in: the diagnosis moves on to the team's opinion (诊断意见).
      const moved = await tx
        .update(diagnoses)
        .set({ status: "verified", visitedAt: now, updatedAt: now, version: sql`${diagnoses.version} + 1` })
        .where(and(eq(diagnoses.id, row.a.diagnosisId), eq(diagnoses.status, "in_progress")))
        .returning({ id: diagnoses.id });
      if (moved.length === 0) {
        const [now] = await tx
          .select({ status: diagnoses.status })
          .from(diagnoses)
          .where(eq(diagnoses.id, row.a.diagnosisId));
        throw stateConflict("diagnosis", now?.status ?? "", "该诊断已不在现场评定阶段，请刷新", {
          step: "record",
        });
      }
      await recordAudit(tx, auditActor, {
        action: "diagnosis.verify",
        entityType: "diagnosis",
        entityId: row.a.diagnosisId,
        districtCode: row.districtCode,
        after: { status: "verified", onsiteAssessmentId: id, total: r.total, levelName: r.levelName },
      });
    }
  });
  return getAssessment(db, actor, id);
}
