import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatFenAsWanYuan,
  formatFenAsYuan,
  parseDecimalToFen,
  parseWanYuanToFen,
  parseYuanToFen,
} from "./yuan";

describe("parseWanYuanToFen", () => {
  const cases: [string, number | null][] = [
    ["0.07", 70_000], // a float would give 70000.00000000001
    ["1", 1_000_000],
    ["0", 0],
    ["0.000001", 1],
    ["0.0000010", 1],
    ["123.456789", 123_456_789],
    ["1,234.5", 1_234_500_000],
    ["  12.3  ", 12_300_000],
    ["+5", 5_000_000],
    ["-0.5", -500_000],
    ["-0", 0],
    ["9007199254.740991", Number.MAX_SAFE_INTEGER],
    ["9007199254.740992", null], // not a safe integer of 分
    ["0.0000001", null], // finer than 1 分
    ["", null],
    ["abc", null],
    ["1e3", null],
    [".5", null],
    ["5.", null],
    ["1.2.3", null],
    ["--1", null],
    ["1 000", null],
    ["１２", null], // full-width digits are not silently accepted
  ];
  it.each(cases)("%j 万元 → %s 分", (input, fen) => {
    expect(parseWanYuanToFen(input)).toBe(fen);
    expect(parseDecimalToFen(input, 1_000_000)).toBe(fen);
  });
});

describe("parseYuanToFen", () => {
  const cases: [string, number | null][] = [
    ["1,234.5", 123_450],
    ["1,234,567.89", 123_456_789],
    ["12,34", 123_400], // grouping is not policed, only where commas may stand
    ["0.01", 1],
    ["0.1", 10],
    ["0.29", 29], // 0.29 * 100 = 28.999999999999996 as a float
    ["1.10", 110],
    ["1.000", 100], // trailing zeros beyond 分 are fine
    ["1.001", null], // 0.1 分 is not representable
    ["-3.5", -350],
    ["-0.00", 0],
    ["abc", null],
    ["", null],
    ["   ", null],
    ["1.2,3", null], // comma after the point
    [",5", null],
    ["5,", null],
    ["1,,2", null],
    ["￥5", null],
    ["5元", null],
    ["90071992547409.91", Number.MAX_SAFE_INTEGER],
    ["90071992547409.92", null],
    ["99999999999999999999999", null],
  ];
  it.each(cases)("%j 元 → %s 分", (input, fen) => {
    expect(parseYuanToFen(input)).toBe(fen);
  });

  it("never returns -0", () => {
    expect(Object.is(parseYuanToFen("-0"), 0)).toBe(true);
    expect(Object.is(parseWanYuanToFen("-0.000"), 0)).toBe(true);
  });
});

describe("formatFenAsYuan", () => {
  const cases: [number, string][] = [
    [0, "0.00"],
    [1, "0.01"],
    [10, "0.10"],
    [123_450, "1,234.50"],
    [123_456_789, "1,234,567.89"],
    [-5, "-0.05"],
    [-123_456_789, "-1,234,567.89"],
    [Number.MAX_SAFE_INTEGER, "90,071,992,547,409.91"],
  ];
  it.each(cases)("%i 分 → %s 元", (fen, text) => {
    expect(formatFenAsYuan(fen)).toBe(text);
  });
  it("rejects non-integer 分", () => {
    expect(() => formatFenAsYuan(1.5)).toThrow(RangeError);
    expect(() => formatFenAsYuan(Number.NaN)).toThrow(RangeError);
  });
});

describe("formatFenAsWanYuan", () => {
  const cases: [number, number | undefined, string][] = [
    [123_456_789, undefined, "123.46"],
    [70_000, undefined, "0.07"],
    [0, undefined, "0.00"],
    [5_000, undefined, "0.01"], // half rounds up
    [4_999, undefined, "0.00"],
    [-5_000, undefined, "-0.01"], // half rounds away from zero
    [-1, undefined, "0.00"], // a tiny debt shows as 0.00, not -0.00
    [12_345_678_900_000, undefined, "12,345,678.90"],
    [123_456_789, 0, "123"],
    [123_456_789, 4, "123.4568"],
    [123_456_789, 6, "123.456789"],
    [-1, 6, "-0.000001"],
  ];
  it.each(cases)("%i 分 (decimals %s) → %s 万元", (fen, decimals, text) => {
    expect(decimals === undefined ? formatFenAsWanYuan(fen) : formatFenAsWanYuan(fen, decimals)).toBe(text);
  });
  it("rejects non-integer 分", () => {
    expect(() => formatFenAsWanYuan(0.5)).toThrow(RangeError);
  });
});

describe("money properties", () => {
  const fen = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

  it("元: parse(format(x)) === x for every safe integer 分", () => {
    fc.assert(
      fc.property(fen, (x) => {
        expect(parseYuanToFen(formatFenAsYuan(x))).toBe(x);
      }),
    );
  });

  it("万元 at 6 decimals: parse(format(x)) === x", () => {
    fc.assert(
      fc.property(fen, (x) => {
        expect(parseWanYuanToFen(formatFenAsWanYuan(x, 6))).toBe(x);
      }),
    );
  });

  it("万元 at 2 decimals is within half a 百元 of the exact amount", () => {
    fc.assert(
      fc.property(fen, (x) => {
        const back = parseWanYuanToFen(formatFenAsWanYuan(x)) as number;
        expect(Math.abs(back - x)).toBeLessThanOrEqual(5_000);
      }),
    );
  });

  it("parsing a plain decimal string matches BigInt arithmetic", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 99 }), (yuan, cents) => {
        const text = `${yuan}.${String(cents).padStart(2, "0")}`;
        const expected = yuan * 100n + BigInt(cents);
        expect(parseYuanToFen(text)).toBe(
          expected <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(expected) : null,
        );
      }),
    );
  });
});
