import type { DemandItem, DemandListQuery, LeadItem } from "@dxcenter/contracts";
import {
  demandLeads,
  demands,
  districts,
  type Executor,
  enterprises,
  providers,
  solutions,
  users,
} from "@dxcenter/db";
import { type Actor, type DemandScope, demandReadScope, type LeadStatus } from "@dxcenter/domain";
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { notFound } from "../../errors";
import { countRows, listOrder, pageOfSelect, searchAny } from "../../lib/list-query";
import { providerIdsOf } from "../solutions/membership";
import { sceneCatalogue } from "../solutions/scenes";
import { uuidArray } from "./visibility";

/** Demand and lead SQL: the scoped row with its enterprise and lead progress, one page, the leads. */

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
export type DemandRow = Awaited<ReturnType<ReturnType<typeof base>["limit"]>>[number];

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

/** The actor's demand scope and the provider organisations it acts for. */
export async function demandScopeOf(db: Executor, actor: Actor) {
  const providerIds = await providerIdsOf(db, actor);
  return { scope: demandReadScope(actor, providerIds), providerIds };
}

const FURTHEST: (LeadStatus | null)[] = [null, "shortlisted", "contacted", "contracted"];

export async function toDemandItem(db: Executor, r: DemandRow): Promise<DemandItem> {
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
    status: d.status,
    leadCount: Number(r.leadCount),
    // A demand whose leads were all declined has no open step: 已放弃, not 已加入意向 (as in the funnel).
    furthestLead: furthest === null ? null : furthest === 0 ? "declined" : (FURTHEST[furthest] ?? null),
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    version: d.version,
  };
}

const SORT = { createdAt: demands.createdAt, updatedAt: demands.updatedAt, budget: demands.budgetFen };

/** One page of demands in a scope under the list's filters; demands without a budget sort last either way. */
export async function demandPage(db: Executor, scope: DemandScope, q: z.output<typeof DemandListQuery>) {
  const cond = and(
    demandScopeSql(scope),
    q.status ? eq(demands.status, q.status) : undefined,
    q.source ? eq(demands.source, q.source) : undefined,
    q.districtCode ? eq(enterprises.districtCode, q.districtCode) : undefined,
    q.enterpriseId ? eq(demands.enterpriseId, q.enterpriseId) : undefined,
    q.sceneId ? sql`${demands.sceneIds} @> array[${q.sceneId}]::text[]` : undefined,
    searchAny(q.q, demands.title, enterprises.name),
  );
  const order = [
    ...(q.sort === "budget" ? [asc(sql`${demands.budgetFen} is null`)] : []),
    ...listOrder(SORT, q.sort, q.order, demands.id),
  ];
  const page = await pageOfSelect(
    q,
    base(db)
      .where(cond)
      .orderBy(...order),
    countRows(db, demands, cond, [enterprises, eq(enterprises.id, demands.enterpriseId)]),
  );
  return { ...page, items: await Promise.all(page.items.map((r) => toDemandItem(db, r))) };
}

/** One demand in the actor's scope (404 outside it), with the organisations the actor acts for. */
export async function findDemandRow(db: Executor, actor: Actor, id: string) {
  const { scope, providerIds } = await demandScopeOf(db, actor);
  const [row] = await base(db)
    .where(and(demandScopeSql(scope), eq(demands.id, id)))
    .limit(1);
  if (!row) throw notFound("需求");
  return { row, providerIds };
}

const who = (col: unknown) => sql<string | null>`(select u.display_name from ${users} u where u.id = ${col})`;

/** A demand's leads; a provider (providerIds given) sees its own leads, not its competitors'. */
export async function leadsOf(
  db: Executor,
  demandId: string,
  providerIds: string[] | null,
): Promise<LeadItem[]> {
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
    status: r.l.status,
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

/** What the demand workflow decides on, from a demand row. */
export const demandFacts = (row: DemandRow) => ({
  status: row.d.status,
  enterpriseId: row.d.enterpriseId,
  districtCode: row.districtCode,
});
