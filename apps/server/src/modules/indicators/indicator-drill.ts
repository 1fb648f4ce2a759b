import type { Drill, DrillItem, DrillQuery } from "@dxcenter/contracts";
import type { Executor } from "@dxcenter/db";
import { type FormulaId, lastClosedPeriod, periodAsOf, periodOf } from "@dxcenter/domain";
import { type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, forbidden } from "../../errors";
import { shanghaiToday } from "../../lib/dates";
import { escapeLike, type Page } from "../../lib/list-query";
import { rowsOf } from "../../lib/raw-rows";
import type { CurrentUser } from "../../plugins/auth";
import { provisionalFigure, scopeName, storedFigure } from "./cockpit";
import { indicatorView, visibleIndicator } from "./indicator-access";
import { asOfPeriod } from "./indicator-figures";
import { currentIndicators } from "./indicator-loader";
import { type AsOf, formulaShape, MIIT_INSTRUMENT, valueExpression } from "./indicator-rollups";

/**
 * 指标下钻 (issue 13 §4): the rows behind a computed indicator's figure — enterprises, assessments,
 * diagnoses, awards, payments or projects — one SQL per formula that mirrors the formula's rollup
 * (indicator-rollups.ts) row for row, so the list's totals ARE the figure (a test holds every
 * formula to it on both databases). For a rate or an average the list is the denominator's
 * population with `counted` marking the numerator; for a count or a sum it is the numerator's rows.
 *
 * A period closed into a snapshot cannot be listed as it was (registry facts keep no history), so
 * its drill-down lists today's rows under the same definition and says so (`basis: "today"`).
 */

type Query = z.output<typeof DrillQuery>;
type Row = Omit<DrillItem, "contribution"> & { contribution: string };

const ENTERPRISE = sql`e.id as enterprise_id, e.name as enterprise_name`;

