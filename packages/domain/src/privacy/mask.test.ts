import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskPersonName, maskPhone } from "./mask";

describe("maskPhone", () => {
  const cases: [string | null | undefined, string][] = [
    ["13812345678", "138****5678"],
    [" 13812345678 ", "138****5678"],
    ["19912345678", "199****5678"],
    ["022-23456789", "********6789"], // landline keeps only the last 4
    ["+8613812345678", "**********5678"],
    ["138123456789", "********6789"], // 12 digits is not a mobile number
    ["12345", "*2345"],
    ["1234", "****"],
    ["12", "**"],
    ["", ""],
    ["   ", ""],
    [null, ""],
    [undefined, ""],
  ];
  it.each(cases)("%j → %j", (input, masked) => {
    expect(maskPhone(input)).toBe(masked);
  });

  it("a mobile number never shows its middle four digits and keeps its length", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (phone) => {
        const m = maskPhone(phone);
        expect(m).toHaveLength(11);
        expect(m.slice(3, 7)).toBe("****");
        expect(m.slice(0, 3)).toBe(phone.slice(0, 3));
        expect(m.slice(7)).toBe(phone.slice(7));
      }),
    );
  });

  it("never reveals more than the last 4 characters of anything else", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), (s) => {
        const p = s.trim();
        fc.pre(!/^1\d{10}$/.test(p));
        const m = maskPhone(s);
        expect(m).toHaveLength(p.length);
        const shown = p.length <= 4 ? 0 : 4;
        expect(m.slice(0, p.length - shown)).toBe("*".repeat(p.length - shown));
      }),
    );
  });
});

describe("maskPersonName", () => {
  const cases: [string | null | undefined, string][] = [
    ["张三", "张*"],
    ["王小明", "王**"],
    ["欧阳娜娜", "欧***"],
    [" 李四 ", "李*"],
    ["𠀋一", "𠀋*"], // CJK extension B surname counts as one character
    ["张", "张"],
    ["", ""],
    [null, ""],
    [undefined, ""],
  ];
  it.each(cases)("%j → %j", (input, masked) => {
    expect(maskPersonName(input)).toBe(masked);
  });

  it("keeps the first character and the length in characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 2, maxLength: 6 }), (name) => {
        const chars = Array.from(name.trim());
        fc.pre(chars.length >= 2);
        const m = Array.from(maskPersonName(name));
        expect(m).toHaveLength(chars.length);
        expect(m[0]).toBe(chars[0]);
        expect(m.slice(1).every((c) => c === "*")).toBe(true);
      }),
    );
  });
});
