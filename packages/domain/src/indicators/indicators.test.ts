import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addPeriods,
  comparePeriods,
  lastClosedPeriod,
  lastPeriods,
  parsePeriod,
  periodAsOf,
  periodEnd,
  periodEndMonth,
  periodOf,
  periodStart,
  yearElapsed,
} from "./period";
import {
  expectedValue,
  type IndicatorDirection,
  STATUS_RANK,
  type Thresholds,
  type Trajectory,
  trajectoryStatus,
} from "./trajectory";

describe("period keys", () => {
  it.each([
    ["2026-11", { frequency: "monthly", year: 2026, index: 11 }],
    ["2026-01", { frequency: "monthly", year: 2026, index: 1 }],
    ["2026-Q4", { frequency: "quarterly", year: 2026, index: 4 }],
    ["2026", { frequency: "yearly", year: 2026, index: 1 }],
  ])("parses %s", (key, p) => expect(parsePeriod(key)).toEqual(p));

  it.each(["2026-13", "2026-00", "2026-1", "2026-Q5", "2026-Q0", "26", "2026-11-01", "", "2026Q1"])(
    "refuses %s",
    (key) => expect(parsePeriod(key)).toBeNull(),
  );

  it.each([
    ["2026-11", 1, "2026-12"],
    ["2026-12", 1, "2027-01"],
    ["2027-01", -1, "2026-12"],
    ["2026-11", -11, "2025-12"],
    ["2026-11", -23, "2024-12"],
    ["2026-Q4", 1, "2027-Q1"],
    ["2027-Q1", -1, "2026-Q4"],
    ["2026-Q2", -6, "2024-Q4"],
    ["2026", 1, "2027"],
    ["2026", -3, "2023"],
    ["2026-05", 0, "2026-05"],
  ])("%s %+d → %s", (key, n, out) => expect(addPeriods(key, n)).toBe(out));

  it.each([
    ["2026-02", "2026-02-01", "2026-02-28"],
    ["2024-02", "2024-02-01", "2024-02-29"],
    ["2026-11", "2026-11-01", "2026-11-30"],
    ["2026-12", "2026-12-01", "2026-12-31"],
    ["2026-Q1", "2026-01-01", "2026-03-31"],
    ["2026-Q3", "2026-07-01", "2026-09-30"],
    ["2026-Q4", "2026-10-01", "2026-12-31"],
    ["2026", "2026-01-01", "2026-12-31"],
  ])("%s runs from %s to %s", (key, start, end) => {
    expect(periodStart(key)).toBe(start);
    expect(periodEnd(key)).toBe(end);
  });

  it.each([
    ["2026-03-31", "monthly", "2026-03"],
    ["2026-04-01", "quarterly", "2026-Q2"],
    ["2026-03-31", "quarterly", "2026-Q1"],
    ["2026-12-31", "yearly", "2026"],
  ] as const)("%s lies in the %s period %s", (day, f, key) => expect(periodOf(day, f)).toBe(key));

  it("the last closed period is the one before today's", () => {
    expect(lastClosedPeriod("2026-12-07", "monthly")).toBe("2026-11");
    expect(lastClosedPeriod("2027-01-01", "monthly")).toBe("2026-12");
    expect(lastClosedPeriod("2026-12-07", "quarterly")).toBe("2026-Q3");
    expect(lastClosedPeriod("2026-12-07", "yearly")).toBe("2025");
  });

  it.each([
    ["2026-11", "monthly", "2026-11"],
    ["2026-11", "quarterly", "2026-Q3"],
    ["2026-12", "quarterly", "2026-Q4"],
    ["2026-09", "quarterly", "2026-Q3"],
    ["2026-11", "yearly", "2025"],
    ["2026-12", "yearly", "2026"],
  ] as const)("as of %s the last %s period is %s", (month, f, key) => expect(periodAsOf(month, f)).toBe(key));

  it("year elapsed and end months", () => {
    expect(yearElapsed("2026-Q1")).toBe(0.25);
    expect(yearElapsed("2026-06")).toBe(0.5);
    expect(yearElapsed("2026")).toBe(1);
    expect(periodEndMonth("2026")).toBe(periodEndMonth("2026-12"));
    expect(periodEndMonth("2026-Q4")).toBe(periodEndMonth("2026-12"));
    expect(periodEndMonth("2026-Q2")).toBe(periodEndMonth("2026-06"));
  });

  it("the last 12 periods end with the period, oldest first", () => {
    const l = lastPeriods("2026-11", 12);
    expect(l).toHaveLength(12);
    expect(l[0]).toBe("2025-12");
    expect(l[11]).toBe("2026-11");
  });

  const keyArb = fc.oneof(
    fc
      .record({ y: fc.integer({ min: 1990, max: 2100 }), m: fc.integer({ min: 1, max: 12 }) })
      .map(({ y, m }) => `${y}-${String(m).padStart(2, "0")}`),
    fc
      .record({ y: fc.integer({ min: 1990, max: 2100 }), q: fc.integer({ min: 1, max: 4 }) })
      .map(({ y, q }) => `${y}-Q${q}`),
    fc.integer({ min: 1990, max: 2100 }).map(String),
  );

  it("property: adding n then −n is the identity, and n > 0 moves later", () => {
    fc.assert(
      fc.property(keyArb, fc.integer({ min: -500, max: 500 }), (key, n) => {
        const moved = addPeriods(key, n);
        expect(parsePeriod(moved)).not.toBeNull();
        expect(addPeriods(moved, -n)).toBe(key);
        expect(Math.sign(comparePeriods(moved, key))).toBe(Math.sign(n));
      }),
    );
  });

  it("property: every day of a period lies in it, the day after its end in the next one", () => {
    fc.assert(
      fc.property(keyArb, (key) => {
        const f = parsePeriod(key)!.frequency;
        expect(periodOf(periodStart(key), f)).toBe(key);
        expect(periodOf(periodEnd(key), f)).toBe(key);
        const after = new Date(`${periodEnd(key)}T00:00:00Z`);
        after.setUTCDate(after.getUTCDate() + 1);
        expect(periodOf(after.toISOString().slice(0, 10), f)).toBe(addPeriods(key, 1));
      }),
    );
  });
});

