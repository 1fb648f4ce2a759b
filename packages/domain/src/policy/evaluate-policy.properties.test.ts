import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluatePolicy, type PriorAward } from "./evaluate-policy";
import { cmp, exact, roundFen } from "./exact";
import type { Facts } from "./fact-catalogue";
import type { AmountFormula, Condition, FundingShare, PolicyDefinition, Ratio } from "./policy";
import { policy, TODAY, wan } from "./test-support";

const fen = fc.integer({ min: 0, max: wan(100_000) }); // up to 10亿元
const ratio: fc.Arbitrary<Ratio> = fc
  .tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }))
  .map(([den, n]) => ({ num: n % (den + 1), den }));
const rounding = fc.record({
  mode: fc.constantFrom("down" as const, "up" as const, "halfUp" as const),
  unitFen: fc.constantFrom(1 as const, 100 as const, 10_000 as const, 1_000_000 as const),
});
const formula: fc.Arbitrary<AmountFormula> = fc.oneof(
  ratio.map((rate) => ({ kind: "rate" as const, base: ["equipmentInvestmentFen"], rate })),
  fc.tuple(fc.integer({ min: 1, max: wan(1000) }), ratio, ratio, ratio).map(([w, r1, r2, r3]) => ({
    kind: "tiered" as const,
    mode: "progressive" as const,
    base: ["equipmentInvestmentFen"],
    brackets: [
      { fromFen: 0, toFen: w, rate: r1 },
      { fromFen: w, toFen: 3 * w, rate: r2 },
      { fromFen: 3 * w, rate: r3 },
    ],
  })),
  ratio.map((annualRate) => ({
    kind: "interestSubsidy" as const,
    principal: "equipmentInvestmentFen",
    months: "loanMonths",
    annualRate,
  })),
);
const caps = fc.record(
  { perAwardFen: fen, perEnterpriseFen: fen, perEnterprisePerYearFen: fen },
  { requiredKeys: [] },
);
const priors: fc.Arbitrary<PriorAward[]> = fc.array(
  fc.record({
    policyId: fc.constantFrom("test-policy", "other"),
    amountFen: fen,
    awardedOn: fc.constantFrom("2024-03-01", "2025-01-01", TODAY),
  }),
  { maxLength: 4 },
);
const defArb: fc.Arbitrary<PolicyDefinition> = fc.tuple(formula, rounding, caps).map(([f, r, c]) =>
  policy({
    conditions: { op: "all", of: [] },
    formula: f,
    rounding: r,
    caps: c,
    beneficiary: "enterprise",
  }),
);
const factsArb = fc.record({ equipmentInvestmentFen: fen, loanMonths: fc.integer({ min: 0, max: 120 }) });

const amountOf = (def: PolicyDefinition, facts: Facts, priorAwards: PriorAward[] = []) => {
  const r = evaluatePolicy(def, facts, { today: TODAY, priorAwards });
  expect(r.status).toBe("eligible");
  return r.amountFen!;
};
const sumWhere = (ps: PriorAward[], year?: string) =>
  ps
    .filter((p) => p.policyId === "test-policy" && (year === undefined || p.awardedOn.startsWith(year)))
    .reduce((s, p) => s + p.amountFen, 0);

