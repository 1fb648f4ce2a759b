/**
 * Random draw of experts for a review or an on-site diagnosis (专家随机抽取), with conflict-of-interest
 * avoidance (回避) and a recorded seed so anyone can re-run the draw and get the same panel.
 *
 * Algorithm (DRAW_ALGORITHM; changing any step needs a new name, old draws must re-run as recorded):
 *   1. Every pool member is checked against every individual rule (status, field, availability,
 *      same organisation, declared conflict, recent service to the applicant, workload, declined);
 *      an expert failing any rule is excluded with all the rules it fails, named in Chinese.
 *   2. The eligible experts are sorted by id (code-unit order), so the input order of the pool does
 *      not matter. The generator is createRng(`${seed}#${round}`): round 0 is the draw, round k the
 *      k-th replacement.
 *   3. Field coverage (when fields are requested and preferFieldCoverage is not false): for each
 *      requested field in the request's order that no panel member covers yet, one expert is drawn
 *      uniformly among the remaining eligible experts who have that field.
 *   4. The other seats are drawn uniformly, one at a time, among the remaining eligible experts.
 *   5. After each pick (and, for a replacement, for each kept member first), experts who sat on a
 *      panel with the picked one within `togetherMonths` are removed from the remaining ones and
 *      listed as excluded (近期同组回避), so no two panel members were drawn together recently.
 * Each pick is one rng.nextInt(k) over the current list, so without field coverage every eligible
 * expert has the same chance of a seat.
 *
 * The seed is an input: randomness is I/O, so the server chooses it (with a real random source) and
 * records it with the request, the pool snapshot and the history the draw read.
 */
import {
  assertIsoDate,
  type DateWindow,
  type Expert,
  type ExpertHistory,
  monthsBefore,
  type PastDraw,
} from "./expert";
import { createRng, RNG_ALGORITHM, type Rng } from "./rng";

export const DRAW_ALGORITHM = `${RNG_ALGORITHM}/draw-v1`;

export const AVOIDANCE_RULES = [
  "inactive",
  "field_mismatch",
  "unavailable",
  "same_organization",
  "declared_conflict",
  "recent_service",
  "workload",
  "declined",
  "recent_together",
] as const;
export type AvoidanceRule = (typeof AVOIDANCE_RULES)[number];
export const AVOIDANCE_RULE_LABELS: Record<AvoidanceRule, string> = {
  inactive: "非在库状态",
  field_mismatch: "专业领域不符",
  unavailable: "不在可用时间",
  same_organization: "同单位回避",
  declared_conflict: "申报利益冲突回避",
  recent_service: "近期服务回避",
  workload: "工作量已满",
  declined: "已谢绝本次邀请",
  recent_together: "近期同组回避",
};

export interface AvoidanceSettings {
  /** Served the applicant within this many months → avoided (0 = off). */
  readonly serviceMonths: number;
  /** Sat on a panel with another member within this many months → not on the same panel (0 = off). */
  readonly togetherMonths: number;
  /** At most this many panels within workloadMonths (absent = no limit). */
  readonly maxPanels?: number;
  readonly workloadMonths: number;
}

/** Our own reading (the seeds require avoidance but give no periods); the city sets its own. */
export const DEFAULT_AVOIDANCE: AvoidanceSettings = {
  serviceMonths: 12,
  togetherMonths: 6,
  workloadMonths: 12,
};

export interface DrawApplicant {
  readonly enterpriseId?: string;
  /** The applicant's organisation (enterprise name, or the applying unit of a review). */
  readonly organization?: string;
}

