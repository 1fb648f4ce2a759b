import type { PoolAdmitRequest, PoolHandleObjectionRequest, PoolObjectionRequest } from "@dxcenter/contracts";
import { type Database, poolApplications, poolObjections, providers } from "@dxcenter/db";
import {
  type Actor,
  canObject,
  type MaybeActor,
  OBJECTION_WORKFLOW,
  type ObjectionStatus,
} from "@dxcenter/domain";
import { and, count, eq } from "drizzle-orm";
import type { z } from "zod";
import { conflict, forbidden, notFound } from "../../errors";
import { assertStep, type WorkflowTexts } from "../../lib/workflow";
import { type AuditActor, insertAudited, recordAudit } from "../audit/audit.service";
import { applicationStep, bump, checkVersion } from "./pool-step";
import { transitionProvider } from "./provider-status";

/** 公示: objections filed by anyone during the notice, handled by the city; admission once it ended with none open. */

const OBJECTION_TEXTS: WorkflowTexts<"handle", ObjectionStatus> = {
  entity: "objection",
  action: { handle: "处理公示异议" },
  conflict: () => "该异议已处理",
};

export async function fileObjection(
  db: Database,
  actor: MaybeActor,
  auditActor: AuditActor,
  applicationId: string,
  input: z.output<typeof PoolObjectionRequest>,
  today: string,
) {
  return db.transaction(async (tx) => {
    const [a] = await tx.select().from(poolApplications).where(eq(poolApplications.id, applicationId));
    if (a?.status !== "in_notice") throw notFound("公示");
    if (!canObject(today, { status: a.status, start: a.noticeStart, end: a.noticeEnd }))
      throw conflict("NOTICE_CLOSED", `公示期为 ${a.noticeStart} 至 ${a.noticeEnd}，当前不在公示期内`);
    const objectionId = await insertAudited(
      tx,
      auditActor,
      poolObjections,
      {
        applicationId,
        content: input.content,
        contactName: input.contactName ?? null,
        contactPhone: input.contactPhone,
        filedBy: actor?.id ?? null,
      },
      {
        action: "pool_objection.file",
        entityType: "pool_objection",
        after: { applicationId, anonymous: !actor },
      },
    );
    return { id: objectionId, message: "异议已提交，市工信局将在核实后处理并与您联系" };
  });
}

export async function handleObjection(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  objectionId: string,
  input: z.output<typeof PoolHandleObjectionRequest>,
) {
  if (actor.role !== "city_admin") throw forbidden("处理公示异议");
  const [o] = await db.select().from(poolObjections).where(eq(poolObjections.id, objectionId));
  if (!o) throw notFound("公示异议");
  return applicationStep(db, actor, o.applicationId, "handleObjections", async (tx, l) => {
    const [cur] = await tx
      .select({ status: poolObjections.status })
      .from(poolObjections)
      .where(eq(poolObjections.id, objectionId))
      .for("update");
    assertStep(OBJECTION_WORKFLOW, OBJECTION_TEXTS, actor, { status: cur!.status }, "handle");
    await tx
      .update(poolObjections)
      .set({ status: input.outcome, handlingNote: input.note, handledBy: actor.id, handledAt: new Date() })
      .where(eq(poolObjections.id, objectionId));
    if (input.outcome === "upheld") {
      await tx
        .update(poolApplications)
        .set({
          status: "rejected",
          closedAt: new Date(),
          closedReason: `公示异议成立：${input.note}`,
          ...bump(),
        })
        .where(eq(poolApplications.id, l.row.a.id));
      await transitionProvider(tx, l.row.a.providerId, "reject", actor.id, `公示异议成立：${input.note}`);
    }
    await recordAudit(tx, auditActor, {
      action: "pool_objection.handle",
      entityType: "pool_objection",
      entityId: objectionId,
      after: { outcome: input.outcome, note: input.note, applicationId: l.row.a.id },
    });
  });
}

export async function admitAfterNotice(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: z.output<typeof PoolAdmitRequest>,
  today: string,
) {
  return applicationStep(db, actor, id, "admit", async (tx, l) => {
    checkVersion(l.row.a, input.version);
    const a = l.row.a;
    if (!a.noticeEnd || today <= a.noticeEnd)
      throw conflict("NOTICE_RUNNING", `公示期至 ${a.noticeEnd} 结束，期满后方可认定入库`);
    const [open] = await tx
      .select({ n: count() })
      .from(poolObjections)
      .where(and(eq(poolObjections.applicationId, id), eq(poolObjections.status, "open")));
    if ((open?.n ?? 0) > 0) throw conflict("OBJECTIONS_OPEN", `尚有 ${open!.n} 条公示异议未处理`);
    await tx
      .update(poolApplications)
      .set({ status: "admitted", closedAt: new Date(), closedReason: "公示期满无异议，认定入库", ...bump() })
      .where(eq(poolApplications.id, id));
    const [p] = await tx
      .select({ categories: providers.categories })
      .from(providers)
      .where(eq(providers.id, a.providerId));
    const categories = [...new Set([...(p?.categories ?? []), a.category])];
    await transitionProvider(tx, a.providerId, "admit", actor.id, "公示期满无异议，认定入库", {
      admittedAt: new Date(),
      categories,
      exitedAt: null,
      exitReason: null,
    });
    await recordAudit(tx, auditActor, {
      action: "pool_application.admit",
      entityType: "pool_application",
      entityId: id,
      after: { providerId: a.providerId },
    });
  });
}
