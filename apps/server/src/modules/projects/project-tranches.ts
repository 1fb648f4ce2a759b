import { awardPayments, type Database } from "@dxcenter/db";
import { type Actor, planTranches, trancheGate } from "@dxcenter/domain";
import { count, eq } from "drizzle-orm";
import { AppError, badRequest, conflict } from "../../errors";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { recordPayment } from "../policies/award-payment";
import { bumpProjectVersion, findProjectRow } from "./project.queries";
import { assertProjectStep } from "./project-guard";
import { getProject } from "./project-read";

/** Disbursement in tranches (分期拨付): the award_payments of the project's award. */

const fenToWanText = (fen: number) =>
  `${Math.trunc(fen / 1_000_000)}.${String(fen % 1_000_000).padStart(6, "0")}`;

/**
 * 分期拨付. The project row is locked first, so retries and double clicks serialize: a key already
 * used for this award returns the earlier payment (created: false) and pays nothing; otherwise the
 * tranche must be the next one and its milestone reached (domain trancheGate), and the payment is
 * recorded by the policy module's recordPayment (reserved → paid on the pools, UNIQUE idempotency key)
 * inside this transaction.
 */
export async function payTranche(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { tranche: number; voucherNo?: string | undefined; idempotencyKey?: string | undefined },
  headerKey: string | undefined,
) {
  const key = (headerKey ?? input.idempotencyKey ?? "").trim();
  if (key.length < 8 || key.length > 200)
    throw badRequest(
      "幂等键（Idempotency-Key）：必须提供 8–200 个字符，重试时使用同一个值",
      "idempotencyKey",
    );
  const result = await db.transaction(async (tx) => {
    const row = await findProjectRow(tx, actor, id, true);
    assertProjectStep(actor, row, "pay");
    const p = row.p;
    if (!p.awardId || !p.approvedAmountFen) throw conflict("NO_AWARD", "该项目没有核定补助，无需拨付");
    const [existing] = await tx.select().from(awardPayments).where(eq(awardPayments.idempotencyKey, key));
    if (existing) {
      if (existing.awardId !== p.awardId)
        throw conflict(
          "IDEMPOTENCY_KEY_REUSED",
          "该幂等键已用于另一笔拨付，请使用新的幂等键",
          "idempotencyKey",
        );
      return { created: false, tranche: existing.tranche, amountFen: existing.amountFen };
    }
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(awardPayments)
      .where(eq(awardPayments.awardId, p.awardId));
    const plan = planTranches(p.approvedAmountFen);
    const gate = trancheGate(plan, input.tranche, p.status, n);
    if (!gate.ok) throw conflict("TRANCHE_NOT_DUE", gate.message, "tranche");
    const paid = await recordPayment(
      tx,
      actor,
      auditActor,
      p.awardId,
      {
        amountWan: fenToWanText(gate.tranche.amountFen),
        ...(input.voucherNo ? { voucherNo: input.voucherNo } : {}),
      },
      key,
    );
    if (paid.payment.tranche !== gate.tranche.tranche)
      throw new AppError(500, "TRANCHE_MISMATCH", "拨付批次与拨付计划不一致");
    await bumpProjectVersion(tx, id);
    await recordAudit(tx, auditActor, {
      action: "project.pay",
      entityType: "project",
      entityId: id,
      districtCode: p.districtCode,
      before: { paidFen: Number(row.paidFen) },
      after: {
        tranche: gate.tranche.tranche,
        milestone: gate.tranche.milestone,
        amountFen: gate.tranche.amountFen,
        approvedAmountFen: p.approvedAmountFen,
        paidFen: Number(row.paidFen) + gate.tranche.amountFen,
        awardId: p.awardId,
        idempotencyKey: key,
        voucherNo: input.voucherNo ?? null,
        plan,
      },
    });
    return { created: true, tranche: gate.tranche.tranche, amountFen: gate.tranche.amountFen };
  });
  return { ...result, project: await getProject(db, actor, id) };
}
