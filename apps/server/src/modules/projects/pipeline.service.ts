import type { PipelineStats } from "@dxcenter/contracts";
import { districts, type Executor } from "@dxcenter/db";
import { type Actor, FUNDED_PROJECT_STATUSES } from "@dxcenter/domain";
import { eq } from "drizzle-orm";
import { badRequest, forbidden } from "../../errors";
import { pipelineCells, pipelineMoney } from "./project.queries";

/** The city's 技改投资 target: +25 % over 2023 (PRODUCT.md §9, Tianjin 2024–2027). */
export const PIPELINE_BASE_YEAR = 2023;
export const PIPELINE_TARGET_GROWTH_PERCENT = 25;

/** a / b as a percent with one decimal, rounded half up, exact (BigInt); null when b is 0. */
export function percentOf(a: number, b: number): string | null {
  if (b <= 0) return null;
  const tenths = (BigInt(a) * 2000n + BigInt(b)) / (2n * BigInt(b));
  return `${tenths / 10n}.${tenths % 10n}`;
}

/**
 * 项目储备与建设情况: per planned-start year and status, the count and planned / completed investment
 * (分); per year over funded projects (approved and later) the planned 技改投资 against the base year.
 * City: all or one district; district staff: their district only.
 */
export async function pipelineStats(
  db: Executor,
  actor: Actor,
  districtCode: string | undefined,
): Promise<PipelineStats> {
  let scope: string | null;
  if (actor.role === "city_admin") scope = districtCode ?? null;
  else if (actor.role === "district_admin" && actor.districtCode) {
    if (districtCode && districtCode !== actor.districtCode) throw forbidden("查看其他区的项目统计");
    scope = actor.districtCode;
  } else throw forbidden("查看项目统计");
  let districtName: string | null = null;
  if (scope) {
    const [d] = await db.select({ name: districts.name }).from(districts).where(eq(districts.code, scope));
    if (!d) throw badRequest(`所属区代码“${scope}”不存在`, "districtCode");
    districtName = d.name;
  }
  const [cells, money] = await Promise.all([pipelineCells(db, scope), pipelineMoney(db, scope)]);
  const typed = cells.map((c) => ({
    year: Number(c.year),
    status: c.status,
    count: Number(c.count),
    plannedFen: Number(c.plannedFen),
    completedFen: Number(c.completedFen),
  }));
  const funded = typed.filter((c) => FUNDED_PROJECT_STATUSES.includes(c.status));
  const byYear = new Map<number, { count: number; plannedFen: number; completedFen: number }>();
  for (const c of funded) {
    const y = byYear.get(c.year) ?? { count: 0, plannedFen: 0, completedFen: 0 };
    y.count += c.count;
    y.plannedFen += c.plannedFen;
    y.completedFen += c.completedFen;
    byYear.set(c.year, y);
  }
  const basePlanned = byYear.get(PIPELINE_BASE_YEAR)?.plannedFen ?? 0;
  const years = [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([y, v]) => ({ year: y, ...v, vsBasePercent: percentOf(v.plannedFen, basePlanned) }));
  return {
    districtCode: scope,
    districtName,
    cells: typed,
    years,
    baseYear: PIPELINE_BASE_YEAR,
    targetGrowthPercent: PIPELINE_TARGET_GROWTH_PERCENT,
    totals: {
      count: typed.reduce((s, c) => s + c.count, 0),
      plannedFen: typed.reduce((s, c) => s + c.plannedFen, 0),
      completedFen: typed.reduce((s, c) => s + c.completedFen, 0),
      approvedFen: Number(money?.approvedFen ?? 0),
      paidFen: Number(money?.paidFen ?? 0),
    },
  };
}
