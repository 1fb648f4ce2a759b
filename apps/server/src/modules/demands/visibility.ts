import { demands, type Executor, enterprises, solutions } from "@dxcenter/db";
import type { Demand } from "@dxcenter/domain";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { sceneCatalogue } from "../solutions/scenes";
import { matchDemandInDb, matchedProvidersInDb } from "./matching";

/**
 * Which providers see which demand: the providers of a demand's top-N ranked solutions, stored on the
 * demand (demands.matched_provider_ids) so that a provider's demand list is one indexed condition.
 * Written when a demand is posted or its ranking is viewed, and recomputed by the named command
 * refreshDemandVisibility when the market changes (the catalogue and the provider pool call it with
 * their own transaction). Imports only matching and the catalogue's read side.
 */

/** How many top-ranked solutions make a demand "matched" to their providers (visible to them). */
export const PROVIDER_VISIBLE_TOP_N = 20;

export const uuidArray = (xs: readonly string[]) =>
  sql`array[${sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  )}]::uuid[]`;

/** A stored demand as the domain's ranking reads it. */
export const domainDemand = (
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

/** Stores the providers a demand is visible to, when they differ from what is stored. */
export async function storeVisibleProviders(
  db: Executor,
  demandId: string,
  providerIds: readonly string[],
  stored: readonly string[] | null,
  now = new Date(),
): Promise<boolean> {
  const had = new Set(stored ?? []);
  if (stored && providerIds.length === had.size && providerIds.every((p) => had.has(p))) return false;
  await db
    .update(demands)
    .set({ matchedProviderIds: [...providerIds], matchedAt: now })
    .where(eq(demands.id, demandId));
  return true;
}

/** Ranks a new demand and stores which providers the top-N came from (what providers may see). */
export async function rankNewDemand(db: Executor, demand: Demand) {
  const m = await matchDemandInDb(db, demand, PROVIDER_VISIBLE_TOP_N);
  await storeVisibleProviders(
    db,
    demand.id,
    [...new Set(m.solutions.map((s) => s.solution.providerId))],
    null,
  );
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
  for (const d of affected)
    if (await storeVisibleProviders(tx, d.id, fresh.get(d.id) ?? [], d.matchedProviderIds, now)) changed++;
  return { recomputed: affected.length, changed };
}
