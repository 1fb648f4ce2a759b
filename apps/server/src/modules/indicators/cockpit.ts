import type {
  Cockpit,
  CockpitCard,
  CockpitQuery,
  DistrictValues,
  DistrictValuesQuery,
  Indicator,
  IndicatorSnapshot,
  SnapshotListQuery,
} from "@dxcenter/contracts";
import type { Database, Executor } from "@dxcenter/db";
import { expectedValue, lastClosedPeriod, lastPeriods, periodAsOf, trajectoryStatus } from "@dxcenter/domain";
import type { z } from "zod";
import { forbidden, notFound } from "../../errors";
import { shanghaiToday } from "../../lib/dates";
import type { CurrentUser } from "../../plugins/auth";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { currentDistricts, latestSnapshots, listSnapshots, snapshotKey } from "./indicator.queries";
import { assertScope, indicatorView, visibleIndicator } from "./indicator-access";
import { type LiveFigure, provisionalFigures, refreshLiveFigures } from "./indicator-live";
import { currentIndicators } from "./indicator-loader";
import type { RollupRow } from "./indicator-rollups";

/**
 * The 驾驶舱 reads. A figure of a closed period is its stored snapshot (latest version); a period
 * not closed yet shows a live figure of a computed indicator (same rollup, as of the period's end or
 * now) — its stored provisional figure (indicator-live.ts), whose `computedAt` the page shows as
 * "数据截至" — and nothing for a reported one. Targets come from the indicator's trajectory; a district is
 * measured against it only when the indicator says so (districtTargets), otherwise 待设定.
 */

type Figure = CockpitCard["figure"];
const num = (v: string | null): number | null => (v === null ? null : Number(v));
const NONE: Figure = {
  value: null,
  numerator: null,
  denominator: null,
  origin: "none",
  snapshotId: null,
  snapshotVersion: null,
  computedAt: null,
};

function fromSnapshot(s: IndicatorSnapshot): Figure {
  return {
    value: s.value,
    numerator: s.numerator,
    denominator: s.denominator,
    origin: "snapshot",
    snapshotId: s.id,
    snapshotVersion: s.version,
    computedAt: s.computedAt,
  };
}

function fromLive(live: LiveFigure | undefined, scope: string): Figure {
  const r: RollupRow | undefined = live?.rows.get(scope);
  if (!live || !r) return NONE;
  return {
    value: num(r.value),
    numerator: num(r.numerator),
    denominator: num(r.denominator),
    origin: "live",
    snapshotId: null,
    snapshotVersion: null,
    computedAt: live.computedAt.toISOString(),
  };
}

const expectedFor = (d: Indicator, period: string, scope: string) =>
  scope !== "city" && !d.districtTargets ? null : expectedValue(d.trajectory, period);

export async function scopeName(db: Executor, scope: string): Promise<string> {
  if (scope === "city") return "全市";
  const d = (await currentDistricts(db)).find((x) => x.code === scope);
  if (!d) throw notFound("区");
  return d.name;
}

/** The stored figure of one indicator, period and scope (its latest snapshot version), or null when not closed. */
export async function storedFigure(
  db: Executor,
  indicator: Indicator,
  period: string,
  scope: string,
): Promise<Figure | null> {
  const stored = await latestSnapshots(db, {
    indicatorIds: [indicator.id],
    scopes: [scope],
    periods: [period],
  });
  const snap = stored.get(snapshotKey(indicator.id, period, scope));
  return snap ? fromSnapshot(snap) : null;
}

/**
 * The 驾驶舱's figure of a period not closed: its provisional figure (stored, or computed now when
 * there is none or it is stale), as the cockpit shows it.
 */
export async function provisionalFigure(
  db: Executor,
  indicator: Indicator,
  period: string,
  scope: string,
  now = new Date(),
): Promise<Figure> {
  const codes = (await currentDistricts(db)).map((d) => d.code);
  const live = await provisionalFigures(db, [{ indicator, period }], [scope], codes, now);
  return fromLive(live.get(indicator.id), scope);
}

export async function cockpit(
  db: Executor,
  user: CurrentUser,
  query: z.output<typeof CockpitQuery>,
  now = new Date(),
): Promise<Cockpit> {
  const view = indicatorView(user);
  const scope = query.district ?? view.homeScope;
  assertScope(view, scope);
  const name = await scopeName(db, scope);
  const month = query.period ?? lastClosedPeriod(shanghaiToday(now.getTime()), "monthly");
  const defs = (await currentIndicators(db)).filter(view.sees);
  const items = defs.map((indicator) => ({ indicator, period: periodAsOf(month, indicator.frequency) }));
  const series = new Map(items.map((i) => [i.indicator.id, lastPeriods(i.period, 12)]));
  const scopes = scope === "city" ? ["city"] : [scope, "city"];
  const stored = await latestSnapshots(db, {
    indicatorIds: defs.map((d) => d.id),
    scopes,
    periods: [...new Set([...series.values()].flat())],
  });
  const notClosed = items.filter((i) =>
    scopes.some((s) => !stored.has(snapshotKey(i.indicator.id, i.period, s))),
  );
  const codes = (await currentDistricts(db)).map((d) => d.code);
  const live = await provisionalFigures(db, notClosed, scopes, codes, now);
  const figureOf = (d: Indicator, period: string, s: string): Figure => {
    const snap = stored.get(snapshotKey(d.id, period, s));
    return snap ? fromSnapshot(snap) : fromLive(live.get(d.id), s);
  };
  const cards = items.map(({ indicator, period }): CockpitCard => {
    const figure = figureOf(indicator, period, scope);
    const expected = expectedFor(indicator, period, scope);
    const status = trajectoryStatus(figure.value, expected, indicator.direction, indicator.thresholds);
    return {
      indicator,
      period,
      figure,
      city: scope === "city" ? null : figureOf(indicator, period, "city"),
      expected,
      ...status,
      sparkline: (series.get(indicator.id) ?? []).map((p) => ({
        period: p,
        value: stored.get(snapshotKey(indicator.id, p, scope))?.value ?? null,
      })),
    };
  });
  return { period: month, scope, scopeName: name, cards };
}

