import type { TaskListQuery } from "@dxcenter/contracts";
import { coordinationTasks, districts, type Executor, enterprises, projects, users } from "@dxcenter/db";
import { type Actor, type CoordinationKind, taskReadScope } from "@dxcenter/domain";
import { and, asc, count, desc, eq, getTableColumns, isNull, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { forbidden } from "../../errors";
import { searchAny } from "../../lib/list-query";

/** The coordination tasks' SQL: one row shape (task + project, enterprise, district, assigner), scope, list. */

const assigner = alias(users, "assigner");
const overdueSql = sql<boolean>`(${coordinationTasks.status} <> 'done' and ${coordinationTasks.deadline} < (now() at time zone 'Asia/Shanghai')::date)`;
const columns = {
  t: {
    ...getTableColumns(coordinationTasks),
    kind: sql<CoordinationKind>`${coordinationTasks.kind}`,
    status: coordinationTasks.status,
  },
  projectName: projects.name,
  districtCode: projects.districtCode,
  enterpriseName: enterprises.name,
  districtName: districts.name,
  assignedByName: assigner.displayName,
  overdue: overdueSql,
};
export function taskRows(db: Executor) {
  return db
    .select(columns)
    .from(coordinationTasks)
    .innerJoin(projects, eq(projects.id, coordinationTasks.projectId))
    .innerJoin(enterprises, eq(enterprises.id, projects.enterpriseId))
    .innerJoin(districts, eq(districts.code, projects.districtCode))
    .innerJoin(assigner, eq(assigner.id, coordinationTasks.assignedBy));
}
export type TaskRow = Awaited<ReturnType<ReturnType<typeof taskRows>["limit"]>>[number];

async function organizationOf(db: Executor, actor: Actor): Promise<string | null> {
  if (actor.role !== "department") return null;
  const [u] = await db.select({ org: users.organization }).from(users).where(eq(users.id, actor.id));
  return u?.org ?? null;
}

/** City: all; district: tasks of its projects; department: assigned to its account, or to its organisation by name. */
export async function taskScope(db: Executor, actor: Actor): Promise<{ cond: SQL; org: string | null }> {
  const scope = taskReadScope(actor);
  switch (scope.kind) {
    case "all":
      return { cond: sql`true`, org: null };
    case "district":
      return { cond: eq(projects.districtCode, scope.districtCode), org: null };
    case "department": {
      const org = await organizationOf(db, actor);
      const byAccount = eq(coordinationTasks.departmentUserId, scope.userId);
      return {
        cond: org
          ? or(
              byAccount,
              and(isNull(coordinationTasks.departmentUserId), eq(coordinationTasks.departmentName, org)),
            )!
          : byAccount,
        org,
      };
    }
    default:
      throw forbidden("查看协同任务");
  }
}

export function taskListCondition(scope: SQL, q: z.output<typeof TaskListQuery>) {
  return and(
    scope,
    q.status ? eq(coordinationTasks.status, q.status) : undefined,
    q.overdue === true ? overdueSql : q.overdue === false ? sql`not ${overdueSql}` : undefined,
    searchAny(q.q, coordinationTasks.title, projects.name, enterprises.name),
  );
}

/** Open tasks first, by deadline, newest first among equals. */
export function taskListRows(db: Executor, cond: SQL | undefined, limit: number, offset: number) {
  return taskRows(db)
    .where(cond)
    .orderBy(
      sql`case when ${coordinationTasks.status} = 'done' then 1 else 0 end`,
      asc(coordinationTasks.deadline),
      desc(coordinationTasks.createdAt),
    )
    .limit(limit)
    .offset(offset);
}

export async function taskListTotal(db: Executor, cond: SQL | undefined) {
  const [total] = await db
    .select({ n: count() })
    .from(coordinationTasks)
    .innerJoin(projects, eq(projects.id, coordinationTasks.projectId))
    .innerJoin(enterprises, eq(enterprises.id, projects.enterpriseId))
    .where(cond);
  return total?.n ?? 0;
}
