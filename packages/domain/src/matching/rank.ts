/**
 * Supply–demand matching (供需对接): one demand against the solution catalogue (or the provider pool),
 * ranked with a score the user can check line by line.
 *
 * Order is lexicographic, not only weighted:
 *   1. entries that cover at least one demanded scene come before entries that cover none — a
 *      cheap, well-rated solution for the wrong problem must never outrank one for the right problem,
 *      whatever the weights;
 *   2. then the weighted score (0–100), higher first;
 *   3. then the id (code-unit order, not locale order), so equal scores always come out the same way.
 *
 * The score is Σ weight × value / Σ weight over the criteria that apply to this demand (a demand with
 * no budget does not score budget fit for anyone), each value in 0..1. Weights and the curve
 * parameters are data (DEFAULT_MATCH_WEIGHTS, DEFAULT_MATCH_PARAMETERS) a city can override per call.
 *
 * Cost: one pass computing numbers only, one sort (n log n), then reasons are written for the
 * entries returned (`limit`), so 10,000 solutions rank in a few milliseconds.
 */
import {
  areaCovers,
  type MeasuredOutcome,
  type Provider,
  type ProviderCategory,
  type RatingSummary,
  type Solution,
} from "../providers/provider";
import type { Demand } from "./demand";
import { round1, round9, type WeightedPart, weightedPart } from "./weighted-part";

export const MATCH_CRITERIA = [
  "sceneFit",
  "industryExperience",
  "measuredOutcomes",
  "rating",
  "serviceArea",
  "budgetFit",
] as const;
export type MatchCriterion = (typeof MATCH_CRITERIA)[number];

export const MATCH_CRITERION_LABELS: Record<MatchCriterion, string> = {
  sceneFit: "场景匹配",
  industryExperience: "行业经验",
  measuredOutcomes: "实测成效",
  rating: "企业评价",
  serviceArea: "服务区域",
  budgetFit: "预算匹配",
};

export type MatchWeights = Readonly<Record<MatchCriterion, number>>;

/**
 * Default weights (our own reading; no seed text weighs these). Scene fit dominates because it is
 * what the enterprise asked for; measured outcomes weigh as much as ratings because a re-assessed
 * before/after change is harder to game than a satisfaction score. Any non-negative numbers work:
 * they are normalised over the criteria that apply.
 */
export const DEFAULT_MATCH_WEIGHTS: MatchWeights = {
  sceneFit: 35,
  industryExperience: 15,
  measuredOutcomes: 15,
  rating: 15,
  serviceArea: 10,
  budgetFit: 10,
};

export interface MatchParameters {
  /** Cases in the demand's industry that earn full industry experience (fewer: proportionally). */
  readonly industryCasesForFull: number;
  /** Value when the candidate declares the industry but has no case in it yet. */
  readonly declaredIndustryValue: number;
  /** Mean before/after gain (points) that earns full measured-outcome value. */
  readonly outcomeGainForFull: number;
  /**
   * Shrinkage of the mean gain toward 0: gain × n / (n + k). One enterprise's +20 should not beat
   * eight enterprises' +8.
   */
  readonly outcomeShrinkEnterprises: number;
  /** Bayesian rating: (average × n + prior × m) / (n + m), so two 5-star ratings ≠ proven quality. */
  readonly ratingPrior: number;
  readonly ratingPriorWeight: number;
  /** Budget fit when the price is 面议 (unknown): neither rewarded nor punished much. */
  readonly unknownPriceValue: number;
  /** Budget fit when the starting price is within budget but the top of the range is not. */
  readonly partlyInBudgetValue: number;
}

export const DEFAULT_MATCH_PARAMETERS: MatchParameters = {
  industryCasesForFull: 5,
  declaredIndustryValue: 0.3,
  outcomeGainForFull: 10,
  outcomeShrinkEnterprises: 3,
  ratingPrior: 3,
  ratingPriorWeight: 5,
  unknownPriceValue: 0.5,
  partlyInBudgetValue: 0.75,
};

