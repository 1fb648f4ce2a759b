import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apportion } from "./apportion";

describe("apportion (largest remainder)", () => {
  it.each([
    ["even split", 100, { a: 1, b: 1, c: 2 }, { a: 25, b: 25, c: 50 }],
    ["remainders", 10, { a: 1, b: 1, c: 1 }, { a: 4, b: 3, c: 3 }],
    ["larger weight wins a tie of remainders", 1, { a: 2, b: 2, c: 4 }, { a: 0, b: 0, c: 1 }],
    ["zero weight gets nothing", 20, { a: 0, b: 3, c: 1 }, { a: 0, b: 15, c: 5 }],
    [
      "100 smart factories by 规上 counts",
      100,
      { "120101": 120, "120116": 2100, "120110": 480 },
      {
        "120101": 4,
        "120116": 78,
        "120110": 18,
      },
    ],
    ["zero total", 0, { a: 0, b: 0 }, { a: 0, b: 0 }],
  ] as const)("%s", (_n, total, weights, expected) => {
    expect(apportion(total, weights)).toEqual(expected);
  });

  it("refuses what cannot be split", () => {
    expect(() => apportion(5, {})).toThrow("没有可分配的对象");
    expect(() => apportion(5, { a: 0 })).toThrow("权重之和为 0");
    expect(() => apportion(-1, { a: 1 })).toThrow("总数");
    expect(() => apportion(1, { a: 1.5 })).toThrow("“a”的权重");
  });

  it("property: sums to the total, each within one unit of its exact share, zero weight gets zero", () => {
    fc.assert(
      fc.property(
        fc.nat(100_000),
        fc.dictionary(fc.constantFrom("a", "b", "c", "d", "e", "f"), fc.nat(10_000), { minKeys: 1 }),
        (total, weights) => {
          const sum = Object.values(weights).reduce((s, w) => s + w, 0);
          if (sum === 0) return;
          const r = apportion(total, weights);
          expect(Object.values(r).reduce((s, x) => s + x, 0)).toBe(total);
          for (const [k, w] of Object.entries(weights)) {
            const exact = (total * w) / sum;
            const got = r[k] ?? -1;
            expect(got).toBeGreaterThanOrEqual(Math.floor(exact + 1e-9) - 0);
            expect(got).toBeLessThanOrEqual(Math.ceil(exact - 1e-9));
            if (w === 0) expect(got).toBe(0);
          }
        },
      ),
    );
  });
});
