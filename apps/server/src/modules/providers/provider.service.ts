import type {
  ProviderDetail,
  ProviderEvaluation,
  ProviderItem,
  ProviderListQuery,
  ProviderRatingRequest,
  RegisterProviderRequest,
  UpdateProviderRequest,
} from "@dxcenter/contracts";
import {
  assessments,
  type Database,
  diagnoses,
  diagnosisTeam,
  type Executor,
  industries,
  poolApplications,
  providerCases,
  providerEvaluations,
  providerMembers,
  providerRatings,
  providerStatusEvents,
  providers,
} from "@dxcenter/db";
import {
  type Actor,
  canRateProvider,
  canRegisterProvider,
  gradeProvider,
  type MaybeActor,
  nextProviderStatus,
  type ProviderAction,
  type ProviderCategory,
  type ProviderGrade,
  type ProviderGradeKey,
  type ProviderStatus,
  type ProviderYearInputs,
  providerListScope,
  providerPermissions,
} from "@dxcenter/domain";
import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, conflict, forbidden, notFound } from "../../errors";
import { allPages } from "../../lib/pages";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { refreshDemandVisibility } from "../demands/visibility";
import { escapeLike } from "../users/user.service";
import { applicationItems, scoresOfProvider } from "./pool.service";

type ListQuery = z.output<typeof ProviderListQuery>;
type Register = z.output<typeof RegisterProviderRequest>;
type Update = z.output<typeof UpdateProviderRequest>;

const ratingAvg = sql<
  number | null
>`(select round(avg(r.rating)::numeric, 2)::float8 from ${providerRatings} r where r.provider_id = "providers"."id")`;
const ratingCount = sql<number>`(select count(*)::int from ${providerRatings} r where r.provider_id = "providers"."id")`;
const caseCount = sql<number>`(select count(*)::int from ${providerCases} c where c.provider_id = "providers"."id")`;
const latestGrade = sql<
  string | null
>`(select e.grade from ${providerEvaluations} e where e.provider_id = "providers"."id" order by e.year desc limit 1)`;

