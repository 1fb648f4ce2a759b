import { readdirSync, readFileSync } from "node:fs";
import { IndicatorDefinition } from "@dxcenter/contracts";
import { expectedValue, FORMULA_IDS } from "@dxcenter/domain";
import { describe, expect, it } from "vitest";

/** The shipped indicator catalogue, read the way the server reads it: from disk, through zod. */
const dir = new URL(".", import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort();
const load = (f: string): unknown => JSON.parse(readFileSync(new URL(f, dir), "utf8"));
const sources = new URL("../policies/sources/", dir);
const sourceLines = (file: string) => readFileSync(new URL(file, sources), "utf8").split("\n");
const defs = files.map((f) => IndicatorDefinition.parse(load(f)));
const byId = new Map(defs.map((d) => [d.id, d]));

describe("indicator data files", () => {
  it.each(files)("%s passes the schema and its id matches the file name", (f) => {
    const parsed = IndicatorDefinition.safeParse(load(f));
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(`${parsed.data?.id}.json`).toBe(f);
  });

  it("ids are unique and every computed formula is used once", () => {
    expect(new Set(defs.map((d) => d.id)).size).toBe(defs.length);
    const formulas = defs.flatMap((d) => (d.formula ? [d.formula] : []));
    expect(new Set(formulas).size).toBe(formulas.length);
    expect([...formulas].sort()).toEqual([...FORMULA_IDS].sort());
  });

  it.each(defs.filter((d) => d.source.citation !== null).map((d) => [d.id, d] as const))(
    "%s quotes its cited seed line verbatim, and the target number is in the quote",
    (_id, d) => {
      const [file, line] = d.source.citation!.split(":");
      const text = sourceLines(file!)[Number(line) - 1];
      expect(text).toBeDefined();
      expect(d.source.quote).not.toBeNull();
      expect(text).toContain(d.source.quote!);
      const target = d.trajectory.target?.value;
      expect(target).not.toBeNull();
      // 100 % coverage is written 全覆盖 / 全覆蓋, growth vs 2023 names 2023 and 25; others the number.
      if (target !== 100 || !/全覆/.test(d.source.quote!)) expect(d.source.quote!).toContain(String(target));
    },
  );

  it("the seeds' targets are entered as the texts state them", () => {
    const target = (id: string) => byId.get(id)?.trajectory.target;
    expect(target("rd-tools-penetration")).toEqual({ year: 2027, value: 90 });
    expect(target("key-process-nc-rate")).toEqual({ year: 2027, value: 75 });
    expect(target("tech-upgrade-investment-growth")).toEqual({ year: 2027, value: 25 });
    expect(target("tech-upgrade-investment-cumulative")).toEqual({ year: 2027, value: 1500 });
    expect(target("above-scale-retrofit-coverage")).toEqual({ year: 2027, value: 100 });
    expect(target("diagnosis-coverage-5y")).toEqual({ year: 2029, value: 100 });
    expect(target("smart-factories-new")).toEqual({ year: 2025, value: 100 });
    expect(target("national-smart-factories-recommended")).toEqual({ year: 2025, value: 20 });
    expect(target("5g-factories-new")).toEqual({ year: 2025, value: 10 });
    // 2023 milestones of the digital-economy plan (line 8), not measured base values
    const plan = sourceLines("tianjin-digital-economy-action-plan.txt")[7]!;
    expect(plan).toContain("数字化研发设计工具普及率超过80%,关键工序数控化率超过55%");
    expect(byId.get("rd-tools-penetration")?.trajectory.milestones).toEqual([{ year: 2023, value: 80 }]);
    expect(byId.get("key-process-nc-rate")?.trajectory.milestones).toEqual([{ year: 2023, value: 55 }]);
  });

  it("no base value is invented: only the growth rate's definitional 0 is set", () => {
    const bases = defs.filter((d) => d.trajectory.base?.value != null).map((d) => d.id);
    expect(bases).toEqual(["tech-upgrade-investment-growth"]);
    expect(byId.get("tech-upgrade-investment-growth")?.trajectory.base).toEqual({ year: 2023, value: 0 });
  });

  it("platform indicators without a target say so, and their expected value is unknown (待设定)", () => {
    for (const d of defs.filter((x) => x.kind === "computed" && x.trajectory.target === null)) {
      expect(expectedValue(d.trajectory, "2026-11")).toBeNull();
      expect(d.notes.join("")).toContain("待设定");
    }
  });

  it("reported indicators are owned by a named organisation and computed ones name a formula", () => {
    for (const d of defs) {
      if (d.kind === "computed") expect(d.formula).not.toBeNull();
      else expect(d.formula).toBeNull();
      expect(d.owner.name.length).toBeGreaterThan(1);
    }
    expect(byId.get("tech-upgrade-investment-cumulative")?.owner).toEqual({
      kind: "department",
      name: "市统计局",
    });
  });

  it("a wrong file is refused with the field named", () => {
    const rd = byId.get("rd-tools-penetration")!;
    const bad = {
      ...rd,
      kind: "reported",
      trajectory: { ...rd.trajectory, target: { year: 2020, value: 1 } },
    };
    const r = IndicatorDefinition.safeParse(bad);
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => i.message).join("\n");
    expect(messages).toContain("formula：填报指标不应指定计算公式");
    expect(messages).toContain("trajectory：");
  });
});
