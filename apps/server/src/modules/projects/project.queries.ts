import type { ProjectListQuery } from "@dxcenter/contracts";
import {
  awardPayments,
  districts,
  type Executor,
  enterprises,
  policyAwards,
  projectAttachments,
  projectReports,
  projectReviews,
  projects,
  users,
} from "@dxcenter/db";
import {
  type Actor,
  FUNDED_PROJECT_STATUSES,
  type MilestoneKind,
  PROGRESS_REPORT_MAX_DAYS,
  type ProjectType,
  projectReadScope,
  type ReviewDecision,
  type ReviewStage,
} from "@dxcenter/domain";
import { and, asc, count, eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { forbidden, notFound } from "../../errors";
import { listOrder, searchAny } from "../../lib/list-query";
import { isDrawnSql } from "../experts/panel";

/**
 * The project library's SQL: the one row shape every list, detail and step reads (project + names +
 * paid + scores + reviewers + overdue flags), the read scope as a condition, the overdue rules, and
 * the parts of a detail page. Status and type are read as their domain types (the columns are text).
 */

type ListQuery = z.output<typeof ProjectListQuery>;

const shanghaiDate = sql`(now() at time zone 'Asia/Shanghai')::date`;
/** The three overdue rules of domain/projects/milestones.ts (overdueWarnings), in SQL so lists can filter. */
export const startLateSql = sql<boolean>`(${projects.status} = 'approved' and ${projects.plannedStartDate} < ${shanghaiDate})`;
export const finishLateSql = sql<boolean>`(${projects.status} = 'in_construction' and ${projects.plannedFinishDate} < ${shanghaiDate})`;
export const reportStaleSql = sql<boolean>`(${projects.status} = 'in_construction' and coalesce(${projects.lastReportOn}, ${projects.startedOn}) < ${shanghaiDate} - ${sql.raw(String(PROGRESS_REPORT_MAX_DAYS))})`;
export const overdueSql = sql<boolean>`(${startLateSql} or ${finishLateSql} or ${reportStaleSql})`;

const expertSheets = sql`from ${projectReviews} r where r.project_id = ${projects.id} and r.stage = 'expert'`;

const columns = {
  p: {
    ...getTableColumns(projects),
    type: sql<ProjectType>`${projects.type}`,
    status: projects.status,
  },
  enterpriseName: enterprises.name,
  districtName: districts.name,
  paidFen: sql<number>`coalesce(${policyAwards.paidFen}, 0)`,
  scoreSum: sql<number>`(select coalesce(sum(r.total), 0)::int ${expertSheets} and r.submitted_at is not null)`,
  scoreCount: sql<number>`(select count(*)::int ${expertSheets} and r.submitted_at is not null)`,
  reviewerIds: sql<string[]>`(select coalesce(json_agg(r.reviewer_id), '[]'::json) ${expertSheets})`,
  startLate: startLateSql,
  finishLate: finishLateSql,
  reportStale: reportStaleSql,
};

function base(db: Executor) {
  return db
    .select(columns)
    .from(projects)
    .innerJoin(enterprises, eq(enterprises.id, projects.enterpriseId))
    .innerJoin(districts, eq(districts.code, projects.districtCode))
    .leftJoin(policyAwards, eq(policyAwards.id, projects.awardId));
}
export type ProjectRow = Awaited<ReturnType<ReturnType<typeof base>["limit"]>>[number];

/** Lists: city all, district its district's projects, the enterprise its own, an expert those assigned to them. */
export function projectScopeCondition(actor: Actor): SQL {
  const scope = projectReadScope(actor);
  switch (scope.kind) {
    case "all":
      return sql`true`;
    case "district":
      return eq(projects.districtCode, scope.districtCode);
    case "self":
      return eq(projects.enterpriseId, scope.enterpriseId);
    case "reviewer":
      return sql`exists (select 1 ${expertSheets} and r.reviewer_id = ${scope.userId})`;
    case "none":
      throw forbidden("查看技改项目");
  }
}

/** One project in the caller's scope (404 otherwise); `lock` takes the row lock a workflow step needs. */
export async function findProjectRow(
  db: Executor,
  actor: Actor,
  id: string,
  lock = false,
): Promise<ProjectRow> {
  const q = base(db)
    .where(and(projectScopeCondition(actor), eq(projects.id, id)))
    .limit(1);
  const [row] = lock ? await q.for("update", { of: projects }) : await q;
  if (!row) throw notFound("技改项目");
  return row;
}

const SORT = {
  createdAt: projects.createdAt,
  plannedStartDate: projects.plannedStartDate,
  totalInvestmentFen: projects.totalInvestmentFen,
  updatedAt: projects.updatedAt,
};

/** The list's filters under the caller's scope. */
export function projectListCondition(actor: Actor, q: Omit<ListQuery, "page" | "pageSize">) {
  return and(
    projectScopeCondition(actor),
    q.status ? eq(projects.status, q.status) : undefined,
    q.type ? eq(projects.type, q.type) : undefined,
    q.districtCode ? eq(projects.districtCode, q.districtCode) : undefined,
    q.enterpriseId ? eq(projects.enterpriseId, q.enterpriseId) : undefined,
    q.year ? sql`extract(year from ${projects.plannedStartDate}) = ${q.year}` : undefined,
    q.overdue === true ? overdueSql : q.overdue === false ? sql`not ${overdueSql}` : undefined,
    q.toScore && actor.role === "expert"
      ? sql`${projects.status} = 'expert_review' and exists (select 1 ${expertSheets} and r.reviewer_id = ${actor.id} and r.submitted_at is null)`
      : undefined,
    searchAny(q.q, projects.name, enterprises.name),
  );
}

export function projectListRows(
  db: Executor,
  cond: SQL | undefined,
  q: ListQuery,
  limit: number,
  offset: number,
) {
  return base(db)
    .where(cond)
    .orderBy(...listOrder(SORT, q.sort, q.order, projects.id))
    .limit(limit)
    .offset(offset);
}

export async function projectListTotal(db: Executor, cond: SQL | undefined) {
  const [total] = await db
    .select({ n: count() })
    .from(projects)
    .innerJoin(enterprises, eq(enterprises.id, projects.enterpriseId))
    .where(cond);
  return total?.n ?? 0;
}

// ---------------------------------------------------------------------------------------------
// The parts of a detail page

const reviewer = alias(users, "reviewer");

export function reviewsOf(db: Executor, projectId: string) {
  return db
    .select({
      r: { ...getTableColumns(projectReviews), stage: sql<ReviewStage>`${projectReviews.stage}` },
      name: reviewer.displayName,
      org: reviewer.organization,
      drawn: isDrawnSql(
        "project_review",
        sql`${projectReviews.projectId}`,
        sql`${projectReviews.reviewerId}`,
      ),
    })
    .from(projectReviews)
    .innerJoin(reviewer, eq(reviewer.id, projectReviews.reviewerId))
    .where(eq(projectReviews.projectId, projectId))
    .orderBy(asc(projectReviews.createdAt));
}

export function reportsOf(db: Executor, projectId: string) {
  return db
    .select({
      r: { ...getTableColumns(projectReports), kind: sql<MilestoneKind>`${projectReports.kind}` },
      name: users.displayName,
    })
    .from(projectReports)
    .innerJoin(users, eq(users.id, projectReports.reportedBy))
    .where(eq(projectReports.projectId, projectId))
    .orderBy(asc(projectReports.reportDate), asc(projectReports.reportedAt));
}

export function attachmentsOf(db: Executor, projectId: string) {
  return db
    .select({
      id: projectAttachments.id,
      filename: projectAttachments.filename,
      mime: projectAttachments.mime,
      size: projectAttachments.size,
      uploadedAt: projectAttachments.uploadedAt,
      name: users.displayName,
    })
    .from(projectAttachments)
    .innerJoin(users, eq(users.id, projectAttachments.uploadedBy))
    .where(eq(projectAttachments.projectId, projectId))
    .orderBy(asc(projectAttachments.uploadedAt));
}

/** The tranche payments of a project's award, in tranche order. */
export function paymentsOf(db: Executor, awardId: string) {
  return db
    .select({ p: awardPayments, name: users.displayName })
    .from(awardPayments)
    .innerJoin(users, eq(users.id, awardPayments.paidBy))
    .where(eq(awardPayments.awardId, awardId))
    .orderBy(asc(awardPayments.tranche));
}
export type PaymentRow = Awaited<ReturnType<typeof paymentsOf>>[number];

/** The policy engine's evaluation stored on the project's award (what the approval was based on). */
export async function awardEvaluationOf(db: Executor, awardId: string) {
  const [a] = await db
    .select({ evaluation: policyAwards.evaluation })
    .from(policyAwards)
    .where(eq(policyAwards.id, awardId));
  return a?.evaluation ?? null;
}

/** A decision of a review stage (区级初审, 市级审定, 竣工验收 / 退回整改) with its opinion, as a review row. */
export function insertDecision(
  db: Executor,
  projectId: string,
  stage: ReviewStage,
  reviewerId: string,
  decision: ReviewDecision,
  opinion: string,
) {
  return db
    .insert(projectReviews)
    .values({ projectId, stage, reviewerId, decision, opinion, submittedAt: new Date() });
}

/** Every workflow step ends here: the row changed, so its version moves on. */
export async function bumpProjectVersion(db: Executor, id: string) {
  await db
    .update(projects)
    .set({ updatedAt: new Date(), version: sql`${projects.version} + 1` })
    .where(eq(projects.id, id));
}

// ---------------------------------------------------------------------------------------------
// 项目储备与建设统计 (pipeline.service): one district or the whole city (scope null)

const inDistrict = (scope: string | null) => (scope ? eq(projects.districtCode, scope) : sql`true`);

/** Per planned-start year and status: count, planned and completed investment (分). */
export function pipelineCells(db: Executor, scope: string | null) {
  const year = sql<number>`extract(year from ${projects.plannedStartDate})::int`;
  return db
    .select({
      year,
      status: projects.status,
      count: sql<number>`count(*)::int`,
      plannedFen: sql<string>`coalesce(sum(${projects.totalInvestmentFen}), 0)::bigint`,
      completedFen: sql<string>`coalesce(sum(${projects.investmentCompletedFen}), 0)::bigint`,
    })
    .from(projects)
    .where(inDistrict(scope))
    .groupBy(year, projects.status)
    .orderBy(year, projects.status);
}

/** Approved subsidy and paid so far over the funded projects (approved and later). */
export async function pipelineMoney(db: Executor, scope: string | null) {
  const [money] = await db
    .select({
      approvedFen: sql<string>`coalesce(sum(${projects.approvedAmountFen}), 0)::bigint`,
      paidFen: sql<string>`coalesce(sum(${policyAwards.paidFen}), 0)::bigint`,
    })
    .from(projects)
    .leftJoin(policyAwards, eq(policyAwards.id, projects.awardId))
    .where(and(inDistrict(scope), inArray(projects.status, [...FUNDED_PROJECT_STATUSES])));
  return money;
}
