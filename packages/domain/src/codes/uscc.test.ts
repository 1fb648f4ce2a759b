import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeUsccCheckChar, isValidUscc, USCC_ALPHABET, USCC_WEIGHTS, validateUscc } from "./uscc";

/**
 * Independent reference implementation written from GB 32100-2015 directly (weights table copied
 * from the standard, not derived from 3^i), so a slip in the production code cannot hide in both.
 */
const GB32100_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const GB32100_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
function referenceCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++)
    sum += GB32100_ALPHABET.indexOf(first17[i] as string) * (GB32100_WEIGHTS[i] as number);
  return GB32100_ALPHABET[(31 - (sum % 31)) % 31] as string;
}

/** GB 11714 organization code check (positions 9–17 of codes converted from old 组织机构代码). */
function gb11714Check(first8: string): string {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = first8[i] as string;
    sum += (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55) * (w[i] as number);
  }
  const r = 11 - (sum % 11);
  return r === 10 ? "X" : r === 11 ? "0" : String(r);
}

const FIELD = "统一社会信用代码";

describe("USCC constants", () => {
  it("alphabet and weights are exactly those of GB 32100-2015", () => {
    expect(USCC_ALPHABET).toBe(GB32100_ALPHABET);
    expect(USCC_ALPHABET).toHaveLength(31);
    expect([...USCC_WEIGHTS]).toEqual(GB32100_WEIGHTS);
  });
});

describe("validateUscc golden cases", () => {
  // Published codes; each passes both the GB 32100 check character and, for positions 9–17, the
  // GB 11714 organization-code check digit, which a typo would be unlikely to satisfy by chance.
  const published: [string, string][] = [
    ["91440300708461136T", "深圳 440300, org code 70846113-6"],
    ["914403001922038216", "深圳 440300, org code 19220382-1"],
    ["911101080804655794", "北京海淀 110108"],
    ["91110000100010433L", "北京 110000"],
    ["91350100M000100Y43", "福州 350100, org code with letters M000100Y-4"],
    ["911201163409833307", "天津滨海新区 120116"],
    ["91120116592938202F", "天津滨海新区 120116"],
    ["91120116724472468Y", "天津滨海新区 120116"],
    ["911201165864250487", "天津滨海新区 120116"],
    ["9112011608300716X9", "天津滨海新区 120116, org check digit X"],
    ["911202247328197401", "天津 120224 (abolished 宝坻县)"],
  ];
  it.each(published)("%s (%s) is valid", (code) => {
    expect(referenceCheckChar(code.slice(0, 17))).toBe(code[17]);
    expect(gb11714Check(code.slice(8, 16))).toBe(code[16]);
    expect(computeUsccCheckChar(code.slice(0, 17))).toBe(code[17]);
    expect(validateUscc(code)).toEqual({ ok: true, code });
    expect(isValidUscc(code)).toBe(true);
  });

  // Registration offices in Tianjin's abolished 塘沽/汉沽/大港 districts (merged into 滨海新区 in 2009):
  // codes issued there keep 120107–120109 for life. Hand check of 911201093409833303:
  // Σ = 9·1+1·3+1·9+2·27+0·19+1·26+0·16+9·17+3·20+4·29+0·25+9·13+8·8+3·24+3·10+3·30+0·28 = 803,
  // 803 mod 31 = 28, (31 − 28) mod 31 = 3 → "3".
  const abolished: [string, string][] = [
    ["91120107724472468X", "120107 塘沽区"],
    ["91120108592938202W", "120108 汉沽区"],
    ["911201093409833303", "120109 大港区"],
  ];
  it.each(abolished)("%s (%s) stays valid after redistricting", (code) => {
    expect(referenceCheckChar(code.slice(0, 17))).toBe(code[17]);
    expect(validateUscc(code)).toEqual({ ok: true, code });
  });

  it("normalises lower case and surrounding whitespace", () => {
    expect(validateUscc("  91350100m000100y43 ")).toEqual({ ok: true, code: "91350100M000100Y43" });
    expect(validateUscc("\t9112011608300716x9\n")).toEqual({ ok: true, code: "9112011608300716X9" });
    expect(validateUscc("\u300091440300708461136t\u3000")).toEqual({ ok: true, code: "91440300708461136T" });
  });

  const invalid: [string, string, string][] = [
    ["empty", "", `${FIELD}不能为空`],
    ["blank", "   ", `${FIELD}不能为空`],
    ["17 characters", "91440300708461136", `${FIELD}应为18位，当前为17位`],
    ["19 characters", "91440300708461136TT", `${FIELD}应为18位，当前为19位`],
    ["inner space", "9144030070 8461136T", `${FIELD}应为18位，当前为19位`],
    ["letter I", "91350100M000100I43", `${FIELD}第16位“I”不是有效字符（代码中不使用字母 I、O、S、V、Z）`],
    ["letter O", "O1440300708461136T", `${FIELD}第1位“O”不是有效字符（代码中不使用字母 I、O、S、V、Z）`],
    [
      "letter S (lower case)",
      "91440300708461136s",
      `${FIELD}第18位“S”不是有效字符（代码中不使用字母 I、O、S、V、Z）`,
    ],
    ["letter V", "91440300V08461136T", `${FIELD}第9位“V”不是有效字符（代码中不使用字母 I、O、S、V、Z）`],
    ["letter Z", "9144030070846113ZT", `${FIELD}第17位“Z”不是有效字符（代码中不使用字母 I、O、S、V、Z）`],
    ["hyphen", "9144030070846113-T", `${FIELD}第17位“-”不是有效字符`],
    ["full-width digit", "９1440300708461136T", `${FIELD}第1位“９”不是有效字符`],
    ["letter in position 3", "91A40300708461136T", `${FIELD}第3–8位应为行政区划数字代码，第3位为“A”`],
    ["letter in position 8", "9144030M708461136T", `${FIELD}第3–8位应为行政区划数字代码，第8位为“M”`],
    ["wrong check character", "91440300708461136U", `${FIELD}校验位（第18位）不正确，请核对后重新输入`],
    ["transposed digits", "91440300078461136T", `${FIELD}校验位（第18位）不正确，请核对后重新输入`],
  ];
  it.each(invalid)("rejects %s", (_label, input, message) => {
    const r = validateUscc(input);
    expect(r).toEqual({ ok: false, message });
    expect(message).toContain(FIELD);
    expect(isValidUscc(input)).toBe(false);
  });

  it("counts characters, not UTF-16 units, and does not expand ligatures into valid letters", () => {
    // "ﬀ" (U+FB00) upper-cases to "FF"; folding it would accept a 17-character input as a real code.
    const first17 = "91120116MA05JKFF0";
    const full = `${first17}${referenceCheckChar(first17)}`;
    expect(isValidUscc(full)).toBe(true);
    expect(validateUscc(full.replace("FF", "\uFB00"))).toEqual({
      ok: false,
      message: `${FIELD}应为18位，当前为17位`,
    });
    expect(validateUscc("9144030070846113😀T")).toEqual({
      ok: false,
      message: `${FIELD}第17位“😀”不是有效字符`,
    });
  });

  it("computeUsccCheckChar rejects bad input", () => {
    expect(() => computeUsccCheckChar("9144030070846113")).toThrow();
    expect(() => computeUsccCheckChar("9144030070846113I")).toThrow();
  });
});

