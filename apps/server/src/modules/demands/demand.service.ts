import type {
  CreateDemandRequest,
  DemandDetail,
  DemandFromAssessmentRequest,
  DemandItem,
  DemandListQuery,
  DemandMatches,
  FunnelQuery,
  LeadItem,
  LeadStepRequest,
  ShortlistRequest,
  UpdateDemandRequest,
} from "@dxcenter/contracts";
import {
  assessments,
  type Database,
  type DemandGapSourceRow,
  demandLeads,
  demands,
  districts,
  type Executor,
  enterprises,
  providers,
  solutions,
  users,
} from "@dxcenter/db";
import {
  type Actor,
  canPostDemandFor,
  type Demand,
  type DemandScope,
  type DemandStatus,
  demandFromGaps,
  demandReadScope,
  isDemandOwner,
  LEAD_STATUS_LABELS,
  type LeadStatus,
  leadTransitionAllowed,
  parseWanYuanToFen,
  type ScoreResult,
} from "@dxcenter/domain";
import { and, asc, count, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, conflict, forbidden, notFound } from "../../errors";
import { allPages } from "../../lib/pages";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { readCondition } from "../enterprises/enterprise.policy";
import { shanghaiMidnight } from "../impact/impact-dates";
import { providerIdsOf } from "../solutions/membership";
import { SCENE_INSTRUMENT, sceneCatalogue } from "../solutions/scenes";
import { escapeLike } from "../users/user.service";
import { matchDemandInDb, matchedProvidersInDb } from "./matching";

type ListQuery = z.output<typeof DemandListQuery>;

/** How many top-ranked solutions make a demand "matched" to their providers (visible to them). */
export const PROVIDER_VISIBLE_TOP_N = 20;

const LEAD_RANK = sql`case ${demandLeads.status} when 'contracted' then 3 when 'contacted' then 2 when 'shortlisted' then 1 else 0 end`;

const columns = {
  d: demands,
  enterpriseName: enterprises.name,
  districtCode: enterprises.districtCode,
  districtName: districts.name,
  industryCode: enterprises.industryCode,
  leadCount: sql<number>`(select count(*)::int from ${demandLeads} where ${demandLeads.demandId} = ${demands.id})`,
  furthest: sql<
    number | null
  >`(select max(${LEAD_RANK}) from ${demandLeads} where ${demandLeads.demandId} = ${demands.id})`,
};

function base(db: Executor) {
  return db
    .select(columns)
    .from(demands)
    .innerJoin(enterprises, eq(enterprises.id, demands.enterpriseId))
    .innerJoin(districts, eq(districts.code, enterprises.districtCode));
}
type Row = Awaited<ReturnType<ReturnType<typeof base>["limit"]>>[number];

const uuidArray = (xs: readonly string[]) =>
  sql`array[${sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  )}]::uuid[]`;

export function demandScopeSql(scope: DemandScope): SQL {
  switch (scope.kind) {
    case "all":
      return sql`true`;
    case "district":
      return eq(enterprises.districtCode, scope.districtCode);
    case "self":
      return eq(demands.enterpriseId, scope.enterpriseId);
    case "provider":
      if (scope.providerIds.length === 0) return sql`false`;
      return sql`(${demands.matchedProviderIds} && ${uuidArray(scope.providerIds)} or exists (select 1 from ${demandLeads} l where l.demand_id = ${demands.id} and l.provider_id in (${sql.join(
        scope.providerIds.map((p) => sql`${p}`),
        sql`, `,
      )})))`;
    case "none":
      return sql`false`;
  }
}

async function scopeOf(db: Executor, actor: Actor) {
  const providerIds = await providerIdsOf(db, actor);
  return { scope: demandReadScope(actor, providerIds), providerIds };
}

const FURTHEST: (LeadStatus | null)[] = [null, "shortlisted", "contacted", "contracted"];

