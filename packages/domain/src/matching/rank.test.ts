import { describe, expect, it } from "vitest";
import { scoreAssessment } from "../assessment/score";
import { MIIT, zeroAnswers } from "../assessment/test-support";
import type { Provider, Solution } from "../providers/provider";
import { type Demand, demandFromGaps } from "./demand";
import { MATCH_CRITERIA, type MatchOptions, rankProviders, rankSolutions } from "./rank";
import { DISTRICT_NAMES, INDUSTRY_NAMES, SCENE_GROUPS, SCENE_NAMES } from "./test-support";

const names = { scenes: SCENE_NAMES, industries: INDUSTRY_NAMES, districts: DISTRICT_NAMES };
const WAN = 1_000_000; // 分 per 万元

const provider = (id: string, extra: Partial<Provider> = {}): Provider => ({
  id,
  name: `服务商${id}`,
  status: "admitted",
  categories: ["system_solution"],
  sceneIds: [],
  industries: [],
  technologyFields: [],
  serviceDistricts: ["120104"],
  cases: [],
  ...extra,
});
const cases = (n: number, industry: string) =>
  Array.from({ length: n }, (_, i) => ({
    id: `k${i}`,
    customer: "某企业",
    industry,
    sceneIds: ["S08"],
    result: "设备综合效率提升 12%",
  }));

const P1 = provider("P1", {
  industries: ["C34"],
  cases: cases(5, "C34"),
  outcome: { meanDelta: 6.2, enterprises: 8 },
  rating: { average: 4.6, count: 12 },
});
const P2 = provider("P2", { serviceDistricts: ["120116"] });
const P3 = provider("P3", {
  serviceDistricts: ["120000"],
  cases: cases(9, "C34"),
  outcome: { meanDelta: 15, enterprises: 20 },
  rating: { average: 5, count: 100 },
});
const providersById = new Map([P1, P2, P3].map((p) => [p.id, p]));

const sol = (
  id: string,
  providerId: string,
  sceneIds: string[],
  extra: Partial<Solution> = {},
): Solution => ({
  id,
  providerId,
  name: id,
  category: "system_solution",
  sceneIds,
  ...extra,
});

const demand: Demand = {
  id: "D1",
  sceneIds: ["S08", "S07", "S05"],
  budgetFen: 40 * WAN,
  industry: "C34",
  districtCode: "120104",
};

