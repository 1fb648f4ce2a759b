/**
 * Exact arithmetic for amounts: 分 × rational rates in bigint, one explicit rounding at the end, and
 * exact Chinese display of money and rates. Nothing here goes through a float.
 */
import type { Ratio, Rounding } from "./policy";

/** n / d 分, d > 0. */
export interface Exact {
  readonly n: bigint;
  readonly d: bigint;
}

export const exact = (fen: number | bigint): Exact => ({ n: BigInt(fen), d: 1n });
export const fromRatio = (r: Ratio): Exact => ({ n: BigInt(r.num), d: BigInt(r.den) });

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}
function norm(n: bigint, d: bigint): Exact {
  const g = gcd(n, d);
  return { n: n / g, d: d / g };
}
export const mul = (a: Exact, b: Exact): Exact => norm(a.n * b.n, a.d * b.d);
export const add = (a: Exact, b: Exact): Exact => norm(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Exact, b: Exact): Exact => norm(a.n * b.d - b.n * a.d, a.d * b.d);
export const cmp = (a: Exact, b: Exact): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const isInteger = (a: Exact): boolean => a.n % a.d === 0n;

/** Non-negative amounts only (the engine never produces a negative one). */
export function roundFen(a: Exact, rounding: Rounding): bigint {
  const unit = BigInt(rounding.unitFen);
  const d = a.d * unit;
  const q = a.n / d;
  const r = a.n % d;
  switch (rounding.mode) {
    case "down":
      return q * unit;
    case "up":
      return (r === 0n ? q : q + 1n) * unit;
    case "halfUp":
      return (2n * r >= d ? q + 1n : q) * unit;
  }
}

export function ratioValid(r: Ratio): boolean {
  return Number.isSafeInteger(r.num) && Number.isSafeInteger(r.den) && r.den > 0 && r.num >= 0;
}
/** num/den ≤ 1. */
export const ratioAtMostOne = (r: Ratio): boolean => r.num <= r.den;

// ---------------------------------------------------------------------------------------------
// Display

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/**
 * Exact decimal of n/d with at most `maxDecimals` decimals, trailing zeros trimmed; null if n/d has
 * no exact decimal expansion that short.
 */
function decimal(n: bigint, d: bigint, maxDecimals: number): string | null {
  const neg = n < 0n;
  const a = neg ? -n : n;
  for (let k = 0; k <= maxDecimals; k++) {
    const scaled = a * 10n ** BigInt(k);
    if (scaled % d === 0n) {
      const v = (scaled / d).toString().padStart(k + 1, "0");
      const int = v.slice(0, v.length - k);
      const frac = v.slice(v.length - k);
      return `${neg ? "-" : ""}${group(int)}${k > 0 ? `.${frac}` : ""}`;
    }
  }
  return null;
}

/**
 * 分 → Chinese money text, exact: whole hundreds of 元 from 1万元 up read in 万元 ("1,000万元",
 * "22.5万元"), everything else in 元 ("9,999,999.99元", "800元").
 */
export function formatMoney(fen: number | bigint): string {
  const f = BigInt(fen);
  const a = f < 0n ? -f : f;
  if (a >= 1_000_000n && a % 10_000n === 0n) return `${decimal(f, 1_000_000n, 2)}万元`;
  return `${decimal(f, 100n, 2)}元`;
}

/** An exact amount that may have a fraction of a fen: "800,000.005元"; "≈" when it does not terminate. */
export function formatExactMoney(a: Exact): string {
  if (isInteger(a)) return formatMoney(a.n / a.d);
  const yuan = decimal(a.n, a.d * 100n, 6);
  if (yuan !== null) return `${yuan}元`;
  const scaled = (a.n * 1_000_000n) / (a.d * 100n);
  return `≈${decimal(scaled, 1_000_000n, 6)}元`;
}

/** {num: 15, den: 1000} → "1.5%"; {1,3} → "1/3" (no exact short percent). */
export function formatRatio(r: Ratio): string {
  const p = decimal(BigInt(r.num) * 100n, BigInt(r.den), 4);
  if (p !== null) return `${p}%`;
  const g = gcd(BigInt(r.num), BigInt(r.den));
  return `${BigInt(r.num) / g}/${BigInt(r.den) / g}`;
}

export const ROUNDING_UNIT_LABELS: Record<number, string> = {
  1: "分",
  100: "元",
  10000: "百元",
  1000000: "万元",
};
export const ROUNDING_MODE_LABELS: Record<Rounding["mode"], string> = {
  down: "向下取整（舍去）",
  up: "向上取整（进位）",
  halfUp: "四舍五入",
};
