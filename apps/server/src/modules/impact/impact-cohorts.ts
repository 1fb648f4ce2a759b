import type { CohortGroup, CohortQuery, CohortResponse } from "@dxcenter/contracts";
import type { Database } from "@dxcenter/db";
import { type Actor, enterpriseReadScope } from "@dxcenter/domain";
import type { z } from "zod";
import { badRequest } from "../../errors";
import { nextDay, shanghaiMidnight } from "../../lib/dates";
import { readCondition } from "../enterprises/enterprise.policy";
import { loadDefinition } from "../instruments/instrument-definition";
import { cohortStats, instrumentName } from "./impact.repository";
import { assertBureau } from "./impact-access";

/** Average score change of re-assessed enterprises per district or per diagnosing provider. */
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