export interface DrawRequest {
  /** Seats on the panel. */
  readonly n: number;
  /** An expert qualifies with at least one of these fields (empty/absent: any field). */
  readonly fields?: readonly string[];
  /** Default true: first make sure each requested field is on the panel (step 3). */
  readonly preferFieldCoverage?: boolean;
  readonly applicant: DrawApplicant;
  /** ISO day of the draw; windows of the avoidance rules end here. */
  readonly today: string;
  /** When the review / visit takes place; default the day of the draw. */
  readonly period?: DateWindow;
  readonly avoidance?: Partial<AvoidanceSettings>;
  readonly history?: ExpertHistory;
  /** Experts who already declined this assignment (never drawn again). */
  readonly declined?: readonly string[];
}

export interface DrawnExpert {
  readonly expertId: string;
  readonly name: string;
  readonly organization: string;
  /** The requested fields this expert has. */
  readonly matchedFields: readonly string[];
  /** "fieldCoverage": drawn to bring a missing field onto the panel; "random": an open seat. */
  readonly stage: "fieldCoverage" | "random";
  /** 0 = the draw, k = the k-th replacement. */
  readonly round: number;
}

export interface ExcludedExpert {
  readonly expertId: string;
  readonly rules: readonly AvoidanceRule[];
  /** Chinese, one per rule, each starting with the rule's name. */
  readonly reasons: readonly string[];
}

export interface DrawResult {
  readonly algorithm: string;
  readonly seed: string;
  /** Last round drawn (0 until a replacement). */
  readonly round: number;
  readonly requested: number;
  readonly poolSize: number;
  /** Experts passing every individual rule (before the pairwise 近期同组 rule). */
  readonly eligibleCount: number;
  readonly selected: readonly DrawnExpert[];
  /** Sorted by expert id. */
  readonly excluded: readonly ExcludedExpert[];
  /** Requested fields nobody on the panel has. */
  readonly uncoveredFields: readonly string[];
  /** Experts who declined, in order, with the round in which each was replaced. */
  readonly declined: readonly { readonly expertId: string; readonly round: number }[];
  /** Present when fewer than `requested` experts could be drawn. */
  readonly insufficient?: { readonly requested: number; readonly drawn: number; readonly message: string };
}

// ---------------------------------------------------------------------------------------------

// Most names need no change; testing first saves three replaces per pool member on every draw.
const NEEDS_NORMALISING = /[\s（）A-Z]/;
const normOrg = (s: string | undefined) =>
  s === undefined
    ? ""
    : NEEDS_NORMALISING.test(s)
      ? s.replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")").toLowerCase()
      : s;
const cmpId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const fmtWindow = (w: DateWindow) => (w.from === w.to ? w.from : `${w.from} 至 ${w.to}`);

interface Checked {
  readonly eligible: Expert[];
  readonly excluded: Map<string, { rules: AvoidanceRule[]; reasons: string[] }>;
}

function settingsOf(request: DrawRequest): AvoidanceSettings {
  return { ...DEFAULT_AVOIDANCE, ...request.avoidance };
}

function validate(pool: readonly Expert[], request: DrawRequest): void {
  if (!Number.isInteger(request.n) || request.n < 1)
    throw new RangeError(`抽取人数必须是正整数，收到 ${request.n}`);
  assertIsoDate(request.today);
  if (request.period) {
    assertIsoDate(request.period.from);
    assertIsoDate(request.period.to);
    if (request.period.from > request.period.to) throw new RangeError("评审时间的开始日期晚于结束日期");
  }
  const seen = new Set<string>();
  for (const e of pool) {
    if (seen.has(e.id)) throw new RangeError(`专家库中专家编号重复：${e.id}`);
    seen.add(e.id);
  }
}

// Module level, not a closure per pool member: tsx/esbuild wraps each named closure in a helper call.
function addFailure(rules: AvoidanceRule[], reasons: string[], rule: AvoidanceRule, detail: string): void {
  rules.push(rule);
  reasons.push(`${AVOIDANCE_RULE_LABELS[rule]}：${detail}`);
}

