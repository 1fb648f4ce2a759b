import { readdirSync, readFileSync } from "node:fs";
import { AssessmentAnswers, InstrumentDefinition } from "@dxcenter/contracts";
import { listQuestions, scoreAssessment, validateInstrument } from "@dxcenter/domain";
import { describe, expect, it } from "vitest";

/** The shipped instrument files, read the way the seeder will read them: from disk, through zod. */
const dir = new URL(".", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
const load = (f: string) => JSON.parse(readFileSync(new URL(f, dir), "utf8")) as unknown;

describe("instrument data files", () => {
  it("are exactly the four shipped instruments", () => {
    expect(files.sort()).toEqual([
      "cmmm-gbt39116.json",
      "dcmm-gbt36073.json",
      "miit-2024-manufacturing.json",
      "smart-factory-basic.json",
    ]);
  });

  it.each(files)("%s passes the zod schema and validateInstrument, and its id matches the file name", (f) => {
    const parsed = InstrumentDefinition.safeParse(load(f));
    expect(parsed.error?.issues ?? []).toEqual([]);
    const def = parsed.data!;
    expect(validateInstrument(def)).toEqual({ ok: true });
    expect(`${def.id}.json`).toBe(f);
    // Every instrument says what is unconfirmed, so a city knows what to check.
    expect(def.unconfirmed?.length ?? 0).toBeGreaterThan(0);
    expect(def.levelRule.unconfirmed?.length ?? 0).toBeGreaterThan(0);
    // An empty draft scores without errors.
    expect(scoreAssessment(def, {}, { allowMissing: true }).ok).toBe(true);
  });

  it("MIIT: 100 points 50/30/20, 16 scenes of which 10 constrained, four levels", () => {
    const def = InstrumentDefinition.parse(load("miit-2024-manufacturing.json"));
    expect(def.totalPoints).toBe(100);
    expect(def.dimensions.map((d) => d.points)).toEqual([50, 0, 30, 20]);
    const scenes = listQuestions(def).filter((r) => r.question.kind === "scene");
    expect(scenes).toHaveLength(16);
    expect(scenes.filter((r) => r.question.kind === "scene" && r.question.constrained)).toHaveLength(10);
    expect(def.levelRule.levels.map((l) => l.conditions)).toEqual([
      [
        { kind: "minTotalScore", min: 20 },
        { kind: "minScenesAtLevel", sceneLevel: 1, count: 6 },
        { kind: "minScenesAtLevel", sceneLevel: 1, count: 3, constrainedOnly: true },
      ],
      [
        { kind: "minTotalScore", min: 40 },
        { kind: "minScenesAtLevel", sceneLevel: 2, count: 6 },
        { kind: "minScenesAtLevel", sceneLevel: 2, count: 3, constrainedOnly: true },
      ],
      [
        { kind: "minTotalScore", min: 60 },
        { kind: "minScenesAtLevel", sceneLevel: 3, count: 8 },
        { kind: "minScenesAtLevel", sceneLevel: 3, count: 5, constrainedOnly: true },
      ],
      [
        { kind: "minTotalScore", min: 80 },
        { kind: "minScenesAtLevel", sceneLevel: 4, count: 10 },
        { kind: "minScenesAtLevel", sceneLevel: 4, count: 6, constrainedOnly: true },
      ],
    ]);
    // The facts instruments.md marks as conflicting are flagged on the questions themselves.
    const unconfirmed = new Map(listQuestions(def).map((r) => [r.question.id, r.question.unconfirmed ?? []]));
    expect(unconfirmed.get("M1")!.join()).toContain("选项 F");
    expect(unconfirmed.get("M4")!.join()).toContain("偏高");
    expect(unconfirmed.get("S01")!.join()).toContain("9 个");
  });

  it("CMMM: 20 sub-domains × 5 levels; DCMM: 8 domains, 28 items × 5 levels; 基础级 covers 生产作业", () => {
    const cmmm = InstrumentDefinition.parse(load("cmmm-gbt39116.json"));
    expect(cmmm.dimensions.flatMap((d) => d.subDimensions)).toHaveLength(20);
    expect(listQuestions(cmmm)).toHaveLength(100);
    expect(cmmm.levelRule).toMatchObject({ cumulative: true, maturityScore: "metLevelPlusNextRated" });
    const dcmm = InstrumentDefinition.parse(load("dcmm-gbt36073.json"));
    expect(dcmm.dimensions).toHaveLength(8);
    expect(dcmm.dimensions.flatMap((d) => d.subDimensions)).toHaveLength(28);
    const sf = InstrumentDefinition.parse(load("smart-factory-basic.json"));
    expect(sf.levelRule.levels[0]!.conditions).toContainEqual({
      kind: "minSubDimensionRatio",
      subDimensionId: "production-ops",
      min: 0.8,
    });
  });
});

describe("InstrumentDefinition schema", () => {
  // JSON.parse's result is untyped on purpose: these tests break the document in arbitrary places.
  const miit = () => JSON.parse(readFileSync(new URL("miit-2024-manufacturing.json", dir), "utf8"));

  it("reports shape errors in Chinese with the path", () => {
    const bad = miit();
    bad.dimensions[0].subDimensions[0].questions[0].kind = "essay";
    const r = InstrumentDefinition.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe("题型 kind 应为 single、multi、numeric、scene 或 rated");
    expect(r.error!.issues[0]!.path).toEqual(["dimensions", 0, "subDimensions", 0, "questions", 0, "kind"]);
  });

  it("runs the semantic checks too (a band edge moved)", () => {
    const bad = miit();
    bad.dimensions[0].subDimensions[0].questions[1].bands[1].min = 11;
    const r = InstrumentDefinition.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toEqual([
      "题目 F2“企业的生产设备数字化率（数字化生产设备数量/总生产设备数量×100%）”第 1 与第 2 个区间之间有空档：10% 到 11%",
    ]);
    expect(r.error!.issues[0]!.path).toEqual([
      "dimensions",
      0,
      "subDimensions",
      0,
      "questions",
      1,
      "bands",
      1,
    ]);
  });

  it("AssessmentAnswers accepts each answer kind and rejects an unknown one", () => {
    expect(
      AssessmentAnswers.safeParse({
        F1: { kind: "multi", optionIds: ["A"] },
        F2: { kind: "numeric", inputs: { total: 10, digital: 3 } },
        F5: { kind: "single", optionId: "B" },
        S01: { kind: "scene", level: 2 },
        X: { kind: "rated", rating: 0.8 },
      }).success,
    ).toBe(true);
    const r = AssessmentAnswers.safeParse({ F1: { kind: "essay" } });
    expect(r.error!.issues[0]!.message).toBe("答案类型 kind 应为 single、multi、numeric、scene 或 rated");
  });
});
