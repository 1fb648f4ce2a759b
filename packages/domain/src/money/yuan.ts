/**
 * Exact money conversions. Amounts are integer 分 everywhere; users type 元 or 万元 as decimal
 * strings, which are parsed digit by digit — never through a float — so "0.07" 万元 is exactly 70000 分.
 */

/** Optional sign, integer part (commas only between digit groups, never after the point), optional fraction. */
const DECIMAL = /^([+-]?)(\d+(?:,\d+)*)(?:\.(\d+))?$/;

/** Parses a decimal string in a unit worth `fenPerUnit` 分 (元 = 100, 万元 = 1,000,000). */
export function parseDecimalToFen(input: string, fenPerUnit: 100 | 1_000_000): number | null {
  const m = DECIMAL.exec(input.trim());
  if (!m) return null;
  const [, sign, grouped = "0", frac = ""] = m;
  const intPart = grouped.replace(/,/g, "");
  const scale = fenPerUnit === 100 ? 2 : 6;
  if (frac.length > scale && /[1-9]/.test(frac.slice(scale))) return null; // finer than 1 分
  const digits = `${intPart}${frac.slice(0, scale).padEnd(scale, "0")}`;
  const value = Number(BigInt(digits));
  if (!Number.isSafeInteger(value)) return null;
  return sign === "-" && value !== 0 ? -value : value; // "-0" is 0, not -0
}

export const parseYuanToFen = (s: string) => parseDecimalToFen(s, 100);
export const parseWanYuanToFen = (s: string) => parseDecimalToFen(s, 1_000_000);

/** 分 → "1,234.56" 元 (exact, integer arithmetic). */
export function formatFenAsYuan(fen: number): string {
  assertFen(fen);
  const neg = fen < 0;
  const a = Math.abs(fen);
  const yuan = Math.trunc(a / 100);
  const cents = String(a % 100).padStart(2, "0");
  return `${neg ? "-" : ""}${yuan.toLocaleString("en-US")}.${cents}`;
}

/** 分 → 万元 string with up to 2 decimals, e.g. 123456789 分 → "123.46" (display only, rounded half up). */
export function formatFenAsWanYuan(fen: number, decimals = 2): string {
  assertFen(fen);
  const a = BigInt(Math.abs(fen));
  const unit = 1_000_000n;
  const factor = 10n ** BigInt(decimals);
  const scaled = (a * factor * 2n + unit) / (2n * unit); // round half up
  const int = scaled / factor;
  const frac = (scaled % factor).toString().padStart(decimals, "0");
  const neg = fen < 0 && scaled > 0n; // -1 分 rounds to "0.00", not "-0.00"
  return `${neg ? "-" : ""}${int.toLocaleString("en-US")}${decimals > 0 ? `.${frac}` : ""}`;
}

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`金额必须是整数分，收到 ${fen}`);
}