/** The rows of one formula as of `t`: row_id, subject, subject_id, name, enterprise, district, counted, contribution, on_date, fact. */
export function drillRows(formula: FormulaId, t: AsOf): SQL {
  const end = sql`${t.end}::timestamptz`;
  const yearStart = sql`${t.yearStart}::timestamptz`;
  const endDay = sql`${t.endDay}::date`;
  const yearStartDay = sql`${t.yearStartDay}::date`;
  const registered = t.registryCutoff === false ? sql`true` : sql`e.created_at < ${end}`;
  const enterpriseRow = (counted: SQL, contribution: SQL, onDate: SQL, fact: SQL) =>
    sql`select e.id as row_id, 'enterprise' as subject, e.id as subject_id, e.name as name, ${ENTERPRISE},
        e.district_code as district, ${counted} as counted, ${contribution} as contribution,
        ${onDate} as on_date, ${fact} as fact
      from enterprises e`;
  switch (formula) {
    case "rd_tools_rate":
      return sql`${enterpriseRow(sql`e.digital_rd_tools`, sql`1::numeric`, sql`null::text`, sql`case when e.digital_rd_tools then '已普及数字化研发设计工具' else '未普及' end`)}
        where e.above_scale and ${registered} and e.digital_rd_tools is not null`;
    case "nc_rate_avg":
      return sql`${enterpriseRow(sql`true`, sql`e.key_process_nc_rate::numeric`, sql`null::text`, sql`'关键工序数控化率 ' || round(e.key_process_nc_rate::numeric, 2)::text || '%'`)}
        where e.above_scale and ${registered} and e.key_process_nc_rate is not null`;
    case "cloud_adopted":
      return sql`${enterpriseRow(sql`true`, sql`1::numeric`, sql`null::text`, sql`'已上云'`)}
        where e.cloud_adopted and ${registered}`;
    case "diagnosis_coverage_5y": {
      const lastAssessed = sql`(select max(a.submitted_at) from assessments a
          where a.enterprise_id = e.id and a.status = 'submitted'
            and a.submitted_at >= ${end} - interval '5 years' and a.submitted_at < ${end})`;
      const lastDiagnosed = sql`(select max(d.closed_at) from diagnoses d
          where d.enterprise_id = e.id and d.status = 'closed'
            and d.closed_at >= ${end} - interval '5 years' and d.closed_at < ${end})`;
      return sql`select row_id, subject, subject_id, name, enterprise_id, enterprise_name, district,
          (la is not null or ld is not null) as counted, 1::numeric as contribution,
          to_char(greatest(la, ld) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as on_date,
          case when ld is not null and (la is null or ld >= la) then '近5年完成诊断'
               when la is not null then '近5年完成自评估' else '近5年未评估或诊断' end as fact
        from (select e.id as row_id, 'enterprise' as subject, e.id as subject_id, e.name as name, ${ENTERPRISE},
                e.district_code as district, ${lastAssessed} as la, ${lastDiagnosed} as ld
              from enterprises e where e.above_scale and ${registered}) c`;
    }
    case "assessments_submitted":
      return sql`select a.id as row_id, 'assessment' as subject, a.id as subject_id, i.name as name, ${ENTERPRISE},
          e.district_code as district, true as counted, 1::numeric as contribution,
          to_char(a.submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as on_date,
          case when a.level is null then null else '等级 ' || a.level::text end as fact
        from assessments a join enterprises e on e.id = a.enterprise_id
        join instruments i on i.id = a.instrument_id and i.version = a.instrument_version
        where a.status = 'submitted' and a.submitted_at >= ${yearStart} and a.submitted_at < ${end}`;
    case "assessments_level2_plus":
      return sql`select l.id as row_id, 'assessment' as subject, l.id as subject_id, i.name as name, ${ENTERPRISE},
          e.district_code as district, coalesce(l.level >= 2, false) as counted, 1::numeric as contribution,
          to_char(l.submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as on_date,
          case when l.level is null then '未定级' else '最近一次自评估 ' || l.level::text || ' 级' end as fact
        from (select distinct on (a.enterprise_id) a.id, a.enterprise_id, a.level, a.submitted_at,
                a.instrument_id, a.instrument_version
              from assessments a
              where a.instrument_id = ${MIIT_INSTRUMENT} and a.status = 'submitted' and a.submitted_at < ${end}
              order by a.enterprise_id, a.submitted_at desc) l
        join enterprises e on e.id = l.enterprise_id
        join instruments i on i.id = l.instrument_id and i.version = l.instrument_version`;
    case "subsidy_reserved":
      return sql`select w.id as row_id, 'award' as subject, w.id as subject_id, p.name as name, ${ENTERPRISE},
          e.district_code as district, true as counted, w.amount_fen::numeric as contribution,
          to_char(w.district_confirmed_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as on_date,
          null::text as fact
        from policy_awards w join enterprises e on e.id = w.enterprise_id
        join policies p on p.id = w.policy_id and p.version = w.policy_version
        where w.district_confirmed_at >= ${yearStart} and w.district_confirmed_at < ${end}
          and w.status not in ('withdrawn', 'declined')`;
    case "subsidy_paid":
      return sql`select pay.id as row_id, 'award' as subject, w.id as subject_id, p.name as name, ${ENTERPRISE},
          e.district_code as district, true as counted, pay.amount_fen::numeric as contribution,
          to_char(pay.paid_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as on_date,
          '拨付' as fact
        from award_payments pay
        join policy_awards w on w.id = pay.award_id
        join enterprises e on e.id = w.enterprise_id
        join policies p on p.id = w.policy_id and p.version = w.policy_version
        where pay.paid_at >= ${yearStart} and pay.paid_at < ${end}`;
    case "projects_in_progress":
      return sql`select p.id as row_id, 'project' as subject, p.id as subject_id, p.name as name, ${ENTERPRISE},
          p.district_code as district, true as counted, 1::numeric as contribution,
          p.started_on::text as on_date, '开工' as fact
        from projects p join enterprises e on e.id = p.enterprise_id
        where p.started_on <= ${endDay} and (p.finished_on is null or p.finished_on > ${endDay})`;
    case "projects_completed":
      return sql`select p.id as row_id, 'project' as subject, p.id as subject_id, p.name as name, ${ENTERPRISE},
          p.district_code as district, true as counted, 1::numeric as contribution,
          p.finished_on::text as on_date, '竣工' as fact
        from projects p join enterprises e on e.id = p.enterprise_id
        where p.finished_on >= ${yearStartDay} and p.finished_on <= ${endDay}`;
    case "project_investment_completed":
      return sql`select p.id as row_id, 'project' as subject, p.id as subject_id, p.name as name, ${ENTERPRISE},
          p.district_code as district, true as counted, r.investment_completed_fen::numeric as contribution,
          r.report_date::text as on_date, '最近一次进度报告' as fact
        from (select distinct on (r.project_id) r.project_id, r.investment_completed_fen, r.report_date
              from project_reports r where r.report_date <= ${endDay}
              order by r.project_id, r.report_date desc, r.reported_at desc) r
        join projects p on p.id = r.project_id
        join enterprises e on e.id = p.enterprise_id`;
    case "provider_services":
      return sql`select d.id as row_id, 'diagnosis' as subject, d.id as subject_id, e.name as name, ${ENTERPRISE},
          e.district_code as district, true as counted, 1::numeric as contribution,
          to_char(d.closed_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as on_date,
          (select string_agg(distinct coalesce(u.organization, u.display_name), '、')
             from diagnosis_team t join users u on u.id = t.user_id
             where t.diagnosis_id = d.id and u.role = 'provider') as fact
        from diagnoses d join enterprises e on e.id = d.enterprise_id
        where d.status = 'closed' and d.closed_at >= ${yearStart} and d.closed_at < ${end}
          and exists (select 1 from diagnosis_team t join users u on u.id = t.user_id
                      where t.diagnosis_id = d.id and u.role = 'provider')`;
  }
}

