import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { funnel, monthsLeftInYear, rankCandidates } from "./pool";
import { CATALOGUE, cert, external, NOW, subject } from "./test-support";
import type { CultivationEnterprise, FunnelStageCounts, TierSubject } from "./types";
import { FUNNEL_STAGES } from "./types";

const ent = (id: string, s: Partial<TierSubject> = {}, districtCode = "120101"): CultivationEnterprise => ({
  id,
  districtCode,
  ...subject(s),
});

describe("rankCandidates for 卓越级 (holds 先进级 + CMMM ≥ 3 + 规上)", () => {
  const enterprises = [
    ent("a-holder", { certifications: [cert({ level: "excellent" })] }),
    ent("b-ready", {
      certifications: [cert({ level: "advanced" })],
      externalCertificates: [external()],
      facts: { aboveScale: true },
    }),
    ent("c-cmmm2", {
      certifications: [cert({ level: "advanced" })],
      externalCertificates: [external({ level: 2 })],
      facts: { aboveScale: true },
    }),
    ent("d-basic-only", {
      certifications: [cert()],
      externalCertificates: [external()],
      facts: { aboveScale: true },
    }),
    ent("e-nothing", {}, "120102"),
    ent("f-expired-advanced", {
      certifications: [cert({ level: "advanced", validTo: "2026-03-31" })],
      externalCertificates: [external()],
      facts: { aboveScale: true },
    }),
    ent("g-claim", {
      certifications: [cert({ level: "excellent", source: "claim" })],
      facts: { aboveScale: false },
    }),
  ];

  it("excludes holders, orders by unmet then documented score, with the failures", () => {
    const r = rankCandidates(CATALOGUE, "smart-factory", "excellent", enterprises, NOW);
    expect(r.map((c) => [c.enterpriseId, c.unmet, c.score])).toEqual([
      ["b-ready", 0, 100],
      // CMMM 2 of 3: (1 + 2/3 + 1) / 3
      ["c-cmmm2", 1, 89],
      // 基础级 held, 先进级 required: (1/2 + 1 + 1) / 3
      ["d-basic-only", 1, 83],
      // expired 先进级: (½ + 1 + 1) / 3
      ["f-expired-advanced", 1, 83],
      ["e-nothing", 3, 0],
      ["g-claim", 3, 0],
    ]);
    expect(r.find((c) => c.enterpriseId === "c-cmmm2")?.failures.map((f) => f.message)).toEqual([
      "需CMMM成熟度三级及以上有效证书（现有证书为二级）",
    ]);
    expect(r.find((c) => c.enterpriseId === "e-nothing")?.districtCode).toBe("120102");
  });

  it("maxUnmet and limit", () => {
    const r = rankCandidates(CATALOGUE, "smart-factory", "excellent", enterprises, NOW, {
      maxUnmet: 1,
      limit: 2,
    });
    expect(r.map((c) => c.enterpriseId)).toEqual(["b-ready", "c-cmmm2"]);
  });

  it("an assessment gives partial credit toward 基础级", () => {
    const r = rankCandidates(
      CATALOGUE,
      "smart-factory",
      "basic",
      [
        ent("x", {
          assessments: [{ instrumentId: "smart-factory-basic", level: 0, submittedOn: "2026-01-01" }],
        }),
        ent("y", {
          assessments: [{ instrumentId: "smart-factory-basic", level: 1, submittedOn: "2026-01-01" }],
        }),
      ],
      NOW,
    );
    expect(r.map((c) => [c.enterpriseId, c.unmet, c.score])).toEqual([
      ["y", 0, 100],
      ["x", 1, 0],
    ]);
  });

  it("refuses an unknown programme or level", () => {
    expect(() => rankCandidates(CATALOGUE, "smart-factory", "gold", [], NOW)).toThrow(RangeError);
    expect(() => rankCandidates(CATALOGUE, "nope", "basic", [], NOW)).toThrow(RangeError);
  });
});

const certArb = fc
  .record({
    level: fc.constantFrom("basic", "advanced", "excellent", "leading"),
    status: fc.constantFrom("valid" as const, "revoked" as const, "suspended" as const),
    validTo: fc.constantFrom("2025-12-31", "2028-12-31", null),
    source: fc.constantFrom("round" as const, "claim" as const),
  })
  .map((p) => cert(p));
const entArb = fc
  .record({
    certifications: fc.array(certArb, { maxLength: 3 }),
    externalCertificates: fc.array(
      fc
        .record({ level: fc.integer({ min: 1, max: 5 }), validTo: fc.constantFrom("2025-12-31", null) })
        .map((p) => external(p)),
      { maxLength: 2 },
    ),
    assessments: fc.array(
      fc.record({
        instrumentId: fc.constant("smart-factory-basic"),
        level: fc.integer({ min: 0, max: 2 }),
        submittedOn: fc.constantFrom("2025-01-01", "2026-01-01"),
      }),
      { maxLength: 2 },
    ),
    facts: fc.record({ aboveScale: fc.boolean() }, { requiredKeys: [] }),
  })
  .map((e) => ({ ...e, districtCode: "120101" }));
