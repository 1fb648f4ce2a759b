import type { IndicatorSnapshot } from "@dxcenter/contracts";
import { districts, type Executor, indicatorSnapshots, users } from "@dxcenter/db";
import { and, asc, desc, eq, inArray, type SQL } from "drizzle-orm";

/**
 * Reads of stored snapshots. A figure is the latest version of (indicator, period, scope): the
 * original closing or its latest correction. The series index (indicator, scope, period, version)
 * serves every read here.
 */

const num = (v: string | null): number | null => (v === null ? null : Number(v));

const snapshotColumns = {
  id: indicatorSnapshots.id,
  indicatorId: indicatorSnapshots.indicatorId,
  indicatorVersion: indicatorSnapshots.indicatorVersion,
  period: indicatorSnapshots.period,
  scope: indicatorSnapshots.scope,
  value: indicatorSnapshots.value,
  numerator: indicatorSnapshots.numerator,
  denominator: indicatorSnapshots.denominator,
  computedAt: indicatorSnapshots.computedAt,
  sourceVersion: indicatorSnapshots.sourceVersion,
  version: indicatorSnapshots.version,
  correctionReason: indicatorSnapshots.correctionReason,
  correctsId: indicatorSnapshots.correctsId,
  createdByName: users.displayName,
};

async function selectSnapshots(db: Executor, where: SQL | undefined): Promise<IndicatorSnapshot[]> {
  const rows = await db
    .select(snapshotColumns)
    .from(indicatorSnapshots)
    .leftJoin(users, eq(users.id, indicatorSnapshots.createdBy))
    .where(where)
    .orderBy(
      asc(indicatorSnapshots.indicatorId),
      asc(indicatorSnapshots.period),
      asc(indicatorSnapshots.scope),
      desc(indicatorSnapshots.version),
    )
    .limit(5000);
  return rows.map((r) => ({
    ...r,
    value: num(r.value),
    numerator: num(r.numerator),
    denominator: num(r.denominator),
    computedAt: r.computedAt.toISOString(),
  }));
}

/** Every version of the matching snapshots (history and corrections), newest version first per key. */
export function listSnapshots(
  db: Executor,
  f: { indicatorIds: readonly string[]; scopes?: readonly string[]; periods?: readonly string[] },
): Promise<IndicatorSnapshot[]> {
  if (f.indicatorIds.length === 0) return Promise.resolve([]);
  return selectSnapshots(
    db,
    and(
      inArray(indicatorSnapshots.indicatorId, [...f.indicatorIds]),
      f.scopes ? inArray(indicatorSnapshots.scope, [...f.scopes]) : undefined,
      f.periods ? inArray(indicatorSnapshots.period, [...f.periods]) : undefined,
    ),
  );
}

/** The latest version per (indicator, period, scope) among the matching snapshots. */
export async function latestSnapshots(
  db: Executor,
  f: { indicatorIds: readonly string[]; scopes?: readonly string[]; periods: readonly string[] },
): Promise<Map<string, IndicatorSnapshot>> {
  const out = new Map<string, IndicatorSnapshot>();
  // Ordered newest version first within a key: the first row seen of a key is its figure.
  for (const s of await listSnapshots(db, f)) {
    const key = snapshotKey(s.indicatorId, s.period, s.scope);
    if (!out.has(key)) out.set(key, s);
  }
  return out;
}

export const snapshotKey = (indicatorId: string, period: string, scope: string) =>
  `${indicatorId}|${period}|${scope}`;

export async function getSnapshot(db: Executor, id: string): Promise<IndicatorSnapshot | null> {
  const [s] = await selectSnapshots(db, eq(indicatorSnapshots.id, id));
  return s ?? null;
}

/** The city's current districts (GB/T 2260), in their display order. */
export async function currentDistricts(db: Executor): Promise<{ code: string; name: string }[]> {
  return db
    .select({ code: districts.code, name: districts.name })
    .from(districts)
    .where(eq(districts.status, "current"))
    .orderBy(asc(districts.sortOrder), asc(districts.code));
}
