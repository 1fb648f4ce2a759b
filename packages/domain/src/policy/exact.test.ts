import { describe, expect, it } from "vitest";
import { exact, formatExactMoney, formatMoney, formatRatio, roundFen } from "./exact";

describe("formatMoney", () => {
  it.each([
    [0, "0元"],
    [1, "0.01元"],
    [80_000, "800元"],
    [999_999, "9,999.99元"],
    [1_000_000, "1万元"],
    [22_500_000, "22.5万元"],
    [1_000_000_000, "1,000万元"],
    [999_999_999, "9,999,999.99元"],
    [1_000_010_000, "1,000.01万元"],
    [1_000_000_100, "10,000,001元"],
    [-50_000_000, "-50万元"],
  ])("%d 分 → %s", (fen, text) => {
    expect(formatMoney(fen)).toBe(text);
  });
  it("exact fractions of a fen", () => {
    expect(formatExactMoney({ n: 80_000_000_5n, d: 10n })).toBe("800,000.005元");
    expect(formatExactMoney({ n: 10n, d: 3n })).toBe("≈0.033333元");
    expect(formatExactMoney(exact(22_500_000))).toBe("22.5万元");
  });
});

describe("formatRatio", () => {
  it.each([
    [{ num: 10, den: 100 }, "10%"],
    [{ num: 15, den: 1000 }, "1.5%"],
    [{ num: 3, den: 200 }, "1.5%"],
    [{ num: 1, den: 2 }, "50%"],
    [{ num: 1, den: 3 }, "1/3"],
    [{ num: 0, den: 7 }, "0%"],
    [{ num: 1, den: 1 }, "100%"],
  ])("%j → %s", (r, text) => {
    expect(formatRatio(r)).toBe(text);
  });
});

describe("roundFen", () => {
  const x = (n: bigint, d: bigint) => ({ n, d });
  it.each([
    ["down", 1, x(5n, 2n), 2n],
    ["up", 1, x(5n, 2n), 3n],
    ["halfUp", 1, x(5n, 2n), 3n],
    ["halfUp", 1, x(7n, 3n), 2n],
    ["up", 1, x(6n, 3n), 2n],
    ["down", 100, x(19_999n, 1n), 19_900n],
    ["halfUp", 100, x(150n, 1n), 200n],
    ["halfUp", 100, x(149n, 1n), 100n],
    ["up", 1_000_000, x(1n, 1n), 1_000_000n],
  ] as const)("%s to %d 分, case %#", (mode, unitFen, v, out) => {
    expect(roundFen(v, { mode, unitFen })).toBe(out);
  });
});
