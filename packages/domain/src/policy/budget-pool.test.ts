import { describe, expect, it } from "vitest";
import {
  availableFen,
  type BudgetPool,
  checkBudgetPool,
  commitBudget,
  releaseBudget,
  reserveBudget,
} from "./budget-pool";

const pool: BudgetPool = {
  id: "tj-city-mfg-hq-fund",
  totalFen: 100_000_000,
  reservedFen: 0,
  committedFen: 0,
};
const ok = (r: ReturnType<typeof reserveBudget>) => {
  if (!r.ok) throw new Error(r.message);
  return r.pool;
};

describe("budget pool", () => {
  it("reserve → commit → release keeps total = available + reserved + committed", () => {
    let p = ok(reserveBudget(pool, 60_000_000));
    p = ok(commitBudget(p, 20_000_000));
    p = ok(releaseBudget(p, 10_000_000));
    expect(p).toEqual({ ...pool, reservedFen: 30_000_000, committedFen: 20_000_000 });
    expect(availableFen(p)).toBe(50_000_000);
    expect(checkBudgetPool(p)).toEqual([]);
  });
  it("never overspends or goes negative", () => {
    expect(reserveBudget(pool, 100_000_001)).toEqual({
      ok: false,
      message: "预算池“tj-city-mfg-hq-fund”可用余额 100万元，不足以预留 1,000,000.01元",
    });
    expect(commitBudget(pool, 1)).toEqual({
      ok: false,
      message: "预算池“tj-city-mfg-hq-fund”已预留 0元，不足以拨付 0.01元",
    });
    expect(releaseBudget(pool, 1).ok).toBe(false);
    for (const bad of [0, -1, 1.5]) expect(reserveBudget(pool, bad).ok).toBe(false);
  });
  it("checks a loaded pool", () => {
    expect(checkBudgetPool({ ...pool, reservedFen: 80_000_000, committedFen: 30_000_000 })).toEqual([
      "已预留与已拨付合计 110万元，超过预算总额 100万元",
    ]);
    expect(checkBudgetPool({ ...pool, reservedFen: -1 })).toEqual(["已预留应为不小于 0 的整数分"]);
  });
});