const entsArb = fc
  .array(entArb, { maxLength: 8 })
  .map((es) => es.map((e, i) => ({ ...e, id: `e${String(i).padStart(2, "0")}` })));

describe("rankCandidates properties", () => {
  it("no holder is a candidate; score in 0..100 and 100 ⇔ nothing unmet; ordered; each enterprise at most once", () => {
    fc.assert(
      fc.property(entsArb, fc.constantFrom("basic", "advanced", "excellent", "leading"), (es, level) => {
        const r = rankCandidates(CATALOGUE, "smart-factory", level, es, NOW);
        const order = ["basic", "advanced", "excellent", "leading"];
        for (const c of r) {
          const e = es.find((x) => x.id === c.enterpriseId);
          const holds = e?.certifications.some(
            (x) =>
              x.source !== "claim" &&
              x.status === "valid" &&
              (x.validTo ?? "9999") >= "2026-06-01" &&
              order.indexOf(x.level) >= order.indexOf(level),
          );
          expect(holds).toBe(false);
          expect(c.score).toBeGreaterThanOrEqual(0);
          expect(c.score).toBeLessThanOrEqual(100);
          expect(c.score === 100).toBe(c.unmet === 0);
          expect(c.unmet).toBe(c.failures.length);
        }
        for (let i = 1; i < r.length; i++) {
          const a = r[i - 1];
          const b = r[i];
          if (a && b) expect(a.unmet < b.unmet || (a.unmet === b.unmet && a.score >= b.score)).toBe(true);
        }
        expect(new Set(r.map((c) => c.enterpriseId)).size).toBe(r.length);
        expect(r.length).toBeLessThanOrEqual(es.length);
      }),
    );
  });
});

const counts = (xs: number[]): FunnelStageCounts =>
  Object.fromEntries(FUNNEL_STAGES.map((s, i) => [s, xs[i] ?? 0])) as Record<
    (typeof FUNNEL_STAGES)[number],
    number
  >;

describe("funnel", () => {
  it("conversions, gap to target and needed per month", () => {
    const f = funnel(counts([400, 150, 90, 80, 70, 62, 12]), 100, 7);
    expect(f.rows.map((r) => [r.label, r.count, r.conversionPercent])).toEqual([
      ["后备企业", 400, null],
      ["已申报", 150, 37.5],
      ["区级推荐", 90, 60],
      ["专家评审", 80, 88.9],
      ["公示", 70, 87.5],
      ["认定", 62, 88.6],
      ["向上推荐", 12, 19.4],
    ]);
    expect(f).toMatchObject({
      targetStage: "recognised",
      target: 100,
      achieved: 62,
      gap: 38,
      monthsLeft: 7,
      neededPerMonth: 6,
    });
  });

  it.each([
    ["target met", [0, 0, 0, 0, 0, 120, 0], 100, 3, "recognised", 0, 0],
    ["no month left", [0, 0, 0, 0, 0, 99, 0], 100, 0, "recognised", 1, null],
    ["upward target", [0, 0, 0, 0, 0, 99, 5], 20, 4, "upward", 15, 4],
    ["nothing yet", [0, 0, 0, 0, 0, 0, 0], 10, 12, "recognised", 10, 1],
  ] as const)("%s", (_n, xs, target, months, stage, gap, perMonth) => {
    const f = funnel(counts([...xs]), target, months, stage);
    expect([f.gap, f.neededPerMonth]).toEqual([gap, perMonth]);
  });

  it("a stage after an empty stage has no conversion", () => {
    expect(funnel(counts([0, 0, 0, 0, 0, 0, 0]), 1, 1).rows.every((r) => r.conversionPercent === null)).toBe(
      true,
    );
  });

  it("refuses negative or fractional input", () => {
    expect(() => funnel(counts([-1]), 1, 1)).toThrow("后备企业数量");
    expect(() => funnel(counts([]), 1.5, 1)).toThrow("目标");
    expect(() => funnel(counts([]), 1, -1)).toThrow("剩余月数");
  });

  it("months left in the Shanghai year, the current month included", () => {
    expect(monthsLeftInYear(new Date("2026-12-31T15:59:00Z"))).toBe(1);
    expect(monthsLeftInYear(new Date("2026-12-31T16:00:00Z"))).toBe(12);
    expect(monthsLeftInYear(new Date("2026-06-15T00:00:00Z"))).toBe(7);
  });

  it("property: gap ≥ 0, neededPerMonth × monthsLeft covers the gap, without overshooting a month", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(10_000), { minLength: 7, maxLength: 7 }),
        fc.nat(20_000),
        fc.nat(12),
        fc.constantFrom(...FUNNEL_STAGES),
        (xs, target, months, stage) => {
          const f = funnel(counts(xs), target, months, stage);
          expect(f.gap).toBe(Math.max(0, target - f.achieved));
          if (f.gap === 0) expect(f.neededPerMonth).toBe(0);
          else if (months === 0) expect(f.neededPerMonth).toBeNull();
          else {
            const n = f.neededPerMonth ?? 0;
            expect(n * months).toBeGreaterThanOrEqual(f.gap);
            expect((n - 1) * months).toBeLessThan(f.gap);
          }
        },
      ),
    );
  });
});
