import { createHash } from "node:crypto";
import { type Executor, expertPoolSnapshots, experts, users } from "@dxcenter/db";
import {
  type DrawRequest,
  type DrawResult,
  type Expert,
  type PackedHistory,
  packHistory,
  unpackHistory,
} from "@dxcenter/domain";
import { and, asc, eq } from "drizzle-orm";
import { toDomainExpert } from "./expert.service";

/**
 * What a draw reads and keeps: the expert pool (loaded, stored once per content under its SHA-256),
 * the request as stored (history packed against the pool) and the panel after replacements. Verify
 * and every replacement re-run from exactly these.
 */

/** The contracts' (mutable) shape of a domain result; the same JSON. */
export type Mutable<T> = {
  -readonly [K in keyof T]: T[K] extends readonly (infer U)[]
    ? Mutable<U>[]
    : T[K] extends object
      ? Mutable<T[K]>
      : T[K];
};

/**
 * The pool a draw reads, in id order. A diagnosis team member or a project reviewer acts through a
 * login (the team and the review sheets are per user), so those draws read only experts with an
 * enabled expert account; a pool review reads the whole pool.
 */
export async function loadPool(db: Executor, opts: { accountsOnly?: boolean } = {}): Promise<Expert[]> {
  const rows = opts.accountsOnly
    ? (
        await db
          .select({ e: experts })
          .from(experts)
          .innerJoin(users, eq(users.id, experts.userId))
          .where(and(eq(users.role, "expert"), eq(users.disabled, false)))
          .orderBy(asc(experts.id))
      ).map((r) => r.e)
    : await db.select().from(experts).orderBy(asc(experts.id));
  return rows.map(toDomainExpert);
}

/** SHA-256 of the canonical JSON of a pool snapshot: its storage key and its checksum. */
export function poolHash(pool: readonly Expert[]): string {
  return createHash("sha256").update(canonical(pool)).digest("hex");
}

/** Stores a pool snapshot once per distinct content; returns its hash. */
export async function storePool(tx: Executor, pool: readonly Expert[]): Promise<string> {
  const hash = poolHash(pool);
  const [have] = await tx
    .select({ hash: expertPoolSnapshots.hash })
    .from(expertPoolSnapshots)
    .where(eq(expertPoolSnapshots.hash, hash));
  if (!have)
    await tx
      .insert(expertPoolSnapshots)
      .values({ hash, experts: pool, size: pool.length })
      .onConflictDoNothing();
  return hash;
}

/** The request as stored: the history reduced to what the rules read, against the pool snapshot. */
export function storedRequest(pool: readonly Expert[], request: DrawRequest) {
  const { history: _full, ...rest } = request;
  return { ...rest, historyPacked: packHistory(pool, request) };
}

/** The request a stored draw ran with (history unpacked; inline for records stored before 0015). */
export function requestOf(stored: unknown, pool: readonly Expert[]): DrawRequest {
  const r = stored as DrawRequest & { historyPacked?: PackedHistory };
  if (!r.historyPacked) return r;
  const { historyPacked, ...rest } = r;
  try {
    return { ...rest, history: unpackHistory(pool, rest.applicant, historyPacked) };
  } catch (e) {
    // A snapshot that lost experts (tampered): shown as such, never re-run (verify checks `intact`).
    if (e instanceof RangeError) return { ...rest, history: {} };
    throw e;
  }
}

/** The pool a stored draw read, with whether it still matches its recorded hash. */
export async function poolOfDraw(
  db: Executor,
  d: { pool: unknown; poolHash: string | null },
): Promise<{ pool: Expert[]; intact: boolean }> {
  if (!d.poolHash) return { pool: d.pool as Expert[], intact: true };
  const [snap] = await db
    .select({ experts: expertPoolSnapshots.experts })
    .from(expertPoolSnapshots)
    .where(eq(expertPoolSnapshots.hash, d.poolHash));
  const pool = (snap?.experts ?? []) as Expert[];
  return { pool, intact: !!snap && poolHash(pool) === d.poolHash };
}

/** JSON with object keys sorted, so a stored (jsonb) result and a re-run compare exactly. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

/** The panel after the last replacement: `current` is stored only once somebody declined. */
export const currentOf = (d: { result: unknown; current: unknown }) => (d.current ?? d.result) as DrawResult;
