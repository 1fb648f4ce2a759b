import { readdirSync, readFileSync } from "node:fs";
import { type ProgrammeCitation, ProgrammeDefinition } from "@dxcenter/contracts";
import { describe, expect, it } from "vitest";

/** The shipped certification programmes, read the way the server reads them: from disk, through zod. */
const dir = new URL(".", import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort();
const load = (f: string): unknown => JSON.parse(readFileSync(new URL(f, dir), "utf8"));
const defs = files.map((f) => ProgrammeDefinition.parse(load(f)));
const byId = new Map(defs.map((d) => [d.id, d]));
const sourceDirs = [new URL("sources/", dir), new URL("../policies/sources/", dir)];
const sourceLines = (file: string): string[] => {
  for (const d of sourceDirs) {
    try {
      return readFileSync(new URL(file, d), "utf8").split("\n");
    } catch {}
  }
  throw new Error(`来源文件不存在：${file}`);
};

/** Every citation in a definition, with where it sits. */
function citations(value: unknown, path = ""): [string, ProgrammeCitation][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => citations(v, `${path}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  const o = value as Record<string, unknown>;
  if (typeof o.file === "string" && typeof o.line === "number" && typeof o.quote === "string")
    return [[path, { file: o.file, line: o.line, quote: o.quote }]];
  return Object.entries(o).flatMap(([k, v]) => citations(v, path ? `${path}.${k}` : k));
}

describe("certification programme data files", () => {
  it.each(files)("%s passes the schema and its id matches the file name", (f) => {
    const parsed = ProgrammeDefinition.safeParse(load(f));
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(`${parsed.data?.id}.json`).toBe(f);
  });

  it("the brief's programmes are all there, with their levels in ladder order", () => {
    const levels = (id: string) => byId.get(id)?.levels.map((l) => l.name);
    expect(levels("smart-factory")).toEqual(["基础级", "先进级", "卓越级", "领航级"]);
    expect(levels("green-factory")).toEqual(["区级绿色工厂", "市级绿色工厂", "国家级绿色工厂"]);
    expect(levels("specialised-sme")).toEqual(["创新型中小企业", "专精特新中小企业", "专精特新“小巨人”"]);
    expect(levels("cmmm")).toHaveLength(5);
    expect(levels("dcmm")).toHaveLength(5);
    for (const id of [
      "digital-workshop",
      "5g-factory",
      "green-supply-chain",
      "green-park",
      "little-lighthouse",
      "iitm",
    ])
      expect(byId.has(id)).toBe(true);
    expect(new Set(defs.map((d) => d.certificatePrefix)).size).toBe(defs.length);
  });

  it.each(defs.flatMap((d) => citations(d).map(([path, c]) => [`${d.id}.${path}`, c] as const)))(
    "%s quotes its source line verbatim",
    (_where, c) => {
      const line = sourceLines(c.file)[c.line - 1];
      expect(line).toBeDefined();
      expect(line).toContain(c.quote);
    },
  );

  it("the sourced tier rules are entered as the sources state them", () => {
    const sf = byId.get("smart-factory")!;
    const [basic, advanced, excellent] = sf.levels;
    expect(basic!.obtainedBy).toBe("self_assessment");
    expect(advanced!.obtainedBy).toBe("round");
    expect(excellent!.obtainedBy).toBe("upward");
    // 先进级: 在自评为基础级智能工厂前提下 (confirmed)
    const holdsBasic = advanced!.prerequisites.find((p) => p.id === "holds-basic")!;
    expect(holdsBasic.confirmed).toBe(true);
    expect(holdsBasic.condition).toEqual({
      type: "certification",
      programme: "smart-factory",
      minLevel: "basic",
    });
    // 卓越级: a recorded CMMM certificate of level 3 or above, not a self-assessment
    expect(excellent!.prerequisites.map((p) => p.condition)).toContainEqual({
      type: "certification",
      programme: "cmmm",
      minLevel: "level-3",
    });
    // GB/T 36132-2025: 节能降碳 and 资源高效利用 together weigh 60 %
    const green = byId.get("green-factory")!.levels.find((l) => l.id === "city")!.reviewSheet!;
    const weight = (id: string) => green.items.find((i) => i.id === id)!.weight;
    expect(weight("energy") + weight("resource")).toBe(60);
  });

  it("every referenced programme and level exists, and referenced instruments ship", () => {
    const instruments = readdirSync(new URL("../instruments/", dir)).map((f) => f.replace(/\.json$/, ""));
    for (const d of defs)
      for (const l of d.levels)
        for (const p of l.prerequisites) {
          const c = p.condition;
          if (c.type === "certification")
            expect(byId.get(c.programme)?.levels.map((x) => x.id)).toContain(c.minLevel);
          if (c.type === "assessment") expect(instruments).toContain(c.instrument);
        }
  });

  it("what the sources do not state is labelled the city's rule or to be confirmed", () => {
    const unconfirmed = defs.flatMap((d) =>
      d.levels.flatMap((l) => [
        l.validity,
        l.reReview,
        l.route,
        ...(l.reviewSheet ? [l.reviewSheet] : []),
        ...l.prerequisites,
      ]),
    );
    for (const u of unconfirmed) if (!u.confirmed) expect(["本市规则", "待确认"]).toContain(u.label);
    // No review sheet is sourced yet: every one is the city's own rule.
    for (const d of defs)
      for (const l of d.levels) if (l.reviewSheet) expect(l.reviewSheet.label).toBe("本市规则");
  });

  it("a wrong file is refused with the field named", () => {
    const sf = byId.get("smart-factory")!;
    const advanced = sf.levels[1]!;
    const bad = {
      ...sf,
      levels: [
        sf.levels[0],
        {
          ...advanced,
          rank: 3,
          reviewSheet: { ...advanced.reviewSheet!, items: advanced.reviewSheet!.items.slice(1) },
          validity: { years: 3, confirmed: true, source: null, label: null },
        },
      ],
    };
    const r = ProgrammeDefinition.safeParse(bad);
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => i.message).join("\n");
    expect(messages).toContain("items：评审项权重合计应为100（现为75）");
    expect(messages).toContain("source：已确认的规则须注明来源");
    expect(messages).toContain("rank：等级应按1、2、3…依次排列");
  });
});