describe("rankSolutions — golden", () => {
  const solutions = [
    sol("A", "P1", ["S08", "S07"], { priceMinFen: 20 * WAN, priceMaxFen: 50 * WAN }),
    sol("B", "P2", ["S08", "S07", "S05"], { priceMinFen: 10 * WAN, priceMaxFen: 30 * WAN }),
    // Best record in the city, cheap, everywhere — but for the wrong problem.
    sol("Z", "P3", ["S13"], { priceMinFen: 1 * WAN, priceMaxFen: 2 * WAN }),
  ];
  const r = rankSolutions(demand, solutions, providersById, { names });

  it("explains each criterion in Chinese", () => {
    const a = r.entries.find((e) => e.id === "A")!;
    expect(a.reasons).toEqual([
      "覆盖需求场景 2/3：设备管理、质量管理；未覆盖：计划排程",
      "在 C34 通用设备制造业 有 5 个案例",
      "服务企业评估平均提升 +6.2 分（8 家）",
      "企业评价 4.6 分（12 次）",
      "服务区域含 南开区",
      "报价 20–50 万元，起价在预算 40 万元内",
    ]);
    expect(a.breakdown.map((b) => b.criterion)).toEqual([...MATCH_CRITERIA]);
    // 35·2/3 + 15·1 + 15·(6.2·8/11)/10 + 15·((4.6·12+3·5)/17−1)/4 + 10 + 10·0.75
    expect(a.breakdown.map((b) => b.points)).toEqual([23.3, 15, 6.8, 11.7, 10, 7.5]);
    expect(a.score).toBe(74.3);
    expect(a.coveredSceneIds).toEqual(["S08", "S07"]);
    expect(a.missingSceneIds).toEqual(["S05"]);
  });

  it("ranks a full-coverage unknown provider against a partial-coverage proven one by score", () => {
    const b = r.entries.find((e) => e.id === "B")!;
    expect(b.reasons).toEqual([
      "覆盖需求场景 3/3：设备管理、质量管理、计划排程",
      "在 C34 通用设备制造业 暂无案例",
      "暂无服务企业前后评估对比",
      "暂无企业评价，按中性 3 分计",
      "服务区域不含 南开区",
      "报价 10–30 万元，在预算 40 万元内",
    ]);
    expect(b.breakdown.map((x) => x.points)).toEqual([35, 0, 0, 7.5, 0, 10]);
    expect(b.score).toBe(52.5);
    expect(r.entries.map((e) => e.id)).toEqual(["A", "B", "Z"]);
  });

  it("a solution covering no demanded scene ranks last however good the rest", () => {
    const z = r.entries.at(-1)!;
    expect(z.id).toBe("Z");
    expect(z.coversDemand).toBe(false);
    expect(z.reasons[0]).toBe("未覆盖任何需求场景");
    expect(z.reasons[1]).toBe("在 C34 通用设备制造业 有 9 个案例");
    expect(z.reasons[4]).toBe("服务区域含 南开区"); // 120000 covers every Tianjin district
    // Its weighted score is higher than B's; the coverage rule still puts it after.
    expect(z.score).toBeGreaterThan(r.entries.find((e) => e.id === "B")!.score);
    const onlyBudget: MatchOptions = {
      weights: { sceneFit: 0, industryExperience: 0, measuredOutcomes: 0, rating: 0, serviceArea: 0 },
    };
    expect(rankSolutions(demand, solutions, providersById, onlyBudget).entries.at(-1)!.id).toBe("Z");
  });

  it("ranks and numbers every entry; ranked/skipped counts", () => {
    expect(r.entries.map((e) => e.rank)).toEqual([1, 2, 3]);
    expect(r.ranked).toBe(3);
    expect(r.skipped).toBe(0);
  });
});

describe("rankSolutions — budget sentences", () => {
  const cases_: [string, Partial<Solution>, string][] = [
    [
      "whole range within",
      { priceMinFen: 20 * WAN, priceMaxFen: 40 * WAN },
      "报价 20–40 万元，在预算 40 万元内",
    ],
    [
      "start within",
      { priceMinFen: 20 * WAN, priceMaxFen: 50 * WAN },
      "报价 20–50 万元，起价在预算 40 万元内",
    ],
    ["above", { priceMinFen: 60 * WAN, priceMaxFen: 80 * WAN }, "报价 60–80 万元，起价超出预算 40 万元 50%"],
    ["one price", { priceMinFen: 12.5 * WAN }, "报价 12.5 万元，在预算 40 万元内"],
    ["面议", {}, "未标注报价（面议）"],
  ];
  it.each(cases_)("%s", (_n, price, sentence) => {
    const r = rankSolutions(demand, [sol("A", "P1", ["S08"], price)], providersById, { names });
    expect(r.entries[0]!.reasons[5]).toBe(sentence);
  });
  it("values fall as the price leaves the budget", () => {
    const v = (price: Partial<Solution>) =>
      rankSolutions(demand, [sol("A", "P1", ["S08"], price)], providersById).entries[0]!.breakdown[5]!.value;
    expect(v({ priceMinFen: 20 * WAN, priceMaxFen: 40 * WAN })).toBe(1);
    expect(v({ priceMinFen: 20 * WAN, priceMaxFen: 50 * WAN })).toBe(0.75);
    expect(v({ priceMinFen: 80 * WAN })).toBe(0.375);
    expect(v({})).toBe(0.5);
  });
});

