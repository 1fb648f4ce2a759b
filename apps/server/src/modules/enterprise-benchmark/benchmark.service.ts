import type { BenchmarkGroup, BenchmarkItem, EnterpriseBenchmark } from "@dxcenter/contracts";
import type { Executor } from "@dxcenter/db";
import {
  BENCHMARK_FACT_DEFINITIONS,
  BENCHMARK_FACTS,
  type BenchmarkFact,
  MIN_GROUP,
  percentileRank,
  shareOfGroup,
  whenLargeEnough,
} from "@dxcenter/domain";
import { type SQL, sql } from "drizzle-orm";
import { forbidden, notFound } from "../../errors";
import { rowsOf } from "../../lib/raw-rows";
import type { CurrentUser } from "../../plugins/auth";
import { readCondition } from "../enterprises/enterprise.policy";
import { MIIT_INSTRUMENT } from "../indicators/indicator-rollups";

/**
 * 我的指标 / 指标对比 (issue 13 §4): an enterprise's own facts against its district and its industry
 * division. The own facts are one row (read under the registry's read scope: 404 outside it); each
 * comparison group is ONE aggregate statement over the same per-enterprise facts, answering counts
 * (with a value, below the own value, equal to it, having a yes/no fact) and medians — never a row,
 * a name or an id of another enterprise.
 */

/** Projects that have been approved (立项) — the ones that count as 技改项目 of the enterprise. */
const APPROVED_PROJECTS = sql`('approved', 'in_construction', 'acceptance', 'completed')`;

/** One row of facts per enterprise matching `where` (the fact columns are named as BENCHMARK_FACTS). */
function factsOf(where: SQL): SQL {
  return sql`select e.id, e.name, e.district_code, e.industry_code,
      e.key_process_nc_rate as nc_rate,
      e.digital_rd_tools as rd_tools,
      e.cloud_adopted as cloud,
      m.total as miit_score, m.level_name,
      (exists (select 1 from assessments a where a.enterprise_id = e.id and a.status = 'submitted'
                 and a.submitted_at >= now() - interval '5 years')
        or exists (select 1 from diagnoses d where d.enterprise_id = e.id and d.status = 'closed'
                 and d.closed_at >= now() - interval '5 years')) as diagnosed_5y,
      coalesce(p.n, 0) as projects,
      coalesce(p.invest, 0) as project_investment
    from enterprises e
    left join lateral (
      select a.total, a.level_name from assessments a
      where a.instrument_id = ${MIIT_INSTRUMENT} and a.enterprise_id = e.id and a.status = 'submitted'
        and a.kind = 'self'
      order by a.submitted_at desc limit 1) m on true
    left join lateral (
      select count(*) as n, sum(p.investment_completed_fen) as invest from projects p
      where p.enterprise_id = e.id and p.status in ${APPROVED_PROJECTS}) p on true
    where ${where}`;
}

type Raw = string | number | boolean | null;
interface OwnRow {
  [fact: string]: Raw;
  name: string;
  district_code: string;
  industry_code: string;
  district_name: string;
  industry_name: string;
  level_name: string | null;
}
type GroupRow = Record<string, number | null>;

const num = (v: Raw | undefined): number | null => (v === null || v === undefined ? null : Number(v));
const col = (fact: BenchmarkFact, suffix: string) => sql.raw(`${fact}_${suffix}`);

/** The aggregates of one fact within the group `g`, against the own value. */
function aggregatesOf(fact: BenchmarkFact, own: Raw): SQL {
  const c = sql.raw(`g.${fact}`);
  if (BENCHMARK_FACT_DEFINITIONS[fact].kind === "yesno")
    return sql`count(${c})::int as ${col(fact, "n")}, (count(*) filter (where ${c}))::int as ${col(fact, "yes")}`;
  const v = sql`${own === null ? null : String(own)}::numeric`;
  return sql`count(${c})::int as ${col(fact, "n")},
    (count(*) filter (where ${c} < ${v}))::int as ${col(fact, "below")},
    (count(*) filter (where ${c} = ${v}))::int as ${col(fact, "ties")},
    (percentile_cont(0.5) within group (order by ${c}))::float8 as ${col(fact, "median")}`;
}

/** One comparison group's figures for every fact, in one statement. */
async function groupFigures(db: Executor, where: SQL, own: OwnRow): Promise<GroupRow> {
  const aggregates = sql.join(
    BENCHMARK_FACTS.map((f) => aggregatesOf(f, own[f] ?? null)),
    sql`, `,
  );
  const [row] = rowsOf<GroupRow>(await db.execute(sql`select ${aggregates} from (${factsOf(where)}) g`));
  return row ?? {};
}

function groupOf(fact: BenchmarkFact, name: string, g: GroupRow, own: Raw): BenchmarkGroup {
  const def = BENCHMARK_FACT_DEFINITIONS[fact];
  const size = Number(g[`${fact}_n`] ?? 0);
  const figures = whenLargeEnough(size, () =>
    def.kind === "yesno"
      ? { size, percentile: null, share: shareOfGroup(Number(g[`${fact}_yes`] ?? 0), size), median: null }
      : {
          size,
          percentile:
            own === null
              ? null
              : percentileRank(
                  {
                    total: size,
                    below: Number(g[`${fact}_below`] ?? 0),
                    ties: Number(g[`${fact}_ties`] ?? 0),
                  },
                  def.direction,
                ),
          share: null,
          median: num(g[`${fact}_median`] ?? null),
        },
  );
  return { ...figures, name };
}

/** Who may compare an enterprise: the registry's readers of it; providers, experts, departments 403. */
function assertMayBenchmark(user: CurrentUser): void {
  if (user.role !== "city_admin" && user.role !== "district_admin" && user.role !== "enterprise")
    throw forbidden("查看企业指标对比");
}

export async function enterpriseBenchmark(
  db: Executor,
  user: CurrentUser,
  id: string,
): Promise<EnterpriseBenchmark> {
  assertMayBenchmark(user);
  const [own] = rowsOf<OwnRow>(
    await db.execute(sql`select f.*, d.name as district_name, i.name as industry_name
      from (${factsOf(sql`e.id = ${id}`)}) f
      join districts d on d.code = f.district_code
      join industries i on i.code = f.industry_code
      where exists (select 1 from enterprises where enterprises.id = f.id and ${readCondition(user)})`),
  );
  if (!own) throw notFound("企业");
  const [district, industry] = await Promise.all([
    groupFigures(db, sql`e.district_code = ${own.district_code}`, own),
    groupFigures(db, sql`e.industry_code = ${own.industry_code}`, own),
  ]);
  const items = BENCHMARK_FACTS.map((fact): BenchmarkItem => {
    const def = BENCHMARK_FACT_DEFINITIONS[fact];
    const value = own[fact] ?? null;
    return {
      key: fact,
      name: def.name,
      kind: def.kind,
      unit: def.unit,
      value: def.kind === "number" ? num(value) : null,
      has: def.kind === "yesno" ? (value === null ? null : value === true) : null,
      levelName: fact === "miit_score" ? own.level_name : null,
      district: groupOf(fact, own.district_name, district, value),
      industry: groupOf(fact, own.industry_name, industry, value),
    };
  });
  return {
    enterpriseName: own.name,
    districtName: own.district_name,
    industryName: own.industry_name,
    minGroup: MIN_GROUP,
    items,
  };
}
