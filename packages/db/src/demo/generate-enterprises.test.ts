import { isValidUscc, validateUscc } from "@dxcenter/domain";
import { describe, expect, it } from "vitest";
import {
  ABOLISHED_BINHAI_CODES,
  BINHAI_CODE,
  computeOrgCodeCheckChar,
  type GeneratedEnterprise,
  generateEnterprises,
  iterateEnterprises,
  makeUscc,
} from "./generate-enterprises";
import { loadReferenceData, parseCsv, parseDistrictsCsv } from "./reference-data";

const ref = loadReferenceData();
const current = ref.districts.filter((d) => d.status === "current");
const opts = { districts: current, industries: ref.industries };
const N = 20_000;
const big = generateEnterprises({ ...opts, count: N, seed: 42 });

describe("reference data", () => {
  it("parses BOM, CRLF and quoted commas", () => {
    expect(parseCsv('\uFEFFa,b,c\r\n1,"x, ""y""",3\r\n\r\n4,,"multi\nline"\n')).toEqual([
      ["a", "b", "c"],
      ["1", 'x, "y"', "3"],
      ["4", "", "multi\nline"],
    ]);
    expect(() => parseCsv('a,"b')).toThrow();
  });

  it("loads Tianjin's 16 current districts and the abolished ones", () => {
    expect(current).toHaveLength(16);
    expect(current.find((d) => d.code === BINHAI_CODE)?.name).toBe("滨海新区");
    const historical = ref.districts.filter((d) => d.status === "historical").map((d) => d.code);
    expect(historical).toEqual(expect.arrayContaining([...ABOLISHED_BINHAI_CODES]));
    expect(ref.districts[0]).toEqual({ code: "120101", name: "和平区", status: "current", sortOrder: 1 });
    expect(new Set(ref.districts.map((d) => d.sortOrder)).size).toBe(ref.districts.length);
    for (const d of ref.districts) {
      expect(d.code).toMatch(/^12\d{4}$/);
      expect(d.name).not.toMatch(/[()（）]|UNVERIFIED/);
    }
    expect(
      parseDistrictsCsv("code,name,status,source\n120224,宝坻县 (name UNVERIFIED),historical - UNVERIFIED,x"),
    ).toEqual([{ code: "120224", name: "宝坻县", status: "historical", sortOrder: 1 }]);
  });

  it("loads the 31 manufacturing divisions C13–C43", () => {
    expect(ref.industries).toHaveLength(31);
    expect(ref.industries.map((i) => i.code)).toEqual(Array.from({ length: 31 }, (_, k) => `C${13 + k}`));
    expect(ref.industries.find((i) => i.code === "C26")?.name).toBe("化学原料和化学制品制造业");
    expect(ref.industries.find((i) => i.code === "C39")?.name).toBe("计算机、通信和其他电子设备制造业");
  });
});

describe("codes", () => {
  it("GB 11714 organization code check digit matches published codes", () => {
    // Positions 9–17 of 914403001922038216 and 91440300708461136T, and of 9112011608300716X9 (check X).
    expect(computeOrgCodeCheckChar("19220382")).toBe("1");
    expect(computeOrgCodeCheckChar("70846113")).toBe("6");
    expect(computeOrgCodeCheckChar("08300716")).toBe("X");
    expect(computeOrgCodeCheckChar("M000100Y")).toBe("4");
  });

  it("makeUscc builds valid codes for current and abolished districts", () => {
    for (const district of ["120116", ...ABOLISHED_BINHAI_CODES]) {
      for (const newStyle of [false, true]) {
        const code = makeUscc(district, 12_345, newStyle);
        expect(validateUscc(code)).toEqual({ ok: true, code });
        expect(code.slice(2, 8)).toBe(district);
      }
    }
  });
});

