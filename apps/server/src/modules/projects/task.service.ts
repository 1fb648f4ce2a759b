import type { CoordinationTask, CreateTaskRequest, TaskListQuery } from "@dxcenter/contracts";
import { coordinationTasks, type Database, type Executor, users } from "@dxcenter/db";
import { type Actor, canAnswerTask, TASK_STATUS_LABELS, type TaskStatus } from "@dxcenter/domain";
import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, forbidden, notFound } from "../../errors";
import { pageOf } from "../../lib/list-query";
import { assertVersion } from "../../lib/optimistic-lock";
import { type AuditActor, insertAudited, recordAudit } from "../audit/audit.service";
import {
  type TaskRow,
  taskListCondition,
  taskListRows,
  taskListTotal,
  taskRows,
  taskScope,
} from "./task.queries";

/** Coordination tasks (协同任务): listed in scope, created on a project by the bureau, answered by departments. */

function toTask(actor: Actor, org: string | null, r: TaskRow): CoordinationTask {
  const t = r.t;
  return {
    id: t.id,
    projectId: t.projectId,
    projectName: r.projectName,
    enterpriseName: r.enterpriseName,
    districtName: r.districtName,
    departmentUserId: t.departmentUserId,
    departmentName: t.departmentName,
    kind: t.kind,
    title: t.title,
    deadline: t.deadline,
    status: t.status,
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
  const cond = taskListCondition(scope, q);
  return pageOf(
    q,
    (limit, offset) => taskListRows(db, cond, limit, offset),
    () => taskListTotal(db, cond),
    (r) => toTask(actor, org, r),
  );
}

/** Tasks on a project's page (the caller can already read the project). */
export async function listTasksOfProject(
  db: Executor,
  actor: Actor,
  projectId: string,
): Promise<CoordinationTask[]> {
  const rows = await taskRows(db)
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
      if (u?.role !== "department")
        throw badRequest("协同部门账号：只能选择协同部门账号", "departmentUserId");
      if (u.disabled) throw badRequest(`协同部门账号：账号“${u.name}”已停用`, "departmentUserId");
      departmentUserId = u.id;
      departmentName = u.org ?? u.name;
    }
    if (!departmentName) throw badRequest("协同部门：请选择部门账号或填写部门名称", "departmentName");
    const task = {
      projectId,
      departmentUserId,
      departmentName,
      kind: input.kind,
      title: input.title,
      deadline: input.deadline,
    };
    const taskId = await insertAudited(
      tx,
      auditActor,
      coordinationTasks,
      { ...task, assignedBy: actor.id },
      {
        action: "coordination_task.create",
        entityType: "coordination_task",
        districtCode: project.districtCode,
        after: task,
      },
    );
    const [created] = await taskRows(tx).where(eq(coordinationTasks.id, taskId));
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
    const [r] = await taskRows(tx)
      .where(and(cond, eq(coordinationTasks.id, id)))
      .limit(1)
      .for("update", { of: coordinationTasks });
    if (!r) throw notFound("协同任务");
    if (!canAnswerTask(actor, org, { ...r.t, districtCode: r.districtCode }))
      throw forbidden("办理该协同任务");
    assertVersion(r.t.version, input.version, "该协同任务已被他人更新，请刷新后重试");
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
    const [updated] = await taskRows(tx).where(eq(coordinationTasks.id, id));
    return toTask(actor, org, updated!);
  });
}
