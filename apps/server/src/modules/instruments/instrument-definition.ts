import { type Executor, instruments } from "@dxcenter/db";
import type { InstrumentDefinition } from "@dxcenter/domain";
import { and, asc, desc, eq } from "drizzle-orm";

/** One loaded instrument version: the given one, or the current one. */
export async function findInstrumentRow(db: Executor, id: string, version?: string) {
  const [row] = await db
    .select()
    .from(instruments)
    .where(
      and(eq(instruments.id, id), version ? eq(instruments.version, version) : eq(instruments.current, true)),
    )
    .limit(1);
  return row ?? null;
}

/**
 * Instrument versions are immutable (the loader refuses changed content under an old version), so
 * a definition read once can be cached for the life of the process.
 */
const definitionCache = new Map<string, InstrumentDefinition>();

/** An instrument's definition: the given version, or the current one; null when there is none. */
export async function loadDefinition(db: Executor, id: string, version?: string) {
  const key = `${id}@${version ?? "current"}`;
  if (version && definitionCache.has(key)) return definitionCache.get(key)!;
  const row = await findInstrumentRow(db, id, version);
  if (!row) return null;
  const def = row.definition as InstrumentDefinition;
  definitionCache.set(`${row.id}@${row.version}`, def);
  return def;
}

/** The instruments page: current versions, or every loaded version (newest first within an id). */
export function listInstrumentRows(db: Executor, all: boolean) {
  return db
    .select()
    .from(instruments)
    .where(all ? undefined : eq(instruments.current, true))
    .orderBy(asc(instruments.id), desc(instruments.loadedAt));
}
