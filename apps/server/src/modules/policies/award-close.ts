import { type Executor, policyAwards } from "@dxcenter/db";
import type { Actor } from "@dxcenter/domain";
import { eq } from "drizzle-orm";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { runAwardStep } from "./award.guard";
import { getAward } from "./award.queries";
import { releaseReservations } from "./award-reservations";
import { reservationsOf } from "./award-snapshot";

/**
 * Ending an award before payment: the enterprise declines (放弃) or the bureau withdraws (撤销). What
 * is still reserved goes back to the pools in the same transaction; a withdrawn award may be
 * identified again by a later sweep.
 */
export async function closeAward(
  db: Executor,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { version: number; reason: string },
  kind: "decline" | "withdraw",
) {
  await runAwardStep(db, actor, { id, step: kind, version: input.version }, async (tx, r) => {
    const reservations = reservationsOf(r.a);
    await releaseReservations(tx, reservations);
    const status = kind === "decline" ? "declined" : "withdrawn";
    await tx
      .update(policyAwards)
      .set({
        status,
        closedAt: new Date(),
        closedBy: actor.id,
        closeReason: input.reason,
        updatedAt: new Date(),
        version: r.a.version + 1,
      })
      .where(eq(policyAwards.id, id));
    await recordAudit(tx, auditActor, {
      action: kind === "decline" ? "policy_award.decline" : "policy_award.withdraw",
      entityType: "policy_award",
      entityId: id,
      districtCode: r.districtCode,
      before: { status: r.a.status },
      after: {
        status,
        reason: input.reason,
        released: reservations.map((x) => ({ poolId: x.poolId, amountFen: x.amountFen - x.paidFen })),
      },
    });
  });
  return getAward(db, actor, id);
}
