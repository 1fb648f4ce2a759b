import { bulkInsert, type Database, type Executor, enterpriseAnnual, enterprises } from "@dxcenter/db";
import { type Actor, canCreateEnterpriseIn } from "@dxcenter/domain";
import { eq, sql } from "drizzle-orm";
import { type AuditActor, type AuditEntry, recordAudit } from "../audit/audit.service";
import * as repo from "./enterprise.repository";
import { rowValues } from "./enterprise.service";
import type { ParsedRow } from "./enterprise-excel";

/** Writing an import's valid rows: one batch upserted by USCC, with their annual figures and audit. */

export type Valid = Extract<ParsedRow, { ok: true }> & { row: number };

/** Codes among the valid rows that exist in a district the actor may not write to. */
export async function outsideScope<T extends { uscc: string }>(
  db: Database,
  actor: Actor,
  rows: T[],
): Promise<T[]> {
  if (actor.role === "city_admin" || rows.length === 0) return [];
  const found = await repo.findByUsccs(
    db,
    rows.map((r) => r.uscc),
  );
  const out = new Set(found.filter((e) => !canCreateEnterpriseIn(actor, e.districtCode)).map((e) => e.uscc));
  return rows.filter((r) => out.has(r.uscc));
}

/**
 * Upserts one batch by USCC. Unchanged rows are left alone (no version bump, no audit), so importing
 * the same file twice changes nothing the second time.
 */
export async function upsertBatch(tx: Executor, actor: Actor, auditActor: AuditActor, batch: Valid[]) {
  const existing = new Map(
    (
      await repo.findByUsccs(
        tx,
        batch.map((b) => b.value.uscc),
      )
    ).map((e) => [e.uscc, e]),
  );
  const annualRows = await repo.annualFor(
    tx,
    [...existing.values()].map((e) => e.id),
  );
  const annualById = new Map<
    string,
    { year: number; revenueFen: number | null; employees: number | null }[]
  >();
  for (const a of annualRows) {
    const list = annualById.get(a.enterpriseId) ?? [];
    list.push({ year: a.year, revenueFen: a.revenueFen, employees: a.employees });
    annualById.set(a.enterpriseId, list);
  }

  const audits: AuditEntry[] = [];
  const inserts: (typeof enterprises.$inferInsert)[] = [];
  const insertAnnual: { uscc: string; year: number; revenueFen: number | null; employees: number | null }[] =
    [];
  const refused: Valid[] = [];
  let updated = 0;
  let unchanged = 0;

  for (const b of batch) {
    const v = b.value;
    const cur = existing.get(v.uscc);
    if (!cur) {
      inserts.push({ uscc: v.uscc, ...rowValues(v) });
      for (const a of v.annual) insertAnnual.push({ uscc: v.uscc, ...a });
      continue;
    }
    // Checked after pass 1 too; this catches an enterprise moved to another district meanwhile.
    if (!canCreateEnterpriseIn(actor, cur.districtCode)) {
      refused.push(b);
      continue;
    }
    const prevAnnual = annualById.get(cur.id) ?? [];
    const mergedAnnual = [...prevAnnual.filter((a) => !v.annual.some((n) => n.year === a.year)), ...v.annual];
    const values = rowValues({
      ...v,
      contactName: b.keepContactName ? cur.contactName : v.contactName,
      contactPhone: b.keepContactPhone ? cur.contactPhone : v.contactPhone,
      annual: mergedAnnual,
    });
    const before = { ...pick(cur, values), annual: prevAnnual };
    const annualChanged = v.annual.some((n) => {
      const p = prevAnnual.find((a) => a.year === n.year);
      return !p || p.revenueFen !== n.revenueFen || p.employees !== n.employees;
    });
    if (!annualChanged && JSON.stringify(pick(cur, values)) === JSON.stringify(values)) {
      unchanged++;
      continue;
    }
    updated++;
    await tx
      .update(enterprises)
      .set({ ...values, updatedAt: new Date(), version: sql`${enterprises.version} + 1` })
      .where(eq(enterprises.id, cur.id));
    for (const a of v.annual) await upsertAnnual(tx, cur.id, a);
    audits.push({
      action: "enterprise.update",
      entityType: "enterprise",
      entityId: cur.id,
      districtCode: values.districtCode,
      before,
      after: { ...values, annual: mergedAnnual, source: "import" },
    });
  }

  if (inserts.length) {
    // ON CONFLICT DO NOTHING: a row inserted concurrently by someone else is simply not ours to create.
    const created = await bulkInsert<typeof enterprises, { id: string; uscc: string; districtCode: string }>(
      tx,
      enterprises,
      inserts,
      { onConflictDoNothing: "uscc", returning: ["id", "uscc", "districtCode"] },
    );
    const idByUscc = new Map(created.map((c) => [c.uscc, c.id]));
    const insertByUscc = new Map(inserts.map((i) => [i.uscc, i]));
    const annual = insertAnnual
      .filter((a) => idByUscc.has(a.uscc))
      .map((a) => ({
        enterpriseId: idByUscc.get(a.uscc)!,
        year: a.year,
        revenueFen: a.revenueFen,
        employees: a.employees,
      }));
    if (annual.length) await bulkInsert(tx, enterpriseAnnual, annual);
    for (const c of created) {
      audits.push({
        action: "enterprise.create",
        entityType: "enterprise",
        entityId: c.id,
        districtCode: c.districtCode,
        after: { ...insertByUscc.get(c.uscc), source: "import" },
      });
    }
    unchanged += inserts.length - created.length;
    await recordAudit(tx, auditActor, audits);
    return { created: created.length, updated, unchanged, refused };
  }
  await recordAudit(tx, auditActor, audits);
  return { created: 0, updated, unchanged, refused };
}

async function upsertAnnual(
  tx: Executor,
  enterpriseId: string,
  a: { year: number; revenueFen: number | null; employees: number | null },
) {
  await tx
    .insert(enterpriseAnnual)
    .values({ enterpriseId, ...a })
    .onConflictDoUpdate({
      target: [enterpriseAnnual.enterpriseId, enterpriseAnnual.year],
      set: { revenueFen: a.revenueFen, employees: a.employees },
    });
}

/** The stored values of the columns an import writes, in the same shape, for change detection. */
function pick(row: typeof enterprises.$inferSelect, like: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(like)) out[k] = (row as Record<string, unknown>)[k];
  return out;
}
