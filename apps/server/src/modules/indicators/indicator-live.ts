import type { Indicator } from "@dxcenter/contracts";
import { type Executor, indicatorLiveFigures } from "@dxcenter/db";
import { periodOf, previousPeriod } from "@dxcenter/domain";
import { and, inArray, notInArray, sql } from "drizzle-orm";
import { shanghaiToday } from "../../lib/dates";
import { currentDistricts, latestSnapshots, snapshotKey } from "./indicator.queries";
import { asOfPeriod, liveFigures } from "./indicator-figures";
import { currentIndicators } from "./indicator-loader";
import { ROLLUP_VERSION, type RollupRow } from "./indicator-rollups";

/**
 * 未关账统计期的暂存数值 (provisional figures): the 驾驶舱 of a period not closed yet reads stored rows
 * (`indicator_live_figures`) instead of running every rollup on each request — at 10^5 enterprises and
 * 10^6 assessments the twelve rollups take 1.5–3 s, a read of the stored rows a few milliseconds.
 *
 * The rows are the very rollups a closing stores, computed by the `refresh-live-indicators` job (the
 * scheduler: once across nodes, every few minutes), by a city administrator's 刷新 and by a read that
 * finds none or only stale ones (older than `staleMs`, e.g. when no node runs the scheduler). The
 * 驾驶舱 shows their `computedAt` as "数据截至 HH:mm"; the drill-down stays live and says when its list
 * can differ from the figure. A closed period's snapshot always wins over these rows.
 */

/** A provisional figure older than this is recomputed on read (the job refreshes far more often). */
export const LIVE_STALE_MS = 30 * 60_000;

/** The rows of one indicator's provisional figure by scope, and when they were computed. */
export interface LiveFigure {
  rows: Map<string, RollupRow>;
  computedAt: Date;
}

type Item = { indicator: Indicator; period: string };

const sourceVersion = (indicator: Indicator) => `${indicator.formula}@${ROLLUP_VERSION}`;
const itemKey = (indicatorId: string, period: string) => `${indicatorId}|${period}`;

const computable = (items: readonly Item[]) =>
  items.filter((i) => i.indicator.kind === "computed" && i.indicator.formula !== null);

/**
 * Computes the items' rollups now (every scope) and stores them, replacing older rows. Answers by
 * indicator id (the first item's period of each indicator: the cockpit asks one period each).
 */
export async function refreshLiveFigures(
  db: Executor,
  items: readonly Item[],
  districtCodes: readonly string[],
  now = new Date(),
): Promise<Map<string, LiveFigure>> {
  const todo = computable(items);
  const out = new Map<string, LiveFigure>();
  if (todo.length === 0) return out;
  // liveFigures answers by indicator id: one call per period (the job refreshes two periods).
  const figures = new Map<string, Map<string, RollupRow>>();
  for (const period of new Set(todo.map((i) => i.period))) {
    const some = todo.filter((i) => i.period === period);
    for (const [id, byScope] of await liveFigures(db, some, districtCodes, now))
      figures.set(itemKey(id, period), byScope);
  }
  const rows = todo.flatMap(({ indicator, period }) => {
    const byScope = figures.get(itemKey(indicator.id, period));
    if (!byScope) return [];
    if (!out.has(indicator.id)) out.set(indicator.id, { rows: byScope, computedAt: now });
    const asOf = new Date(asOfPeriod(period, now).end);
    return [...byScope.entries()].map(([scope, f]) => ({
      indicatorId: indicator.id,
      period,
      scope,
      indicatorVersion: indicator.version,
      value: f.value,
      numerator: f.numerator,
      denominator: f.denominator,
      computedAt: now,
      asOf,
      sourceVersion: sourceVersion(indicator),
    }));
  });
  if (rows.length > 0) {
    const ex = (column: string) => sql.raw(`excluded.${column}`);
    await db
      .insert(indicatorLiveFigures)
      .values(rows)
      .onConflictDoUpdate({
        target: [indicatorLiveFigures.indicatorId, indicatorLiveFigures.period, indicatorLiveFigures.scope],
        set: {
          indicatorVersion: ex("indicator_version"),
          value: ex("value"),
          numerator: ex("numerator"),
          denominator: ex("denominator"),
          computedAt: ex("computed_at"),
          asOf: ex("as_of"),
          sourceVersion: ex("source_version"),
        },
        // A slower refresh that started earlier never overwrites a newer one.
        setWhere: sql`${indicatorLiveFigures.computedAt} <= excluded.computed_at`,
      });
  }
  return out;
}