async function toItem(db: Executor, r: Row): Promise<DemandItem> {
  const d = r.d;
  const names = (await sceneCatalogue(db)).names;
  const furthest = r.furthest === null ? null : Number(r.furthest);
  return {
    id: d.id,
    enterpriseId: d.enterpriseId,
    enterpriseName: r.enterpriseName,
    districtCode: r.districtCode,
    districtName: r.districtName,
    industryCode: r.industryCode,
    title: d.title,
    sceneIds: d.sceneIds,
    sceneNames: d.sceneIds.map((s) => names[s] ?? s),
    budgetFen: d.budgetFen,
    timingStart: d.timingStart,
    timingEnd: d.timingEnd,
    description: d.description,
    source: d.source as DemandItem["source"],
    assessmentId: d.assessmentId,
    status: d.status as DemandStatus,
    leadCount: Number(r.leadCount),
    // A demand whose leads were all declined has no open step: 已放弃, not 已加入意向 (as in the funnel).
    furthestLead: furthest === null ? null : furthest === 0 ? "declined" : (FURTHEST[furthest] ?? null),
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    version: d.version,
  };
}

export async function listDemands(db: Database, actor: Actor, q: ListQuery) {
  const { scope } = await scopeOf(db, actor);
  if (scope.kind === "none") throw forbidden("查看企业需求");
  const where: SQL[] = [demandScopeSql(scope)];
  if (q.status) where.push(eq(demands.status, q.status));
  if (q.source) where.push(eq(demands.source, q.source));
  if (q.districtCode) where.push(eq(enterprises.districtCode, q.districtCode));
  if (q.enterpriseId) where.push(eq(demands.enterpriseId, q.enterpriseId));
  if (q.sceneId) where.push(sql`${demands.sceneIds} @> array[${q.sceneId}]::text[]`);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    where.push(sql`(${demands.title} ilike ${like} or ${enterprises.name} ilike ${like})`);
  }
  const cond = and(...where);
  const dir = q.order === "asc" ? asc : desc;
  const order =
    q.sort === "budget"
      ? sql`${demands.budgetFen} ${sql.raw(q.order)} nulls last`
      : dir(q.sort === "updatedAt" ? demands.updatedAt : demands.createdAt);
  const [rows, [total]] = await Promise.all([
    base(db)
      .where(cond)
      .orderBy(order, asc(demands.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(demands)
      .innerJoin(enterprises, eq(enterprises.id, demands.enterpriseId))
      .where(cond),
  ]);
  return {
    items: await Promise.all(rows.map((r) => toItem(db, r))),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function* iterateDemandsForExport(
  db: Database,
  actor: Actor,
  q: Omit<ListQuery, "page" | "pageSize">,
) {
  if (actor.role !== "city_admin" && actor.role !== "district_admin") throw forbidden("导出企业需求");
  yield* allPages((page, pageSize) => listDemands(db, actor, { ...q, page, pageSize }), 1000);
}

async function findRow(db: Executor, actor: Actor, id: string) {
  const { scope, providerIds } = await scopeOf(db, actor);
  const [row] = await base(db)
    .where(and(demandScopeSql(scope), eq(demands.id, id)))
    .limit(1);
  if (!row) throw notFound("需求");
  return { row, providerIds };
}

const who = (col: unknown) => sql<string | null>`(select u.display_name from ${users} u where u.id = ${col})`;

async function leadsOf(db: Executor, demandId: string, providerIds: string[] | null): Promise<LeadItem[]> {
  const rows = await db
    .select({
      l: demandLeads,
      solutionName: solutions.name,
      providerName: providers.name,
      shortlistedByName: who(demandLeads.shortlistedBy),
      contactedByName: who(demandLeads.contactedBy),
      contractedByName: who(demandLeads.contractedBy),
      declinedByName: who(demandLeads.declinedBy),
    })
    .from(demandLeads)
    .innerJoin(providers, eq(providers.id, demandLeads.providerId))
    .leftJoin(solutions, eq(solutions.id, demandLeads.solutionId))
    .where(
      and(
        eq(demandLeads.demandId, demandId),
        // A provider sees its own leads on the demand, not its competitors'.
        providerIds
          ? providerIds.length
            ? inArray(demandLeads.providerId, providerIds)
            : sql`false`
          : undefined,
      ),
    )
    .orderBy(asc(demandLeads.shortlistedAt), asc(demandLeads.id));
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return rows.map((r) => ({
    id: r.l.id,
    demandId: r.l.demandId,
    solutionId: r.l.solutionId,
    solutionName: r.solutionName,
    providerId: r.l.providerId,
    providerName: r.providerName,
    status: r.l.status as LeadStatus,
    score: r.l.score === null ? null : Number(r.l.score),
    note: r.l.note,
    shortlistedAt: r.l.shortlistedAt.toISOString(),
    shortlistedByName: r.shortlistedByName,
    contactedAt: iso(r.l.contactedAt),
    contactedByName: r.contactedByName,
    contractedAt: iso(r.l.contractedAt),
    contractedByName: r.contractedByName,
    declinedAt: iso(r.l.declinedAt),
    declinedByName: r.declinedByName,
    version: r.l.version,
  }));
}

export async function getDemand(db: Database, actor: Actor, id: string): Promise<DemandDetail> {
  const { row, providerIds } = await findRow(db, actor, id);
  const owner = isDemandOwner(actor, { enterpriseId: row.d.enterpriseId, districtCode: row.districtCode });
  const leads = await leadsOf(db, id, actor.role === "provider" ? providerIds : null);
  return {
    ...(await toItem(db, row)),
    gapSources: row.d.gapSources,
    leads,
    permissions: {
      manage: owner && row.d.status !== "closed",
      providerContact: actor.role === "provider" && leads.some((l) => l.status === "shortlisted"),
    },
  };
}

async function enterpriseFor(db: Executor, actor: Actor, enterpriseId: string | undefined) {
  const id = actor.role === "enterprise" ? actor.enterpriseId : enterpriseId;
  if (!id) throw badRequest("请选择发布需求的企业", "enterpriseId");
  const [ent] = await db
    .select({
      id: enterprises.id,
      districtCode: enterprises.districtCode,
      name: enterprises.name,
      industryCode: enterprises.industryCode,
    })
    .from(enterprises)
    .where(and(readCondition(actor), eq(enterprises.id, id)));
  if (!ent) throw notFound("企业");
  if (!canPostDemandFor(actor, ent)) throw forbidden("为该企业发布需求");
  return ent;
}

function budgetOf(v: string | null | undefined): number | null {
  if (v === undefined || v === null || v === "") return null;
  const fen = parseWanYuanToFen(v);
  if (fen === null || fen < 0)
    throw badRequest("预算（万元）：请输入不小于 0 的金额，最多 6 位小数，如 35.5", "budgetWan");
  return fen;
}

function checkTiming(start: string | null | undefined, end: string | null | undefined) {
  if (start && end && end < start) throw badRequest("期望完成时间不能早于期望开始时间", "timingEnd");
}

/** Computes the ranking and stores which providers the top-N came from (what providers may see). */
async function refreshMatched(db: Executor, id: string, demand: Demand) {
  const m = await matchDemandInDb(db, demand, PROVIDER_VISIBLE_TOP_N);
  const ids = [...new Set(m.solutions.map((s) => s.solution.providerId))];
  await db.update(demands).set({ matchedProviderIds: ids, matchedAt: new Date() }).where(eq(demands.id, id));
  return m;
}

/**
 * Keeps providers' demand visibility (demands.matched_provider_ids) correct when the market changes:
 * a solution published, changed or withdrawn, a provider admitted, suspended or exited, or an admitted
 * provider's profile edited. Recomputes, inside the caller's transaction, the stored top-N of every
 * open demand the change can move: those a changed solution covers — its scene tags, and the scenes of
 * a tagged sub-domain, the inverse of the matching prefilter — and those already visible to the
 * changed providers. Without `tags`, the providers' published solutions' tags are read.
 * All affected demands are ranked against one market load (matchedProvidersInDb); only rows whose
 * provider set changed are written. Returns how many demands were recomputed and changed.
 */
export async function refreshDemandVisibility(
  tx: Executor,
  providerIds: readonly string[],
  tags?: readonly string[],
): Promise<{ recomputed: number; changed: number }> {
  if (providerIds.length === 0) return { recomputed: 0, changed: 0 };
  let own = tags ? [...tags] : null;
  if (!own) {
    const rows = await tx
      .selectDistinct({ tag: sql<string>`unnest(${solutions.sceneIds})` })
      .from(solutions)
      .where(and(inArray(solutions.providerId, [...providerIds]), eq(solutions.status, "published")));
    own = rows.map((r) => r.tag);
  }
  const catalogue = await sceneCatalogue(tx);
  const covered = new Set(own);
  for (const [scene, group] of Object.entries(catalogue.groups)) if (covered.has(group)) covered.add(scene);
  const sceneCond = covered.size
    ? sql`${demands.sceneIds} && array[${sql.join(
        [...covered].map((x) => sql`${x}`),
        sql`, `,
      )}]::text[]`
    : sql`false`;
  const affected = await tx
    .select({
      id: demands.id,
      enterpriseId: demands.enterpriseId,
      sceneIds: demands.sceneIds,
      budgetFen: demands.budgetFen,
      matchedProviderIds: demands.matchedProviderIds,
      industryCode: enterprises.industryCode,
      districtCode: enterprises.districtCode,
    })
    .from(demands)
    .innerJoin(enterprises, eq(enterprises.id, demands.enterpriseId))
    .where(
      and(
        sql`${demands.status} <> 'closed'`,
        sql`(${sceneCond} or ${demands.matchedProviderIds} && ${uuidArray(providerIds)})`,
      ),
    )
    .orderBy(asc(demands.id));
  const fresh = await matchedProvidersInDb(
    tx,
    affected.map((d) => domainDemand(d, d)),
    PROVIDER_VISIBLE_TOP_N,
  );
  const now = new Date();
  let changed = 0;
  // One after another: inside a transaction the statements share one connection.
  for (const d of affected) {
    const ids = fresh.get(d.id) ?? [];
    const stored = new Set(d.matchedProviderIds);
    if (ids.length === stored.size && ids.every((p) => stored.has(p))) continue;
    await tx.update(demands).set({ matchedProviderIds: ids, matchedAt: now }).where(eq(demands.id, d.id));
    changed++;
  }
  return { recomputed: affected.length, changed };
}

const domainDemand = (
  d: { id: string; enterpriseId: string; sceneIds: string[]; budgetFen: number | null },
  ent: { industryCode: string; districtCode: string },
): Demand => ({
  id: d.id,
  enterpriseId: d.enterpriseId,
  sceneIds: d.sceneIds,
  ...(d.budgetFen !== null ? { budgetFen: d.budgetFen } : {}),
  industry: ent.industryCode,
  districtCode: ent.districtCode,
});

export async function createDemand(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  input: z.output<typeof CreateDemandRequest>,
) {
  const ent = await enterpriseFor(db, actor, input.enterpriseId);
  const catalogue = await sceneCatalogue(db);
  const unknown = input.sceneIds.find((s) => !catalogue.has(s));
  if (unknown) throw badRequest(`需求场景：“${unknown}”不是评估量表中的场景或子领域`, "sceneIds");
  const budgetFen = budgetOf(input.budgetWan);
  checkTiming(input.timingStart, input.timingEnd);
  const sceneIds = [...new Set(input.sceneIds)];
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(demands)
      .values({
        enterpriseId: ent.id,
        title: input.title,
        sceneIds,
        budgetFen,
        timingStart: input.timingStart ?? null,
        timingEnd: input.timingEnd ?? null,
        description: input.description ?? null,
        source: "posted",
        createdBy: actor.id,
      })
      .returning({ id: demands.id });
    await refreshMatched(
      tx,
      row!.id,
      domainDemand({ id: row!.id, enterpriseId: ent.id, sceneIds, budgetFen }, ent),
    );
    await recordAudit(tx, auditActor, {
      action: "demand.create",
      entityType: "demand",
      entityId: row!.id,
      districtCode: ent.districtCode,
      after: { enterpriseId: ent.id, title: input.title, sceneIds, budgetFen },
    });
    return row!.id;
  });
  return getDemand(db, actor, id);
}

/**
 * A demand drafted from the enterprise's latest submitted MIIT assessment: its improvement list,
 * in priority order, becomes scenes (domain demandFromGaps), each with the items that led to it.
 */
export async function createDemandFromAssessment(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  input: z.output<typeof DemandFromAssessmentRequest>,
) {
  const ent = await enterpriseFor(db, actor, input.enterpriseId);
  const [a] = await db
    .select({ id: assessments.id, result: assessments.result, submittedAt: assessments.submittedAt })
    .from(assessments)
    .where(
      and(
        eq(assessments.enterpriseId, ent.id),
        eq(assessments.instrumentId, SCENE_INSTRUMENT),
        eq(assessments.status, "submitted"),
      ),
    )
    .orderBy(desc(assessments.submittedAt))
    .limit(1);
  if (!a?.result)
    throw conflict(
      "NO_ASSESSMENT",
      `“${ent.name}”尚无已提交的中小企业数字化水平评测，请先完成评估或直接发布需求`,
      "assessmentId",
    );
  const result = a.result as ScoreResult;
  const catalogue = await sceneCatalogue(db);
  const { demand, sources } = demandFromGaps(
    result.improvements,
    { id: "new", enterpriseId: ent.id },
    { maxScenes: input.maxScenes, names: catalogue.names },
  );
  if (demand.sceneIds.length === 0)
    throw conflict("NO_GAPS", "最近一次评估没有待改进的场景，无需生成需求", "assessmentId");
  const titleOf = new Map(result.improvements.map((i) => [i.id, i.action || i.title]));
  const gapSources: DemandGapSourceRow[] = sources.map((s) => ({
    sceneId: s.sceneId,
    name: s.name,
    improvementIds: [...s.improvementIds],
    improvementTitles: s.improvementIds.map((i) => titleOf.get(i) ?? i),
  }));
  const budgetFen = budgetOf(input.budgetWan);
  checkTiming(input.timingStart, input.timingEnd);
  const sceneIds = [...demand.sceneIds];
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(demands)
      .values({
        enterpriseId: ent.id,
        title: `数字化改进需求：${sources
          .slice(0, 3)
          .map((s) => s.name)
          .join("、")}${sources.length > 3 ? "等" : ""}`,
        sceneIds,
        budgetFen,
        timingStart: input.timingStart ?? null,
        timingEnd: input.timingEnd ?? null,
        description: demand.description ?? null,
        source: "assessment",
        assessmentId: a.id,
        gapSources,
        createdBy: actor.id,
      })
      .returning({ id: demands.id });
    await refreshMatched(
      tx,
      row!.id,
      domainDemand({ id: row!.id, enterpriseId: ent.id, sceneIds, budgetFen }, ent),
    );
    await recordAudit(tx, auditActor, {
      action: "demand.generate",
      entityType: "demand",
      entityId: row!.id,
      districtCode: ent.districtCode,
      after: { enterpriseId: ent.id, assessmentId: a.id, sceneIds, budgetFen },
    });
    return row!.id;
  });
  return getDemand(db, actor, id);
}