export interface MatchNames {
  /** Scene / sub-domain id → name ("S08" → "设备管理"). */
  readonly scenes?: Readonly<Record<string, string>>;
  /** GB/T 4754 division → name ("C34" → "通用设备制造业"). */
  readonly industries?: Readonly<Record<string, string>>;
  /** GB/T 2260 code → name ("120104" → "南开区"). */
  readonly districts?: Readonly<Record<string, string>>;
}

export interface MatchOptions {
  readonly weights?: Partial<MatchWeights>;
  readonly parameters?: Partial<MatchParameters>;
  /** Entries returned (all are ranked). Default: all. */
  readonly limit?: number;
  readonly names?: MatchNames;
  /**
   * Scene id → its sub-domain id. A candidate tagged with the sub-domain ("op-production") covers
   * each of its scenes ("S08"), as the catalogue often tags the broader field.
   */
  readonly sceneGroups?: Readonly<Record<string, string>>;
  /** Only these categories. */
  readonly categories?: readonly ProviderCategory[];
  /** Also rank candidates of providers that are not admitted (default false: only 已入库). */
  readonly includeNotAdmitted?: boolean;
}

/** One criterion's part of a candidate's score (see WeightedPart). */
export interface CriterionResult extends WeightedPart {
  readonly criterion: MatchCriterion;
}

export interface MatchEntry<T> {
  /** 1-based position. */
  readonly rank: number;
  readonly id: string;
  readonly item: T;
  readonly provider: Provider;
  /** 0–100, rounded to 0.1. */
  readonly score: number;
  /** False when the demand names scenes and this entry covers none of them (ranked last). */
  readonly coversDemand: boolean;
  readonly coveredSceneIds: readonly string[];
  readonly missingSceneIds: readonly string[];
  /** One per criterion, in MATCH_CRITERIA order. */
  readonly breakdown: readonly CriterionResult[];
  /** The breakdown's reasons, in the same order. */
  readonly reasons: readonly string[];
}

export interface MatchResult<T> {
  readonly entries: readonly MatchEntry<T>[];
  /** Candidates ranked (after the provider-status and category filters). */
  readonly ranked: number;
  /** Candidates left out: provider unknown, not admitted, or category filtered out. */
  readonly skipped: number;
  readonly weights: MatchWeights;
}

// ---------------------------------------------------------------------------------------------

interface Candidate<T> {
  readonly id: string;
  readonly item: T;
  readonly provider: Provider;
  readonly sceneIds: readonly string[];
  /** Declared industries; empty = general purpose. */
  readonly industries: readonly string[];
  readonly priceMinFen: number | undefined;
  readonly priceMaxFen: number | undefined;
  readonly districts: readonly string[];
  readonly outcome: MeasuredOutcome | undefined;
  readonly rating: RatingSummary | undefined;
}

interface Context {
  readonly demand: Demand;
  readonly scenes: readonly string[];
  readonly groups: Readonly<Record<string, string>> | undefined;
  /** groups[scenes[j]] per j, so the hot loop does not look keys up. */
  readonly sceneGroupList: readonly (string | undefined)[];
  readonly params: MatchParameters;
  /** Normalised weights (sum 1 over applicable criteria). */
  readonly share: Record<MatchCriterion, number>;
  /** The same shares in MATCH_CRITERIA order, for the hot loop. */
  readonly shareVector: Float64Array;
  /** Service-area codes that cover the demand's district ("120104", "120100", "120000", "12" …). */
  readonly coveringAreas: ReadonlySet<string>;
  readonly applicable: Record<MatchCriterion, boolean>;
  readonly names: MatchNames;
  /** Provider id → cases in the demand's industry (filled lazily). */
  readonly industryCases: Map<string, number>;
}

const N = MATCH_CRITERIA.length;
const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

