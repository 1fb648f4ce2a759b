import type { CoordinationTask, CreateTaskRequest, TaskListQuery } from "@dxcenter/contracts";
import {
  coordinationTasks,
  type Database,
  districts,
  type Executor,
  enterprises,
  projects,
  users,
} from "@dxcenter/db";
import {
  type Actor,
  type CoordinationKind,
  canAnswerTask,
  TASK_STATUS_LABELS,
  type TaskStatus,
  taskReadScope,
} from "@dxcenter/domain";
import { and, asc, count, desc, eq, ilike, isNull, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { badRequest, conflict, forbidden, notFound } from "../../errors";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { escapeLike } from "../users/user.service";

const assigner = alias(users, "assigner");
const columns = {
  t: coordinationTasks,
  projectName: projects.name,
  districtCode: projects.districtCode,
  enterpriseName: enterprises.name,
  districtName: districts.name,
  assignedByName: assigner.displayName,
  overdue: sql<boolean>`(${coordinationTasks.status} <> 'done' and ${coordinationTasks.deadline} < (now() at time zone 'Asia/Shanghai')::date)`,
};
function base(db: Executor) {
  return db
    .select(columns)
    .from(coordinationTasks)
    .innerJoin(projects, eq(projects.id, coordinationTasks.projectId))
    .innerJoin(enterprises, eq(enterprises.id, projects.enterpriseId))
    .innerJoin(districts, eq(districts.code, projects.districtCode))
    .innerJoin(assigner, eq(assigner.id, coordinationTasks.assignedBy));
}
type Row = Awaited<ReturnType<ReturnType<typeof base>["limit"]>>[number];

async function organizationOf(db: Executor, actor: Actor): Promise<string | null> {
  if (actor.role !== "department") return null;
  const [u] = await db.select({ org: users.organization }).from(users).where(eq(users.id, actor.id));
  return u?.org ?? null;
}

/** City: all; district: tasks of its projects; department: assigned to its account, or to its organisation by name. */
async function taskScope(db: Executor, actor: Actor): Promise<{ cond: SQL; org: string | null }> {
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

function toTask(actor: Actor, org: string | null, r: Row): CoordinationTask {
  const t = r.t;
  return {
    id: t.id,
    projectId: t.projectId,
    projectName: r.projectName,
    enterpriseName: r.enterpriseName,
    districtName: r.districtName,
    departmentUserId: t.departmentUserId,
    departmentName: t.departmentName,
    kind: t.kind as CoordinationKind,
    title: t.title,
    deadline: t.deadline,
    status: t.status as TaskStatus,
    overdue: Boolean(r.overdue),
    response: t.response,
    respondedAt: t.respondedAt?.toISOString() ?? null,
    assignedByName: r.assignedByName,
    createdAt: t.createdAt.toISOString(),
    version: t.version,
    canAnswer: canAnswerTask(actor, org, { ...t, districtCode: r.districtCode }),
  };
}

export async function listTasks(db: Executor, actor: Actor, q: z.output<typeof TaskListQuery>) {
  const { cond: scope, org } = await taskScope(db, actor);
  const where: SQL[] = [scope];
  if (q.status) where.push(eq(coordinationTasks.status, q.status));
  if (q.overdue === true) where.push(columns.overdue);
  if (q.overdue === false) where.push(sql`not ${columns.overdue}`);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    where.push(
      or(ilike(coordinationTasks.title, like), ilike(projects.name, like), ilike(enterprises.name, like))!,
    );
  }
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    base(db)
      .where(cond)
      .orderBy(
        sql`case when ${coordinationTasks.status} = 'done' then 1 else 0 end`,
        asc(coordinationTasks.deadline),
        desc(coordinationTasks.createdAt),
      )
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(coordinationTasks)
      .innerJoin(projects, eq(projects.id, coordinationTasks.projectId))
      .innerJoin(enterprises, eq(enterprises.id, projects.enterpriseId))
      .where(cond),
  ]);
  return {
    items: rows.map((r) => toTask(actor, org, r)),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Tasks on a project's page (the caller can already read the project). */
export async function listTasksOfProject(
  db: Executor,
  actor: Actor,
  projectId: string,
): Promise<CoordinationTask[]> {
  const rows = await base(db)
    .where(eq(coordinationTasks.projectId, projectId))
    .orderBy(asc(coordinationTasks.createdAt))
    .limit(200);
  return rows.map((r) => toTask(actor, null, r));
}

export async function createTask(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  projectId: string,
  input: z.output<typeof CreateTaskRequest>,
  assertCoordinate: (tx: Executor) => Promise<{ districtCode: string }>,
) {
  return db.transaction(async (tx) => {
    const project = await assertCoordinate(tx);
    let departmentUserId: string | null = null;
    let departmentName = input.departmentName?.trim() ?? "";
    if (input.departmentUserId) {
      const [u] = await tx
        .select({
          id: users.id,
          role: users.role,
          org: users.organization,
          name: users.displayName,
          disabled: users.disabled,
        })
        .from(users)
        .where(eq(users.id, input.departmentUserId));
      if (!u || u.role !== "department")
        throw badRequest("协同部门账号：只能选择协同部门账号", "departmentUserId");
      if (u.disabled) throw badRequest(`协同部门账号：账号“${u.name}”已停用`, "departmentUserId");
      departmentUserId = u.id;
      departmentName = u.org ?? u.name;
    }
    if (!departmentName) throw badRequest("协同部门：请选择部门账号或填写部门名称", "departmentName");
    const [row] = await tx
      .insert(coordinationTasks)
      .values({
        projectId,
        departmentUserId,
        departmentName,
        kind: input.kind,
        title: input.title,
        deadline: input.deadline,
        assignedBy: actor.id,
      })
      .returning({ id: coordinationTasks.id });
    await recordAudit(tx, auditActor, {
      action: "coordination_task.create",
      entityType: "coordination_task",
      entityId: row!.id,
      districtCode: project.districtCode,
      after: {
        projectId,
        departmentUserId,
        departmentName,
        kind: input.kind,
        title: input.title,
        deadline: input.deadline,
      },
    });
    const [created] = await base(tx).where(eq(coordinationTasks.id, row!.id));
    return toTask(actor, null, created!);
  });
}

export async function answerTask(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { version: number; status: TaskStatus; response?: string | undefined },
) {
  return db.transaction(async (tx) => {
    const { cond, org } = await taskScope(tx, actor);
    const [r] = await base(tx)
      .where(and(cond, eq(coordinationTasks.id, id)))
      .limit(1)
      .for("update", { of: coordinationTasks });
    if (!r) throw notFound("协同任务");
    if (!canAnswerTask(actor, org, { ...r.t, districtCode: r.districtCode }))
      throw forbidden("办理该协同任务");
    if (r.t.version !== input.version)
      throw conflict("VERSION_CONFLICT", "该协同任务已被他人更新，请刷新后重试", "version");
    if (input.status === "done" && !input.response?.trim() && !r.t.response)
      throw badRequest("办理答复：办结时请填写办理结果", "response");
    await tx
      .update(coordinationTasks)
      .set({
        status: input.status,
        ...(input.response !== undefined ? { response: input.response || null } : {}),
        respondedAt: new Date(),
        respondedBy: actor.id,
        updatedAt: new Date(),
        version: r.t.version + 1,
      })
      .where(eq(coordinationTasks.id, id));
    await recordAudit(tx, auditActor, {
      action: "coordination_task.answer",
      entityType: "coordination_task",
      entityId: id,
      districtCode: r.districtCode,
      before: { status: r.t.status, response: r.t.response },
      after: {
        status: input.status,
        statusLabel: TASK_STATUS_LABELS[input.status],
        response: input.response ?? r.t.response,
      },
    });
    const [updated] = await base(tx).where(eq(coordinationTasks.id, id));
    return toTask(actor, org, updated!);
  });
}