export async function updateDemand(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: z.output<typeof UpdateDemandRequest>,
) {
  await db.transaction(async (tx) => {
    const { row } = await findRow(tx, actor, id);
    if (!isDemandOwner(actor, { enterpriseId: row.d.enterpriseId, districtCode: row.districtCode }))
      throw forbidden("修改该需求");
    if (row.d.version !== input.version)
      throw conflict("VERSION_CONFLICT", "该需求已被他人更新，请刷新后重试", "version");
    const reopen = input.status === "open" && row.d.status === "closed";
    const status: DemandStatus | undefined =
      input.status === "closed"
        ? "closed"
        : reopen
          ? Number(row.leadCount) > 0
            ? "matched"
            : "open"
          : undefined;
    const updated = await tx
      .update(demands)
      .set({
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(status ? { status, closedAt: status === "closed" ? new Date() : null } : {}),
        updatedAt: new Date(),
        version: row.d.version + 1,
      })
      .where(and(eq(demands.id, id), eq(demands.version, input.version)))
      .returning({ id: demands.id });
    if (updated.length === 0)
      throw conflict("VERSION_CONFLICT", "该需求已被他人更新，请刷新后重试", "version");
    await recordAudit(tx, auditActor, {
      action: status === "closed" ? "demand.close" : "demand.update",
      entityType: "demand",
      entityId: id,
      districtCode: row.districtCode,
      before: { status: row.d.status, description: row.d.description },
      after: { status: status ?? row.d.status, description: input.description ?? row.d.description },
    });
  });
  return getDemand(db, actor, id);
}

