import { type Database, type Executor, providerStatusEvents, providers } from "@dxcenter/db";
import {
  type Actor,
  nextProviderStatus,
  PROVIDER_WORKFLOW,
  type ProviderAction,
  type ProviderStatus,
  type ProviderStep,
} from "@dxcenter/domain";
import { eq, sql } from "drizzle-orm";
import { forbidden, notFound, stateConflict } from "../../errors";
import { assertVersion } from "../../lib/optimistic-lock";
import { assertStep, type WorkflowTexts } from "../../lib/workflow";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { refreshDemandVisibility } from "../demands/visibility";
import { getProvider } from "./provider.queries";

/**
 * A provider's status: every transition (登记 → 申请 → 评审 → 公示 → 入库 → 暂停 / 出库) recorded as a
 * status event, inside the caller's transaction (the pool application steps move it), and 出库.
 * Who may take which step in which status: PROVIDER_WORKFLOW (domain/access/provider-access.ts).
 */

const TRANSITION_REFUSED = "服务商当前状态不允许此操作";

export const PROVIDER_TEXTS: WorkflowTexts<ProviderStep, ProviderStatus> = {
  entity: "provider",
  action: {
    edit: "修改服务商机构信息",
    apply: "提交入库申请",
    withdraw: "撤回入库申请",
    review: "启动评审",
    notice: "作出入库决定",
    admit: "认定入库",
    reject: "作出入库决定",
    suspend: "暂停服务商",
    reinstate: "恢复服务商",
    exit: "办理服务商出库",
  },
  conflict: (step, status) =>
    step === "edit"
      ? "已出库的机构不能修改信息"
      : step === "apply"
        ? status === "admitted"
          ? "机构已在资源池中，无需再次申请"
          : "机构当前状态不能申请入库"
        : TRANSITION_REFUSED,
};

/** Moves a provider along the domain's transitions and records the event (inside the caller's transaction). */
export async function transitionProvider(
  tx: Executor,
  providerId: string,
  action: ProviderAction,
  actorId: string | null,
  reason: string | null,
  extra: Partial<typeof providers.$inferInsert> = {},
) {
  const [cur] = await tx
    .select({ status: providers.status })
    .from(providers)
    .where(eq(providers.id, providerId))
    .for("update");
  if (!cur) throw notFound("服务商");
  const from = cur.status;
  const to = nextProviderStatus(from, action);
  // The application step that moves the provider checked its own table; this is the status's own rule.
  if (!to) throw stateConflict("provider", from, TRANSITION_REFUSED, { step: action });
  await tx
    .update(providers)
    .set({ status: to, updatedAt: new Date(), version: sql`${providers.version} + 1`, ...extra })
    .where(eq(providers.id, providerId));
  await tx
    .insert(providerStatusEvents)
    .values({ providerId, fromStatus: from, toStatus: to, reason, actorId });
  // Admitted, suspended, exited…: its solutions enter or leave every demand's ranking.
  if (from !== to && (from === "admitted" || to === "admitted"))
    await refreshDemandVisibility(tx, [providerId]);
  return to;
}

export async function exitProvider(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { reason: string; version: number },
) {
  if (actor.role !== "city_admin") throw forbidden("办理服务商出库");
  await db.transaction(async (tx) => {
    const [cur] = await tx.select().from(providers).where(eq(providers.id, id)).for("update");
    if (!cur) throw notFound("服务商");
    assertVersion(cur.version, input.version, "服务商信息已被修改，请刷新后重试");
    const facts = { status: cur.status, memberUserIds: [] };
    assertStep(PROVIDER_WORKFLOW, PROVIDER_TEXTS, actor, facts, "exit");
    await transitionProvider(tx, id, "exit", actor.id, input.reason, {
      exitedAt: new Date(),
      exitReason: input.reason,
    });
    await recordAudit(tx, auditActor, {
      action: "provider.exit",
      entityType: "provider",
      entityId: id,
      before: { status: cur.status },
      after: { status: "exited", reason: input.reason },
    });
  });
  return getProvider(db, actor, id);
}