function covers(c: Candidate<unknown>, scene: string, groups: Context["groups"]): boolean {
  if (c.sceneIds.includes(scene)) return true;
  const g = groups?.[scene];
  return g !== undefined && c.sceneIds.includes(g);
}

function casesIn(ctx: Context, p: Provider): number {
  const industry = ctx.demand.industry;
  if (industry === undefined) return 0;
  let n = ctx.industryCases.get(p.id);
  if (n === undefined) {
    n = 0;
    for (const k of p.cases) if (k.industry === industry) n++;
    ctx.industryCases.set(p.id, n);
  }
  return n;
}

/** Fills `out` with the criterion values (MATCH_CRITERIA order); returns the covered-scene count. */
function values(c: Candidate<unknown>, ctx: Context, out: Float64Array): number {
  const { demand, params: p } = ctx;
  let covered = 0;
  const own = c.sceneIds;
  for (let j = 0; j < ctx.scenes.length; j++) {
    const g = ctx.sceneGroupList[j];
    if (own.includes(ctx.scenes[j]!) || (g !== undefined && own.includes(g))) covered++;
  }
  out[0] = ctx.scenes.length === 0 ? 0 : covered / ctx.scenes.length;

  if (demand.industry !== undefined) {
    const cases = casesIn(ctx, c.provider);
    const fromCases = Math.min(1, cases / p.industryCasesForFull);
    const declared = c.industries.includes(demand.industry) ? p.declaredIndustryValue : 0;
    out[1] = Math.max(fromCases, declared);
  } else out[1] = 0;

  const o = c.outcome;
  out[2] =
    o && o.enterprises > 0
      ? clamp01(
          (o.meanDelta * (o.enterprises / (o.enterprises + p.outcomeShrinkEnterprises))) /
            p.outcomeGainForFull,
        )
      : 0;

  out[3] = clamp01((bayesRating(c.rating, p) - 1) / 4);

  let inArea = 0;
  if (demand.districtCode !== undefined)
    for (const a of c.districts)
      if (ctx.coveringAreas.has(a) || (a.length !== 6 && areaCovers(a, demand.districtCode))) {
        inArea = 1;
        break;
      }
  out[4] = inArea;

  out[5] = budgetValue(c, demand.budgetFen, p);
  return covered;
}

function bayesRating(r: RatingSummary | undefined, p: MatchParameters): number {
  const n = r && r.count > 0 ? r.count : 0;
  const avg = r && n > 0 ? r.average : p.ratingPrior;
  return (avg * n + p.ratingPrior * p.ratingPriorWeight) / (n + p.ratingPriorWeight);
}

function priceRange(c: Candidate<unknown>): [number, number] | null {
  const min = c.priceMinFen ?? c.priceMaxFen;
  const max = c.priceMaxFen ?? c.priceMinFen;
  return min === undefined || max === undefined ? null : [Math.min(min, max), Math.max(min, max)];
}

function budgetValue(c: Candidate<unknown>, budget: number | undefined, p: MatchParameters): number {
  if (budget === undefined) return 0;
  const a = c.priceMinFen ?? c.priceMaxFen;
  const b = c.priceMaxFen ?? c.priceMinFen;
  if (a === undefined || b === undefined) return p.unknownPriceValue;
  const min = Math.min(a, b);
  const max = Math.max(a, b);
  if (max <= budget) return 1;
  if (min <= budget) return p.partlyInBudgetValue;
  // Above budget: falls off with how far the starting price overshoots.
  return p.partlyInBudgetValue * (budget > 0 ? budget / min : 0);
}

function scoreOf(v: Float64Array, ctx: Context): number {
  let s = 0;
  const w = ctx.shareVector;
  for (let i = 0; i < N; i++) s += w[i]! * v[i]!;
  return round9(s * 100);
}

// ---------------------------------------------------------------------------------------------
// Reasons

