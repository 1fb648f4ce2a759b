import type { CoverageQuery, CoverageResponse, CoverageRow } from "@dxcenter/contracts";
import type { Database } from "@dxcenter/db";
import { type Actor, coverageStatus, enterpriseReadScope } from "@dxcenter/domain";
import type { z } from "zod";
import { shanghaiMidnight, shanghaiYear } from "../../lib/dates";
import { readCondition } from "../enterprises/enterprise.policy";
import { coverageTarget } from "./coverage-target";
import { coverageStats } from "./impact.repository";
import { assertBureau } from "./impact-access";

/** Diagnosed above-scale enterprises per district against the cumulative yearly target. */
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
