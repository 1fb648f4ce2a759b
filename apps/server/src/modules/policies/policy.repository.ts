import type { PolicyDefinition } from "@dxcenter/contracts";
import { type Executor, policies } from "@dxcenter/db";
import { and, asc, eq } from "drizzle-orm";

/**
 * Policy definitions as loaded from the policy files (policy-loader.ts, parsed by the contract's
 * PolicyDefinition before they were stored, hence its type): one version by id, the
 * current versions, a policy's version history (award lists only join the policy name in their SQL).
 */

/** Other modules and tests import the day from here; its home is lib/dates.ts. */
export { shanghaiToday } from "../../lib/dates";

/** Definitions are immutable per id + version (the loader refuses changes), so a process may cache them. */
const cache = new Map<string, PolicyDefinition>();

export async function loadPolicyVersion(
  db: Executor,
  id: string,
  version: string,
): Promise<PolicyDefinition | null> {
  const key = `${id}@${version}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const [row] = await db
    .select({ definition: policies.definition })
    .from(policies)
    .where(and(eq(policies.id, id), eq(policies.version, version)));
  if (!row) return null;
  const def = row.definition as PolicyDefinition;
  cache.set(key, def);
  return def;
}

/** The current version of every policy, in file order (id). */
export async function currentPolicies(db: Executor): Promise<PolicyDefinition[]> {
  const rows = await db
    .select({ id: policies.id, version: policies.version, definition: policies.definition })
    .from(policies)
    .where(eq(policies.current, true))
    .orderBy(asc(policies.id));
  return rows.map((r) => {
    const key = `${r.id}@${r.version}`;
    const def = cache.get(key) ?? (r.definition as PolicyDefinition);
    cache.set(key, def);
    return def;
  });
}

export async function currentPolicy(db: Executor, id: string) {
  const [row] = await db
    .select({ version: policies.version, sourceFile: policies.sourceFile })
    .from(policies)
    .where(and(eq(policies.id, id), eq(policies.current, true)));
  if (!row) return null;
  const def = await loadPolicyVersion(db, id, row.version);
  return def ? { def, sourceFile: row.sourceFile } : null;
}

export async function policyVersions(db: Executor, id: string): Promise<string[]> {
  const rows = await db
    .select({ version: policies.version })
    .from(policies)
    .where(eq(policies.id, id))
    .orderBy(asc(policies.loadedAt));
  return rows.map((r) => r.version);
}
