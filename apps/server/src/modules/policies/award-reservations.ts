import { budgetPools, type Executor } from "@dxcenter/db";
import { formatMoney } from "@dxcenter/domain";
import { and, eq, sql } from "drizzle-orm";
import { AppError, conflict } from "../../errors";
import type { AwardRow } from "./award.queries";
import { type Reservation, sharesOf } from "./award-snapshot";

/**
 * An award's money on the budget pools (专项资金预算池): which pool bears which share, reserving it,
 * giving a reservation back, and moving reserved → paid. Every change is ONE conditional UPDATE on the
 * pool row (`reserved + paid + amount <= total`, `reserved >= amount`), so concurrent steps serialize
 * on the row and a pool is never over-committed; the table's CHECK is the last line.
 */

interface PoolShare {
  poolId: string;
  poolName: string;
  amountFen: number;
}

const inconsistent = (message: string) => new AppError(500, "BUDGET_INCONSISTENT", message);

/** The pool of the budget year for each share (a district share: the award's district's pool), summed per pool. */
export async function resolvePools(tx: Executor, r: AwardRow, year: number): Promise<PoolShare[]> {
  const shares = sharesOf(r.a).filter((s) => s.amountFen > 0);
  const out: PoolShare[] = [];
  for (const s of shares) {
    const district = s.payer === "district" ? r.districtCode : null;
    const [pool] = await tx
      .select({ id: budgetPools.id, name: budgetPools.name })
      .from(budgetPools)
      .where(
        and(
          eq(budgetPools.code, s.budgetPoolCode),
          eq(budgetPools.year, year),
          district ? eq(budgetPools.districtCode, district) : sql`${budgetPools.districtCode} is null`,
        ),
      );
    if (!pool)
      throw conflict(
        "NO_BUDGET_POOL",
        `${year}年度尚未设立“${s.budgetPoolCode}”${district ? `${r.districtName}` : "市级"}预算池（${s.payerLabel}承担 ${formatMoney(s.amountFen)}），请先设立预算池`,
      );
    const same = out.find((o) => o.poolId === pool.id);
    if (same) same.amountFen += s.amountFen;
    else out.push({ poolId: pool.id, poolName: pool.name, amountFen: s.amountFen });
  }
  return out;
}

/** Reserves the pools' amounts (409 BUDGET_EXCEEDED naming what is left when one is short). */
export async function reservePools(tx: Executor, pools: PoolShare[]): Promise<Reservation[]> {
  const reservations: Reservation[] = [];
  for (const p of pools) {
    const updated = await tx
      .update(budgetPools)
      .set({ reservedFen: sql`${budgetPools.reservedFen} + ${p.amountFen}`, updatedAt: new Date() })
      .where(
        and(
          eq(budgetPools.id, p.poolId),
          sql`${budgetPools.reservedFen} + ${budgetPools.paidFen} + ${p.amountFen} <= ${budgetPools.totalFen}`,
        ),
      )
      .returning({ id: budgetPools.id });
    if (updated.length === 0) {
      const [pool] = await tx.select().from(budgetPools).where(eq(budgetPools.id, p.poolId));
      const left = pool ? pool.totalFen - pool.reservedFen - pool.paidFen : 0;
      throw conflict(
        "BUDGET_EXCEEDED",
        `预算池“${p.poolName}”剩余可用 ${formatMoney(left)}，不足以预留本笔 ${formatMoney(p.amountFen)}`,
      );
    }
    reservations.push({ ...p, paidFen: 0 });
  }
  return reservations;
}

/** Gives back what is still reserved (declined, withdrawn, or re-reserved after a recompute). */
export async function releaseReservations(tx: Executor, reservations: readonly Reservation[]) {
  for (const res of reservations) {
    const left = res.amountFen - res.paidFen;
    if (left <= 0) continue;
    const updated = await tx
      .update(budgetPools)
      .set({ reservedFen: sql`${budgetPools.reservedFen} - ${left}`, updatedAt: new Date() })
      .where(and(eq(budgetPools.id, res.poolId), sql`${budgetPools.reservedFen} >= ${left}`))
      .returning({ id: budgetPools.id });
    if (updated.length === 0) throw inconsistent(`预算池“${res.poolName}”的预留金额不一致`);
  }
}

/**
 * Pays `amountFen` out of the reservations in order: reserved → paid on each pool. Returns the
 * reservations with their new paid amounts and what moved on which pool.
 */
export async function payFromReservations(
  tx: Executor,
  reservations: readonly Reservation[],
  amountFen: number,
) {
  const after = reservations.map((x) => ({ ...x }));
  let left = amountFen;
  const moved: { poolId: string; amountFen: number }[] = [];
  for (const res of after) {
    const take = Math.min(left, res.amountFen - res.paidFen);
    if (take <= 0) continue;
    const updated = await tx
      .update(budgetPools)
      .set({
        reservedFen: sql`${budgetPools.reservedFen} - ${take}`,
        paidFen: sql`${budgetPools.paidFen} + ${take}`,
        updatedAt: new Date(),
      })
      .where(and(eq(budgetPools.id, res.poolId), sql`${budgetPools.reservedFen} >= ${take}`))
      .returning({ id: budgetPools.id });
    if (updated.length === 0) throw inconsistent(`预算池“${res.poolName}”的预留金额不一致`);
    res.paidFen += take;
    left -= take;
    moved.push({ poolId: res.poolId, amountFen: take });
  }
  if (left > 0) throw inconsistent("预留金额不足以拨付");
  return { reservations: after, moved };
}