/** Ranked solutions and providers with per-criterion breakdown and Chinese reasons. */
export async function demandMatches(
  db: Database,
  actor: Actor,
  id: string,
  limit: number,
): Promise<DemandMatches> {
  const { row } = await findRow(db, actor, id);
  if (actor.role === "provider") throw forbidden("查看该需求的完整匹配排名");
  const demand = domainDemand(row.d, { industryCode: row.industryCode, districtCode: row.districtCode });
  const m = await matchDemandInDb(db, demand, Math.max(limit, PROVIDER_VISIBLE_TOP_N));
  // Keep the providers' view in step with what the enterprise is shown (derived data, not audited).
  const top = [...new Set(m.solutions.slice(0, PROVIDER_VISIBLE_TOP_N).map((s) => s.solution.providerId))];
  const stored = new Set(row.d.matchedProviderIds);
  if (top.length !== stored.size || top.some((p) => !stored.has(p)))
    await db
      .update(demands)
      .set({ matchedProviderIds: top, matchedAt: new Date() })
      .where(eq(demands.id, id));
  const leads = await db
    .select({ id: demandLeads.id, solutionId: demandLeads.solutionId, status: demandLeads.status })
    .from(demandLeads)
    .where(eq(demandLeads.demandId, id));
  const leadBy = new Map(leads.filter((l) => l.solutionId).map((l) => [l.solutionId!, l]));
  return {
    ...m,
    solutions: m.solutions.slice(0, limit).map((s) => {
      const l = leadBy.get(s.solution.id);
      return { ...s, leadId: l?.id ?? null, leadStatus: (l?.status as LeadStatus | undefined) ?? null };
    }),
    providers: m.providers.slice(0, limit),
  };
}

