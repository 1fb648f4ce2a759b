import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRecommendations } from "./quota";
import type { Recommendation } from "./types";

const NAMES = { "120101": "和平区", "120102": "河东区", "120116": "滨海新区" };
const rec = (applicationId: string, districtCode: string, rank: number): Recommendation => ({
  applicationId,
  districtCode,
  rank,
});

describe("checkRecommendations golden table", () => {
  it.each([
    ["within quota, ranks 1..n", { "120101": 3 }, [rec("a", "120101", 1), rec("b", "120101", 2)], []],
    ["exactly the quota", { "120101": 2 }, [rec("a", "120101", 2), rec("b", "120101", 1)], []],
    ["nothing recommended", { "120101": 2, "120102": 1 }, [], []],
    [
      "over quota",
      { "120101": 2 },
      [rec("a", "120101", 1), rec("b", "120101", 2), rec("c", "120101", 3)],
      ["over_quota:和平区推荐3家，超出名额2家（多1家）"],
    ],
    ["quota 0", { "120101": 0 }, [rec("a", "120101", 1)], ["over_quota:和平区推荐1家，超出名额0家（多1家）"]],
    [
      "no quota for the district",
      { "120101": 2 },
      [rec("a", "120102", 1)],
      ["no_quota:本批次未给河东区分配推荐名额，不能推荐"],
    ],
    [
      "duplicate rank",
      { "120101": 3 },
      [rec("a", "120101", 1), rec("b", "120101", 1), rec("c", "120101", 2)],
      ["duplicate_rank:和平区有2家并列第1名，排名不能重复"],
    ],
    [
      "gap",
      { "120101": 3 },
      [rec("a", "120101", 1), rec("b", "120101", 3)],
      ["rank_gap:和平区的推荐排名不连续，缺少第2名"],
    ],
    [
      "starts at 2",
      { "120116": 3 },
      [rec("a", "120116", 2), rec("b", "120116", 3)],
      ["rank_gap:滨海新区的推荐排名不连续，缺少第1名"],
    ],
    [
      "rank 0 and fractional",
      { "120101": 3 },
      [rec("a", "120101", 1), rec("b", "120101", 0), rec("c", "120101", 1.5)],
      ["invalid_rank:和平区的推荐排名应为从 1 开始的整数（0、1.5）"],
    ],
    [
      "the same application twice",
      { "120101": 3, "120102": 3 },
      [rec("a", "120101", 1), rec("a", "120102", 1)],
      ["duplicate_application:同一申报被推荐了2次（和平区第1名、河东区第1名）"],
    ],
  ] as const)("%s", (_n, quota, recs, expected) => {
    const r = checkRecommendations(quota, recs, NAMES);
    expect(r.problems.map((p) => `${p.kind}:${p.message}`)).toEqual(expected);
    expect(r.ok).toBe(expected.length === 0);
  });

  it("accepts the best ranks up to the quota and names the ones over it", () => {
    const r = checkRecommendations(
      { "120101": 2 },
      [rec("c", "120101", 3), rec("a", "120101", 1), rec("b", "120101", 2)],
      NAMES,
    );
    expect(r.districts).toEqual([{ districtCode: "120101", quota: 2, recommended: 3, accepted: ["a", "b"] }]);
    expect(r.problems[0]?.applicationIds).toEqual(["c"]);
  });

  it("lists every district with a quota, also without recommendations; unknown names fall back to the code", () => {
    const r = checkRecommendations({ "120101": 2, "120199": 1 }, [
      rec("x", "120199", 1),
      rec("y", "120199", 2),
    ]);
    expect(r.districts.map((d) => [d.districtCode, d.recommended, d.accepted.length])).toEqual([
      ["120101", 0, 0],
      ["120199", 2, 1],
    ]);
    expect(r.problems[0]?.message).toBe("120199推荐2家，超出名额1家（多1家）");
  });
});

const district = fc.constantFrom("120101", "120102", "120116");
const recsArb = fc.array(
  fc.record({
    applicationId: fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h"),
    districtCode: district,
    rank: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constantFrom(0, -1, 2.5)),
  }),
  { maxLength: 12 },
);
const quotaArb = fc.dictionary(district, fc.integer({ min: 0, max: 5 }));

describe("checkRecommendations properties", () => {
  it("accepted per district ≤ quota, distinct, a subset of that district's recommendations", () => {
    fc.assert(
      fc.property(quotaArb, recsArb, (quota, recs) => {
        const r = checkRecommendations(quota, recs);
        for (const d of r.districts) {
          expect(d.accepted.length).toBeLessThanOrEqual(quota[d.districtCode] ?? 0);
          expect(new Set(d.accepted).size).toBe(d.accepted.length);
          const own = recs.filter((x) => x.districtCode === d.districtCode).map((x) => x.applicationId);
          for (const id of d.accepted) expect(own).toContain(id);
        }
      }),
    );
  });

  it("ok exactly for distinct applications ranked 1..n within quota in every district", () => {
    fc.assert(
      fc.property(quotaArb, recsArb, (quota, recs) => {
        const byD = new Map<string, number[]>();
        for (const x of recs) byD.set(x.districtCode, [...(byD.get(x.districtCode) ?? []), x.rank]);
        const distinctApps = new Set(recs.map((x) => x.applicationId)).size === recs.length;
        const expected =
          distinctApps &&
          [...byD].every(([d, ranks]) => {
            const q = quota[d];
            const sorted = [...ranks].sort((a, b) => a - b);
            return q !== undefined && ranks.length <= q && sorted.every((k, i) => k === i + 1);
          });
        expect(checkRecommendations(quota, recs).ok).toBe(expected);
      }),
    );
  });

  it("a valid recommendation list is accepted whole", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), (n, extra) => {
        const recs = Array.from({ length: n }, (_, i) => rec(`app-${i}`, "120101", n - i));
        const r = checkRecommendations({ "120101": n + extra }, recs);
        expect(r.ok).toBe(true);
        expect(r.districts[0]?.accepted).toHaveLength(n);
      }),
    );
  });
});