// 数字化研发设计工具普及率: 80 % by 2023 (a milestone target), 90 % by 2027; base unknown.
const RD: Trajectory = {
  accumulation: "level",
  base: { year: 2023, value: null },
  milestones: [{ year: 2023, value: 80 }],
  target: { year: 2027, value: 90 },
};
// 新增智能工厂: 100 a year from 2025 on.
const FACTORIES: Trajectory = {
  accumulation: "ytd",
  base: null,
  milestones: [{ year: 2025, value: 100 }],
  target: { year: 2027, value: 100 },
};
const NONE: Trajectory = {
  accumulation: "level",
  base: null,
  milestones: [],
  target: { year: 2027, value: null },
};

describe("expected value on the trajectory", () => {
  it.each([
    [RD, "2023-11", null], // before the first set point: nothing to expect (待设定)
    [RD, "2023-12", 80],
    [RD, "2023", 80],
    [RD, "2024-12", 82.5],
    [RD, "2025-06", 83.75], // 18 of 48 months: 80 + 10 × 18/48,
    [RD, "2025-Q2", 83.75],
    [RD, "2027", 90],
    [RD, "2027-12", 90],
    [RD, "2029-06", 90], // held after the final target
    [FACTORIES, "2024-12", null],
    [FACTORIES, "2025-01", 100 / 12],
    [FACTORIES, "2025-Q2", 50],
    [FACTORIES, "2026-11", (100 * 11) / 12],
    [FACTORIES, "2028", 100],
    [NONE, "2026-11", null],
  ] as const)("%#: %s", (t, key, expected) => {
    const v = expectedValue(t, key);
    if (expected === null) expect(v).toBeNull();
    else expect(v).toBeCloseTo(expected, 9);
  });

  it("a base value with its year starts the line", () => {
    const t: Trajectory = {
      accumulation: "level",
      base: { year: 2023, value: 1000 },
      milestones: [],
      target: { year: 2027, value: 1250 },
    };
    expect(expectedValue(t, "2025")).toBe(1125);
    expect(expectedValue(t, "2023-06")).toBeNull();
  });

  it("property: a level trajectory's expected value lies between its neighbouring points", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 120 }),
        (values, offset) => {
          const t: Trajectory = {
            accumulation: "level",
            base: null,
            milestones: values.map((value, i) => ({ year: 2020 + i, value })),
            target: null,
          };
          const key = addPeriods("2020-12", offset);
          const v = expectedValue(t, key)!;
          const lo = Math.min(...values);
          const hi = Math.max(...values);
          expect(v).toBeGreaterThanOrEqual(lo - 1e-6);
          expect(v).toBeLessThanOrEqual(hi + 1e-6);
        },
      ),
    );
  });
});

const T: Thresholds = { alertGap: 0.1, excellenceMargin: 0.05 };