export async function shortlist(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: z.output<typeof ShortlistRequest>,
) {
  await db.transaction(async (tx) => {
    const { row } = await findRow(tx, actor, id);
    if (!isDemandOwner(actor, { enterpriseId: row.d.enterpriseId, districtCode: row.districtCode }))
      throw forbidden("为该需求选择服务方案");
    if (row.d.status === "closed")
      throw conflict("STATE_CONFLICT", "需求已关闭，不能再加入对接意向", "status");
    if (!input.solutionId && !input.providerId) throw badRequest("请选择要加入意向的解决方案", "solutionId");
    let providerId = input.providerId ?? null;
    let solutionName: string | null = null;
    if (input.solutionId) {
      const [s] = await tx
        .select({
          providerId: solutions.providerId,
          name: solutions.name,
          status: solutions.status,
          ps: providers.status,
        })
        .from(solutions)
        .innerJoin(providers, eq(providers.id, solutions.providerId))
        .where(eq(solutions.id, input.solutionId));
      if (s?.status !== "published" || s.ps !== "admitted")
        throw badRequest("所选解决方案不存在或未在目录中发布", "solutionId");
      providerId = s.providerId;
      solutionName = s.name;
    } else {
      const [p] = await tx
        .select({ status: providers.status })
        .from(providers)
        .where(eq(providers.id, providerId!));
      if (p?.status !== "admitted") throw badRequest("所选服务商不存在或未入库", "providerId");
    }
    // The score the enterprise saw: one entry's score does not depend on the other candidates.
    const demand = domainDemand(row.d, { industryCode: row.industryCode, districtCode: row.districtCode });
    const m = await matchDemandInDb(tx, demand, 200);
    const score = input.solutionId
      ? (m.solutions.find((e) => e.solution.id === input.solutionId)?.score ?? null)
      : (m.providers.find((e) => e.providerId === providerId)?.score ?? null);
    const inserted = await tx
      .insert(demandLeads)
      .values({
        demandId: id,
        solutionId: input.solutionId ?? null,
        providerId: providerId!,
        score: score === null ? null : String(score),
        note: input.note ?? null,
        shortlistedBy: actor.id,
      })
      .onConflictDoNothing()
      .returning({ id: demandLeads.id });
    if (inserted.length === 0) throw conflict("LEAD_EXISTS", "该方案已在对接意向中", "solutionId");
    await tx
      .update(demands)
      .set({
        status: row.d.status === "open" ? "matched" : row.d.status,
        updatedAt: new Date(),
        version: sql`${demands.version} + 1`,
      })
      .where(eq(demands.id, id));
    await recordAudit(tx, auditActor, {
      action: "demand_lead.shortlist",
      entityType: "demand_lead",
      entityId: inserted[0]!.id,
      districtCode: row.districtCode,
      after: { demandId: id, solutionId: input.solutionId ?? null, solutionName, providerId, score },
    });
  });
  return getDemand(db, actor, id);
}