describe("amount properties", () => {
  it("never negative, never above any cap (prior awards counted), a safe integer", () => {
    fc.assert(
      fc.property(defArb, factsArb, priors, (def, facts, ps) => {
        const a = amountOf(def, facts, ps);
        expect(Number.isSafeInteger(a)).toBe(true);
        expect(a).toBeGreaterThanOrEqual(0);
        const c = def.amount.caps!;
        if (typeof c.perAwardFen === "number") expect(a).toBeLessThanOrEqual(c.perAwardFen);
        if (typeof c.perEnterpriseFen === "number")
          expect(a).toBeLessThanOrEqual(Math.max(0, c.perEnterpriseFen - sumWhere(ps)));
        if (typeof c.perEnterprisePerYearFen === "number")
          expect(a).toBeLessThanOrEqual(Math.max(0, c.perEnterprisePerYearFen - sumWhere(ps, "2025")));
      }),
      { numRuns: 400 },
    );
  });

  it("raising the base never lowers the amount (rate, progressive tiers, interest; caps included)", () => {
    fc.assert(
      fc.property(defArb, factsArb, fen, priors, (def, facts, extra, ps) => {
        const lo = amountOf(def, facts, ps);
        const hi = amountOf(
          def,
          { ...facts, equipmentInvestmentFen: facts.equipmentInvestmentFen + extra },
          ps,
        );
        expect(hi).toBeGreaterThanOrEqual(lo);
      }),
      { numRuns: 300 },
    );
  });

  it("without caps the amount is the exact result rounded as stated (within one unit)", () => {
    fc.assert(
      fc.property(ratio, rounding, fen, (rate, r, base) => {
        const def = policy({
          conditions: { op: "all", of: [] },
          formula: { kind: "rate", base: ["equipmentInvestmentFen"], rate },
          rounding: r,
        });
        const a = BigInt(amountOf(def, { equipmentInvestmentFen: base }));
        const x = { n: BigInt(base) * BigInt(rate.num), d: BigInt(rate.den) };
        const unit = BigInt(r.unitFen);
        expect(a % unit).toBe(0n);
        if (r.mode === "down") expect(cmp(exact(a), x) <= 0 && cmp(exact(a + unit), x) > 0).toBe(true);
        if (r.mode === "up") expect(cmp(exact(a), x) >= 0 && cmp(exact(a - unit), x) < 0).toBe(true);
        expect(roundFen(x, r)).toBe(a);
      }),
      { numRuns: 300 },
    );
  });

  it("shares always add up to the amount exactly, each non-negative", () => {
    const shareSet: fc.Arbitrary<FundingShare[]> = fc
      .array(ratio, { minLength: 0, maxLength: 3 })
      .map((rs) => {
        // Scale the explicit ratios so they sum to at most 100%.
        const den = rs.reduce((d, r) => d * r.den, 1) * Math.max(1, rs.length);
        const payers = ["central", "province", "district"] as const;
        const explicit = rs.map((r, i) => ({
          payer: payers[i]!,
          ratio: { num: Math.floor((r.num * den) / r.den / Math.max(1, rs.length)), den },
        }));
        return [...explicit, { payer: "city" as const, remainder: true as const }];
      })
      .filter((s) => s.every((x) => !("ratio" in x) || Number.isSafeInteger(x.ratio.den)));
    fc.assert(
      fc.property(shareSet, fen, (shares, base) => {
        const def = policy({ conditions: { op: "all", of: [] }, shares });
        const r = evaluatePolicy(def, { equipmentInvestmentFen: base }, { today: TODAY });
        expect(r.shares.reduce((s, x) => s + x.amountFen, 0)).toBe(r.amountFen);
        for (const s of r.shares) expect(s.amountFen).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic, and the order of prior awards does not matter", () => {
    fc.assert(
      fc.property(defArb, factsArb, priors, (def, facts, ps) => {
        const one = evaluatePolicy(def, facts, { today: TODAY, priorAwards: ps });
        expect(evaluatePolicy(def, facts, { today: TODAY, priorAwards: ps })).toEqual(one);
        expect(evaluatePolicy(def, facts, { today: TODAY, priorAwards: [...ps].reverse() }).amountFen).toBe(
          one.amountFen,
        );
      }),
      { numRuns: 150 },
    );
  });
});

describe("unknown facts are never read as false", () => {
  const leaf: fc.Arbitrary<Condition> = fc.oneof(
    fen.map((v) => ({ fact: "totalInvestmentFen", op: ">=" as const, value: v })),
    fen.map((v) => ({ fact: "totalInvestmentFen", op: "<" as const, value: v })),
    fc.boolean().map((v) => ({ fact: "aboveScale", op: "=" as const, value: v })),
    fc.integer({ min: 0, max: 5 }).map((v) => ({ fact: "dcmmLevel", op: ">" as const, value: v })),
  );
  const cond: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
    c: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.array(tie("c"), { minLength: 1, maxLength: 3 }).map((of) => ({ op: "all" as const, of })),
      fc.array(tie("c"), { minLength: 1, maxLength: 3 }).map((of) => ({ op: "any" as const, of })),
      tie("c").map((of) => ({ op: "not" as const, of })),
    ),
  })).c;
  const full = fc.record({
    totalInvestmentFen: fen,
    aboveScale: fc.boolean(),
    dcmmLevel: fc.integer({ min: 0, max: 5 }),
  });

  it("hiding facts turns a decided result into the same result or 'missing', never the opposite", () => {
    fc.assert(
      fc.property(
        cond,
        full,
        fc.subarray(["totalInvestmentFen", "aboveScale", "dcmmLevel"]),
        (c, facts, hide) => {
          const def = policy({ conditions: c, formula: { kind: "fixed", amountFen: 1 } });
          const known = evaluatePolicy(def, facts, { today: TODAY }).status;
          const partial: Record<string, unknown> = { ...facts };
          for (const k of hide) delete partial[k];
          const status = evaluatePolicy(def, partial as Facts, { today: TODAY }).status;
          expect(known).not.toBe("missing");
          expect([known, "missing"]).toContain(status);
        },
      ),
      { numRuns: 400 },
    );
  });
});