// Display only (reasons), so a float rounding of 分 to 0.01 万元 is fine; money itself stays integer 分.
const wan = (fen: number) => String(Math.round(fen / 10_000) / 100);
const signed = (x: number) => `${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(x).toFixed(1)}`;

function industryLabel(ctx: Context, code: string): string {
  const name = ctx.names.industries?.[code];
  return name ? `${code} ${name}` : code;
}

function explain(c: Candidate<unknown>, ctx: Context, v: Float64Array): CriterionResult[] {
  const { demand, names } = ctx;
  const sceneName = (s: string) => names.scenes?.[s] ?? s;
  const reasons: string[] = [];

  const coveredIds = ctx.scenes.filter((s) => covers(c, s, ctx.groups));
  if (ctx.scenes.length === 0) reasons.push("需求未指定场景，本项不计分");
  else if (coveredIds.length === 0) reasons.push("未覆盖任何需求场景");
  else {
    const missing = ctx.scenes.filter((s) => !coveredIds.includes(s));
    reasons.push(
      `覆盖需求场景 ${coveredIds.length}/${ctx.scenes.length}：${coveredIds.map(sceneName).join("、")}` +
        (missing.length > 0 ? `；未覆盖：${missing.map(sceneName).join("、")}` : ""),
    );
  }

  if (demand.industry === undefined) reasons.push("需求未注明行业，本项不计分");
  else {
    const cases = casesIn(ctx, c.provider);
    const label = industryLabel(ctx, demand.industry);
    if (cases > 0) reasons.push(`在 ${label} 有 ${cases} 个案例`);
    else if (c.industries.includes(demand.industry)) reasons.push(`面向 ${label}，暂无该行业案例`);
    else reasons.push(`在 ${label} 暂无案例`);
  }

  const o = c.outcome;
  if (!o || o.enterprises <= 0) reasons.push("暂无服务企业前后评估对比");
  else if (o.meanDelta > 0)
    reasons.push(`服务企业评估平均提升 ${signed(o.meanDelta)} 分（${o.enterprises} 家）`);
  else reasons.push(`服务企业评估平均变化 ${signed(o.meanDelta)} 分（${o.enterprises} 家）`);

  const r = c.rating;
  if (!r || r.count <= 0) reasons.push(`暂无企业评价，按中性 ${ctx.params.ratingPrior} 分计`);
  else reasons.push(`企业评价 ${r.average.toFixed(1)} 分（${r.count} 次）`);

  if (demand.districtCode === undefined) reasons.push("需求未注明所在区，本项不计分");
  else {
    const d = names.districts?.[demand.districtCode] ?? demand.districtCode;
    if (c.districts.length === 0) reasons.push("未登记服务区域");
    else reasons.push(v[4] === 1 ? `服务区域含 ${d}` : `服务区域不含 ${d}`);
  }

  const budget = demand.budgetFen;
  const range = priceRange(c);
  if (budget === undefined) reasons.push("需求未注明预算，本项不计分");
  else if (!range) reasons.push("未标注报价（面议）");
  else {
    const [min, max] = range;
    const price = min === max ? `报价 ${wan(min)} 万元` : `报价 ${wan(min)}–${wan(max)} 万元`;
    if (max <= budget) reasons.push(`${price}，在预算 ${wan(budget)} 万元内`);
    else if (min <= budget) reasons.push(`${price}，起价在预算 ${wan(budget)} 万元内`);
    else
      reasons.push(
        `${price}，起价超出预算 ${wan(budget)} 万元${budget > 0 ? ` ${Math.round(((min - budget) / budget) * 100)}%` : ""}`,
      );
  }

  return MATCH_CRITERIA.map((criterion, i) => {
    const applicable = ctx.applicable[criterion];
    const weight = ctx.share[criterion];
    const value = applicable ? v[i]! : 0;
    return {
      criterion,
      ...weightedPart(MATCH_CRITERION_LABELS[criterion], applicable, weight, value, reasons[i]!),
    };
  });
}

