/**
 * Budget pool arithmetic (专项资金预算池): reserve an award when it is approved, commit it when it
 * is paid, release a reservation that is withdrawn. Pure: the server does the same steps inside one
 * transaction with a row lock, and stores the returned state. Amounts never go negative and a
 * reservation never exceeds what is available, so the pool is never overspent.
 */
import { formatMoney } from "./exact";

export interface BudgetPool {
  readonly id: string;
  readonly totalFen: number;
  /** Approved, not yet paid. */
  readonly reservedFen: number;
  /** Paid out. */
  readonly committedFen: number;
}

export type BudgetResult = { ok: true; pool: BudgetPool } | { ok: false; message: string };

const isAmount = (n: number) => Number.isSafeInteger(n) && n > 0;

export function availableFen(pool: BudgetPool): number {
  return pool.totalFen - pool.reservedFen - pool.committedFen;
}

/** Approved award → reserved. */
export function reserveBudget(pool: BudgetPool, amountFen: number): BudgetResult {
  if (!isAmount(amountFen)) return { ok: false, message: `预留金额应为正整数分，收到 ${amountFen}` };
  const left = availableFen(pool);
  if (amountFen > left)
    return {
      ok: false,
      message: `预算池“${pool.id}”可用余额 ${formatMoney(left)}，不足以预留 ${formatMoney(amountFen)}`,
    };
  return { ok: true, pool: { ...pool, reservedFen: pool.reservedFen + amountFen } };
}

/** Paid: reserved → committed. */
export function commitBudget(pool: BudgetPool, amountFen: number): BudgetResult {
  if (!isAmount(amountFen)) return { ok: false, message: `拨付金额应为正整数分，收到 ${amountFen}` };
  if (amountFen > pool.reservedFen)
    return {
      ok: false,
      message: `预算池“${pool.id}”已预留 ${formatMoney(pool.reservedFen)}，不足以拨付 ${formatMoney(amountFen)}`,
    };
  return {
    ok: true,
    pool: { ...pool, reservedFen: pool.reservedFen - amountFen, committedFen: pool.committedFen + amountFen },
  };
}

/** Withdrawn or reduced approval: reserved → available. */
export function releaseBudget(pool: BudgetPool, amountFen: number): BudgetResult {
  if (!isAmount(amountFen)) return { ok: false, message: `释放金额应为正整数分，收到 ${amountFen}` };
  if (amountFen > pool.reservedFen)
    return {
      ok: false,
      message: `预算池“${pool.id}”已预留 ${formatMoney(pool.reservedFen)}，不能释放 ${formatMoney(amountFen)}`,
    };
  return { ok: true, pool: { ...pool, reservedFen: pool.reservedFen - amountFen } };
}

/** A pool's own consistency (e.g. after loading it): non-negative parts that fit the total. */
export function checkBudgetPool(pool: BudgetPool): string[] {
  const errors: string[] = [];
  for (const [k, label] of [
    ["totalFen", "预算总额"],
    ["reservedFen", "已预留"],
    ["committedFen", "已拨付"],
  ] as const)
    if (!Number.isSafeInteger(pool[k]) || pool[k] < 0) errors.push(`${label}应为不小于 0 的整数分`);
  if (errors.length === 0 && availableFen(pool) < 0)
    errors.push(
      `已预留与已拨付合计 ${formatMoney(pool.reservedFen + pool.committedFen)}，超过预算总额 ${formatMoney(pool.totalFen)}`,
    );
  return errors;
}