describe("rankSolutions — rules", () => {
  it("criteria the demand gives nothing for do not count, for anyone", () => {
    const bare: Demand = { id: "D", sceneIds: ["S08"] };
    const e = rankSolutions(bare, [sol("A", "P1", ["S08"])], providersById).entries[0]!;
    expect(e.breakdown.filter((b) => !b.applicable).map((b) => b.criterion)).toEqual([
      "industryExperience",
      "serviceArea",
      "budgetFit",
    ]);
    expect(e.reasons[1]).toBe("需求未注明行业，本项不计分");
    expect(e.reasons[4]).toBe("需求未注明所在区，本项不计分");
    expect(e.reasons[5]).toBe("需求未注明预算，本项不计分");
    expect(e.breakdown.reduce((s, b) => s + b.weight, 0)).toBeCloseTo(1, 9);
  });

  it("a demand without scenes ranks everyone on the other criteria, none demoted", () => {
    const r = rankSolutions(
      { id: "D", sceneIds: [] },
      [sol("A", "P1", ["S08"]), sol("B", "P2", [])],
      providersById,
    );
    expect(r.entries.every((e) => e.coversDemand)).toBe(true);
    expect(r.entries[0]!.reasons[0]).toBe("需求未指定场景，本项不计分");
  });

  it("equal scores are ordered by id, whatever the input order", () => {
    const s = ["c", "a", "b"].map((id) => sol(id, "P2", ["S08"]));
    expect(rankSolutions(demand, s, providersById).entries.map((e) => e.id)).toEqual(["a", "b", "c"]);
    expect(rankSolutions(demand, [...s].reverse(), providersById).entries.map((e) => e.id)).toEqual([
      "a",
      "b",
      "c",
    ]);
  });

  it("a sub-domain tag covers its scenes when scene groups are given", () => {
    const s = [sol("G", "P2", ["op-production"])];
    expect(rankSolutions(demand, s, providersById).entries[0]!.coversDemand).toBe(false);
    const e = rankSolutions(demand, s, providersById, { sceneGroups: SCENE_GROUPS, names }).entries[0]!;
    expect(e.coveredSceneIds).toEqual(["S08", "S07", "S05"]);
  });

  it("duplicate demanded scenes count once", () => {
    const e = rankSolutions({ ...demand, sceneIds: ["S08", "S08"] }, [sol("A", "P1", ["S08"])], providersById)
      .entries[0]!;
    expect(e.breakdown[0]!.value).toBe(1);
  });

  it("skips solutions of unknown or not admitted providers, and filters categories", () => {
    const suspended = new Map(providersById).set("P2", { ...P2, status: "suspended" });
    const s = [
      sol("A", "P1", ["S08"]),
      sol("B", "P2", ["S08"]),
      sol("C", "P9", ["S08"]),
      sol("D", "P1", ["S08"], { category: "green_manufacturing" }),
    ];
    const r = rankSolutions(demand, s, suspended);
    expect(r.entries.map((e) => e.id)).toEqual(["A", "D"]);
    expect(r.skipped).toBe(2);
    expect(rankSolutions(demand, s, suspended, { includeNotAdmitted: true }).ranked).toBe(3);
    expect(
      rankSolutions(demand, s, suspended, { categories: ["green_manufacturing"] }).entries.map((e) => e.id),
    ).toEqual(["D"]);
  });

  it("limit returns the top of the same ranking", () => {
    const s = ["a", "b", "c", "d"].map((id, i) =>
      sol(id, i % 2 ? "P1" : "P2", ["S08", "S07"].slice(0, 1 + (i % 2))),
    );
    const all = rankSolutions(demand, s, providersById).entries.map((e) => e.id);
    expect(rankSolutions(demand, s, providersById, { limit: 2 }).entries.map((e) => e.id)).toEqual(
      all.slice(0, 2),
    );
  });

  it("rejects negative or non-finite weights with a Chinese message", () => {
    expect(() => rankSolutions(demand, [], providersById, { weights: { rating: -1 } })).toThrow(/企业评价/);
    expect(() => rankSolutions(demand, [], providersById, { weights: { rating: Number.NaN } })).toThrow(
      RangeError,
    );
  });

  it("shrinks the outcome of few enterprises and describes a fall", () => {
    const one = provider("X", { outcome: { meanDelta: 20, enterprises: 1 } });
    const eight = provider("Y", { outcome: { meanDelta: 8, enterprises: 8 } });
    const down = provider("W", { outcome: { meanDelta: -1.5, enterprises: 3 } });
    const m = new Map([one, eight, down].map((p) => [p.id, p]));
    const r = rankSolutions(
      demand,
      [sol("x", "X", ["S08"]), sol("y", "Y", ["S08"]), sol("w", "W", ["S08"])],
      m,
    );
    const byId = (id: string) => r.entries.find((e) => e.id === id)!.breakdown[2]!;
    expect(byId("y").value).toBeGreaterThan(byId("x").value);
    expect(byId("w").value).toBe(0);
    expect(byId("w").reason).toBe("服务企业评估平均变化 −1.5 分（3 家）");
  });
});