describe("trajectory status at every boundary", () => {
  it.each([
    // value, expected, direction, status, excellent
    [100, 100, "higher", "on_track", false],
    [104.99, 100, "higher", "on_track", false],
    [105, 100, "higher", "on_track", true], // exactly the excellence margin
    [99.99, 100, "higher", "behind", false],
    [90.01, 100, "higher", "behind", false],
    [90, 100, "higher", "alert", false], // exactly the alert gap
    [0, 100, "higher", "alert", false],
    [90, 90, "higher", "on_track", false],
    [81, 90, "higher", "alert", false], // 9 = 0.1 × 90 despite binary rounding
    [81.0001, 90, "higher", "behind", false],
    [100, 100, "lower", "on_track", false],
    [95, 100, "lower", "on_track", true],
    [95.01, 100, "lower", "on_track", false],
    [100.01, 100, "lower", "behind", false],
    [110, 100, "lower", "alert", false],
    [109.99, 100, "lower", "behind", false],
    [0, 0, "higher", "on_track", false], // exactly on a zero target is not "excellent"
    [1, 0, "higher", "on_track", true],
    [-1, 0, "higher", "alert", false], // any shortfall against zero reaches the gap
    [-80, -100, "higher", "on_track", true], // negative expected: the scale is |expected|
    [-110, -100, "higher", "alert", false],
  ] as const)("%d vs %d (%s) → %s", (value, expected, direction, status, excellent) => {
    const r = trajectoryStatus(value, expected, direction, T);
    expect(r.status).toBe(status);
    expect(r.excellent).toBe(excellent);
    expect(r.unknownReason).toBeNull();
  });

  it("without an alert gap a shortfall is only 滞后; without a margin nothing is excellent", () => {
    const none: Thresholds = { alertGap: null, excellenceMargin: null };
    expect(trajectoryStatus(0, 100, "higher", none).status).toBe("behind");
    expect(trajectoryStatus(1000, 100, "higher", none)).toMatchObject({
      status: "on_track",
      excellent: false,
    });
  });

  it("null value → 暂无数据; null expected → 待设定; no value wins", () => {
    expect(trajectoryStatus(null, 100, "higher", T)).toEqual({
      status: "unknown",
      excellent: false,
      shortfall: null,
      unknownReason: "no_value",
    });
    expect(trajectoryStatus(50, null, "higher", T).unknownReason).toBe("no_target");
    expect(trajectoryStatus(null, null, "lower", T).unknownReason).toBe("no_value");
  });

  it("the shortfall is in the indicator's unit, positive when behind", () => {
    expect(trajectoryStatus(85, 90, "higher", T).shortfall).toBe(5);
    expect(trajectoryStatus(85, 90, "lower", T).shortfall).toBe(-5);
  });

  const thresholdsArb = fc.record({
    alertGap: fc.option(fc.double({ min: 0.001, max: 1, noNaN: true })),
    excellenceMargin: fc.option(fc.double({ min: 0.001, max: 2, noNaN: true })),
  });
  const num = fc.double({ min: -1e6, max: 1e6, noNaN: true });
  const rank = (v: number, e: number, d: IndicatorDirection, t: Thresholds) => {
    const s = trajectoryStatus(v, e, d, t).status;
    if (s === "unknown") throw new Error("known inputs gave unknown");
    return STATUS_RANK[s];
  };

  it("property: the status never gets worse as the value improves", () => {
    fc.assert(
      fc.property(num, num, num, thresholdsArb, (a, b, expected, t) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(rank(hi, expected, "higher", t)).toBeGreaterThanOrEqual(rank(lo, expected, "higher", t));
        expect(rank(lo, expected, "lower", t)).toBeGreaterThanOrEqual(rank(hi, expected, "lower", t));
      }),
    );
  });

  it("property: lower-is-better is higher-is-better mirrored", () => {
    fc.assert(
      fc.property(num, num, thresholdsArb, (v, e, t) => {
        const a = trajectoryStatus(v, e, "lower", t);
        const b = trajectoryStatus(-v, -e, "higher", t);
        expect(a.status).toBe(b.status);
        expect(a.excellent).toBe(b.excellent);
      }),
    );
  });

  it("property: reaching the expected value is always 达标, alert needs an alert gap", () => {
    fc.assert(
      fc.property(num, num, thresholdsArb, (v, e, t) => {
        const r = trajectoryStatus(v, e, "higher", t);
        if (v >= e) expect(r.status).toBe("on_track");
        if (t.alertGap === null) expect(r.status).not.toBe("alert");
        if (r.excellent) expect(r.status).toBe("on_track");
      }),
    );
  });
});