const STEP_ACTION = {
  contacted: "demand_lead.contact",
  contracted: "demand_lead.contract",
  declined: "demand_lead.decline",
} as const;

export async function leadStep(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  leadId: string,
  input: z.output<typeof LeadStepRequest>,
) {
  await db.transaction(async (tx) => {
    const { row, providerIds } = await findRow(tx, actor, id);
    const [lead] = await tx
      .select()
      .from(demandLeads)
      .where(and(eq(demandLeads.id, leadId), eq(demandLeads.demandId, id)));
    const owner = isDemandOwner(actor, { enterpriseId: row.d.enterpriseId, districtCode: row.districtCode });
    const ownLead = !!lead && actor.role === "provider" && providerIds.includes(lead.providerId);
    if (!lead || (!owner && !ownLead)) throw notFound("对接线索");
    const from = lead.status as LeadStatus;
    if (!leadTransitionAllowed(owner ? "owner" : "provider", from, input.status)) {
      if (!owner && input.status !== "contacted") throw forbidden("变更该对接线索（服务商只能标记已联系）");
      throw conflict(
        "STATE_CONFLICT",
        `对接线索不能从“${LEAD_STATUS_LABELS[from]}”改为“${LEAD_STATUS_LABELS[input.status]}”`,
        "status",
      );
    }
    if (lead.version !== input.version)
      throw conflict("VERSION_CONFLICT", "该对接线索已被他人更新，请刷新后重试", "version");
    const now = new Date();
    const stamp =
      input.status === "contacted"
        ? { contactedAt: now, contactedBy: actor.id }
        : input.status === "contracted"
          ? {
              contractedAt: now,
              contractedBy: actor.id,
              ...(lead.contactedAt ? {} : { contactedAt: now, contactedBy: actor.id }),
            }
          : { declinedAt: now, declinedBy: actor.id };
    const updated = await tx
      .update(demandLeads)
      .set({
        status: input.status,
        ...stamp,
        ...(input.note !== undefined ? { note: input.note } : {}),
        updatedAt: now,
        version: lead.version + 1,
      })
      .where(and(eq(demandLeads.id, leadId), eq(demandLeads.version, input.version)))
      .returning({ id: demandLeads.id });
    if (updated.length === 0)
      throw conflict("VERSION_CONFLICT", "该对接线索已被他人更新，请刷新后重试", "version");
    await tx.update(demands).set({ updatedAt: now }).where(eq(demands.id, id));
    await recordAudit(tx, auditActor, {
      action: STEP_ACTION[input.status],
      entityType: "demand_lead",
      entityId: leadId,
      districtCode: row.districtCode,
      before: { status: from },
      after: { status: input.status, note: input.note ?? null },
    });
  });
  return getDemand(db, actor, id);
}

