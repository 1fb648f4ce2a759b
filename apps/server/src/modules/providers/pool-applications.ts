import type { PoolApplyRequest } from "@dxcenter/contracts";
import { type Database, poolApplications, providers } from "@dxcenter/db";
import { type Actor, type AuditAction, PROVIDER_WORKFLOW, type ProviderAction } from "@dxcenter/domain";
import { and, count, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { conflict, forbidden } from "../../errors";
import { assertStep } from "../../lib/workflow";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { getApplication } from "./pool.queries";
import { applicationStep, bump, checkVersion, OPEN_APPLICATION } from "./pool-step";
import { providerIdOfUser } from "./provider-members";
import { PROVIDER_TEXTS, transitionProvider } from "./provider-status";

/** 申请入库: a provider applies (one open application at a time), withdraws before the review; the city starts the review. */

export async function applyToPool(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  input: z.output<typeof PoolApplyRequest>,
) {
  if (actor.role !== "provider") throw forbidden("提交入库申请");
  const providerId = await providerIdOfUser(db, actor.id);
  if (!providerId) throw conflict("NO_ORGANIZATION", "请先在“我的机构”登记机构信息");
  const id = await db.transaction(async (tx) => {
    const [p] = await tx.select().from(providers).where(eq(providers.id, providerId)).for("update");
    const [open] = await tx
      .select({ n: count() })
      .from(poolApplications)
      .where(
        and(eq(poolApplications.providerId, providerId), inArray(poolApplications.status, OPEN_APPLICATION)),
      );
    if ((open?.n ?? 0) > 0)
      throw conflict("OPEN_APPLICATION", "已有一份入库申请正在办理中，办结后方可再次申请");
    const facts = { status: p!.status, memberUserIds: [actor.id] };
    assertStep(PROVIDER_WORKFLOW, PROVIDER_TEXTS, actor, facts, "apply");
    const [row] = await tx
      .insert(poolApplications)
      .values({
        providerId,
        category: input.category,
        materials: input.materials,
        statement: input.statement,
        submittedBy: actor.id,
      })
      .returning({ id: poolApplications.id });
    await transitionProvider(tx, providerId, "apply", actor.id, "提交入库申请");
    await recordAudit(tx, auditActor, {
      action: "pool_application.submit",
      entityType: "pool_application",
      entityId: row!.id,
      after: { providerId, category: input.category, materials: input.materials.length },
    });
    return row!.id;
  });
  return getApplication(db, actor, id);
}

/**
 * A step that only moves the application and its provider on (withdraw, start the review): the
 * version check, the application's new columns, the provider's transition and the audit row.
 */
function moveApplication(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  version: number,
  step: "withdraw" | "openReview",
  move: {
    set: () => Partial<typeof poolApplications.$inferInsert>;
    provider: ProviderAction;
    reason: string;
    audit: AuditAction;
  },
) {
  return applicationStep(db, actor, id, step, async (tx, l) => {
    checkVersion(l.row.a, version);
    await tx
      .update(poolApplications)
      .set({ ...move.set(), ...bump() })
      .where(eq(poolApplications.id, id));
    await transitionProvider(tx, l.row.a.providerId, move.provider, actor.id, move.reason);
    await recordAudit(tx, auditActor, { action: move.audit, entityType: "pool_application", entityId: id });
  });
}

export const withdrawApplication = (
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  version: number,
) =>
  moveApplication(db, actor, auditActor, id, version, "withdraw", {
    set: () => ({ status: "withdrawn", closedAt: new Date(), closedReason: "申请人撤回" }),
    provider: "withdraw",
    reason: "撤回入库申请",
    audit: "pool_application.withdraw",
  });

export const openReview = (db: Database, actor: Actor, auditActor: AuditActor, id: string, version: number) =>
  moveApplication(db, actor, auditActor, id, version, "openReview", {
    set: () => ({ status: "under_review", reviewOpenedAt: new Date() }),
    provider: "review",
    reason: "启动入库评审",
    audit: "pool_application.review_open",
  });