function checkIndividually(
  pool: readonly Expert[],
  request: DrawRequest,
  declined: ReadonlySet<string>,
): Checked {
  const s = settingsOf(request);
  const { today, applicant } = request;
  const period = request.period ?? { from: today, to: today };
  const fields = request.fields ?? [];
  const org = normOrg(applicant.organization);
  const history = request.history ?? {};

  // Latest service to the applicant per expert, inside the window.
  const served = new Map<string, string>();
  if (s.serviceMonths > 0 && applicant.enterpriseId !== undefined) {
    const since = monthsBefore(today, s.serviceMonths);
    for (const r of history.services ?? [])
      if (r.enterpriseId === applicant.enterpriseId && r.date >= since && r.date <= today) {
        const prev = served.get(r.expertId);
        if (prev === undefined || r.date > prev) served.set(r.expertId, r.date);
      }
  }
  // One pass over the draw history instead of one per expert.
  const panels = new Map<string, number>();
  if (s.maxPanels !== undefined) {
    const since = monthsBefore(today, s.workloadMonths);
    for (const d of history.draws ?? [])
      if (d.date >= since && d.date <= today)
        for (const id of d.expertIds) panels.set(id, (panels.get(id) ?? 0) + 1);
  }

  const eligible: Expert[] = [];
  const excluded = new Map<string, { rules: AvoidanceRule[]; reasons: string[] }>();
  for (const e of pool) {
    const rules: AvoidanceRule[] = [];
    const reasons: string[] = [];
    if (e.status !== "active")
      addFailure(rules, reasons, "inactive", e.status === "suspended" ? "专家已暂停" : "专家已退出专家库");
    if (fields.length > 0 && !fields.some((f) => e.fields.includes(f)))
      addFailure(rules, reasons, "field_mismatch", `需 ${fields.join("、")} 之一`);
    const windows = e.availability ?? [];
    if (windows.length > 0 && !windows.some((w) => w.from <= period.from && period.to <= w.to))
      addFailure(rules, reasons, "unavailable", `${fmtWindow(period)} 不在其申报的可用时间内`);
    if (org !== "" && normOrg(e.organization) === org)
      addFailure(rules, reasons, "same_organization", `与申请单位同为“${e.organization}”`);
    for (const c of e.declaredConflicts ?? []) {
      const hitEnterprise = c.enterpriseId !== undefined && c.enterpriseId === applicant.enterpriseId;
      const hitOrg = c.organization !== undefined && org !== "" && normOrg(c.organization) === org;
      if (hitEnterprise || hitOrg) {
        addFailure(
          rules,
          reasons,
          "declared_conflict",
          c.note ? `本人申报与申请单位存在利益关系（${c.note}）` : "本人申报与申请单位存在利益关系",
        );
        break;
      }
    }
    const lastService = served.get(e.id);
    if (lastService !== undefined)
      addFailure(
        rules,
        reasons,
        "recent_service",
        `${lastService} 曾为申请企业提供服务（${s.serviceMonths} 个月内）`,
      );
    if (s.maxPanels !== undefined) {
      const count = panels.get(e.id) ?? 0;
      if (count >= s.maxPanels)
        addFailure(
          rules,
          reasons,
          "workload",
          `${s.workloadMonths} 个月内已参加 ${count} 次评审（上限 ${s.maxPanels} 次）`,
        );
    }
    if (declined.has(e.id)) addFailure(rules, reasons, "declined", "本次已谢绝，不再抽取");
    if (rules.length > 0) excluded.set(e.id, { rules, reasons });
    else eligible.push(e);
  }
  eligible.sort((a, b) => cmpId(a.id, b.id));
  return { eligible, excluded };
}

/** Partners of an expert: other expertId → latest day they sat together within the window. */
type Together = (expertId: string) => ReadonlyMap<string, string> | undefined;

