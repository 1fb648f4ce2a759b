import { describe, expect, it } from "vitest";
import {
  AVOIDANCE_RULE_LABELS,
  DRAW_ALGORITHM,
  type DrawRequest,
  drawExperts,
  manualPickConflicts,
  replaceExpert,
} from "./draw";
import { type Expert, expertWorkload, monthsBefore } from "./expert";

const ex = (id: string, organization: string, fields: string[], extra: Partial<Expert> = {}): Expert => ({
  id,
  name: `专家${id}`,
  status: "active",
  organization,
  fields,
  ...extra,
});

const POOL: Expert[] = [
  ex("E01", "天津大学", ["智能制造"]),
  ex("E02", "南开大学", ["工业互联网"], {
    declaredConflicts: [{ enterpriseId: "ENT1", note: "曾任该企业顾问" }],
  }),
  ex("E03", "某研究院", ["智能制造"]),
  ex("E04", "某设计院", ["智能制造"], { status: "suspended" }),
  ex("E05", "某会计师事务所", ["财务"]),
  ex("E06", "某集团", ["智能制造"], { availability: [{ from: "2025-01-01", to: "2025-05-31" }] }),
  ex("E07", "河北工业大学", ["智能制造"]),
  ex("E08", "天津理工大学", ["工业互联网"]),
  ex("E09", "中国民航大学", ["智能制造", "工业互联网"]),
  ex("E10", "某咨询公司", ["工业互联网"], { availability: [{ from: "2025-06-01", to: "2025-12-31" }] }),
  ex("E11", "某软件公司", ["智能制造"]),
  ex("E12", "某检测中心", ["智能制造"]),
];

const REQUEST: DrawRequest = {
  n: 3,
  fields: ["智能制造", "工业互联网"],
  applicant: { enterpriseId: "ENT1", organization: " 天津大学" },
  today: "2025-06-01",
  period: { from: "2025-06-10", to: "2025-06-11" },
  history: {
    services: [
      { expertId: "E03", enterpriseId: "ENT1", date: "2025-01-10" },
      { expertId: "E11", enterpriseId: "ENT1", date: "2024-05-31" }, // just outside 12 months
      { expertId: "E07", enterpriseId: "ENT2", date: "2025-05-01" }, // another enterprise
    ],
    draws: [{ id: "R1", date: "2025-03-01", expertIds: ["E07", "E09"] }],
  },
  declined: ["E12"],
};

