import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeUsccCheckChar, USCC_ALPHABET } from "../codes/uscc";
import { matchPublishedRows, normaliseCompanyName } from "./names";
import type { RegistryEntry } from "./types";

const uscc = (body: string) => {
  const first17 = `91120116${body}`;
  return first17 + computeUsccCheckChar(first17);
};
const A = uscc("MA05K1234");
const B = uscc("MA05K5678");
const C = uscc("MA06T0001");
const UNKNOWN = uscc("MA07W9999");

describe("normaliseCompanyName golden table", () => {
  it.each([
    ["天津市某某科技有限公司", "天津市某某科技有限公司"],
    ["  天津市 某某科技 有限公司 ", "天津市某某科技有限公司"],
    ["天津市某某科技有限责任公司", "天津市某某科技有限公司"],
    ["天津市某某科技股份有限公司", "天津市某某科技有限公司"],
    ["天津某某（集团）有限公司", "天津某某集团有限公司"],
    ["天津某某【集团】股份有限公司", "天津某某集团有限公司"],
    ["某某（天津）智能装备有限公司", "某某(天津)智能装备有限公司"],
    ["某某〔天津〕智能装备有限公司", "某某(天津)智能装备有限公司"],
    ["某某[天津]智能装备有限公司", "某某(天津)智能装备有限公司"],
    ["ＡＢＣ电子（天津）有限公司", "abc电子(天津)有限公司"],
    ["ABC电子(天津)有限公司", "abc电子(天津)有限公司"],
    ["天津１２３机械有限公司", "天津123机械有限公司"],
    ["天津\u3000某某\u200b机械有限公司", "天津某某机械有限公司"],
    ["某某股份有限公司天津分公司", "某某有限公司天津分公司"],
    ["天津某某机械厂", "天津某某机械厂"],
    ["天津某某公司", "天津某某公司"],
    ["某某股份有限责任公司", "某某有限公司"],
  ])("%s → %s", (input, expected) => {
    expect(normaliseCompanyName(input)).toBe(expected);
  });
});

const REGISTRY: RegistryEntry[] = [
  { id: "e1", name: "天津市某某科技有限公司", uscc: A },
  { id: "e2", name: "天津某某集团有限公司", uscc: B },
  { id: "e3", name: "天津同名机械有限公司", uscc: C },
  { id: "e4", name: "天津同名机械股份有限公司", uscc: uscc("MA06T0002") },
];

describe("matchPublishedRows golden table", () => {
  it.each([
    ["USCC", { uscc: A }, { kind: "matched", id: "e1", by: "uscc" }],
    [
      "USCC wins over a different name",
      { uscc: A, name: "天津某某集团有限公司" },
      { kind: "matched", id: "e1", by: "uscc" },
    ],
    [
      "lower-case USCC with spaces",
      { uscc: ` ${A.toLowerCase()} ` },
      { kind: "matched", id: "e1", by: "uscc" },
    ],
    [
      "name, full-width brackets and 股份",
      { name: "天津某某（集团）股份有限公司" },
      { kind: "matched", id: "e2", by: "name" },
    ],
    [
      "name with 有限责任公司",
      { name: "天津市某某科技有限责任公司", uscc: "" },
      { kind: "matched", id: "e1", by: "name" },
    ],
    [
      "name of two registry enterprises",
      { name: "天津同名机械有限公司" },
      {
        kind: "ambiguous",
        candidates: ["e3", "e4"],
        message:
          "企业名称“天津同名机械有限公司”对应企业库中2家企业（“天津同名机械有限公司”、“天津同名机械股份有限公司”），请补充统一社会信用代码",
      },
    ],
    [
      "ambiguous name resolved by its code",
      { name: "天津同名机械有限公司", uscc: C },
      { kind: "matched", id: "e3", by: "uscc" },
    ],
    [
      "bad check character",
      { uscc: `${A.slice(0, 17)}${A.endsWith("0") ? "1" : "0"}`, name: "天津市某某科技有限公司" },
      { kind: "invalid_uscc", message: "统一社会信用代码校验位（第18位）不正确，请核对后重新输入" },
    ],
    [
      "too short",
      { uscc: "9112011" },
      { kind: "invalid_uscc", message: "统一社会信用代码应为18位，当前为7位" },
    ],
    [
      "unknown name",
      { name: "不存在的公司" },
      { kind: "not_found", message: "企业库中没有名称为“不存在的公司”的企业" },
    ],
    [
      "unknown code",
      { uscc: UNKNOWN },
      { kind: "not_found", message: `企业库中没有统一社会信用代码为${UNKNOWN}的企业` },
    ],
    [
      "unknown code, known name",
      { uscc: UNKNOWN, name: "天津市某某科技有限公司" },
      {
        kind: "not_found",
        message: `企业库中没有统一社会信用代码为${UNKNOWN}的企业；同名企业“天津市某某科技有限公司”的代码与之不同，请核对`,
      },
    ],
    [
      "unknown code, unknown name",
      { uscc: UNKNOWN, name: "某公司" },
      {
        kind: "not_found",
        message: `企业库中没有统一社会信用代码为${UNKNOWN}的企业，也没有名称为“某公司”的企业`,
      },
    ],
    [
      "empty row",
      { name: "  ", uscc: null },
      { kind: "not_found", message: "该行未填写企业名称和统一社会信用代码" },
    ],
  ] as const)("%s", (_n, row, expected) => {
    expect(matchPublishedRows([row], REGISTRY)).toEqual([expected]);
  });

  it("a code held by two registry rows is ambiguous", () => {
    const reg = [...REGISTRY, { id: "e9", name: "重复代码公司", uscc: A }];
    expect(matchPublishedRows([{ uscc: A }], reg)[0]).toMatchObject({
      kind: "ambiguous",
      candidates: ["e1", "e9"],
    });
  });

  it("keeps row order", () => {
    const r = matchPublishedRows([{ uscc: B }, { name: "无" }, { uscc: A }], REGISTRY);
    expect(r.map((m) => (m.kind === "matched" ? m.id : m.kind))).toEqual(["e2", "not_found", "e1"]);
  });
});

