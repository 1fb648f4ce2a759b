import type { Executor } from "@dxcenter/db";
import type { FormulaId } from "@dxcenter/domain";
import { type SQL, sql } from "drizzle-orm";
import { rowsOf } from "../../lib/raw-rows";

/**
 * The computed indicators' rollups: one SQL statement per formula that answers every district and
 * the city at once (GROUP BY ROLLUP(district): the row with a null district is the city total, summed
 * from the same numerators and denominators, so the city is never an average of district rates).
 * Each statement reads a time window of one table through the indexes of migration 0021 and is
 * evaluated "as of" the end of a period: rows created after it are left out, dated facts (submitted,
 * closed, paid, started, finished, reported) are cut at it. Registry fields that keep no history
 * (规上, 研发设计工具, 数控化率, 上云) are read as they are now — a closed period keeps what they were
 * when it was closed, in its snapshot.
 *
 * Values are NUMERIC computed in the database (exact; 6 decimals) and travel as text.
 */

/** The rollup's version, stored with every snapshot it computes (source_version): change on edit. */
export const ROLLUP_VERSION = "1";

export interface AsOf {
  /** Start of the calendar year of the period, as a UTC instant (ISO). */
  yearStart: string;
  /** End of the period (exclusive), as a UTC instant (ISO): 00:00 Asia/Shanghai of the next day. */
  end: string;
  /** First day of the year, "YYYY-MM-DD" (date columns). */
  yearStartDay: string;
  /** Last day of the period, "YYYY-MM-DD" (date columns, inclusive). */
  endDay: string;
  /**
   * Leave out enterprises registered after the period's end (default). The demo back-fill turns it off:
   * the demo registry is generated on the first start and stands for the city's registry all year.
   */
  registryCutoff?: boolean;
}

export interface RollupRow {
  /** null = the city total. */
  district: string | null;
  value: string | null;
  numerator: string | null;
  denominator: string | null;
}

/** How a formula turns numerator / denominator into the value, and what a district without rows has. */
export type Shape = "rate" | "average" | "count" | "fen_to_wan" | "fen_to_yi";

const SHAPES: Record<FormulaId, Shape> = {
  rd_tools_rate: "rate",
  nc_rate_avg: "average",
  cloud_adopted: "count",
  diagnosis_coverage_5y: "rate",
  assessments_submitted: "count",
  assessments_level2_plus: "rate",
  subsidy_reserved: "fen_to_wan",
  subsidy_paid: "fen_to_wan",
  projects_in_progress: "count",
  projects_completed: "count",
  project_investment_completed: "fen_to_yi",
  provider_services: "count",
};

/** How the formula's numerator and denominator make its value. */
export const formulaShape = (formula: FormulaId): Shape => SHAPES[formula];

/** The MIIT 2024 instrument whose levels the 二级及以上 indicator counts. */
export const MIIT_INSTRUMENT = "miit-2024-manufacturing";

