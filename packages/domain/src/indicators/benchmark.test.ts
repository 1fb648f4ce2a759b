import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  GROUP_TOO_SMALL,
  MIN_GROUP,
  percentileRank,
  rankCounts,
  shareOfGroup,
  whenLargeEnough,
} from "./benchmark";
import type { IndicatorDirection } from "./trajectory";

const rank = (values: number[], own: number, direction: IndicatorDirection = "higher") =>
  percentileRank(rankCounts(values, own), direction);

describe("percentile rank within a group", () => {
  it.each([
    // values, own, direction, percentile
    [[10, 20, 30, 40, 50], 50, "higher", 90], // 4 below + ½ of itself = 4.5 / 5
    [[10, 20, 30, 40, 50], 10, "higher", 10],
    [[10, 20, 30, 40, 50], 30, "higher", 50],
    [[10, 20, 30, 40, 50], 50, "lower", 10], // the largest is the worst when lower is better
    [[10, 20, 30, 40, 50], 10, "lower", 90],
    [[7, 7, 7, 7, 7], 7, "higher", 50], // all equal: half of the ties
    [[7, 7, 7, 7, 7], 7, "lower", 50],
    [[1, 2, 2, 2, 9], 2, "higher", 50], // 1 below + 3 ties / 2 = 2.5 / 5
    [[1, 2, 2, 2, 9], 2, "lower", 50],
    [[0, 0, 0, 5, 5, 5], 5, "higher", 75], // 3 below + 1.5 = 4.5 / 6
    [[0, 0, 0, 5, 5, 5], 0, "higher", 25],
    [[1, 2, 3], 3, "higher", 83], // 2.5 / 3 = 83.3 → 83
    [[1, 2, 3, 4, 5, 6, 7, 8], 8, "higher", 94], // 7.5 / 8 = 93.75 → 94
    [[42], 42, "higher", 50],
  ] as const)("%j, own %d, %s is better → %d", (values, own, direction, expected) =>
    expect(rank([...values], own, direction)).toBe(expected),
  );

  it("counts below and ties, its own value among the ties", () =>
    expect(rankCounts([3, 1, 3, 5, 2], 3)).toEqual({ total: 5, below: 2, ties: 2 }));

  it("an empty group has no rank", () =>
    expect(percentileRank({ total: 0, below: 0, ties: 0 }, "higher")).toBeNull());

  it("stays within 0–100 and never falls when the own value rises (higher is better)", () =>
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 0, maxLength: 40 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (others, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          // The own value is part of its group.
          const pLo = rank([...others, lo], lo);
          const pHi = rank([...others, hi], hi);
          const pLoLower = rank([...others, lo], lo, "lower");
          expect(pLo).not.toBeNull();
          expect(pLo ?? -1).toBeGreaterThanOrEqual(0);
          expect(pHi ?? 101).toBeLessThanOrEqual(100);
          // Mirror: "lower is better" ranks the same value from the other end.
          expect(Math.abs((pLo ?? 0) + (pLoLower ?? 0) - 100)).toBeLessThanOrEqual(1);
          if (lo < hi) expect(rank([...others, lo], hi) ?? 0).toBeGreaterThanOrEqual(pLo ?? 0);
        },
      ),
    ));
});

describe("share of a group having a yes/no fact", () => {
  it.each([
    [0, 5, 0],
    [5, 5, 100],
    [2, 5, 40],
    [1, 3, 33],
    [2, 3, 67],
    [0, 0, null],
  ])("%d of %d → %s", (yes, total, share) => expect(shareOfGroup(yes, total)).toBe(share));
});

describe("the minimum comparison group", () => {
  it("is 5 enterprises", () => expect(MIN_GROUP).toBe(5));

  it("hides a group of 4 with the reason and no figures", () =>
    expect(whenLargeEnough(4, () => ({ size: 4, median: 12 }))).toEqual({
      shown: false,
      reason: GROUP_TOO_SMALL,
    }));

  it("shows a group of 5 with its figures", () =>
    expect(whenLargeEnough(5, () => ({ size: 5, median: 12 }))).toEqual({
      shown: true,
      reason: null,
      size: 5,
      median: 12,
    }));

  it("hides an empty group", () => expect(whenLargeEnough(0, () => ({ size: 0 })).shown).toBe(false));

  it("says why in Chinese", () => expect(GROUP_TOO_SMALL).toBe("对比样本不足5家"));
});
