import type { ProviderEvaluation } from "@dxcenter/contracts";
import {
  assessments,
  type Database,
  diagnoses,
  diagnosisTeam,
  type Executor,
  providerEvaluations,
  providerMembers,
  providerRatings,
  providers,
} from "@dxcenter/db";
import {
  type Actor,
  gradeProvider,
  type ProviderGrade,
  type ProviderGradeKey,
  type ProviderYearInputs,
} from "@dxcenter/domain";
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { forbidden } from "../../errors";
import { type AuditActor, recordAudit } from "../audit/audit.service";

/** 年度评价: the year's inputs per provider from the database, graded by the domain, one row per provider and year. */

function toEvaluation(r: { e: typeof providerEvaluations.$inferSelect; name: string }): ProviderEvaluation {
  return {
    id: r.e.id,
    providerId: r.e.providerId,
    providerName: r.name,
    year: r.e.year,
    grade: r.e.grade as ProviderGradeKey,
    score: Number(r.e.score),
    inputs: r.e.inputs as ProviderEvaluation["inputs"],
    reasons: [...(r.e.result as ProviderGrade).reasons],
    evaluatedAt: r.e.evaluatedAt.toISOString(),
  };
}

/** Stored evaluations with their provider's name: one provider's years, or one year's providers. */
async function evaluations(db: Executor, where: SQL, order: SQL) {
  const rows = await db
    .select({ e: providerEvaluations, name: providers.name })
    .from(providerEvaluations)
    .innerJoin(providers, eq(providers.id, providerEvaluations.providerId))
    .where(where)
    .orderBy(order);
  return rows.map(toEvaluation);
}

export function evaluationsOf(db: Executor, providerId: string): Promise<ProviderEvaluation[]> {
  return evaluations(db, eq(providerEvaluations.providerId, providerId), desc(providerEvaluations.year));
}

const evaluationsOfYear = (db: Executor, year: number) =>
  evaluations(db, eq(providerEvaluations.year, year), asc(providers.name));

/** The year's inputs of every listed provider, read from the database (Asia/Shanghai calendar year). */
export async function yearInputs(db: Executor, providerIds: string[], year: number) {
  const from = `${year}-01-01T00:00:00+08:00`;
  const to = `${year + 1}-01-01T00:00:00+08:00`;
  const out = new Map<string, ProviderYearInputs>();
  if (providerIds.length === 0) return out;
  const ids = sql`array[${sql.join(
    providerIds.map((i) => sql`${i}::uuid`),
    sql`, `,
  )}]`;
  const ratings = await db
    .select({ p: providerRatings.providerId, r: providerRatings.rating })
    .from(providerRatings)
    .where(
      and(
        sql`${providerRatings.providerId} = any(${ids})`,
        sql`${providerRatings.createdAt} >= ${from}::timestamptz`,
        sql`${providerRatings.createdAt} < ${to}::timestamptz`,
      ),
    )
    .orderBy(asc(providerRatings.createdAt), asc(providerRatings.id));
  // Completed projects: diagnoses closed in the year with a member of the provider on the team.
  const projects = await db
    .select({ p: providerMembers.providerId, n: sql<number>`count(distinct ${diagnoses.id})::int` })
    .from(diagnoses)
    .innerJoin(diagnosisTeam, eq(diagnosisTeam.diagnosisId, diagnoses.id))
    .innerJoin(providerMembers, eq(providerMembers.userId, diagnosisTeam.userId))
    .where(
      and(
        sql`${providerMembers.providerId} = any(${ids})`,
        eq(diagnoses.status, "closed"),
        sql`${diagnoses.closedAt} >= ${from}::timestamptz`,
        sql`${diagnoses.closedAt} < ${to}::timestamptz`,
      ),
    )
    .groupBy(providerMembers.providerId);
  // Measured change (成效分析's T0/T1): per served enterprise (verified/closed diagnosis with a member
  // on the team), first vs latest submitted assessment of the same instrument, the latest inside the year.
  const outcomes = await db.execute<{ p: string; mean: number; n: number }>(sql`
    with served as (
      select distinct m.provider_id as p, d.enterprise_id as e
      from ${diagnoses} d
      join ${diagnosisTeam} t on t.diagnosis_id = d.id
      join ${providerMembers} m on m.user_id = t.user_id
      where m.provider_id = any(${ids}) and d.status in ('verified', 'closed')
    ),
    pairs as (
      select a.enterprise_id as e, a.instrument_id,
        (array_agg(a.total order by a.submitted_at, a.id))[1] as t0,
        (array_agg(a.total order by a.submitted_at desc, a.id desc))[1] as t1,
        max(a.submitted_at) as last_at
      from ${assessments} a
      where a.status = 'submitted' and a.enterprise_id in (select e from served)
      group by a.enterprise_id, a.instrument_id
      having count(*) >= 2
    ),
    per_enterprise as (
      select e, avg(t1 - t0) as delta from pairs
      where last_at >= ${from}::timestamptz and last_at < ${to}::timestamptz
      group by e
    )
    select s.p, round(avg(pe.delta)::numeric, 3)::float8 as mean, count(*)::int as n
    from served s join per_enterprise pe on pe.e = s.e
    group by s.p`);
  const oRows = (
    Array.isArray(outcomes) ? outcomes : (outcomes as { rows: { p: string; mean: number; n: number }[] }).rows
  ) as {
    p: string;
    mean: number;
    n: number;
  }[];
  for (const id of providerIds) {
    const o = oRows.find((x) => x.p === id);
    out.set(id, {
      ratings: ratings.filter((r) => r.p === id).map((r) => r.r),
      completedProjects: Number(projects.find((x) => x.p === id)?.n ?? 0),
      ...(o ? { outcome: { meanDelta: Number(o.mean), enterprises: Number(o.n) } } : {}),
    });
  }
  return out;
}

/**
 * 年度评价: for every admitted (or suspended) provider, the year's inputs from the database and the
 * domain's gradeProvider; one row per provider and year (re-running the year replaces it).
 */
export async function runEvaluation(db: Database, actor: Actor, auditActor: AuditActor, year: number) {
  if (actor.role !== "city_admin") throw forbidden("开展服务商年度评价");
  return db.transaction(async (tx) => {
    const list = await tx
      .select({ id: providers.id })
      .from(providers)
      .where(inArray(providers.status, ["admitted", "suspended"]))
      .orderBy(asc(providers.id));
    const inputs = await yearInputs(
      tx,
      list.map((p) => p.id),
      year,
    );
    for (const p of list) {
      const i = inputs.get(p.id)!;
      const g = gradeProvider(i);
      await tx
        .insert(providerEvaluations)
        .values({
          providerId: p.id,
          year,
          grade: g.grade,
          score: String(g.score),
          inputs: i,
          result: g,
          evaluatedBy: actor.id,
        })
        .onConflictDoUpdate({
          target: [providerEvaluations.providerId, providerEvaluations.year],
          set: {
            grade: g.grade,
            score: String(g.score),
            inputs: i,
            result: g,
            evaluatedBy: actor.id,
            evaluatedAt: new Date(),
          },
        });
    }
    await recordAudit(tx, auditActor, {
      action: "provider.evaluate",
      entityType: "provider",
      after: { year, providers: list.length },
    });
    return evaluationsOfYear(tx, year);
  });
}

export async function listEvaluations(db: Database, actor: Actor, year: number) {
  if (actor.role !== "city_admin" && actor.role !== "district_admin") throw forbidden("查看服务商年度评价");
  return evaluationsOfYear(db, year);
}