/**
 * 对接漏斗 per district: demands posted, and how many are at each step through any of their leads,
 * declined leads left out (shortlisted = a lead not declined; contacted = a lead contacted or
 * contracted; contracted = a lead contracted). A demand whose leads were all declined — also after
 * being contacted — counts as posted only, so the steps nest (contracted ⊆ contacted ⊆ shortlisted).
 */
export async function funnel(db: Database, actor: Actor, q: z.output<typeof FunnelQuery>) {
  if (actor.role !== "city_admin" && !(actor.role === "district_admin" && actor.districtCode))
    throw forbidden("查看对接漏斗");
  const where: SQL[] = [demandScopeSql(demandReadScope(actor, []))];
  if (q.districtCode) where.push(eq(enterprises.districtCode, q.districtCode));
  if (q.from) where.push(sql`${demands.createdAt} >= ${shanghaiMidnight(q.from)}`);
  if (q.to) where.push(sql`${demands.createdAt} < ${shanghaiMidnight(q.to)}::timestamptz + interval '1 day'`);
  const reached = (cond: SQL) =>
    sql<number>`count(*) filter (where exists (select 1 from ${demandLeads} l where l.demand_id = ${demands.id} and ${cond}))::int`;
  const rows = await db
    .select({
      districtCode: enterprises.districtCode,
      districtName: districts.name,
      demands: sql<number>`count(*)::int`,
      shortlisted: reached(sql`l.status <> 'declined'`),
      contacted: reached(sql`l.status in ('contacted', 'contracted')`),
      contracted: reached(sql`l.status = 'contracted'`),
    })
    .from(demands)
    .innerJoin(enterprises, eq(enterprises.id, demands.enterpriseId))
    .innerJoin(districts, eq(districts.code, enterprises.districtCode))
    .where(and(...where))
    .groupBy(enterprises.districtCode, districts.name)
    .orderBy(asc(enterprises.districtCode));
  const norm = rows.map((r) => ({
    districtCode: r.districtCode,
    districtName: r.districtName,
    demands: Number(r.demands),
    shortlisted: Number(r.shortlisted),
    contacted: Number(r.contacted),
    contracted: Number(r.contracted),
  }));
  const sum = (k: "demands" | "shortlisted" | "contacted" | "contracted") =>
    norm.reduce((s, r) => s + r[k], 0);
  return {
    rows: norm,
    total: {
      districtCode: actor.role === "district_admin" ? actor.districtCode! : "120000",
      districtName: actor.role === "district_admin" ? (norm[0]?.districtName ?? "本区") : "合计",
      demands: sum("demands"),
      shortlisted: sum("shortlisted"),
      contacted: sum("contacted"),
      contracted: sum("contracted"),
    },
  };
}