// ---------------------------------------------------------------------------------------------

function context(demand: Demand, options: MatchOptions): Context {
  const weights = { ...DEFAULT_MATCH_WEIGHTS, ...options.weights };
  for (const k of MATCH_CRITERIA) {
    const w = weights[k];
    if (!Number.isFinite(w) || w < 0)
      throw new RangeError(`匹配权重“${MATCH_CRITERION_LABELS[k]}”必须是非负数，收到 ${w}`);
  }
  // Duplicate scene ids in a demand would count one scene twice.
  const scenes = [...new Set(demand.sceneIds)];
  const applicable: Record<MatchCriterion, boolean> = {
    sceneFit: scenes.length > 0,
    industryExperience: demand.industry !== undefined,
    measuredOutcomes: true,
    rating: true,
    serviceArea: demand.districtCode !== undefined,
    budgetFit: demand.budgetFen !== undefined,
  };
  let total = 0;
  for (const k of MATCH_CRITERIA) if (applicable[k]) total += weights[k];
  const share = {} as Record<MatchCriterion, number>;
  for (const k of MATCH_CRITERIA) share[k] = applicable[k] && total > 0 ? weights[k] / total : 0;
  const d = demand.districtCode;
  // Six-digit GB/T 2260 codes: the district itself, its prefecture (…00) and its province (…0000).
  const coveringAreas = new Set<string>();
  if (d !== undefined && /^\d{6}$/.test(d))
    for (const code of [d, `${d.slice(0, 4)}00`, `${d.slice(0, 2)}0000`])
      if (areaCovers(code, d)) coveringAreas.add(code);
  return {
    demand,
    scenes,
    groups: options.sceneGroups,
    sceneGroupList: scenes.map((x) => options.sceneGroups?.[x]),
    params: { ...DEFAULT_MATCH_PARAMETERS, ...options.parameters },
    share,
    shareVector: Float64Array.from(MATCH_CRITERIA, (k) => share[k]),
    coveringAreas,
    applicable,
    names: options.names ?? {},
    industryCases: new Map(),
  };
}

function rank<T>(
  demand: Demand,
  candidates: readonly Candidate<T>[],
  skipped: number,
  options: MatchOptions,
): MatchResult<T> {
  const ctx = context(demand, options);
  const n = candidates.length;
  const score = new Float64Array(n);
  const tier = new Uint8Array(n);
  const v = new Float64Array(N);
  for (let i = 0; i < n; i++) {
    const c = candidates[i]!;
    const covered = values(c, ctx, v);
    score[i] = scoreOf(v, ctx);
    tier[i] = ctx.scenes.length > 0 && covered === 0 ? 1 : 0;
  }
  const before = (a: number, b: number) => {
    const t = tier[a]! - tier[b]!;
    if (t !== 0) return t;
    const s = score[b]! - score[a]!;
    if (s !== 0) return s;
    const ia = candidates[a]!.id;
    const ib = candidates[b]!.id;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
  const limit = Math.max(0, Math.min(n, options.limit ?? n));
  const order = limit < n / 4 ? topK(n, limit, before) : Array.from({ length: n }, (_, i) => i).sort(before);
  const entries: MatchEntry<T>[] = [];
  for (let r = 0; r < limit; r++) {
    const i = order[r]!;
    const c = candidates[i]!;
    values(c, ctx, v);
    const breakdown = explain(c, ctx, v);
    const coveredSceneIds = ctx.scenes.filter((s) => covers(c, s, ctx.groups));
    entries.push({
      rank: r + 1,
      id: c.id,
      item: c.item,
      provider: c.provider,
      score: round1(score[i]!),
      coversDemand: tier[i] === 0,
      coveredSceneIds,
      missingSceneIds: ctx.scenes.filter((s) => !coveredSceneIds.includes(s)),
      breakdown,
      reasons: breakdown.map((b) => b.reason),
    });
  }
  return { entries, ranked: n, skipped, weights: { ...DEFAULT_MATCH_WEIGHTS, ...options.weights } };
}

/**
 * The first k of 0..n-1 in `cmp` order without sorting everything: a max-heap of the best k so far
 * (O(n log k)); most candidates are rejected by one comparison with the heap's worst.
 */
function topK(n: number, k: number, cmp: (a: number, b: number) => number): number[] {
  if (k === 0) return [];
  const heap: number[] = [];
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (cmp(heap[i]!, heap[p]!) <= 0) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && cmp(heap[l]!, heap[m]!) > 0) m = l;
      if (r < heap.length && cmp(heap[r]!, heap[m]!) > 0) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      up(heap.length - 1);
    } else if (cmp(i, heap[0]!) < 0) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort(cmp);
}