describe("generateEnterprises", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = generateEnterprises({ ...opts, count: 300, seed: 7 });
    const b = generateEnterprises({ ...opts, count: 300, seed: 7 });
    const c = generateEnterprises({ ...opts, count: 300, seed: 8 });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it("chunked generation with startIndex equals one long run, and the stream equals the array", () => {
    const whole = generateEnterprises({ ...opts, count: 500, seed: 3 });
    const chunks = [
      ...generateEnterprises({ ...opts, count: 200, seed: 3 }),
      ...generateEnterprises({ ...opts, count: 300, seed: 3, startIndex: 200 }),
    ];
    expect(chunks).toEqual(whole);
    expect([...iterateEnterprises({ ...opts, count: 500, seed: 3 })]).toEqual(whole);
  });

  it(`all ${N} USCCs are valid, unique and structurally right`, () => {
    const abolished: readonly string[] = ABOLISHED_BINHAI_CODES;
    const bad = big.filter((e) => {
      const registration = e.uscc.slice(2, 8);
      return (
        !isValidUscc(e.uscc) ||
        !e.uscc.startsWith("91") ||
        e.uscc[16] !== computeOrgCodeCheckChar(e.uscc.slice(8, 16)) ||
        (registration !== e.districtCode &&
          !(e.districtCode === BINHAI_CODE && abolished.includes(registration)))
      );
    });
    expect(bad.slice(0, 3)).toEqual([]);
    expect(new Set(big.map((e) => e.uscc)).size).toBe(N);
  });

  it("about 3 % of codes carry an abolished 塘沽/汉沽/大港 district code", () => {
    const share =
      big.filter((e) => (ABOLISHED_BINHAI_CODES as readonly string[]).includes(e.uscc.slice(2, 8))).length /
      N;
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.04);
  });

  it(`all ${N} names are unique and look like 天津…公司`, () => {
    expect(new Set(big.map((e) => e.name)).size).toBe(N);
    expect(
      big.filter((e) => !/^天津[\u4e00-\u9fff]{4,}(有限公司|股份有限公司)$/.test(e.name)).slice(0, 3),
    ).toEqual([]);
  });

  it("USCCs and names stay unique across chunks of a larger run", () => {
    const later = generateEnterprises({ ...opts, count: 5_000, seed: 42, startIndex: 95_000 });
    const usccs = new Set(big.map((e) => e.uscc));
    const names = new Set(big.map((e) => e.name));
    for (const e of later) {
      expect(usccs.has(e.uscc)).toBe(false);
      expect(names.has(e.name)).toBe(false);
    }
    expect(new Set(later.map((e) => e.name)).size).toBe(later.length);
  });

  it("uses only current districts and known industries, 滨海新区 the most", () => {
    const districtCodes = new Set(current.map((d) => d.code));
    const industryCodes = new Set(ref.industries.map((i) => i.code));
    const perDistrict = new Map<string, number>();
    for (const e of big) perDistrict.set(e.districtCode, (perDistrict.get(e.districtCode) ?? 0) + 1);
    expect([...perDistrict.keys()].filter((c) => !districtCodes.has(c))).toEqual([]);
    expect(big.filter((e) => !industryCodes.has(e.industryCode)).slice(0, 3)).toEqual([]);
    const top = [...perDistrict.entries()].sort((a, b) => b[1] - a[1])[0];
    expect(top?.[0]).toBe(BINHAI_CODE);
    // Historical entries passed in by mistake are ignored.
    const withHistorical = generateEnterprises({ ...opts, districts: ref.districts, count: 2_000, seed: 1 });
    expect(withHistorical.filter((e) => !districtCodes.has(e.districtCode)).slice(0, 3)).toEqual([]);
  });

  it("size, 规上 and figures are consistent", () => {
    // One assertion per rule over all records (20,000 × expect() would dominate the run time).
    const violations = (rule: string, ok: (e: GeneratedEnterprise) => boolean) => ({
      rule,
      bad: big.filter((e) => !ok(e)).slice(0, 3),
    });
    const latest = (e: GeneratedEnterprise) =>
      e.annual[e.annual.length - 1] as GeneratedEnterprise["annual"][number];
    const wan = (e: GeneratedEnterprise) => latest(e).revenueFen / 1_000_000;
    const results = [
      violations("micro is never 规上", (e) => e.size !== "micro" || !e.aboveScale),
      violations(
        "large and medium are 规上",
        (e) => (e.size !== "large" && e.size !== "medium") || e.aboveScale,
      ),
      violations("2023–2025 or 2024–2025", (e) => {
        const years = e.annual.map((a) => a.year).join();
        return years === "2023,2024,2025" || years === "2024,2025";
      }),
      violations("integer 分 and head counts", (e) =>
        e.annual.every(
          (a) =>
            Number.isSafeInteger(a.revenueFen) &&
            a.revenueFen > 0 &&
            Number.isInteger(a.employees) &&
            a.employees > 0,
        ),
      ),
      violations("规上 ⇔ latest revenue ≥ 2000万元", (e) => e.aboveScale === wan(e) >= 2_000),
      violations(
        "large: ≥ 1000 people and ≥ 4亿元",
        (e) => e.size !== "large" || (latest(e).employees >= 1_000 && wan(e) >= 40_000),
      ),
      violations(
        "medium: 300–999 people",
        (e) => e.size !== "medium" || (latest(e).employees >= 300 && latest(e).employees < 1_000),
      ),
      violations(
        "micro: < 20 people or < 300万元",
        (e) => e.size !== "micro" || latest(e).employees < 20 || wan(e) < 300,
      ),
      violations("large firms are not SMEs", (e) => e.size !== "large" || e.srdiTier === "none"),
      violations(
        "关键工序数控化率 is a percentage with 2 decimals",
        (e) =>
          e.keyProcessNcRate === null ||
          (e.keyProcessNcRate >= 0 &&
            e.keyProcessNcRate <= 100 &&
            Math.round(e.keyProcessNcRate * 100) / 100 === e.keyProcessNcRate),
      ),
      violations("levels 1–5", (e) =>
        [e.dcmmLevel, e.cmmmLevel].every((l) => l === null || (Number.isInteger(l) && l >= 1 && l <= 5)),
      ),
    ];
    expect(results.filter((r) => r.bad.length > 0)).toEqual([]);

    const share = (f: (e: GeneratedEnterprise) => boolean) => big.filter(f).length / N;
    expect(share((e) => e.aboveScale)).toBeGreaterThan(0.3);
    expect(share((e) => e.aboveScale)).toBeLessThan(0.4);
    expect(share((e) => e.srdiTier === "innovative_sme")).toBeGreaterThan(0.07);
    expect(share((e) => e.srdiTier === "srdi_sme")).toBeGreaterThan(0.03);
    expect(share((e) => e.srdiTier === "little_giant")).toBeGreaterThan(0.004);
  });

  it("contacts and addresses are plausible", () => {
    const districtName = new Map(current.map((d) => [d.code, d.name]));
    const bad = big.filter(
      (e) =>
        !/^1[3-9]\d{9}$/.test(e.contactPhone) ||
        !/^[\u4e00-\u9fff]{2,3}$/.test(e.contactName) ||
        !e.address.startsWith(`天津市${districtName.get(e.districtCode)}`) ||
        !/\d+号$/.test(e.address) ||
        new Set(e.tags).size !== e.tags.length,
    );
    expect(bad.slice(0, 3)).toEqual([]);
  });

  it("rejects impossible options", () => {
    expect(() => generateEnterprises({ ...opts, count: -1 })).toThrow(RangeError);
    expect(() => generateEnterprises({ ...opts, count: 10, startIndex: 100_000_000 })).toThrow(RangeError);
    expect(() => generateEnterprises({ ...opts, districts: [], count: 1 })).toThrow();
    expect(generateEnterprises({ ...opts, count: 0 })).toEqual([]);
  });
});