describe("drawExperts — avoidance rules, each named", () => {
  const r = drawExperts(POOL, REQUEST, "golden-1");
  const reasonsOf = (id: string) => r.excluded.find((e) => e.expertId === id)?.reasons;

  it.each([
    ["E01", "same_organization", "同单位回避：与申请单位同为“天津大学”"],
    ["E02", "declared_conflict", "申报利益冲突回避：本人申报与申请单位存在利益关系（曾任该企业顾问）"],
    ["E03", "recent_service", "近期服务回避：2025-01-10 曾为申请企业提供服务（12 个月内）"],
    ["E04", "inactive", "非在库状态：专家已暂停"],
    ["E05", "field_mismatch", "专业领域不符：需 智能制造、工业互联网 之一"],
    ["E06", "unavailable", "不在可用时间：2025-06-10 至 2025-06-11 不在其申报的可用时间内"],
    ["E12", "declined", "已谢绝本次邀请：本次已谢绝，不再抽取"],
  ])("%s excluded by %s", (id, rule, reason) => {
    const e = r.excluded.find((x) => x.expertId === id)!;
    expect(e.rules).toEqual([rule]);
    expect(e.reasons).toEqual([reason]);
    expect(reason.startsWith(AVOIDANCE_RULE_LABELS[e.rules[0]!])).toBe(true);
  });

  it("golden: the draw with this seed", () => {
    expect(r.algorithm).toBe(DRAW_ALGORITHM);
    expect(r.seed).toBe("golden-1");
    expect(r.poolSize).toBe(12);
    expect(r.eligibleCount).toBe(5); // E07 E08 E09 E10 E11
    // Pinned: a changed algorithm must get a new DRAW_ALGORITHM name, not silently new panels.
    expect(r.selected.map((s) => [s.expertId, s.stage])).toEqual([
      ["E07", "fieldCoverage"],
      ["E08", "fieldCoverage"],
      ["E10", "random"],
    ]);
    expect(reasonsOf("E09")).toEqual([
      "近期同组回避：2025-03-01 曾与已抽中的 专家E07（E07）同组（6 个月内）",
    ]);
    expect(r.insufficient).toBeUndefined();
    expect(r.uncoveredFields).toEqual([]);
    expect(reasonsOf("E11")).toBeUndefined();
  });

  it("never seats two experts who sat together within the window", () => {
    for (let i = 0; i < 200; i++) {
      const d = drawExperts(POOL, REQUEST, `s${i}`);
      const ids = d.selected.map((s) => s.expertId);
      expect(ids.includes("E07") && ids.includes("E09")).toBe(false);
      const blocked = d.excluded.find((e) => e.rules.includes("recent_together"));
      if (blocked)
        expect(blocked.reasons[0]).toMatch(
          /^近期同组回避：2025-03-01 曾与已抽中的 专家E0[79]（E0[79]）同组（6 个月内）$/,
        );
    }
  });

  it("lists every rule an expert fails, not only the first", () => {
    const d = drawExperts([ex("X", "天津大学", ["财务"], { status: "retired" })], REQUEST, "x");
    expect(d.excluded[0]!.rules).toEqual(["inactive", "field_mismatch", "same_organization"]);
    expect(d.excluded[0]!.reasons[0]).toBe("非在库状态：专家已退出专家库");
  });

  it("matches organisations ignoring spaces and full-width brackets; conflicts by organisation too", () => {
    const pool = [
      ex("A", "天津某研究院（有限公司）", ["智能制造"]),
      ex("B", "X", ["智能制造"], { declaredConflicts: [{ organization: "天津某研究院(有限公司)" }] }),
      ex("C", "Y", ["智能制造"]),
    ];
    const d = drawExperts(pool, { ...REQUEST, applicant: { organization: "天津某研究院 (有限公司)" } }, "o");
    expect(d.excluded.map((e) => [e.expertId, e.rules[0]])).toEqual([
      ["A", "same_organization"],
      ["B", "declared_conflict"],
    ]);
    expect(d.selected.map((s) => s.expertId)).toEqual(["C"]);
  });

  it("reports an insufficient pool in Chinese", () => {
    const d = drawExperts(POOL, { ...REQUEST, n: 7 }, "golden-1");
    expect(d.selected.length).toBeLessThan(7);
    expect(d.insufficient).toEqual({
      requested: 7,
      drawn: d.selected.length,
      message: `符合条件的专家不足：需 7 名，仅抽到 ${d.selected.length} 名（库内 12 名，通过回避规则 5 名）`,
    });
  });

  it("workload limit", () => {
    const history = {
      draws: [
        { id: "a", date: "2025-01-01", expertIds: ["E08"] },
        { id: "b", date: "2025-02-01", expertIds: ["E08"] },
        { id: "c", date: "2024-01-01", expertIds: ["E08"] }, // outside 12 months
      ],
    };
    const d = drawExperts(POOL, { ...REQUEST, history, avoidance: { maxPanels: 2 } }, "w");
    expect(d.excluded.find((e) => e.expertId === "E08")!.reasons).toEqual([
      "工作量已满：12 个月内已参加 2 次评审（上限 2 次）",
    ]);
    expect(expertWorkload("E08", history, "2025-06-01", 12)).toBe(2);
    expect(expertWorkload("E08", history, "2025-06-01", 24)).toBe(3);
  });

  it("rules can be switched off", () => {
    const d = drawExperts(POOL, { ...REQUEST, avoidance: { serviceMonths: 0, togetherMonths: 0 } }, "off");
    expect(d.excluded.map((e) => e.expertId)).not.toContain("E03");
    expect(d.excluded.some((e) => e.rules.includes("recent_together"))).toBe(false);
  });

  it("prefers covering each requested field first", () => {
    for (let i = 0; i < 100; i++) {
      const d = drawExperts(POOL, { ...REQUEST, n: 2 }, `f${i}`);
      expect(d.uncoveredFields).toEqual([]);
      const again = drawExperts(POOL, { ...REQUEST, n: 2, preferFieldCoverage: false }, `f${i}`);
      expect(again.selected.every((s) => s.stage === "random")).toBe(true);
    }
  });

  it("rejects bad requests with Chinese messages", () => {
    expect(() => drawExperts(POOL, { ...REQUEST, n: 0 }, "s")).toThrow("抽取人数必须是正整数");
    expect(() => drawExperts(POOL, { ...REQUEST, today: "2025/06/01" }, "s")).toThrow("日期格式");
    expect(() => drawExperts([...POOL, POOL[0]!], REQUEST, "s")).toThrow("专家编号重复：E01");
    expect(() =>
      drawExperts(POOL, { ...REQUEST, period: { from: "2025-06-12", to: "2025-06-11" } }, "s"),
    ).toThrow(RangeError);
  });
});

