import type { CorrectionRequest, IndicatorSnapshot } from "@dxcenter/contracts";
import { type Database, indicatorSnapshots } from "@dxcenter/db";
import { and, eq, max, sql } from "drizzle-orm";
import type { z } from "zod";
import { forbidden, notFound } from "../../errors";
import type { CurrentUser } from "../../plugins/auth";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { reaggregateCity } from "../indicator-reports/report-effect";
import { getSnapshot } from "./indicator.queries";
import { currentIndicators } from "./indicator-loader";

const text = (v: number | null | undefined): string | null =>
  v === null || v === undefined ? null : String(v);

/**
 * 更正: a closed figure is never changed; the correction is a new row with the next version of the
 * same (indicator, indicator version, period, scope), the reason, the corrected row's id and who made
 * it. Numerator and denominator not given are carried over. City administrators only. Two
 * corrections at once serialize on an advisory lock of the key (the unique index is the last line).
 */
export async function correctSnapshot(
  db: Database,
  user: CurrentUser,
  actor: AuditActor,
  id: string,
  body: z.output<typeof CorrectionRequest>,
): Promise<IndicatorSnapshot> {
  if (user.role !== "city_admin") throw forbidden("更正指标快照");
  const newId = await db.transaction(async (tx) => {
    const old = await getSnapshot(tx, id);
    if (!old) throw notFound("指标快照");
    const key = `indicator-snapshot:${old.indicatorId}|${old.indicatorVersion}|${old.period}|${old.scope}`;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
    const [top] = await tx
      .select({ v: max(indicatorSnapshots.version) })
      .from(indicatorSnapshots)
      .where(
        and(
          eq(indicatorSnapshots.indicatorId, old.indicatorId),
          eq(indicatorSnapshots.indicatorVersion, old.indicatorVersion),
          eq(indicatorSnapshots.period, old.period),
          eq(indicatorSnapshots.scope, old.scope),
        ),
      );
    const [row] = await tx
      .insert(indicatorSnapshots)
      .values({
        indicatorId: old.indicatorId,
        indicatorVersion: old.indicatorVersion,
        period: old.period,
        scope: old.scope,
        value: text(body.value),
        numerator: body.numerator === undefined ? text(old.numerator) : text(body.numerator),
        denominator: body.denominator === undefined ? text(old.denominator) : text(body.denominator),
        sourceVersion: "correction",
        version: (top?.v ?? old.version) + 1,
        correctionReason: body.reason,
        correctsId: old.id,
        createdBy: user.id,
      })
      .returning({ id: indicatorSnapshots.id });
    if (!row) throw new Error("更正快照未写入");
    // A district's reported figure corrected: the districts' city figure is summed / averaged again.
    const indicator = (await currentIndicators(tx)).find((d) => d.id === old.indicatorId);
    if (indicator && old.scope !== "city")
      await reaggregateCity(tx, actor, indicator, old.period, `区级数值更正后重新汇总：${body.reason}`);
    await recordAudit(tx, actor, {
      action: "indicator_snapshot.correct",
      entityType: "indicator_snapshot",
      entityId: row.id,
      districtCode: old.scope === "city" ? null : old.scope,
      before: {
        id: old.id,
        version: old.version,
        value: old.value,
        numerator: old.numerator,
        denominator: old.denominator,
      },
      after: {
        value: body.value,
        numerator: body.numerator,
        denominator: body.denominator,
        reason: body.reason,
      },
    });
    return row.id;
  });
  const created = await getSnapshot(db, newId);
  if (!created) throw notFound("指标快照");
  return created;
}
