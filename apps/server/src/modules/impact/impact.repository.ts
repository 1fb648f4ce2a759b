import { type Executor, instruments } from "@dxcenter/db";
import { desc, eq, type SQL, sql } from "drizzle-orm";
import { rowsOf } from "../../lib/raw-rows";

/**
 * Cohort and coverage statistics, computed in the database (one statement each) so that 10^5
 * stored assessments never travel to the app. `scope` is readCondition(actor): a condition on the
 * unaliased `enterprises` table, so district staff only ever aggregate their own district.
 */

/**
 * Runs a statistics statement with JIT compilation off and a larger sort memory, for this
 * transaction only. jsonb_array_elements is estimated at 100 rows per call, which pushes the plan
 * cost past jit_above_cost; compiling then took longer than the query itself, and the 4 MB default
 * work_mem sent the 10^5-row sorts to disk (scripts/bench-cohort.ts prints the numbers).
 * PGlite has no JIT; the settings are harmless there.
 */
async function statistics<T>(db: Executor, statement: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '32MB'`);
    return rowsOf<T>(await tx.execute(statement));
  });
}

export interface Window {
  /** Inclusive lower bound (UTC instant). */
  from?: string | undefined;
  /** Exclusive upper bound (UTC instant). */
  to?: string | undefined;
}

export interface CohortSqlRow {
  grp: string | null;
  name: string | null;
  n: number;
  avg_t0: number;
  avg_t1: number;
  avg_delta: number;
  up: number;
  down: number;
  /** Average change per dimension id (names and maxima come from the instrument definition). */
  dims: { id: string; avgDelta: number }[] | null;
}

/**
 * Enterprises with ≥ 2 submitted assessments of the instrument inside the window: T0 = the first,
 * T1 = the latest (ties broken by id). Per group: n, average T0/T1 total, average change, how many
 * moved a level up/down, and the average change of every dimension (from the stored ScoreResult
 * snapshots; a dimension missing on one side counts as 0). The overall row has grp = null.
 *
 * groupBy "provider": the provider organisation (provider_members, as matching and the annual
 * evaluation link them; key = provider id, name = its registered name) of every member account on
 * the team of the enterprise's verified or closed diagnoses — an enterprise counts once for each
 * such provider, once in the overall row. Accounts linked to no organisation are not attributed.
 */
export interface CohortOptions {
  instrumentId: string;
  groupBy: "district" | "provider";
  scope: SQL;
  window: Window;
  /**
   * Where the per-dimension points come from: the compact `dimension_points` column written at
   * submit (default), or the full `result` snapshot — kept so the benchmark can show the difference.
   */
  dimensionSource?: "column" | "snapshot";
}

export async function cohortStats(db: Executor, opts: CohortOptions): Promise<CohortSqlRow[]> {
  return statistics<CohortSqlRow>(db, cohortSql(opts));
}

/** The cohort statement (exported for the benchmark's EXPLAIN ANALYZE). */
export function cohortSql(opts: CohortOptions): SQL {
  const fromSnapshot = (alias: "a0" | "a1") =>
    sql.raw(
      `(select jsonb_object_agg(x ->> 'id', x -> 'points') from jsonb_array_elements(${alias}.result -> 'dimensions') as x)`,
    );
  // coalesce is lazy: the snapshot is only read for a row whose column is missing.
  const points = (alias: "a0" | "a1") =>
    opts.dimensionSource === "snapshot"
      ? fromSnapshot(alias)
      : sql`coalesce(${sql.raw(`${alias}.dimension_points`)}, ${fromSnapshot(alias)})`;
  const w: SQL[] = [];
  if (opts.window.from) w.push(sql` and a.submitted_at >= ${opts.window.from}::timestamptz`);
  if (opts.window.to) w.push(sql` and a.submitted_at < ${opts.window.to}::timestamptz`);
  const membership =
    opts.groupBy === "district"
      ? sql`select p.enterprise_id, p.district_code as grp from pairs p`
      : sql`select distinct p.enterprise_id, pm.provider_id::text as grp
            from pairs p
            join diagnoses d on d.enterprise_id = p.enterprise_id and d.status in ('verified', 'closed')
            join diagnosis_team dt on dt.diagnosis_id = d.id
            join provider_members pm on pm.user_id = dt.user_id`;
  const groupName =
    opts.groupBy === "district"
      ? sql`(select dn.name from districts dn where dn.code = t.grp)`
      : sql`(select pr.name from providers pr where pr.id::text = t.grp)`;
  // `pairs` keeps only a small {dimension id: points} object per side (the compact column, never
  // toasted). Groups are a membership list (an enterprise may sit in
  // several provider groups); the null group is the overall row.
  return sql`
    with firsts as (
      select a.enterprise_id, enterprises.district_code,
        (array_agg(a.id order by a.submitted_at, a.id))[1] as t0,
        (array_agg(a.id order by a.submitted_at desc, a.id desc))[1] as t1
      from assessments a
      join enterprises on enterprises.id = a.enterprise_id
      where a.status = 'submitted' and a.instrument_id = ${opts.instrumentId}${sql.join(w, sql``)}
        and ${opts.scope}
      group by a.enterprise_id, enterprises.district_code
      having count(*) >= 2
    ),
    pairs as materialized (
      select f.enterprise_id, f.district_code,
        a0.total as t0_total, a1.total as t1_total, a0.level as l0, a1.level as l1,
        ${points("a0")} as p0, ${points("a1")} as p1
      from firsts f
      join assessments a0 on a0.id = f.t0
      join assessments a1 on a1.id = f.t1
    ),
    membership as materialized (
      ${membership}
      union all
      select p.enterprise_id, null from pairs p
    ),
    totals as (
      select m.grp, count(*)::int as n,
        round(avg(p.t0_total), 3)::float8 as avg_t0,
        round(avg(p.t1_total), 3)::float8 as avg_t1,
        round(avg(p.t1_total - p.t0_total), 3)::float8 as avg_delta,
        (count(*) filter (where p.l1 > p.l0))::int as up,
        (count(*) filter (where p.l1 < p.l0))::int as down
      from membership m
      join pairs p on p.enterprise_id = m.enterprise_id
      group by m.grp
    ),
    dims as (
      select m.grp, k.id,
        sum(coalesce((p.p1 ->> k.id)::numeric, 0) - coalesce((p.p0 ->> k.id)::numeric, 0)) as delta_sum
      from membership m
      join pairs p on p.enterprise_id = m.enterprise_id
      cross join lateral jsonb_object_keys(coalesce(p.p0, '{}') || coalesce(p.p1, '{}')) as k(id)
      group by m.grp, k.id
    ),
    dims_by_group as (
      select d.grp, jsonb_agg(jsonb_build_object(
          'id', d.id, 'avgDelta', round(d.delta_sum / t.n, 3)::float8)) as dims
      from dims d
      join totals t on t.grp is not distinct from d.grp
      group by d.grp
    )
    select t.grp, ${groupName} as name, t.n, t.avg_t0, t.avg_t1, t.avg_delta, t.up, t.down, g.dims
    from totals t
    left join dims_by_group g on g.grp is not distinct from t.grp
  `;
}

export interface CoverageSqlRow {
  district_code: string;
  district_name: string;
  sort_order: number;
  above_scale: number;
  baseline: number;
  diagnosed: number;
  in_year: number;
}

export interface CoverageOptions {
  scope: SQL;
  /** District staff: only this district's row. */
  districtCode: string | null;
  /** Campaign start, year start, year end: UTC instants of Shanghai midnights. */
  start: string;
  yearStart: string;
  yearEnd: string;
}

/**
 * Per district (every current district, plus any other district that has 规上 enterprises in scope):
 * 规上 enterprises (current registry status) and how many of them were first diagnosed before
 * `start` (campaign start), before `yearEnd`, and within [yearStart, yearEnd). "Diagnosed" = at least
 * one submitted assessment of any instrument (self or on-site) or a closed diagnosis; the first such
 * moment counts.
 */
export async function coverageStats(db: Executor, opts: CoverageOptions): Promise<CoverageSqlRow[]> {
  return statistics<CoverageSqlRow>(db, coverageSql(opts));
}

/** The coverage statement (exported for the benchmark's EXPLAIN ANALYZE). */
export function coverageSql(opts: CoverageOptions): SQL {
  const districtFilter = opts.districtCode
    ? sql`d.code = ${opts.districtCode}`
    : sql`(d.status = 'current' or c.above_scale > 0)`;
  return sql`
    with fa as (
      select a.enterprise_id, min(a.submitted_at) as at
      from assessments a
      join enterprises on enterprises.id = a.enterprise_id
      where a.status = 'submitted' and enterprises.above_scale and ${opts.scope}
      group by a.enterprise_id
    ),
    fd as (
      select dg.enterprise_id, min(dg.closed_at) as at
      from diagnoses dg
      join enterprises on enterprises.id = dg.enterprise_id
      where dg.status = 'closed' and dg.closed_at is not null and enterprises.above_scale and ${opts.scope}
      group by dg.enterprise_id
    ),
    c as (
      select enterprises.district_code, count(*)::int as above_scale,
        (count(*) filter (where least(fa.at, fd.at) < ${opts.start}::timestamptz))::int as baseline,
        (count(*) filter (where least(fa.at, fd.at) < ${opts.yearEnd}::timestamptz))::int as diagnosed,
        (count(*) filter (where least(fa.at, fd.at) >= ${opts.yearStart}::timestamptz
                            and least(fa.at, fd.at) < ${opts.yearEnd}::timestamptz))::int as in_year
      from enterprises
      left join fa on fa.enterprise_id = enterprises.id
      left join fd on fd.enterprise_id = enterprises.id
      where enterprises.above_scale and ${opts.scope}
      group by enterprises.district_code
    )
    select d.code as district_code, d.name as district_name, d.sort_order,
      coalesce(c.above_scale, 0) as above_scale, coalesce(c.baseline, 0) as baseline,
      coalesce(c.diagnosed, 0) as diagnosed, coalesce(c.in_year, 0) as in_year
    from districts d
    left join c on c.district_code = d.code
    where ${districtFilter}
    order by d.sort_order, d.code
  `;
}

/** An instrument's name (the current version's, else the latest loaded); null when there is none. */
export async function instrumentName(db: Executor, id: string): Promise<string | null> {
  const [row] = await db
    .select({ name: instruments.name })
    .from(instruments)
    .where(eq(instruments.id, id))
    .orderBy(desc(instruments.current), desc(instruments.loadedAt))
    .limit(1);
  return row?.name ?? null;
}