/** The aggregate numerator (num) and denominator (den) of a formula, grouped by `district`. */
function aggregates(formula: FormulaId, t: AsOf): SQL {
  const end = sql`${t.end}::timestamptz`;
  const yearStart = sql`${t.yearStart}::timestamptz`;
  const endDay = sql`${t.endDay}::date`;
  const yearStartDay = sql`${t.yearStartDay}::date`;
  const registered = t.registryCutoff === false ? sql`true` : sql`e.created_at < ${end}`;
  switch (formula) {
    case "rd_tools_rate":
      return sql`select e.district_code as district,
          count(*) filter (where e.digital_rd_tools)::numeric as num,
          count(e.digital_rd_tools)::numeric as den
        from enterprises e where e.above_scale and ${registered}
        group by rollup (e.district_code)`;
    case "nc_rate_avg":
      return sql`select e.district_code as district,
          coalesce(sum(e.key_process_nc_rate), 0)::numeric as num,
          count(e.key_process_nc_rate)::numeric as den
        from enterprises e where e.above_scale and ${registered}
        group by rollup (e.district_code)`;
    case "cloud_adopted":
      return sql`select e.district_code as district, count(*)::numeric as num, null::numeric as den
        from enterprises e where e.cloud_adopted and ${registered}
        group by rollup (e.district_code)`;
    case "diagnosis_coverage_5y":
      return sql`select e.district_code as district,
          count(*) filter (where
            exists (select 1 from assessments a
                    where a.enterprise_id = e.id and a.status = 'submitted'
                      and a.submitted_at >= ${end} - interval '5 years' and a.submitted_at < ${end})
            or exists (select 1 from diagnoses d
                    where d.enterprise_id = e.id and d.status = 'closed'
                      and d.closed_at >= ${end} - interval '5 years' and d.closed_at < ${end}))::numeric as num,
          count(*)::numeric as den
        from enterprises e where e.above_scale and ${registered}
        group by rollup (e.district_code)`;
    case "assessments_submitted":
      return sql`select e.district_code as district, count(*)::numeric as num, null::numeric as den
        from assessments a join enterprises e on e.id = a.enterprise_id
        where a.status = 'submitted' and a.submitted_at >= ${yearStart} and a.submitted_at < ${end}
        group by rollup (e.district_code)`;
    case "assessments_level2_plus":
      return sql`select e.district_code as district,
          count(*) filter (where l.level >= 2)::numeric as num, count(*)::numeric as den
        from (select distinct on (a.enterprise_id) a.enterprise_id, a.level
              from assessments a
              where a.instrument_id = ${MIIT_INSTRUMENT} and a.status = 'submitted' and a.submitted_at < ${end}
              order by a.enterprise_id, a.submitted_at desc) l
        join enterprises e on e.id = l.enterprise_id
        group by rollup (e.district_code)`;
    case "subsidy_reserved":
      return sql`select e.district_code as district, coalesce(sum(w.amount_fen), 0)::numeric as num, null::numeric as den
        from policy_awards w join enterprises e on e.id = w.enterprise_id
        where w.district_confirmed_at >= ${yearStart} and w.district_confirmed_at < ${end}
          and w.status not in ('withdrawn', 'declined')
        group by rollup (e.district_code)`;
    case "subsidy_paid":
      return sql`select e.district_code as district, coalesce(sum(p.amount_fen), 0)::numeric as num, null::numeric as den
        from award_payments p
        join policy_awards w on w.id = p.award_id
        join enterprises e on e.id = w.enterprise_id
        where p.paid_at >= ${yearStart} and p.paid_at < ${end}
        group by rollup (e.district_code)`;
    case "projects_in_progress":
      return sql`select p.district_code as district, count(*)::numeric as num, null::numeric as den
        from projects p
        where p.started_on <= ${endDay} and (p.finished_on is null or p.finished_on > ${endDay})
        group by rollup (p.district_code)`;
    case "projects_completed":
      return sql`select p.district_code as district, count(*)::numeric as num, null::numeric as den
        from projects p
        where p.finished_on >= ${yearStartDay} and p.finished_on <= ${endDay}
        group by rollup (p.district_code)`;
    case "project_investment_completed":
      return sql`select p.district_code as district, coalesce(sum(r.investment_completed_fen), 0)::numeric as num,
          null::numeric as den
        from (select distinct on (r.project_id) r.project_id, r.investment_completed_fen
              from project_reports r where r.report_date <= ${endDay}
              order by r.project_id, r.report_date desc, r.reported_at desc) r
        join projects p on p.id = r.project_id
        group by rollup (p.district_code)`;
    case "provider_services":
      return sql`select e.district_code as district, count(*)::numeric as num, null::numeric as den
        from diagnoses d join enterprises e on e.id = d.enterprise_id
        where d.status = 'closed' and d.closed_at >= ${yearStart} and d.closed_at < ${end}
          and exists (select 1 from diagnosis_team t join users u on u.id = t.user_id
                      where t.diagnosis_id = d.id and u.role = 'provider')
        group by rollup (e.district_code)`;
  }
}

/** The value from `num` and `den` in the shape of the formula (shared with the drill-down's totals). */
export function valueExpression(shape: Shape): SQL {
  switch (shape) {
    case "rate":
      return sql`round(100 * num / nullif(den, 0), 6)`;
    case "average":
      return sql`round(num / nullif(den, 0), 6)`;
    case "count":
      return sql`num`;
    case "fen_to_wan":
      return sql`round(num / 1000000, 6)`;
    case "fen_to_yi":
      return sql`round(num / 10000000000, 6)`;
  }
}

/**
 * One formula for the city and every district in `districtCodes` (a district without rows gets 0
 * for counts and sums, no value for rates and averages — nothing to divide).
 */
export async function computeRollup(
  db: Executor,
  formula: FormulaId,
  asOf: AsOf,
  districtCodes: readonly string[],
): Promise<Map<string, RollupRow>> {
  const shape = SHAPES[formula];
  const statement = sql`select district, ${valueExpression(shape)}::text as value, num::text as numerator, den::text as denominator
    from (${aggregates(formula, asOf)}) g`;
  const rows = rowsOf<RollupRow>(await db.execute(statement));
  const out = new Map<string, RollupRow>();
  for (const r of rows) out.set(r.district ?? "city", r);
  const empty = (district: string | null): RollupRow =>
    shape === "rate" || shape === "average"
      ? { district, value: null, numerator: "0", denominator: "0" }
      : { district, value: "0", numerator: "0", denominator: null };
  if (!out.has("city")) out.set("city", empty(null));
  for (const code of districtCodes) if (!out.has(code)) out.set(code, empty(code));
  return out;
}
