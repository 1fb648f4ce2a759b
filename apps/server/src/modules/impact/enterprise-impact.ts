import type { EnterpriseImpact, ImpactAssessment, ImpactEnterpriseQuery } from "@dxcenter/contracts";
import { assessments, type Database } from "@dxcenter/db";
import { type Actor, type ComparableResult, compareResults, enterpriseReadScope } from "@dxcenter/domain";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, forbidden } from "../../errors";
import { readableEnterprise } from "../enterprises/enterprise.policy";
import { instrumentName } from "./impact.repository";

/**
 * One enterprise's re-assessment comparison: its submitted assessments of an instrument in time order
 * and the T0/T1 change (first and last by default, or the two chosen).
 */
export async function enterpriseImpact(
  db: Database,
  actor: Actor,
  enterpriseId: string,
  q: z.output<typeof ImpactEnterpriseQuery>,
): Promise<EnterpriseImpact> {
  if (enterpriseReadScope(actor).kind === "none") throw forbidden("查看企业评估成效");
  const ent = await readableEnterprise(db, actor, enterpriseId);

  const submitted = and(eq(assessments.enterpriseId, ent.id), eq(assessments.status, "submitted"));
  const perInstrument = await db
    .select({
      instrumentId: assessments.instrumentId,
      submitted: count(),
      last: sql<number>`extract(epoch from max(${assessments.submittedAt}))::float8`,
    })
    .from(assessments)
    .where(submitted)
    .groupBy(assessments.instrumentId);
  perInstrument.sort((x, y) => y.last - x.last); // most recently used instrument first
  const names = new Map<string, string>();
  for (const p of perInstrument)
    names.set(p.instrumentId, (await instrumentName(db, p.instrumentId)) ?? p.instrumentId);

  const base = {
    enterpriseId: ent.id,
    enterpriseName: ent.name,
    districtCode: ent.districtCode,
    districtName: ent.districtName,
    instruments: perInstrument.map((p) => ({
      instrumentId: p.instrumentId,
      instrumentName: names.get(p.instrumentId)!,
      submitted: p.submitted,
    })),
  };
  const instrumentId = q.instrumentId ?? perInstrument[0]?.instrumentId ?? null;
  if (q.instrumentId && !perInstrument.some((p) => p.instrumentId === q.instrumentId)) {
    const known = await instrumentName(db, q.instrumentId);
    if (!known) throw badRequest(`评估量表“${q.instrumentId}”不存在`, "instrumentId");
  }
  if (!instrumentId)
    return {
      ...base,
      instrumentId: null,
      instrumentName: null,
      assessments: [],
      t0Id: null,
      t1Id: null,
      comparison: null,
    };

  const rows = await db
    .select({
      id: assessments.id,
      kind: assessments.kind,
      instrumentVersion: assessments.instrumentVersion,
      submittedAt: assessments.submittedAt,
      total: assessments.total,
      maxTotal: assessments.maxTotal,
      level: assessments.level,
      levelName: assessments.levelName,
    })
    .from(assessments)
    .where(and(submitted, eq(assessments.instrumentId, instrumentId)))
    .orderBy(asc(assessments.submittedAt), asc(assessments.id));
  const list: ImpactAssessment[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind === "onsite" ? "onsite" : "self",
    instrumentVersion: r.instrumentVersion,
    submittedAt: r.submittedAt!.toISOString(),
    total: Number(r.total),
    maxTotal: Number(r.maxTotal),
    level: r.level ?? 0,
    levelName: r.levelName ?? "",
  }));

  const pick = (id: string | undefined, field: "a" | "b") => {
    if (!id) return undefined;
    if (!list.some((x) => x.id === id))
      throw badRequest(
        `所选${field === "a" ? "对比基期（T0）" : "对比期（T1）"}评估不是该企业已提交的本量表评估`,
        field,
      );
    return id;
  };
  const t0Id = pick(q.a, "a") ?? list[0]?.id ?? null;
  const t1Id = pick(q.b, "b") ?? list[list.length - 1]?.id ?? null;
  if (q.a && q.b && q.a === q.b) throw badRequest("请选择两次不同的评估进行对比", "b");

  let comparison: EnterpriseImpact["comparison"] = null;
  if (list.length >= 2 && t0Id && t1Id && t0Id !== t1Id) {
    const snaps = await db
      .select({ id: assessments.id, result: assessments.result })
      .from(assessments)
      .where(inArray(assessments.id, [t0Id, t1Id]));
    const byId = new Map(snaps.map((s) => [s.id, s.result as ComparableResult]));
    // Readonly domain arrays → the (structurally identical) mutable response type.
    comparison = compareResults(byId.get(t0Id)!, byId.get(t1Id)!) as EnterpriseImpact["comparison"];
  }
  return {
    ...base,
    instrumentId,
    instrumentName: names.get(instrumentId) ?? (await instrumentName(db, instrumentId)),
    assessments: list,
    t0Id,
    t1Id,
    comparison,
  };
}
