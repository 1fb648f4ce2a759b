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
} from "@dxcenter/db";
import { type Actor, enterpriseReadScope } from "@dxcenter/domain";
import { and, eq, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { forbidden, notFound } from "../../errors";
import { countRows, listOrderNullsLast, nullsLast, pageOfSelect, searchAny } from "../../lib/list-query";
import { readCondition } from "../enterprises/enterprise.policy";

type ListQuery = z.output<typeof AssessmentListQuery>;

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

/** One assessment with its enterprise, instrument and (on-site) diagnosis status and team. */
export type AssessmentRow = Awaited<ReturnType<ReturnType<typeof base>["limit"]>>[number];

const num = (v: string | null) => (v === null ? null : Number(v));

export function toItem(r: AssessmentRow): AssessmentItem {
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

const SORT = {
  updatedAt: assessments.updatedAt,
  // Drafts have neither a score nor a submission time: after the submitted ones either way.
  submittedAt: nullsLast(assessments.submittedAt),
  total: nullsLast(assessments.total),
};

export async function listAssessments(db: Database, actor: Actor, q: ListQuery) {
  if (enterpriseReadScope(actor).kind === "none") throw forbidden("查看评估记录");
  const cond = and(
    assessmentReadCondition(actor),
    q.kind ? eq(assessments.kind, q.kind) : undefined,
    q.enterpriseId ? eq(assessments.enterpriseId, q.enterpriseId) : undefined,
    q.instrumentId ? eq(assessments.instrumentId, q.instrumentId) : undefined,
    q.status ? eq(assessments.status, q.status) : undefined,
    q.districtCode ? eq(enterprises.districtCode, q.districtCode) : undefined,
    searchAny(q.q, enterprises.name),
  );
  return pageOfSelect(
    q,
    base(db)
      .where(cond)
      .orderBy(...listOrderNullsLast(SORT, q.sort, q.order, assessments.id)),
    countRows(db, assessments, cond, [enterprises, eq(enterprises.id, assessments.enterpriseId)]),
    toItem,
  );
}

/** One assessment the actor may read; 404 otherwise. */
export async function findAssessmentRow(db: Executor, actor: Actor, id: string) {
  const [row] = await base(db)
    .where(and(assessmentReadCondition(actor), eq(assessments.id, id)))
    .limit(1);
  if (!row) throw notFound("评估记录");
  return row;
}

/** The self-assessment an on-site assessment is checked against (set when the visit starts). */
export async function reportedAnswers(db: Executor, diagnosisId: string | null) {
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