describe("replaceExpert", () => {
  const first = drawExperts(POOL, REQUEST, "golden-1");

  it("replaces the decliner in place, keeps the others, records the round", () => {
    const out = first.selected[1]!.expertId;
    const r = replaceExpert(first, out, POOL, REQUEST);
    expect(r.round).toBe(1);
    expect(r.declined).toEqual([
      { expertId: "E12", round: 0 },
      { expertId: out, round: 1 },
    ]);
    expect(r.selected.map((s) => s.expertId)).not.toContain(out);
    expect(r.selected[0]).toEqual(first.selected[0]);
    expect(r.selected[2]).toEqual(first.selected[2]);
    expect(r.selected[1]!.round).toBe(1);
    expect(r.excluded.find((e) => e.expertId === out)!.rules).toContain("declined");
    expect(replaceExpert(first, out, POOL, REQUEST)).toEqual(r);
  });

  it("chains replacements until the pool runs out, never re-picking a decliner", () => {
    let d = first;
    const declined: string[] = [];
    for (let k = 0; k < 6; k++) {
      const out = d.selected[0]?.expertId;
      if (!out) break;
      declined.push(out);
      d = replaceExpert(d, out, POOL, REQUEST);
      for (const id of declined) expect(d.selected.map((s) => s.expertId)).not.toContain(id);
    }
    expect(d.insufficient).toBeDefined();
    expect(d.declined.map((x) => x.expertId)).toEqual(["E12", ...declined]);
  });

  it("refuses an expert who is not on the panel", () => {
    expect(() => replaceExpert(first, "E01", POOL, REQUEST)).toThrow("不在本次抽取结果中");
  });
});

describe("monthsBefore", () => {
  it.each([
    ["2025-06-01", 12, "2024-06-01"],
    ["2025-03-31", 1, "2025-02-28"],
    ["2024-03-31", 1, "2024-02-29"],
    ["2025-01-15", 1, "2024-12-15"],
    ["2025-01-15", 25, "2022-12-15"],
    ["2025-05-20", 0, "2025-05-20"],
  ])("%s minus %i months = %s", (d, m, want) => {
    expect(monthsBefore(d, m)).toBe(want);
  });
});

describe("manualPickConflicts", () => {
  const base: Expert = { id: "E1", name: "甲", status: "active", organization: "天津大学", fields: ["MES"] };
  const request: DrawRequest = {
    n: 1,
    applicant: { enterpriseId: "ENT", organization: "天津某机械有限公司" },
    today: "2026-06-30",
    fields: ["不相干领域"],
    avoidance: { serviceMonths: 12, togetherMonths: 6, workloadMonths: 12, maxPanels: 1 },
    history: {
      services: [{ expertId: "E1", enterpriseId: "ENT", date: "2026-01-05" }],
      draws: [{ id: "d", date: "2026-06-01", expertIds: ["E1", "E2"] }],
    },
  };
  it("names the conflict-of-interest rules a hand-picked expert fails, and only those", () => {
    // Served the applicant in January: recent service. The field mismatch and the panel cap are the
    // draw's own rules and do not stop a deliberate pick.
    expect(manualPickConflicts(base, request)).toEqual([
      "近期服务回避：2026-01-05 曾为申请企业提供服务（12 个月内）",
    ]);
    expect(
      manualPickConflicts({ ...base, organization: "天津某机械有限公司" }, { ...request, history: {} }),
    ).toEqual(["同单位回避：与申请单位同为“天津某机械有限公司”"]);
    expect(
      manualPickConflicts(
        { ...base, status: "suspended", declaredConflicts: [{ enterpriseId: "ENT" }] },
        { ...request, history: {} },
      ),
    ).toEqual(["非在库状态：专家已暂停", "申报利益冲突回避：本人申报与申请单位存在利益关系"]);
    expect(manualPickConflicts(base, { ...request, history: {} })).toEqual([]);
  });
});