/** What each formula's rows stand for, and whether they are dated (registry facts are not). */
const LIST_OF: Record<FormulaId, { subject: DrillItem["subject"]; dated: boolean }> = {
  rd_tools_rate: { subject: "enterprise", dated: false },
  nc_rate_avg: { subject: "enterprise", dated: false },
  cloud_adopted: { subject: "enterprise", dated: false },
  diagnosis_coverage_5y: { subject: "enterprise", dated: true },
  assessments_submitted: { subject: "assessment", dated: true },
  assessments_level2_plus: { subject: "assessment", dated: true },
  subsidy_reserved: { subject: "award", dated: true },
  subsidy_paid: { subject: "award", dated: true },
  projects_in_progress: { subject: "project", dated: true },
  projects_completed: { subject: "project", dated: true },
  project_investment_completed: { subject: "project", dated: true },
  provider_services: { subject: "diagnosis", dated: true },
};

const SORTS: Record<NonNullable<Query["sort"]>, SQL> = {
  name: sql`s.name`,
  date: sql`s.on_date`,
  amount: sql`s.contribution`,
};

const num = (v: string | null): number | null => (v === null ? null : Number(v));

/** Who may drill where: the city anywhere; a district only into its own district; a department into its indicators. */
function drillScope(user: CurrentUser, asked: string | undefined): string {
  const view = indicatorView(user);
  if (view.ownDistrict !== null) {
    if (asked !== undefined && asked !== view.ownDistrict) throw forbidden("查看其他区的名单");
    return view.ownDistrict;
  }
  return asked ?? "city";
}

/** What one drill-down reads: the indicator, the scope, the figure and the rows' SQL for the list's window. */
export interface DrillContext {
  indicator: Drill["indicator"];
  period: string;
  scope: string;
  scopeName: string;
  /**
   * The snapshot of a closed period; null = not closed (the figure is the 驾驶舱's provisional one,
   * "数据截至" its computedAt; the list is live and equals it unless data changed since).
   */
  stored: Drill["figure"] | null;
  basis: Drill["basis"];
  listPeriod: string;
  shape: ReturnType<typeof formulaShape>;
  formula: FormulaId;
  /** The rows of the list's window in the scope, as `s`. */
  from: SQL;
  inScope: SQL;
}

export async function drillContext(
  db: Executor,
  user: CurrentUser,
  query: Pick<Query, "indicator" | "period" | "district">,
  now = new Date(),
): Promise<DrillContext> {
  const view = indicatorView(user);
  const indicator = visibleIndicator(view, await currentIndicators(db), query.indicator);
  const scope = drillScope(user, query.district);
  const formula = indicator.formula;
  if (indicator.kind !== "computed" || formula === null)
    throw badRequest(`“${indicator.name}”为填报指标，平台没有它的明细名单`, "indicator");
  const month = query.period ?? lastClosedPeriod(shanghaiToday(now.getTime()), "monthly");
  const period = periodAsOf(month, indicator.frequency);
  // A closed period's figure is its snapshot; an open one's is the 驾驶舱's provisional figure (same rollup).
  const stored = await storedFigure(db, indicator, period, scope);
  const basis = stored ? "today" : "period";
  // Today's rows: the running period (to now) of the indicator's frequency.
  const listPeriod = basis === "today" ? periodOf(shanghaiToday(now.getTime()), indicator.frequency) : period;
  return {
    indicator,
    period,
    scope,
    scopeName: await scopeName(db, scope),
    stored,
    basis,
    listPeriod,
    shape: formulaShape(formula),
    formula,
    from: sql`(${drillRows(formula, asOfPeriod(listPeriod, now))}) s`,
    inScope: scope === "city" ? sql`true` : sql`s.district = ${scope}`,
  };
}

