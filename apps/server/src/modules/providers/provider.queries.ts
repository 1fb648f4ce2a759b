import type { ProviderDetail, ProviderItem, ProviderListQuery } from "@dxcenter/contracts";
import {
  type Database,
  type Executor,
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
  type MaybeActor,
  type ProviderCategory,
  type ProviderGradeKey,
  providerListScope,
  providerPermissions,
} from "@dxcenter/domain";
import { and, asc, desc, eq, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { forbidden, notFound } from "../../errors";
import { countRows, listOrder, pageOfSelect, searchAny } from "../../lib/list-query";
import { applicationItems, scoresOfProvider } from "./pool.queries";
import { evaluationsOf } from "./provider-evaluations";
import { memberIds, providerIdOfUser } from "./provider-members";

/** Reading providers: the pool list (scoped), its export pages, one provider in full, the account's own. */

type ListQuery = z.output<typeof ProviderListQuery>;

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
    status: p.status,
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
  // A service area covers a district when it is the district, or its city ("120000").
  const city = q.district ? `${q.district.slice(0, 2)}0000` : "";
  const where = and(
    listScope(actor),
    q.status ? eq(providers.status, q.status) : undefined,
    q.category ? sql`${q.category} = any(${providers.categories})` : undefined,
    q.scene ? sql`${q.scene} = any(${providers.sceneIds})` : undefined,
    q.industry ? sql`${q.industry} = any(${providers.industries})` : undefined,
    q.district
      ? sql`(${q.district} = any(${providers.serviceDistricts}) or ${city} = any(${providers.serviceDistricts}))`
      : undefined,
    searchAny(q.q, providers.name, providers.uscc, providers.profile),
  );
  // Admission date and rating: providers without one come last in both directions.
  const order =
    q.sort === "admittedAt" || q.sort === "rating"
      ? [
          sql`${q.sort === "rating" ? ratingAvg : providers.admittedAt} ${sql.raw(q.order)} nulls last`,
          asc(providers.id),
        ]
      : listOrder({ name: providers.name, updatedAt: providers.updatedAt }, q.sort, q.order, providers.id);
  return pageOfSelect(
    q,
    base(db)
      .where(where)
      .orderBy(...order),
    countRows(db, providers, where),
    toItem,
  );
}

export async function getProvider(db: Executor, actor: MaybeActor, id: string): Promise<ProviderDetail> {
  const [row] = await base(db).where(eq(providers.id, id)).limit(1);
  if (!row) throw notFound("服务商");
  const members = await memberIds(db, id);
  const perm = providerPermissions(actor, { status: row.p.status, memberUserIds: members });
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