// ---------------------------------------------------------------------------------------------

const nameChars = fc.constantFrom(
  ..."天津市科技机械集团股份有限责任公司ABCabc123（）()【】[]〔〕《》 　\u200bＡＢＣ１２３·-".split(""),
);
const nameArb = fc.array(nameChars, { minLength: 1, maxLength: 24 }).map((cs) => cs.join(""));
const codeArb = fc
  .array(fc.constantFrom(...USCC_ALPHABET.split("")), { minLength: 9, maxLength: 9 })
  .map((cs) => uscc(cs.join("")));
/** Any code points, lone surrogates included (fc's own "binary" unit is slow to set up). */
const anyText = fc
  .array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 24 })
  .map((cps) => cps.map((cp) => String.fromCodePoint(cp)).join(""));
const registryArb = fc
  .array(fc.record({ name: nameArb, uscc: codeArb }), { maxLength: 8 })
  .map((list) => list.map((e, i) => ({ id: `id${i}`, ...e })));

describe("name matching properties", () => {
  it("normalisation is idempotent (also on arbitrary Unicode)", () => {
    fc.assert(
      fc.property(fc.oneof(nameArb, anyText), (s) => {
        const n = normaliseCompanyName(s);
        expect(normaliseCompanyName(n)).toBe(n);
      }),
    );
  });

  it("full-width and half-width spellings normalise alike", () => {
    fc.assert(
      fc.property(nameArb, (s) => {
        const full = s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
        expect(normaliseCompanyName(full)).toBe(normaliseCompanyName(s));
      }),
    );
  });

  it("a registry entry matches itself by name unless another normalises alike, and by code always", () => {
    fc.assert(
      fc.property(registryArb, (reg) => {
        const byName = matchPublishedRows(
          reg.map((e) => ({ name: e.name })),
          reg,
        );
        reg.forEach((e, i) => {
          const twins = reg.filter(
            (x) => normaliseCompanyName(x.name) === normaliseCompanyName(e.name),
          ).length;
          const r = byName[i];
          if (normaliseCompanyName(e.name) === "") expect(r?.kind).toBe("not_found");
          else if (twins === 1) expect(r).toEqual({ kind: "matched", id: e.id, by: "name" });
          else expect(r?.kind).toBe("ambiguous");
        });
        const byCode = matchPublishedRows(
          reg.map((e) => ({ uscc: e.uscc })),
          reg,
        );
        reg.forEach((e, i) => {
          const twins = reg.filter((x) => x.uscc === e.uscc).length;
          if (twins === 1) expect(byCode[i]).toEqual({ kind: "matched", id: e.id, by: "uscc" });
        });
      }),
    );
  });

  it("one result per row; matched names one registry id; ambiguous lists ≥ 2 distinct ids", () => {
    fc.assert(
      fc.property(
        registryArb,
        fc.array(fc.record({ name: fc.option(nameArb), uscc: fc.option(fc.oneof(codeArb, fc.string())) }), {
          maxLength: 8,
        }),
        (reg, rows) => {
          const r = matchPublishedRows(rows, reg);
          expect(r).toHaveLength(rows.length);
          const ids = new Set(reg.map((e) => e.id));
          for (const m of r) {
            if (m.kind === "matched") expect(ids.has(m.id)).toBe(true);
            if (m.kind === "ambiguous") {
              expect(new Set(m.candidates).size).toBe(m.candidates.length);
              expect(m.candidates.length).toBeGreaterThanOrEqual(2);
            }
          }
        },
      ),
    );
  });
});