const alphabetChar = fc.constantFrom(...USCC_ALPHABET.split(""));
const digit = fc.constantFrom(..."0123456789".split(""));
/** A structurally valid code: any alphabet chars except positions 3–8, which are digits. */
const validCode = fc
  .tuple(
    fc.array(alphabetChar, { minLength: 2, maxLength: 2 }),
    fc.array(digit, { minLength: 6, maxLength: 6 }),
    fc.array(alphabetChar, { minLength: 9, maxLength: 9 }),
  )
  .map(([a, b, c]) => {
    const first17 = [...a, ...b, ...c].join("");
    return `${first17}${referenceCheckChar(first17)}`;
  });

describe("USCC properties", () => {
  it("every generated code with the right check character is valid", () => {
    fc.assert(
      fc.property(validCode, (code) => {
        expect(computeUsccCheckChar(code.slice(0, 17))).toBe(code[17]);
        expect(validateUscc(code)).toEqual({ ok: true, code });
        expect(validateUscc(` ${code.toLowerCase()} `)).toEqual({ ok: true, code });
      }),
      { numRuns: 2000 },
    );
  });

  it("every single-character substitution is detected", () => {
    // Weights 3^i mod 31 are all non-zero and 31 is prime, so changing value v_i to v'_i ≠ v_i shifts
    // the sum by w_i·(v'_i − v_i) ≢ 0 (mod 31); changing the check character itself obviously fails.
    fc.assert(
      fc.property(
        validCode,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 30 }),
        (code, pos, shift) => {
          const old = USCC_ALPHABET.indexOf(code[pos] as string);
          const replacement = USCC_ALPHABET[(old + shift) % 31] as string;
          const mutated = code.slice(0, pos) + replacement + code.slice(pos + 1);
          expect(mutated).not.toBe(code);
          expect(isValidUscc(mutated)).toBe(false);
          expect(referenceCheckChar(mutated.slice(0, 17)) === mutated[17]).toBe(false);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("exhaustively: every position × every replacement of one published code fails", () => {
    const code = "911201163409833307";
    let checked = 0;
    for (let pos = 0; pos < 18; pos++) {
      for (const ch of USCC_ALPHABET) {
        if (ch === code[pos]) continue;
        expect(isValidUscc(code.slice(0, pos) + ch + code.slice(pos + 1))).toBe(false);
        checked++;
      }
    }
    expect(checked).toBe(18 * 30);
  });

  it("never throws and only accepts 18-character alphabet strings", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 25 }), fc.string({ unit: "binary", maxLength: 25 })),
        (s) => {
          const r = validateUscc(s);
          if (r.ok) {
            expect(r.code).toHaveLength(18);
            expect([...r.code].every((c) => USCC_ALPHABET.includes(c))).toBe(true);
          } else {
            expect(r.message).toContain(FIELD);
          }
        },
      ),
    );
  });
});
