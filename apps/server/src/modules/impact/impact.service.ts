import type {
  CohortGroup,
  CohortQuery,
  CohortResponse,
  CoverageQuery,
  CoverageResponse,
  CoverageRow,
  EnterpriseImpact,
  ImpactAssessment,
  ImpactEnterpriseQuery,
} from "@dxcenter/contracts";
import { assessments, type Database, districts, enterprises, instruments } from "@dxcenter/db";
import {
  type Actor,
  type ComparableResult,
  compareResults,
  coverageStatus,
  enterpriseReadScope,
} from "@dxcenter/domain";
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, forbidden, notFound } from "../../errors";
import { readCondition } from "../enterprises/enterprise.policy";
import { loadDefinition } from "../instruments/instrument-definition";
import { coverageTarget } from "./coverage-target";
import { cohortStats, coverageStats } from "./impact.repository";

/** Shanghai has no daylight saving time: a calendar day there starts at 00:00 +08:00. */
export const shanghaiMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString();
const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};
export const shanghaiYear = (now = new Date()) => new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();

/** Cohorts and coverage are bureau statistics: city (all) and district staff (their district). */
function assertBureau(actor: Actor, what: string) {
  const scope = enterpriseReadScope(actor);
  if (scope.kind !== "all" && scope.kind !== "district") throw forbidden(what);
}

async function instrumentName(db: Database, id: string): Promise<string | null> {
  const [row] = await db
    .select({ name: instruments.name })
    .from(instruments)
    .where(eq(instruments.id, id))
    .orderBy(desc(instruments.current), desc(instruments.loadedAt))
    .limit(1);
  return row?.name ?? null;
}

// ---------------------------------------------------------------------------------------------
// One enterprise

export async function enterpriseImpact(
  db: Database,
  actor: Actor,
  enterpriseId: string,
  q: z.output<typeof ImpactEnterpriseQuery>,
): Promise<EnterpriseImpact> {
  if (enterpriseReadScope(actor).kind === "none") throw forbidden("查看企业评估成效");
  const [ent] = await db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      districtCode: enterprises.districtCode,
      districtName: districts.name,
    })
    .from(enterprises)
    .innerJoin(districts, eq(districts.code, enterprises.districtCode))
    .where(and(readCondition(actor), eq(enterprises.id, enterpriseId)));
  if (!ent) throw notFound("企业");

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

// ---------------------------------------------------------------------------------------------
// Cohorts

type CohortQ = z.output<typeof CohortQuery>;

