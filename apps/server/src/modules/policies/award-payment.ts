import type { PaymentRequest } from "@dxcenter/contracts";
import { awardPayments, type Executor, policyAwards } from "@dxcenter/db";
import { type Actor, formatMoney, parseWanYuanToFen } from "@dxcenter/domain";
import { count, eq } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, conflict, forbidden } from "../../errors";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { AWARD_STEP_TEXTS, guardAwardStep } from "./award.guard";
import { findAwardRow, getAward } from "./award.queries";
import { payFromReservations } from "./award-reservations";
import { reservationsOf } from "./award-snapshot";

/** The idempotency key of a payment, from the header or the body (the two must agree). */
function idempotencyKeyOf(input: z.output<typeof PaymentRequest>, headerKey: string | undefined): string {
  const key = (headerKey ?? input.idempotencyKey ?? "").trim();
  if (key.length < 8 || key.length > 200)
    throw badRequest(
      "幂等键（Idempotency-Key）：必须提供 8–200 个字符，重试时使用同一个值",
      "idempotencyKey",
    );
  if (headerKey && input.idempotencyKey && headerKey.trim() !== input.idempotencyKey)
    throw badRequest("幂等键：请求头与请求体中的值不一致", "idempotencyKey");
  return key;
}

const keyReused = () =>
  conflict("IDEMPOTENCY_KEY_REUSED", "该幂等键已用于另一笔拨付，请使用新的幂等键", "idempotencyKey");

/**
 * 登记拨付. The idempotency key is UNIQUE: the award row is locked first, so a retried request with
 * the same key (in parallel or later) finds the first one's payment and returns it instead of paying
 * again. reserved → paid moves on the pools in the same transaction, each a conditional UPDATE.
 */
export async function recordPayment(
  db: Executor,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: z.output<typeof PaymentRequest>,
  headerKey: string | undefined,
) {
  const key = idempotencyKeyOf(input, headerKey);
  if (actor.role !== "city_admin") {
    await findAwardRow(db, actor, id); // 404 for what the caller cannot see
    throw forbidden(AWARD_STEP_TEXTS.action.pay);
  }
  const result = await db.transaction(async (tx) => {
    const r = await findAwardRow(tx, actor, id, true);
    const [existing] = await tx.select().from(awardPayments).where(eq(awardPayments.idempotencyKey, key));
    if (existing) {
      if (existing.awardId !== id) throw keyReused();
      return { paymentId: existing.id, created: false };
    }
    guardAwardStep(actor, r, "pay");
    const a = r.a;
    const remaining = a.amountFen - a.paidFen;
    let amount = remaining;
    if (input.amountWan) {
      const fen = parseWanYuanToFen(input.amountWan);
      if (fen === null || fen <= 0)
        throw badRequest("拨付金额：请输入大于 0 的万元金额（最小到分）", "amountWan");
      if (fen > remaining)
        throw badRequest(`拨付金额 ${formatMoney(fen)} 超过未拨付的 ${formatMoney(remaining)}`, "amountWan");
      amount = fen;
    }
    const { reservations, moved } = await payFromReservations(tx, reservationsOf(a), amount);
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(awardPayments)
      .where(eq(awardPayments.awardId, id));
    const inserted = await tx
      .insert(awardPayments)
      .values({
        awardId: id,
        tranche: n + 1,
        amountFen: amount,
        idempotencyKey: key,
        voucherNo: input.voucherNo || null,
        paidBy: actor.id,
      })
      .onConflictDoNothing()
      .returning({ id: awardPayments.id });
    if (inserted.length === 0) throw keyReused();
    const paidFen = a.paidFen + amount;
    const full = paidFen === a.amountFen;
    await tx
      .update(policyAwards)
      .set({
        paidFen,
        reservations,
        ...(full ? { status: "paid", paidAt: new Date() } : {}),
        updatedAt: new Date(),
        version: a.version + 1,
      })
      .where(eq(policyAwards.id, id));
    await recordAudit(tx, auditActor, {
      action: "policy_award.pay",
      entityType: "policy_award",
      entityId: id,
      districtCode: r.districtCode,
      before: { status: a.status, paidFen: a.paidFen },
      after: {
        status: full ? "paid" : a.status,
        tranche: n + 1,
        amountFen: amount,
        paidFen,
        awardAmountFen: a.amountFen,
        idempotencyKey: key,
        voucherNo: input.voucherNo ?? null,
        pools: moved,
      },
    });
    return { paymentId: inserted[0]!.id, created: true };
  });
  const award = await getAward(db, actor, id);
  const payment = award.payments.find((p) => p.id === result.paymentId)!;
  return { payment, created: result.created, award };
}