function base(db: Executor) {
  return db.select({ p: providers, ratingAvg, ratingCount, caseCount, latestGrade }).from(providers);
}
type Row = Awaited<ReturnType<ReturnType<typeof base>["limit"]>>[number];

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toItem(r: Row): ProviderItem {
  const p = r.p;
  return {
    id: p.id,
    uscc: p.uscc,
    name: p.name,
    status: p.status as ProviderStatus,
    categories: p.categories as ProviderCategory[],
    sceneIds: p.sceneIds,
    industries: p.industries,
    technologyFields: p.technologyFields,
    serviceDistricts: p.serviceDistricts,
    staffCount: p.staffCount,
    caseCount: Number(r.caseCount ?? 0),
    ratingAverage: r.ratingAvg === null ? null : Number(r.ratingAvg),
    ratingCount: Number(r.ratingCount ?? 0),
    latestGrade: (r.latestGrade as ProviderGradeKey | null) ?? null,
    admittedAt: iso(p.admittedAt),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** The provider organisation a provider account belongs to. */
export async function providerIdOfUser(db: Executor, userId: string): Promise<string | null> {
  const [m] = await db
    .select({ id: providerMembers.providerId })
    .from(providerMembers)
    .where(eq(providerMembers.userId, userId));
  return m?.id ?? null;
}

export async function memberIds(db: Executor, providerId: string): Promise<string[]> {
  const rows = await db
    .select({ u: providerMembers.userId })
    .from(providerMembers)
    .where(eq(providerMembers.providerId, providerId));
  return rows.map((r) => r.u);
}

/** Lists: the city sees every provider; everyone else admitted providers (and a provider its own). */
function listScope(actor: MaybeActor): SQL {
  const s = providerListScope(actor);
  if (s.kind === "all") return sql`true`;
  const pub = eq(providers.status, "admitted");
  if (!s.ownUserId) return pub;
  return or(
    pub,
    sql`exists (select 1 from ${providerMembers} m where m.provider_id = "providers"."id" and m.user_id = ${s.ownUserId})`,
  )!;
}

export async function listProviders(db: Database, actor: MaybeActor, q: ListQuery) {
  const where: SQL[] = [listScope(actor)];
  if (q.status) where.push(eq(providers.status, q.status));
  if (q.category) where.push(sql`${q.category} = any(${providers.categories})`);
  if (q.scene) where.push(sql`${q.scene} = any(${providers.sceneIds})`);
  if (q.industry) where.push(sql`${q.industry} = any(${providers.industries})`);
  if (q.district) {
    // A service area covers a district when it is the district, or its city ("120000").
    const city = `${q.district.slice(0, 2)}0000`;
    where.push(
      sql`(${q.district} = any(${providers.serviceDistricts}) or ${city} = any(${providers.serviceDistricts}))`,
    );
  }
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    where.push(or(ilike(providers.name, like), ilike(providers.uscc, like), ilike(providers.profile, like))!);
  }
  const cond = and(...where);
  const dir = q.order === "desc" ? desc : asc;
  const order =
    q.sort === "admittedAt"
      ? sql`${providers.admittedAt} ${sql.raw(q.order)} nulls last`
      : q.sort === "rating"
        ? sql`${ratingAvg} ${sql.raw(q.order)} nulls last`
        : dir(q.sort === "updatedAt" ? providers.updatedAt : providers.name);
  const [rows, [total]] = await Promise.all([
    base(db)
      .where(cond)
      .orderBy(order, asc(providers.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(providers).where(cond),
  ]);
  return { items: rows.map(toItem), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function* iterateProvidersForExport(
  db: Database,
  actor: MaybeActor,
  q: Omit<ListQuery, "page" | "pageSize">,
) {
  yield* allPages((page, pageSize) => listProviders(db, actor, { ...q, page, pageSize }), 200);
}

async function evaluationsOf(db: Executor, providerId: string): Promise<ProviderEvaluation[]> {
  const rows = await db
    .select({ e: providerEvaluations, name: providers.name })
    .from(providerEvaluations)
    .innerJoin(providers, eq(providers.id, providerEvaluations.providerId))
    .where(eq(providerEvaluations.providerId, providerId))
    .orderBy(desc(providerEvaluations.year));
  return rows.map(toEvaluation);
}

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

export async function getProvider(db: Executor, actor: MaybeActor, id: string): Promise<ProviderDetail> {
  const [row] = await base(db).where(eq(providers.id, id)).limit(1);
  if (!row) throw notFound("服务商");
  const members = await memberIds(db, id);
  const perm = providerPermissions(actor, { status: row.p.status as ProviderStatus, memberUserIds: members });
  if (!perm.read) throw notFound("服务商");
  const cases = await db
    .select()
    .from(providerCases)
    .where(eq(providerCases.providerId, id))
    .orderBy(desc(providerCases.year), asc(providerCases.customer));
  const internal = perm.readInternal;
  const [apps, scores, evaluations, history] = await Promise.all([
    internal ? applicationItems(db, eq(poolApplications.providerId, id)) : Promise.resolve([]),
    actor?.role === "city_admin" ? scoresOfProvider(db, id) : Promise.resolve([]),
    evaluationsOf(db, id),
    internal
      ? db
          .select()
          .from(providerStatusEvents)
          .where(eq(providerStatusEvents.providerId, id))
          .orderBy(asc(providerStatusEvents.at))
      : Promise.resolve([]),
  ]);
  const p = row.p;
  return {
    ...toItem(row),
    qualifications: p.qualifications,
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    address: p.address,
    website: p.website,
    profile: p.profile,
    exitReason: p.exitReason,
    cases: cases.map((c) => ({
      id: c.id,
      customer: c.customer,
      enterpriseId: c.enterpriseId,
      industry: c.industry,
      sceneIds: c.sceneIds,
      result: c.result,
      measuredChange: c.measuredChange === null ? null : Number(c.measuredChange),
      year: c.year,
    })),
    applications: apps,
    scores,
    evaluations,
    history: history.map((h) => ({
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      reason: h.reason,
      at: h.at.toISOString(),
    })),
    permissions: { edit: perm.edit, apply: perm.apply, manage: perm.manage },
    version: p.version,
  };
}

/** The provider account's own organisation (null before it registers one). */
export async function getMine(db: Database, actor: Actor) {
  if (actor.role !== "provider") throw forbidden("管理服务商机构信息");
  const id = await providerIdOfUser(db, actor.id);
  return id ? getProvider(db, actor, id) : null;
}

async function checkCodes(db: Executor, input: Update | Register) {
  const codes = [...new Set([...input.industries, ...input.cases.map((c) => c.industry)])];
  if (codes.length === 0) return;
  const known = await db
    .select({ code: industries.code })
    .from(industries)
    .where(inArray(industries.code, codes));
  const set = new Set(known.map((k) => k.code));
  const bad = codes.find((c) => !set.has(c));
  if (bad)
    throw badRequest(
      `行业代码 ${bad} 不是 GB/T 4754 制造业大类`,
      input.industries.includes(bad) ? "industries" : "cases",
    );
}

const profileValues = (input: Update | Register) => ({
  name: input.name,
  categories: [...new Set(input.categories)],
  sceneIds: [...new Set(input.sceneIds)],
  industries: [...new Set(input.industries)],
  technologyFields: [...new Set(input.technologyFields)],
  serviceDistricts: [...new Set(input.serviceDistricts)],
  staffCount: input.staffCount ?? null,
  qualifications: input.qualifications,
  contactName: input.contactName ?? null,
  contactPhone: input.contactPhone ?? null,
  address: input.address ?? null,
  website: input.website ?? null,
  profile: input.profile ?? null,
});

async function replaceCases(tx: Executor, providerId: string, cases: Register["cases"]) {
  await tx.delete(providerCases).where(eq(providerCases.providerId, providerId));
  if (cases.length)
    await tx.insert(providerCases).values(
      cases.map((c) => ({
        providerId,
        customer: c.customer,
        enterpriseId: c.enterpriseId ?? null,
        industry: c.industry,
        sceneIds: c.sceneIds,
        result: c.result,
        measuredChange:
          c.measuredChange === null || c.measuredChange === undefined ? null : String(c.measuredChange),
        year: c.year ?? null,
      })),
    );
}

export async function registerProvider(db: Database, actor: Actor, auditActor: AuditActor, input: Register) {
  const id = await db.transaction(async (tx) => {
    const existing = await providerIdOfUser(tx, actor.id);
    if (!canRegisterProvider(actor, existing !== null)) {
      if (actor.role !== "provider") throw forbidden("登记服务商机构");
      throw conflict("ALREADY_MEMBER", "您的账号已属于一家服务商机构，请直接修改机构信息");
    }
    await checkCodes(tx, input);
    const [dup] = await tx.select({ id: providers.id }).from(providers).where(eq(providers.uscc, input.uscc));
    if (dup)
      throw conflict(
        "DUPLICATE",
        "该统一社会信用代码的机构已登记，请联系该机构的管理员将您的账号加入",
        "uscc",
      );
    const [row] = await tx
      .insert(providers)
      .values({ uscc: input.uscc, status: "registered", ...profileValues(input) })
      .returning({ id: providers.id });
    await tx.insert(providerMembers).values({ providerId: row!.id, userId: actor.id });
    await replaceCases(tx, row!.id, input.cases);
    await recordAudit(tx, auditActor, {
      action: "provider.register",
      entityType: "provider",
      entityId: row!.id,
      after: { uscc: input.uscc, name: input.name, categories: input.categories },
    });
    return row!.id;
  });
  return getProvider(db, actor, id);
}

export async function updateProvider(db: Database, actor: Actor, auditActor: AuditActor, input: Update) {
  if (actor.role !== "provider") throw forbidden("修改服务商机构信息");
  const id = await providerIdOfUser(db, actor.id);
  if (!id) throw notFound("服务商机构");
  await db.transaction(async (tx) => {
    const [cur] = await tx.select().from(providers).where(eq(providers.id, id)).for("update");
    const perm = providerPermissions(actor, {
      status: cur!.status as ProviderStatus,
      memberUserIds: [actor.id],
    });
    if (!perm.edit) throw conflict("STATE_CONFLICT", "已出库的机构不能修改信息");
    if (cur!.version !== input.version)
      throw conflict("VERSION_CONFLICT", "机构信息已被他人修改，请刷新后重试", "version");
    await checkCodes(tx, input);
    const next = profileValues(input);
    await tx
      .update(providers)
      .set({ ...next, updatedAt: new Date(), version: sql`${providers.version} + 1` })
      .where(eq(providers.id, id));
    await replaceCases(tx, id, input.cases);
    // Cases, districts and industries weigh in its solutions' scores.
    if (cur!.status === "admitted") await refreshDemandVisibility(tx, [id]);
    await recordAudit(tx, auditActor, {
      action: "provider.update",
      entityType: "provider",
      entityId: id,
      before: { name: cur!.name, categories: cur!.categories, sceneIds: cur!.sceneIds },
      after: {
        name: next.name,
        categories: next.categories,
        sceneIds: next.sceneIds,
        cases: input.cases.length,
      },
    });
  });
  return getProvider(db, actor, id);
}

/** Moves a provider along the domain's transitions and records the event (inside the caller's transaction). */
export async function transitionProvider(
  tx: Executor,
  providerId: string,
  action: ProviderAction,
  actorId: string | null,
  reason: string | null,
  extra: Partial<typeof providers.$inferInsert> = {},
) {
  const [cur] = await tx
    .select({ status: providers.status })
    .from(providers)
    .where(eq(providers.id, providerId))
    .for("update");
  if (!cur) throw notFound("服务商");
  const from = cur.status as ProviderStatus;
  const to = nextProviderStatus(from, action);
  if (!to) throw conflict("STATE_CONFLICT", `服务商当前状态不允许此操作`);
  await tx
    .update(providers)
    .set({ status: to, updatedAt: new Date(), version: sql`${providers.version} + 1`, ...extra })
    .where(eq(providers.id, providerId));
  await tx
    .insert(providerStatusEvents)
    .values({ providerId, fromStatus: from, toStatus: to, reason, actorId });
  // Admitted, suspended, exited…: its solutions enter or leave every demand's ranking.
  if (from !== to && (from === "admitted" || to === "admitted"))
    await refreshDemandVisibility(tx, [providerId]);
  return to;
}

export async function exitProvider(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { reason: string; version: number },
) {
  if (actor.role !== "city_admin") throw forbidden("办理服务商出库");
  await db.transaction(async (tx) => {
    const [cur] = await tx.select().from(providers).where(eq(providers.id, id));
    if (!cur) throw notFound("服务商");
    if (cur.version !== input.version)
      throw conflict("VERSION_CONFLICT", "服务商信息已被修改，请刷新后重试", "version");
    await transitionProvider(tx, id, "exit", actor.id, input.reason, {
      exitedAt: new Date(),
      exitReason: input.reason,
    });
    await recordAudit(tx, auditActor, {
      action: "provider.exit",
      entityType: "provider",
      entityId: id,
      before: { status: cur.status },
      after: { status: "exited", reason: input.reason },
    });
  });
  return getProvider(db, actor, id);
}

/** Did the provider serve the enterprise in this diagnosis (a member account on its team)? */
async function servedIn(db: Executor, providerId: string, diagnosisId: string) {
  const [r] = await db
    .select({ enterpriseId: diagnoses.enterpriseId, status: diagnoses.status })
    .from(diagnoses)
    .innerJoin(diagnosisTeam, eq(diagnosisTeam.diagnosisId, diagnoses.id))
    .innerJoin(
      providerMembers,
      and(eq(providerMembers.userId, diagnosisTeam.userId), eq(providerMembers.providerId, providerId)),
    )
    .where(eq(diagnoses.id, diagnosisId))
    .limit(1);
  return r ?? null;
}

export async function rateProvider(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  providerId: string,
  input: z.output<typeof ProviderRatingRequest>,
) {
  if (actor.role !== "enterprise") throw forbidden("评价服务商");
  const [p] = await db.select({ id: providers.id }).from(providers).where(eq(providers.id, providerId));
  if (!p) throw notFound("服务商");
  const served = await servedIn(db, providerId, input.diagnosisId);
  if (!canRateProvider(actor, served?.enterpriseId ?? "", served !== null))
    throw forbidden("评价未为本企业提供服务的服务商");
  if (served!.status !== "verified" && served!.status !== "closed")
    throw conflict("STATE_CONFLICT", "现场诊断完成后方可评价", "diagnosisId");
  await db.transaction(async (tx) => {
    const [dup] = await tx
      .select({ id: providerRatings.id })
      .from(providerRatings)
      .where(
        and(eq(providerRatings.providerId, providerId), eq(providerRatings.diagnosisId, input.diagnosisId)),
      );
    if (dup) throw conflict("DUPLICATE", "本次服务已评价过", "diagnosisId");
    const [row] = await tx
      .insert(providerRatings)
      .values({
        providerId,
        enterpriseId: served!.enterpriseId,
        diagnosisId: input.diagnosisId,
        rating: input.rating,
        comment: input.comment ?? null,
        ratedBy: actor.id,
      })
      .returning({ id: providerRatings.id });
    await recordAudit(tx, auditActor, {
      action: "provider.rate",
      entityType: "provider",
      entityId: providerId,
      after: { ratingId: row!.id, diagnosisId: input.diagnosisId, rating: input.rating },
    });
  });
  return { ok: true };
}

/** Services the calling enterprise may still rate: its verified/closed diagnoses with a member of the provider on the team. */
export async function rateableServices(db: Database, actor: Actor, providerId: string) {
  if (actor.role !== "enterprise" || !actor.enterpriseId) throw forbidden("评价服务商");
  const rows = await db
    .selectDistinct({
      diagnosisId: diagnoses.id,
      status: diagnoses.status,
      visitDate: diagnoses.visitDate,
      closedAt: diagnoses.closedAt,
    })
    .from(diagnoses)
    .innerJoin(diagnosisTeam, eq(diagnosisTeam.diagnosisId, diagnoses.id))
    .innerJoin(
      providerMembers,
      and(eq(providerMembers.userId, diagnosisTeam.userId), eq(providerMembers.providerId, providerId)),
    )
    .where(
      and(
        eq(diagnoses.enterpriseId, actor.enterpriseId),
        inArray(diagnoses.status, ["verified", "closed"]),
        sql`not exists (select 1 from ${providerRatings} r where r.provider_id = ${providerId} and r.diagnosis_id = "diagnoses"."id")`,
      ),
    )
    .orderBy(desc(diagnoses.closedAt));
  return rows.map((r) => ({ ...r, closedAt: r.closedAt?.toISOString() ?? null }));
}

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
    const rows = await tx
      .select({ e: providerEvaluations, name: providers.name })
      .from(providerEvaluations)
      .innerJoin(providers, eq(providers.id, providerEvaluations.providerId))
      .where(eq(providerEvaluations.year, year))
      .orderBy(asc(providers.name));
    return rows.map(toEvaluation);
  });
}

export async function listEvaluations(db: Database, actor: Actor, year: number) {
  if (actor.role !== "city_admin" && actor.role !== "district_admin") throw forbidden("查看服务商年度评价");
  const rows = await db
    .select({ e: providerEvaluations, name: providers.name })
    .from(providerEvaluations)
    .innerJoin(providers, eq(providers.id, providerEvaluations.providerId))
    .where(eq(providerEvaluations.year, year))
    .orderBy(asc(providers.name));
  return rows.map(toEvaluation);
}