export async function cohorts(db: Database, actor: Actor, q: CohortQ): Promise<CohortResponse> {
  assertBureau(actor, "查看成效队列统计");
  const def = await loadDefinition(db, q.instrumentId);
  const name = def?.name ?? (await instrumentName(db, q.instrumentId));
  if (!name) throw badRequest(`评估量表“${q.instrumentId}”不存在`, "instrumentId");

  const rows = await cohortStats(db, {
    instrumentId: q.instrumentId,
    groupBy: q.groupBy,
    scope: readCondition(actor),
    window: {
      from: q.from ? shanghaiMidnight(q.from) : undefined,
      to: q.to ? shanghaiMidnight(nextDay(q.to)) : undefined,
    },
  });

  // Dimensions in the current definition's order; any only found in older versions follow (by id).
  const dims = (def?.dimensions ?? []).map((d) => ({ id: d.id, name: d.name, max: d.points }));
  for (const r of rows)
    for (const d of r.dims ?? [])
      if (!dims.some((x) => x.id === d.id)) dims.push({ id: d.id, name: d.id, max: 0 });

  const toGroup = (r: (typeof rows)[number] | undefined, key: string | null, label: string): CohortGroup => {
    const byId = new Map((r?.dims ?? []).map((d) => [d.id, d.avgDelta]));
    const n = r?.n ?? 0;
    return {
      key,
      name: label,
      n,
      avgT0: r?.avg_t0 ?? 0,
      avgT1: r?.avg_t1 ?? 0,
      avgDelta: r?.avg_delta ?? 0,
      leveledUp: r?.up ?? 0,
      leveledDown: r?.down ?? 0,
      leveledUpShare: n > 0 ? Math.round(((r?.up ?? 0) / n) * 1e4) / 1e4 : 0,
      dimensions: dims.map((d) => ({ id: d.id, avgDelta: byId.get(d.id) ?? 0 })),
    };
  };

  const needle = q.q?.toLowerCase();
  const groups = rows
    .filter((r) => r.grp !== null)
    .map((r) => toGroup(r, r.grp, r.name ?? r.grp ?? ""))
    .filter((g) => !needle || g.name.toLowerCase().includes(needle));
  // By name: districts in their official (GB/T 2260 code) order, providers in pinyin order.
  const byName = (x: CohortGroup, y: CohortGroup) =>
    q.groupBy === "district"
      ? (x.key ?? "").localeCompare(y.key ?? "")
      : x.name.localeCompare(y.name, "zh-CN");
  const dir = q.order === "desc" ? -1 : 1;
  groups.sort((x, y) => {
    const c = q.sort === "name" ? byName(x, y) : (x[q.sort] as number) - (y[q.sort] as number);
    return dir * c || byName(x, y);
  });
  const overallLabel = enterpriseReadScope(actor).kind === "district" ? "本区合计" : "全市合计";
  return {
    instrumentId: q.instrumentId,
    instrumentName: name,
    groupBy: q.groupBy,
    from: q.from ?? null,
    to: q.to ?? null,
    dimensions: dims,
    groups,
    overall: toGroup(
      rows.find((r) => r.grp === null),
      null,
      overallLabel,
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Coverage

type CoverageQ = z.output<typeof CoverageQuery>;

export async function coverage(db: Database, actor: Actor, q: CoverageQ): Promise<CoverageResponse> {
  assertBureau(actor, "查看诊断覆盖率");
  const target = coverageTarget();
  const year = q.year ?? shanghaiYear();
  const scope = enterpriseReadScope(actor);
  const rows = await coverageStats(db, {
    scope: readCondition(actor),
    districtCode: scope.kind === "district" ? scope.districtCode : null,
    start: shanghaiMidnight(`${target.startYear}-01-01`),
    yearStart: shanghaiMidnight(`${year}-01-01`),
    yearEnd: shanghaiMidnight(`${year + 1}-01-01`),
  });

  const row = (
    districtCode: string | null,
    districtName: string,
    c: { aboveScale: number; baseline: number; diagnosed: number; inYear: number },
  ): CoverageRow => ({
    districtCode,
    districtName,
    aboveScale: c.aboveScale,
    baseline: c.baseline,
    diagnosed: c.diagnosed,
    diagnosedInYear: c.inYear,
    ...coverageStatus(
      { startYear: target.startYear, years: target.years, baseline: c.baseline },
      { universe: c.aboveScale, diagnosed: c.diagnosed },
      year,
    ),
  });

  let out = rows.map((r) =>
    row(r.district_code, r.district_name, {
      aboveScale: r.above_scale,
      baseline: r.baseline,
      diagnosed: r.diagnosed,
      inYear: r.in_year,
    }),
  );
  // The city row is the sum of the district rows (each district's target is rounded up on its own,
  // so the city target is the sum of the district targets, not a separately rounded figure).
  let city: CoverageRow | null = null;
  if (scope.kind === "all") {
    const sum = (k: "aboveScale" | "baseline" | "diagnosed" | "diagnosedInYear" | "target") =>
      out.reduce((s, r) => s + r[k], 0);
    const universe = sum("aboveScale");
    const diagnosed = sum("diagnosed");
    const tgt = sum("target");
    const ratio = (n: number) => (universe > 0 ? Math.round((n / universe) * 1e4) / 1e4 : 0);
    city = {
      districtCode: null,
      districtName: "全市",
      aboveScale: universe,
      baseline: sum("baseline"),
      diagnosed,
      diagnosedInYear: sum("diagnosedInYear"),
      target: tgt,
      rate: ratio(diagnosed),
      targetRate: ratio(tgt),
      gap: Math.max(0, tgt - diagnosed),
      onTrack: diagnosed >= tgt,
    };
  }

  const needle = q.q?.trim();
  if (needle) out = out.filter((r) => r.districtName.includes(needle) || r.districtCode === needle);
  const order = new Map(rows.map((r, i) => [r.district_code, i]));
  const dir = q.order === "desc" ? -1 : 1;
  out.sort((x, y) => {
    const c =
      q.sort === "district"
        ? order.get(x.districtCode!)! - order.get(y.districtCode!)!
        : (x[q.sort] as number) - (y[q.sort] as number);
    return dir * c || order.get(x.districtCode!)! - order.get(y.districtCode!)!;
  });

  return {
    year,
    plan: {
      startYear: target.startYear,
      years: target.years,
      endYear: target.startYear + target.years - 1,
      scope: target.scope,
      source: target.source,
      note: target.note ?? null,
    },
    rows: out,
    city,
  };
}
