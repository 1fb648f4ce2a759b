/**
 * Splitting a whole number (a yearly target, a round's recommendation quota) between districts in
 * proportion to weights (their shares, their number of 规上 enterprises), in whole units that add up
 * exactly to the total: the largest-remainder (Hamilton) method. Each district first gets the integer
 * part of its exact share total × w / Σw; the units left go one each to the largest remainders, ties to
 * the larger weight, then to the smaller key — so the result is reproducible and no district is ever
 * more than one unit away from its exact share.
 */

/** key → weight (≥ 0). */
export type Weights = Readonly<Record<string, number>>;

export function apportion(total: number, weights: Weights): Record<string, number> {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError("总数应为不小于 0 的整数");
  const keys = Object.keys(weights).sort();
  for (const k of keys) {
    const w = weights[k] as number;
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`“${k}”的权重应为不小于 0 的整数`);
  }
  const sum = keys.reduce((s, k) => s + (weights[k] as number), 0);
  const out: Record<string, number> = {};
  if (keys.length === 0) {
    if (total > 0) throw new RangeError("没有可分配的对象");
    return out;
  }
  if (sum === 0) {
    if (total > 0) throw new RangeError("权重之和为 0，无法分配");
    for (const k of keys) out[k] = 0;
    return out;
  }
  // Exact arithmetic in bigint: share = total × w / sum = q + r / sum.
  const T = BigInt(total);
  const S = BigInt(sum);
  const rest: { key: string; r: bigint; w: number }[] = [];
  let given = 0;
  for (const k of keys) {
    const w = weights[k] as number;
    const p = T * BigInt(w);
    const q = Number(p / S);
    out[k] = q;
    given += q;
    rest.push({ key: k, r: p % S, w });
  }
  rest.sort((a, b) => (a.r === b.r ? b.w - a.w || (a.key < b.key ? -1 : 1) : a.r > b.r ? -1 : 1));
  for (let i = 0; i < total - given; i++) {
    const k = (rest[i] as { key: string }).key;
    out[k] = (out[k] as number) + 1;
  }
  return out;
}
