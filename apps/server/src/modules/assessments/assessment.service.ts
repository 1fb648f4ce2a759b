import type { AssessmentDetail, AssessmentItem, AssessmentListQuery } from "@dxcenter/contracts";
import {
  assessments,
  type Database,
  diagnoses,
  diagnosisTeam,
  districts,
  type Executor,
  enterprises,
  instruments,
  submittedScoreColumns,
} from "@dxcenter/db";
import {
  type Actor,
  type Answers,
  canUpdateEnterprise,
  type DiagnosisStatus,
  diagnosisPermissions,
  enterpriseReadScope,
  type InstrumentDefinition,
  listQuestions,
  scopeAllows,
  scoreAssessment,
} from "@dxcenter/domain";
import { and, asc, count, desc, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { AppError, badRequest, forbidden, notFound } from "../../errors";
import { allPages } from "../../lib/pages";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { readCondition } from "../enterprises/enterprise.policy";
import { escapeLike } from "../users/user.service";
import { listEvidence } from "./evidence.service";

type ListQuery = z.output<typeof AssessmentListQuery>;

/**
 * Instrument versions are immutable (the loader refuses changed content under an old version), so
 * a definition read once can be cached for the life of the process.
 */
const definitionCache = new Map<string, InstrumentDefinition>();
export async function loadDefinition(db: Executor, id: string, version?: string) {
  const key = `${id}@${version ?? "current"}`;
  if (version && definitionCache.has(key)) return definitionCache.get(key)!;
  const [row] = await db
    .select()
    .from(instruments)
    .where(
      and(eq(instruments.id, id), version ? eq(instruments.version, version) : eq(instruments.current, true)),
    )
    .limit(1);
  if (!row) return null;
  const def = row.definition as InstrumentDefinition;
  definitionCache.set(`${row.id}@${row.version}`, def);
  return def;
}

const columns = {
  a: assessments,
  enterpriseName: enterprises.name,
  districtCode: enterprises.districtCode,
  districtName: districts.name,
  instrumentName: instruments.name,
  /** On-site assessments: the diagnosis status and team decide who may record answers. */
  diagnosisStatus: diagnoses.status,
  teamUserIds: sql<
    string[]
  >`coalesce((select json_agg(${diagnosisTeam.userId}) from ${diagnosisTeam} where ${diagnosisTeam.diagnosisId} = ${assessments.diagnosisId}), '[]'::json)`,
};

/**
 * Who may read an assessment: the registry scope (city / district / the enterprise itself), plus
 * the team of a diagnosis for its on-site assessment and the self-assessment it is checked against.
 * An enterprise sees its on-site assessment only once the team has submitted it.
 */
export function assessmentReadCondition(actor: Actor): SQL {
  if (actor.role === "provider" || actor.role === "expert") {
    return sql`exists (select 1 from ${diagnosisTeam} t join ${diagnoses} d on d.id = t.diagnosis_id
      where t.user_id = ${actor.id} and (d.id = ${assessments.diagnosisId} or d.self_assessment_id = ${assessments.id}))`;
  }
  const registry = readCondition(actor);
  if (actor.role === "enterprise") {
    return and(registry, or(eq(assessments.kind, "self"), eq(assessments.status, "submitted")))!;
  }
  return registry;
}

function base(db: Executor) {
  return db
    .select(columns)
    .from(assessments)
    .innerJoin(enterprises, eq(enterprises.id, assessments.enterpriseId))
    .innerJoin(districts, eq(districts.code, enterprises.districtCode))
    .innerJoin(
      instruments,
      and(
        eq(instruments.id, assessments.instrumentId),
        eq(instruments.version, assessments.instrumentVersion),
      ),
    )
    .leftJoin(diagnoses, eq(diagnoses.id, assessments.diagnosisId));
}

type Row = Awaited<ReturnType<ReturnType<typeof base>["limit"]>>[number];

const num = (v: string | null) => (v === null ? null : Number(v));

function toItem(r: Row): AssessmentItem {
  const a = r.a;
  return {
    id: a.id,
    enterpriseId: a.enterpriseId,
    enterpriseName: r.enterpriseName,
    districtCode: r.districtCode,
    districtName: r.districtName,
    instrumentId: a.instrumentId,
    instrumentVersion: a.instrumentVersion,
    instrumentName: r.instrumentName,
    kind: a.kind as AssessmentItem["kind"],
    diagnosisId: a.diagnosisId,
    status: a.status as AssessmentItem["status"],
    total: num(a.total),
    maxTotal: num(a.maxTotal),
    level: a.level,
    levelName: a.levelName,
    progress: a.progress,
    submittedAt: a.submittedAt?.toISOString() ?? null,
    updatedAt: a.updatedAt.toISOString(),
    version: a.version,
  };
}

/**
 * Who may fill in / submit. A self-assessment: the enterprise itself, or bureau staff whose scope
 * covers it. An on-site assessment: the diagnosis team or the bureau, while the visit is in progress.
 */
function canWrite(actor: Actor, row: Row) {
  const enterprise = { id: row.a.enterpriseId, districtCode: row.districtCode };
  if (row.a.kind === "onsite") {
    return diagnosisPermissions(actor, {
      enterpriseId: enterprise.id,
      districtCode: enterprise.districtCode,
      status: (row.diagnosisStatus ?? "cancelled") as DiagnosisStatus,
      teamUserIds: row.teamUserIds,
    }).record;
  }
  return canWriteSelf(actor, enterprise);
}

function canWriteSelf(actor: Actor, enterprise: { id: string; districtCode: string }) {
  return (
    ["city_admin", "district_admin", "enterprise"].includes(actor.role) &&
    canUpdateEnterprise(actor, enterprise)
  );
}

export async function listAssessments(db: Database, actor: Actor, q: ListQuery) {
  if (enterpriseReadScope(actor).kind === "none") throw forbidden("查看评估记录");
  const where: SQL[] = [assessmentReadCondition(actor)];
  if (q.kind) where.push(eq(assessments.kind, q.kind));
  if (q.enterpriseId) where.push(eq(assessments.enterpriseId, q.enterpriseId));
  if (q.instrumentId) where.push(eq(assessments.instrumentId, q.instrumentId));
  if (q.status) where.push(eq(assessments.status, q.status));
  if (q.districtCode) where.push(eq(enterprises.districtCode, q.districtCode));
  if (q.q) where.push(ilike(enterprises.name, `%${escapeLike(q.q)}%`));
  const cond = and(...where);
  const dir = q.order === "asc" ? asc : desc;
  const order =
    q.sort === "total"
      ? sql`${assessments.total} ${sql.raw(q.order)} nulls last`
      : q.sort === "submittedAt"
        ? sql`${assessments.submittedAt} ${sql.raw(q.order)} nulls last`
        : dir(assessments.updatedAt);
  const [rows, [total]] = await Promise.all([
    base(db)
      .where(cond)
      .orderBy(order, asc(assessments.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(assessments)
      .innerJoin(enterprises, eq(enterprises.id, assessments.enterpriseId))
      .where(cond),
  ]);
  return { items: rows.map(toItem), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function findRow(db: Executor, actor: Actor, id: string) {
  const [row] = await base(db)
    .where(and(assessmentReadCondition(actor), eq(assessments.id, id)))
    .limit(1);
  if (!row) throw notFound("评估记录");
  return row;
}

function progressOf(def: InstrumentDefinition, answers: Answers) {
  const qs = listQuestions(def);
  if (qs.length === 0) return 100;
  const answered = qs.filter((q) => answers[q.question.id] !== undefined).length;
  return Math.floor((answered / qs.length) * 100);
}

async function toDetail(db: Executor, actor: Actor, row: Row): Promise<AssessmentDetail> {
  const a = row.a;
  const def = await loadDefinition(db, a.instrumentId, a.instrumentVersion);
  if (!def) throw notFound("评估量表");
  const answers = a.answers as Answers;
  let result: unknown = a.result;
  if (a.status === "draft") {
    const outcome = scoreAssessment(def, answers, { allowMissing: true });
    result = outcome.ok ? outcome.result : null;
  }
  const editable = a.status === "draft" && canWrite(actor, row);
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

/** The self-assessment an on-site assessment is checked against (set when the visit starts). */
async function reportedAnswers(db: Executor, diagnosisId: string | null) {
  if (!diagnosisId) return null;
  const [r] = await db
    .select({ id: assessments.id, submittedAt: assessments.submittedAt, answers: assessments.answers })
    .from(diagnoses)
    .innerJoin(assessments, eq(assessments.id, diagnoses.selfAssessmentId))
    .where(eq(diagnoses.id, diagnosisId));
  if (!r) return null;
  return {
    assessmentId: r.id,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    answers: r.answers as AssessmentDetail["answers"],
  };
}

export async function getAssessment(db: Database, actor: Actor, id: string) {
  return toDetail(db, actor, await findRow(db, actor, id));
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
  if (!canWriteSelf(actor, ent) || !scopeAllows(enterpriseReadScope(actor), ent))
    throw forbidden("为该企业发起评估");
  const [instrument] = await db
    .select({ id: instruments.id, version: instruments.version })
    .from(instruments)
    .where(and(eq(instruments.id, input.instrumentId), eq(instruments.current, true)));
  if (!instrument) throw badRequest(`评估量表“${input.instrumentId}”不存在`, "instrumentId");
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(assessments)
      .values({
        enterpriseId: ent.id,
        instrumentId: instrument.id,
        instrumentVersion: instrument.version,
        createdBy: actor.id,
      })
      .returning({ id: assessments.id });
    await recordAudit(tx, auditActor, {
      action: "assessment.create",
      entityType: "assessment",
      entityId: row!.id,
      districtCode: ent.districtCode,
      after: { enterpriseId: ent.id, instrument: `${instrument.id}@${instrument.version}` },
    });
    return row!.id;
  });
  return getAssessment(db, actor, id);
}

/** Drafts only, and only by those who may fill in for this enterprise. */
export function assertDraftWritable(actor: Actor, row: Row) {
  if (!canWrite(actor, row)) throw forbidden(row.a.kind === "onsite" ? "填写该现场评定" : "填写该评估");
  if (row.a.status !== "draft") {
    throw new AppError(409, "ASSESSMENT_SUBMITTED", "该评估已提交，不能再修改；如需重新评估请新建一次评估");
  }
}

async function lockForWrite(tx: Executor, actor: Actor, id: string, version: number) {
  const row = await findRow(tx, actor, id);
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
      if (moved.length === 0) throw new AppError(409, "STATE_CONFLICT", "该诊断已不在现场评定阶段，请刷新");
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

export async function* iterateAssessmentsForExport(
  db: Database,
  actor: Actor,
  q: Omit<ListQuery, "page" | "pageSize">,
) {
  yield* allPages((page, pageSize) => listAssessments(db, actor, { ...q, page, pageSize }), 1000);
}