/**
 * 刷新 (city administrators): recomputes the provisional figures of every computed indicator the
 * month shows and is not closed — city and every district — and answers the refreshed 驾驶舱.
 */
export async function refreshCockpit(
  db: Database,
  user: CurrentUser,
  actor: AuditActor,
  query: z.output<typeof CockpitQuery>,
  now = new Date(),
): Promise<Cockpit> {
  if (user.role !== "city_admin") throw forbidden("刷新驾驶舱");
  const month = query.period ?? lastClosedPeriod(shanghaiToday(now.getTime()), "monthly");
  const defs = (await currentIndicators(db)).filter((d) => d.kind === "computed");
  const items = defs.map((indicator) => ({ indicator, period: periodAsOf(month, indicator.frequency) }));
  const closed = await latestSnapshots(db, {
    indicatorIds: defs.map((d) => d.id),
    scopes: ["city"],
    periods: [...new Set(items.map((i) => i.period))],
  });
  const open = items.filter((i) => !closed.has(snapshotKey(i.indicator.id, i.period, "city")));
  const codes = (await currentDistricts(db)).map((d) => d.code);
  await db.transaction(async (tx) => {
    await refreshLiveFigures(tx, open, codes, now);
    await recordAudit(tx, actor, {
      action: "indicator.live_refresh",
      entityType: "indicator",
      entityId: month,
      after: {
        period: month,
        computedAt: now.toISOString(),
        indicators: open.map((i) => `${i.indicator.id}@${i.period}`),
      },
    });
  });
  return cockpit(db, user, query, now);
}

/** Competition ranking (1, 2, 2, 4) in the indicator's direction; no value, no rank. */
export function ranks(values: readonly (number | null)[], higherIsBetter: boolean): (number | null)[] {
  const known = values.filter((v): v is number => v !== null);
  return values.map((v) =>
    v === null ? null : 1 + known.filter((o) => (higherIsBetter ? o > v : o < v)).length,
  );
}

export async function districtValues(
  db: Executor,
  user: CurrentUser,
  query: z.output<typeof DistrictValuesQuery>,
  now = new Date(),
): Promise<DistrictValues> {
  const view = indicatorView(user);
  const indicator = visibleIndicator(view, await currentIndicators(db), query.indicator);
  const month = query.period ?? lastClosedPeriod(shanghaiToday(now.getTime()), "monthly");
  const period = periodAsOf(month, indicator.frequency);
  const districts = await currentDistricts(db);
  const stored = await latestSnapshots(db, { indicatorIds: [indicator.id], periods: [period] });
  const anyStored = stored.size > 0;
  const codes = districts.map((d) => d.code);
  const live = anyStored
    ? null
    : (await provisionalFigures(db, [{ indicator, period }], ["city", ...codes], codes, now)).get(
        indicator.id,
      );
  const figureAt = (scope: string): Figure => {
    const s = stored.get(snapshotKey(indicator.id, period, scope));
    return s ? fromSnapshot(s) : fromLive(live ?? undefined, scope);
  };
  const rows = districts.map((d) => ({ d, ...figureAt(d.code) }));
  const rank = ranks(
    rows.map((r) => r.value),
    indicator.direction === "higher",
  );
  const expected = expectedFor(indicator, period, "district");
  const items = rows
    .map((r, i) => ({
      districtCode: r.d.code,
      districtName: r.d.name,
      value: r.value,
      numerator: r.numerator,
      denominator: r.denominator,
      rank: rank[i] ?? null,
      status: trajectoryStatus(r.value, expected, indicator.direction, indicator.thresholds).status,
    }))
    .filter((r) => view.ownDistrict === null || r.districtCode === view.ownDistrict);
  return {
    indicator,
    period,
    origin: anyStored ? "snapshot" : live ? "live" : "none",
    city: figureAt("city").value,
    expected,
    items,
  };
}

export async function snapshots(
  db: Executor,
  user: CurrentUser,
  query: z.output<typeof SnapshotListQuery>,
): Promise<IndicatorSnapshot[]> {
  const view = indicatorView(user);
  const indicator = visibleIndicator(view, await currentIndicators(db), query.indicator);
  if (query.scope) assertScope(view, query.scope);
  const scopes = query.scope ? [query.scope] : view.ownDistrict ? ["city", view.ownDistrict] : undefined;
  return listSnapshots(db, {
    indicatorIds: [indicator.id],
    ...(scopes ? { scopes } : {}),
    ...(query.period ? { periods: [query.period] } : {}),
  });
}

/** The catalogue the caller may read. */
export async function catalogue(db: Executor, user: CurrentUser): Promise<Indicator[]> {
  const view = indicatorView(user);
  return (await currentIndicators(db)).filter(view.sees);
}