/** Totals of the whole list in the scope: its figure, computed as the formula's rollup computes it. */
async function drillSummary(db: Executor, c: DrillContext): Promise<Drill["summary"]> {
  const [t] = rowsOf<{
    rows: string;
    counted: string;
    num: string;
    den: string | null;
    value: string | null;
  }>(
    await db.execute(sql`select rows_n::text as rows, counted_n::text as counted, num::text as num,
        den::text as den, ${valueExpression(c.shape)}::text as value
      from (select count(*) as rows_n, count(*) filter (where s.counted) as counted_n,
              coalesce(sum(s.contribution) filter (where s.counted), 0) as num,
              ${c.shape === "rate" || c.shape === "average" ? sql`count(*)::numeric` : sql`null::numeric`} as den
            from ${c.from} where ${c.inScope}) g`),
  );
  return {
    rows: Number(t?.rows ?? 0),
    counted: Number(t?.counted ?? 0),
    numerator: Number(t?.num ?? 0),
    denominator: num(t?.den ?? null),
    value: num(t?.value ?? null),
  };
}

type ListQuery = Pick<Query, "counted" | "q" | "sort" | "order" | "page" | "pageSize">;

/** The list's condition: the scope, the counted filter and the search. */
function listWhere(c: DrillContext, query: ListQuery): SQL {
  const like = query.q ? `%${escapeLike(query.q)}%` : null;
  return sql`${c.inScope}
    ${query.counted === undefined ? sql`` : sql`and s.counted = ${query.counted}`}
    ${like ? sql`and (s.name ilike ${like} or s.enterprise_name ilike ${like})` : sql``}`;
}

async function drillItems(db: Executor, c: DrillContext, query: ListQuery): Promise<DrillItem[]> {
  const dir = sql.raw(query.order === "asc" ? "asc" : "desc");
  const rows =
    await db.execute(sql`select s.row_id as "rowId", s.subject, s.subject_id as "subjectId", s.name,
        s.enterprise_id as "enterpriseId", s.enterprise_name as "enterpriseName",
        s.district as "districtCode", coalesce(dd.name, s.district) as "districtName",
        s.counted, s.contribution::text as contribution, s.on_date as date, s.fact
      from ${c.from} left join districts dd on dd.code = s.district
      where ${listWhere(c, query)}
      order by ${SORTS[query.sort ?? "date"]} ${dir} nulls last, s.row_id
      limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`);
  return rowsOf<Row>(rows).map((r) => ({ ...r, contribution: Number(r.contribution) }));
}

async function drillCount(db: Executor, c: DrillContext, query: ListQuery): Promise<number> {
  const [r] = rowsOf<{ n: string }>(
    await db.execute(sql`select count(*)::text as n from ${c.from} where ${listWhere(c, query)}`),
  );
  return Number(r?.n ?? 0);
}

/** One page of the list under the search, the counted filter and the sort (what the export walks). */
export async function drillPage(db: Executor, c: DrillContext, query: ListQuery): Promise<Page<DrillItem>> {
  const [items, total] = await Promise.all([drillItems(db, c, query), drillCount(db, c, query)]);
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function drill(db: Executor, user: CurrentUser, query: Query, now = new Date()): Promise<Drill> {
  const c = await drillContext(db, user, query, now);
  // Unfiltered, the list's total is the summary's row count: no separate count.
  const filtered = query.q !== undefined || query.counted !== undefined;
  const [items, summary, filteredTotal, figure] = await Promise.all([
    drillItems(db, c, query),
    drillSummary(db, c),
    filtered ? drillCount(db, c, query) : null,
    c.stored ?? provisionalFigure(db, c.indicator, c.period, c.scope, now),
  ]);
  return {
    items,
    total: filteredTotal ?? summary.rows,
    page: query.page,
    pageSize: query.pageSize,
    indicator: c.indicator,
    shape: c.shape === "fen_to_wan" || c.shape === "fen_to_yi" ? "money" : c.shape,
    ...LIST_OF[c.formula],
    period: c.period,
    scope: c.scope,
    scopeName: c.scopeName,
    figure,
    basis: c.basis,
    listPeriod: c.listPeriod,
    summary,
  };
}