/**
 * The provisional figures of `items` for `scopes`: stored rows when every scope has one of the
 * indicator's current version and rollup, computed within `staleMs` (all scopes of one refresh);
 * otherwise computed now and stored. Keyed by indicator id.
 */
export async function provisionalFigures(
  db: Executor,
  items: readonly Item[],
  scopes: readonly string[],
  districtCodes: readonly string[],
  now = new Date(),
  staleMs = LIVE_STALE_MS,
): Promise<Map<string, LiveFigure>> {
  const todo = computable(items);
  const out = new Map<string, LiveFigure>();
  if (todo.length === 0) return out;
  const stored = await db
    .select()
    .from(indicatorLiveFigures)
    .where(
      and(
        inArray(
          indicatorLiveFigures.indicatorId,
          todo.map((i) => i.indicator.id),
        ),
        inArray(indicatorLiveFigures.period, [...new Set(todo.map((i) => i.period))]),
        inArray(indicatorLiveFigures.scope, [...scopes]),
      ),
    );
  const byItem = new Map<string, (typeof stored)[number][]>();
  for (const r of stored) {
    const k = itemKey(r.indicatorId, r.period);
    byItem.set(k, [...(byItem.get(k) ?? []), r]);
  }
  const missing: Item[] = [];
  for (const item of todo) {
    const rows = (byItem.get(itemKey(item.indicator.id, item.period)) ?? []).filter(
      (r) =>
        r.indicatorVersion === item.indicator.version && r.sourceVersion === sourceVersion(item.indicator),
    );
    const oldest = Math.min(...rows.map((r) => r.computedAt.getTime()));
    const complete = scopes.every((s) => rows.some((r) => r.scope === s));
    if (!complete || now.getTime() - oldest > staleMs) {
      missing.push(item);
      continue;
    }
    out.set(item.indicator.id, {
      rows: new Map(
        rows.map((r) => [
          r.scope,
          {
            district: r.scope === "city" ? null : r.scope,
            value: r.value,
            numerator: r.numerator,
            denominator: r.denominator,
          },
        ]),
      ),
      computedAt: new Date(oldest),
    });
  }
  for (const [id, f] of await refreshLiveFigures(db, missing, districtCodes, now)) out.set(id, f);
  return out;
}

/**
 * The periods a refresh keeps ready: for every computed indicator its running period and the one
 * before (until the monthly closing has stored it), when not closed for the city yet.
 */
export async function openItems(db: Executor, now = new Date()): Promise<Item[]> {
  const today = shanghaiToday(now.getTime());
  const defs = (await currentIndicators(db)).filter((d) => d.kind === "computed" && d.formula !== null);
  const candidates = defs.flatMap((indicator) => {
    const running = periodOf(today, indicator.frequency);
    return [
      { indicator, period: running },
      { indicator, period: previousPeriod(running) },
    ];
  });
  if (candidates.length === 0) return [];
  const closed = await latestSnapshots(db, {
    indicatorIds: defs.map((d) => d.id),
    scopes: ["city"],
    periods: [...new Set(candidates.map((c) => c.period))],
  });
  return candidates.filter((c) => !closed.has(snapshotKey(c.indicator.id, c.period, "city")));
}

/**
 * The job's work: recomputes the open periods' figures and drops the rows of periods that are
 * neither open nor recent (a closed period's snapshot supersedes them).
 */
export async function refreshOpenPeriods(db: Executor, now = new Date()) {
  const items = await openItems(db, now);
  const codes = (await currentDistricts(db)).map((d) => d.code);
  await refreshLiveFigures(db, items, codes, now);
  const keep = [...new Set(items.map((i) => i.period))];
  const dropped = await db
    .delete(indicatorLiveFigures)
    .where(
      and(
        keep.length > 0 ? notInArray(indicatorLiveFigures.period, keep) : undefined,
        sql`${indicatorLiveFigures.computedAt} < ${new Date(now.getTime() - LIVE_STALE_MS).toISOString()}::timestamptz`,
      ),
    )
    .returning({ period: indicatorLiveFigures.period });
  return { figures: items.length, periods: keep, dropped: dropped.length };
}
