import type { DiagnosisItem, DiagnosisListQuery } from "@dxcenter/contracts";
import {
  assessments,
  type Database,
  diagnoses,
  diagnosisPlans,
  diagnosisTeam,
  districts,
  type Executor,
  enterprises,
  instruments,
  users,
} from "@dxcenter/db";
import { type Actor, type DiagnosisFacts, diagnosisReadScope } from "@dxcenter/domain";
import { and, eq, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { forbidden, notFound } from "../../errors";
import { countRows, listOrderNullsLast, nullsLast, pageOfSelect, searchAny } from "../../lib/list-query";
import { scopeCondition } from "../enterprises/enterprise.policy";
import { isDrawnSql } from "../experts/panel";

type ListQuery = z.output<typeof DiagnosisListQuery>;

const onsite = alias(assessments, "onsite");
const requester = alias(users, "requester");
const closer = alias(users, "closer");

/** Visit date passed (calendar day in Asia/Shanghai) and the on-site assessment not yet submitted. */
export const overdueSql = sql<boolean>`(${diagnoses.status} in ('scheduled', 'in_progress') and ${diagnoses.visitDate} < (now() at time zone 'Asia/Shanghai')::date)`;

const teamSql = sql<DiagnosisItem["team"]>`coalesce((
  select json_agg(json_build_object('userId', u.id, 'displayName', u.display_name, 'organization', u.organization,
    'role', u.role, 'lead', t.lead, 'drawn', ${isDrawnSql("diagnosis", sql`${diagnoses.id}`, sql`u.id`)})
    order by t.lead desc, u.display_name)
  from ${diagnosisTeam} t join ${users} u on u.id = t.user_id where t.diagnosis_id = ${diagnoses.id}), '[]'::json)`;

const columns = {
  d: diagnoses,
  enterpriseName: enterprises.name,
  districtCode: enterprises.districtCode,
  districtName: districts.name,
  planName: diagnosisPlans.name,
  instrumentName: sql<
    string | null
  >`(select i.name from ${instruments} i where i.id = ${diagnoses.instrumentId} and i.current)`,
  requestedByName: requester.displayName,
  closedByName: closer.displayName,
  onsiteId: onsite.id,
  team: teamSql,
  overdue: overdueSql,
};

function base(db: Executor) {
  return db
    .select(columns)
    .from(diagnoses)
    .innerJoin(enterprises, eq(enterprises.id, diagnoses.enterpriseId))
    .innerJoin(districts, eq(districts.code, enterprises.districtCode))
    .innerJoin(requester, eq(requester.id, diagnoses.requestedBy))
    .leftJoin(closer, eq(closer.id, diagnoses.closedBy))
    .leftJoin(diagnosisPlans, eq(diagnosisPlans.id, diagnoses.planId))
    .leftJoin(onsite, eq(onsite.diagnosisId, diagnoses.id));
}
/** One diagnosis with its enterprise, plan, team and on-site assessment: what lists and steps read. */
export type DiagnosisRow = Awaited<ReturnType<ReturnType<typeof base>["limit"]>>[number];

/** Lists: city all, district its enterprises, the enterprise its own, a provider/expert its assignments. */
export function diagnosisScopeCondition(actor: Actor): SQL {
  const scope = diagnosisReadScope(actor);
  if (scope.kind === "team") {
    return sql`exists (select 1 from ${diagnosisTeam} t where t.diagnosis_id = ${diagnoses.id} and t.user_id = ${scope.userId})`;
  }
  return scopeCondition(scope);
}

/** What the workflow table decides on. */
export function diagnosisFacts(r: DiagnosisRow): DiagnosisFacts {
  return {
    enterpriseId: r.d.enterpriseId,
    districtCode: r.districtCode,
    status: r.d.status,
    teamUserIds: r.team.map((m) => m.userId),
  };
}

export const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toItem(r: DiagnosisRow): DiagnosisItem {
  const d = r.d;
  return {
    id: d.id,
    enterpriseId: d.enterpriseId,
    enterpriseName: r.enterpriseName,
    districtCode: r.districtCode,
    districtName: r.districtName,
    instrumentId: d.instrumentId,
    instrumentName: r.instrumentName,
    status: d.status,
    source: d.source as DiagnosisItem["source"],
    requestNote: d.requestNote,
    requestedAt: d.requestedAt.toISOString(),
    requestedByName: r.requestedByName,
    planId: d.planId,
    planName: r.planName,
    visitDate: d.visitDate,
    overdue: Boolean(r.overdue),
    team: r.team,
    onsiteAssessmentId: r.onsiteId,
    visitedAt: iso(d.visitedAt),
    closedAt: iso(d.closedAt),
    updatedAt: d.updatedAt.toISOString(),
    version: d.version,
  };
}

const SORT = {
  requestedAt: diagnoses.requestedAt,
  updatedAt: diagnoses.updatedAt,
  // Not yet scheduled: after the scheduled ones in either direction.
  visitDate: nullsLast(diagnoses.visitDate),
};

export async function listDiagnoses(db: Database, actor: Actor, q: ListQuery) {
  if (diagnosisReadScope(actor).kind === "none") throw forbidden("查看诊断服务");
  const cond = and(
    diagnosisScopeCondition(actor),
    q.status ? eq(diagnoses.status, q.status) : undefined,
    q.districtCode ? eq(enterprises.districtCode, q.districtCode) : undefined,
    q.planId ? eq(diagnoses.planId, q.planId) : undefined,
    q.enterpriseId ? eq(diagnoses.enterpriseId, q.enterpriseId) : undefined,
    q.overdue === undefined ? undefined : q.overdue ? overdueSql : sql`not ${overdueSql}`,
    searchAny(q.q, enterprises.name),
  );
  return pageOfSelect(
    q,
    base(db)
      .where(cond)
      .orderBy(...listOrderNullsLast(SORT, q.sort, q.order, diagnoses.id)),
    countRows(db, diagnoses, cond, [enterprises, eq(enterprises.id, diagnoses.enterpriseId)]),
    toItem,
  );
}

/** One diagnosis the actor may see; 404 otherwise (outside the scope is "not there"). */
export async function findDiagnosisRow(db: Executor, actor: Actor, id: string): Promise<DiagnosisRow> {
  const [row] = await base(db)
    .where(and(diagnosisScopeCondition(actor), eq(diagnoses.id, id)))
    .limit(1);
  if (!row) throw notFound("诊断服务单");
  return row;
}