// Only the few picked experts ever need their partners, so the history is indexed by expert once
// and the partner maps are built on demand.
function togetherIndex(request: DrawRequest): Together {
  const s = settingsOf(request);
  if (s.togetherMonths <= 0) return () => undefined;
  const since = monthsBefore(request.today, s.togetherMonths);
  const panelsOf = new Map<string, PastDraw[]>();
  for (const d of request.history?.draws ?? []) {
    if (d.date < since || d.date > request.today) continue;
    for (const a of d.expertIds) {
      const list = panelsOf.get(a);
      if (list) list.push(d);
      else panelsOf.set(a, [d]);
    }
  }
  return (expertId) => {
    const panels = panelsOf.get(expertId);
    if (!panels) return undefined;
    const partners = new Map<string, string>();
    for (const d of panels)
      for (const b of d.expertIds) {
        if (b === expertId) continue;
        const prev = partners.get(b);
        if (prev === undefined || d.date > prev) partners.set(b, d.date);
      }
    return partners;
  };
}

interface PickState {
  remaining: Expert[];
  readonly covered: Set<string>;
  readonly excluded: Map<string, { rules: AvoidanceRule[]; reasons: string[] }>;
}

function blockPartners(
  state: PickState,
  member: { id: string; name: string },
  together: Together,
  months: number,
): void {
  const partners = together(member.id);
  if (!partners || partners.size === 0) return;
  state.remaining = state.remaining.filter((e) => {
    const day = partners.get(e.id);
    if (day === undefined) return true;
    state.excluded.set(e.id, {
      rules: ["recent_together"],
      reasons: [
        `${AVOIDANCE_RULE_LABELS.recent_together}：${day} 曾与已抽中的 ${member.name}（${member.id}）同组（${months} 个月内）`,
      ],
    });
    return false;
  });
}

function pickSeats(
  rng: Rng,
  state: PickState,
  seats: number,
  request: DrawRequest,
  together: Together,
  round: number,
): DrawnExpert[] {
  const fields = request.fields ?? [];
  const months = settingsOf(request).togetherMonths;
  const out: DrawnExpert[] = [];
  const take = (e: Expert, stage: DrawnExpert["stage"]) => {
    const matchedFields = fields.filter((f) => e.fields.includes(f));
    out.push({ expertId: e.id, name: e.name, organization: e.organization, matchedFields, stage, round });
    for (const f of matchedFields) state.covered.add(f);
    state.remaining = state.remaining.filter((x) => x.id !== e.id);
    blockPartners(state, e, together, months);
  };
  if (request.preferFieldCoverage !== false)
    for (const f of fields) {
      if (out.length >= seats) break;
      if (state.covered.has(f)) continue;
      const candidates = state.remaining.filter((e) => e.fields.includes(f));
      if (candidates.length > 0) take(candidates[rng.nextInt(candidates.length)]!, "fieldCoverage");
    }
  while (out.length < seats && state.remaining.length > 0)
    take(state.remaining[rng.nextInt(state.remaining.length)]!, "random");
  return out;
}

function finish(
  base: Omit<DrawResult, "excluded" | "uncoveredFields" | "insufficient">,
  excluded: PickState["excluded"],
  request: DrawRequest,
): DrawResult {
  const covered = new Set(base.selected.flatMap((x) => x.matchedFields));
  const drawn = base.selected.length;
  const result: DrawResult = {
    ...base,
    excluded: [...excluded]
      .map(([expertId, x]) => ({ expertId, rules: x.rules, reasons: x.reasons }))
      .sort((a, b) => cmpId(a.expertId, b.expertId)),
    uncoveredFields: (request.fields ?? []).filter((f) => !covered.has(f)),
  };
  if (drawn >= base.requested) return result;
  return {
    ...result,
    insufficient: {
      requested: base.requested,
      drawn,
      message: `符合条件的专家不足：需 ${base.requested} 名，仅抽到 ${drawn} 名（库内 ${base.poolSize} 名，通过回避规则 ${base.eligibleCount} 名）`,
    },
  };
}