describe("rankProviders", () => {
  it("joins the provider's tags with its solutions' scenes and price span", () => {
    const solutionsByProvider = new Map([
      [
        "P2",
        [
          sol("a", "P2", ["S05"], { priceMinFen: 10 * WAN, priceMaxFen: 20 * WAN }),
          sol("b", "P2", ["S07"], { priceMinFen: 30 * WAN, priceMaxFen: 60 * WAN }),
        ],
      ],
    ]);
    const r = rankProviders(demand, [P1, { ...P2, sceneIds: ["S08"] }, P3], { names, solutionsByProvider });
    const p2 = r.entries.find((e) => e.id === "P2")!;
    expect(p2.coveredSceneIds).toEqual(["S08", "S07", "S05"]);
    expect(p2.reasons[5]).toBe("报价 10–60 万元，起价在预算 40 万元内");
    expect(r.entries.at(-1)!.id).not.toBe("P2");
    // P1 and P3 have no scene tags and no solutions: both after P2.
    expect(r.entries[0]!.id).toBe("P2");
  });
});

describe("demandFromGaps", () => {
  const scored = scoreAssessment(MIIT, zeroAnswers(MIIT));
  if (!scored.ok) throw new Error("zero answers must score");
  const improvements = scored.result.improvements;

  it("asks for scenes by question id and for other gaps by sub-domain, in priority order", () => {
    const { demand: d, sources } = demandFromGaps(
      improvements,
      { id: "D9", enterpriseId: "E1", industry: "C34", districtCode: "120104" },
      { maxScenes: 50, names: SCENE_NAMES },
    );
    const expected: string[] = [];
    for (const i of improvements) {
      const id = i.kind === "scene" ? i.questionId : i.subDimensionId;
      if (!expected.includes(id)) expected.push(id);
    }
    expect(d.sceneIds).toEqual(expected);
    expect(d.source).toBe("assessment");
    expect(d.industry).toBe("C34");
    expect(sources.flatMap((s) => s.improvementIds).sort()).toEqual(improvements.map((i) => i.id).sort());
    expect(d.sceneIds).toContain("S08");
    expect(d.sceneIds).toContain("equipment-systems");
  });

  it("keeps the first maxScenes scenes and names them in the description", () => {
    const { demand: d, sources } = demandFromGaps(
      improvements,
      { id: "D9" },
      { maxScenes: 3, names: SCENE_NAMES },
    );
    expect(d.sceneIds).toHaveLength(3);
    expect(d.description).toBe(`根据评估改进建议生成：${sources.map((s) => s.name).join("、")}`);
  });

  it("golden: hand-made items", () => {
    const items = [
      {
        id: "S08→L1",
        questionId: "S08",
        title: "设备管理",
        kind: "scene",
        subDimensionId: "op-production",
        levelImpact: "reducesGap",
      },
      {
        id: "F2→b",
        questionId: "F2",
        title: "设备数字化率",
        kind: "numeric",
        subDimensionId: "equipment-systems",
        levelImpact: "none",
      },
      {
        id: "F3→b",
        questionId: "F3",
        title: "设备联网率",
        kind: "numeric",
        subDimensionId: "equipment-systems",
        levelImpact: "reducesGap",
      },
    ] as const;
    const r = demandFromGaps(items, { id: "D" }, { names: SCENE_NAMES });
    expect(r.demand.sceneIds).toEqual(["S08", "equipment-systems"]);
    expect(r.sources[1]).toEqual({
      sceneId: "equipment-systems",
      name: "设备系统",
      improvementIds: ["F2→b", "F3→b"],
    });
    expect(r.demand.description).toBe("根据评估改进建议生成：设备管理、设备系统");
    expect(demandFromGaps(items, { id: "D" }, { impactfulOnly: true }).sources[1]!.improvementIds).toEqual([
      "F3→b",
    ]);
    expect(demandFromGaps([], { id: "D" }).demand.description).toBe("评估未发现需改进的场景");
  });
});