function admitted(p: Provider | undefined, options: MatchOptions): p is Provider {
  return p !== undefined && (options.includeNotAdmitted === true || p.status === "admitted");
}

/** Ranks catalogue solutions for a demand; each solution is judged with its provider's record. */
export function rankSolutions(
  demand: Demand,
  solutions: readonly Solution[],
  providersById: ReadonlyMap<string, Provider>,
  options: MatchOptions = {},
): MatchResult<Solution> {
  const cats = options.categories ? new Set(options.categories) : null;
  const candidates: Candidate<Solution>[] = [];
  let skipped = 0;
  for (const s of solutions) {
    const p = providersById.get(s.providerId);
    if (!admitted(p, options) || (cats && !cats.has(s.category))) {
      skipped++;
      continue;
    }
    candidates.push({
      id: s.id,
      item: s,
      provider: p,
      sceneIds: s.sceneIds,
      industries: s.industries ?? p.industries,
      priceMinFen: s.priceMinFen,
      priceMaxFen: s.priceMaxFen,
      districts: s.serviceDistricts ?? p.serviceDistricts,
      outcome: s.outcome ?? p.outcome,
      rating: s.rating ?? p.rating,
    });
  }
  return rank(demand, candidates, skipped, options);
}

export interface ProviderMatchOptions extends MatchOptions {
  /**
   * A provider's catalogue: its scenes join the provider's own tags, and its price range is the
   * span of the solutions' prices (a provider without solutions is 面议).
   */
  readonly solutionsByProvider?: ReadonlyMap<string, readonly Solution[]>;
}

/** Ranks providers for a demand (a provider matches when it or any of its solutions does). */
export function rankProviders(
  demand: Demand,
  providers: readonly Provider[],
  options: ProviderMatchOptions = {},
): MatchResult<Provider> {
  const cats = options.categories ? new Set(options.categories) : null;
  const candidates: Candidate<Provider>[] = [];
  let skipped = 0;
  for (const p of providers) {
    if (!admitted(p, options) || (cats && !p.categories.some((c) => cats.has(c)))) {
      skipped++;
      continue;
    }
    const sols = options.solutionsByProvider?.get(p.id) ?? [];
    let min: number | undefined;
    let max: number | undefined;
    const scenes = new Set(p.sceneIds);
    for (const s of sols) {
      for (const id of s.sceneIds) scenes.add(id);
      const lo = s.priceMinFen ?? s.priceMaxFen;
      const hi = s.priceMaxFen ?? s.priceMinFen;
      if (lo !== undefined) min = min === undefined ? lo : Math.min(min, lo);
      if (hi !== undefined) max = max === undefined ? hi : Math.max(max, hi);
    }
    candidates.push({
      id: p.id,
      item: p,
      provider: p,
      sceneIds: [...scenes],
      industries: p.industries,
      priceMinFen: min,
      priceMaxFen: max,
      districts: p.serviceDistricts,
      outcome: p.outcome,
      rating: p.rating,
    });
  }
  return rank(demand, candidates, skipped, options);
}