/** Draws `request.n` experts from the pool. Same pool, request and seed → the same result. */
export function drawExperts(pool: readonly Expert[], request: DrawRequest, seed: string): DrawResult {
  validate(pool, request);
  const declinedIds = [...new Set(request.declined ?? [])];
  const { eligible, excluded } = checkIndividually(pool, request, new Set(declinedIds));
  const state: PickState = { remaining: eligible, covered: new Set(), excluded };
  const selected = pickSeats(createRng(`${seed}#0`), state, request.n, request, togetherIndex(request), 0);
  return finish(
    {
      algorithm: DRAW_ALGORITHM,
      seed,
      round: 0,
      requested: request.n,
      poolSize: pool.length,
      eligibleCount: eligible.length,
      selected,
      declined: declinedIds.map((expertId) => ({ expertId, round: 0 })),
    },
    excluded,
    request,
  );
}

/**
 * One expert declined: draw a replacement in round previous.round + 1 with createRng(`${seed}#k`),
 * keeping every other member where they are. The decliner (and everyone who declined before) is
 * never drawn again; kept members are not re-drawn; the replacement takes the decliner's place and
 * is drawn first among experts with a requested field the kept members lack.
 * Pass the same pool and request as the original draw (history as it was then), so the replacement
 * is as reproducible as the draw.
 */
export function replaceExpert(
  previous: DrawResult,
  declinedId: string,
  pool: readonly Expert[],
  request: DrawRequest,
): DrawResult {
  const at = previous.selected.findIndex((x) => x.expertId === declinedId);
  if (at < 0) throw new RangeError(`专家 ${declinedId} 不在本次抽取结果中，无法替换`);
  if (previous.algorithm !== DRAW_ALGORITHM)
    throw new RangeError(`抽取算法 ${previous.algorithm} 与当前算法 ${DRAW_ALGORITHM} 不一致，不能续抽`);
  validate(pool, request);
  const round = previous.round + 1;
  const declined = [...previous.declined, { expertId: declinedId, round }];
  const declinedSet = new Set([...(request.declined ?? []), ...declined.map((d) => d.expertId)]);
  const kept = previous.selected.filter((x) => x.expertId !== declinedId);
  const keptIds = new Set(kept.map((x) => x.expertId));
  const { eligible, excluded } = checkIndividually(pool, request, declinedSet);
  const state: PickState = {
    remaining: eligible.filter((e) => !keptIds.has(e.id)),
    covered: new Set(kept.flatMap((x) => x.matchedFields)),
    excluded,
  };
  const together = togetherIndex(request);
  const months = settingsOf(request).togetherMonths;
  for (const k of kept) blockPartners(state, { id: k.expertId, name: k.name }, together, months);
  const picked = pickSeats(createRng(`${previous.seed}#${round}`), state, 1, request, together, round);
  const selected = [...kept];
  if (picked[0]) selected.splice(at, 0, picked[0]);
  return finish(
    {
      algorithm: DRAW_ALGORITHM,
      seed: previous.seed,
      round,
      requested: previous.requested,
      poolSize: pool.length,
      eligibleCount: eligible.length,
      selected,
      declined,
    },
    excluded,
    request,
  );
}

/** The rules a hand-picked expert must pass too: 回避 applies to manual assignment as well. */
export const MANUAL_PICK_RULES: readonly AvoidanceRule[] = [
  "inactive",
  "same_organization",
  "declared_conflict",
  "recent_service",
];

/**
 * Why an expert picked by hand (not drawn) may not serve this applicant: the Chinese reasons of the
 * MANUAL_PICK_RULES it fails, empty when none. Field, availability, workload and panel-mate rules
 * shape a random panel and are not applied to a deliberate pick.
 */
export function manualPickConflicts(expert: Expert, request: DrawRequest): string[] {
  const { excluded } = checkIndividually([expert], request, new Set());
  const hit = excluded.get(expert.id);
  if (!hit) return [];
  return hit.rules.flatMap((r, i) => (MANUAL_PICK_RULES.includes(r) ? [hit.reasons[i]!] : []));
}
