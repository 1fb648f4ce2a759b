/**
 * evaluatePrerequisites: does an enterprise meet the prerequisites of a level, and if not, exactly what
 * is missing, in Chinese ("需持有有效的智能工厂（基础级）认定（现有认定已于2025-12-31到期）").
 *
 *  - holds: a certification of the programme at the level or above that is valid on the Shanghai day
 *    of `asOf`; claims (unverified 自报) never count.
 *  - external: a recorded external certificate of the scheme, valid that day, at the level or above.
 *  - assessment: the latest self-assessment of the instrument submitted on or before that day.
 *  - fact: the policy engine's condition evaluator over the enterprise facts (the same language and
 *    the same sentences as policy eligibility); an unrecorded fact is "unknown" and blocks, named.
 *
 * Confirmed prerequisites that fail or are unknown are `failures` (eligible = none). Unconfirmed ones
 * (the sources do not state them) never refuse: each is reported in `unconfirmed` with its outcome.
 */

import { type ConditionResult, evaluatePolicy } from "../policy/evaluate-policy";
import type { Facts } from "../policy/fact-catalogue";
import type { CalendarDate, Condition, PolicyDefinition } from "../policy/policy";
import {
  type Certification,
  type CertificationState,
  EXTERNAL_SCHEME_LABELS,
  EXTERNAL_SCHEME_LEVEL_NAMES,
  type ExternalCertificate,
  type ExternalScheme,
  type LatestAssessment,
  type Prerequisite,
  type PrerequisiteEvaluation,
  type PrerequisiteFinding,
  type ProgrammeDefinition,
  type TierCatalogue,
  type TierSubject,
  type UnconfirmedFinding,
} from "./types";
import { certificationStateOnDate, shanghaiDate } from "./validity";

type Outcome = "pass" | "fail" | "unknown";
interface Checked {
  readonly outcome: Outcome;
  readonly message: string;
}

const CN_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
/** 1 → 一, 3 → 三 (levels are small whole numbers). */
export const chineseNumeral = (n: number): string => CN_DIGITS[n] ?? String(n);

export function findProgramme(
  programmes: readonly ProgrammeDefinition[],
  id: string,
): ProgrammeDefinition | undefined {
  return programmes.find((p) => p.id === id);
}

/** Index of a level in its programme (0 = lowest), or -1. */
export function levelIndex(programme: ProgrammeDefinition | undefined, level: string): number {
  return programme ? programme.levels.findIndex((l) => l.code === level) : -1;
}

export function levelName(programme: ProgrammeDefinition | undefined, level: string): string {
  return programme?.levels.find((l) => l.code === level)?.name ?? level;
}

const STATE_DETAIL: Partial<
  Record<CertificationState, (c: { validFrom: string; validTo: string | null }) => string>
> = {
  expired: (c) => `已于${c.validTo}到期`,
  revoked: () => "已被撤销",
  suspended: () => "已暂停",
  not_yet_valid: (c) => `自${c.validFrom}起生效`,
};

/** The certification to name in a failure: the highest level, then the latest validity. */
function mostRelevant<T extends { validFrom: string; validTo: string | null }>(
  list: readonly T[],
  rank: (x: T) => number,
): T | undefined {
  let best: T | undefined;
  for (const c of list) {
    if (
      best === undefined ||
      rank(c) > rank(best) ||
      (rank(c) === rank(best) && (c.validTo ?? "9999-12-31") > (best.validTo ?? "9999-12-31"))
    )
      best = c;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// holds

function checkHolds(
  p: Extract<Prerequisite, { kind: "holds" }>,
  certs: readonly Certification[],
  day: string,
  programmes: readonly ProgrammeDefinition[],
): Checked {
  const programme = findProgramme(programmes, p.programme);
  const pname = programme?.name ?? p.programme;
  const min = p.minLevel === undefined ? 0 : levelIndex(programme, p.minLevel);
  const count = programme?.levels.length ?? 0;
  let wanted: string;
  if (p.minLevel === undefined) wanted = `需持有有效的${pname}认定`;
  else {
    const andAbove = min > 0 && min < count - 1 ? "及以上" : "";
    wanted = `需持有有效的${pname}（${levelName(programme, p.minLevel)}${andAbove}）认定`;
  }
  // Hot path (pools of 10^5 enterprises): one pass, no named closures (tsx's keepNames wraps them).
  const own: Certification[] = [];
  const atLevel: Certification[] = [];
  for (const c of certs) {
    if (c.programme !== p.programme) continue;
    own.push(c);
    if (c.source === "claim") continue;
    // A minLevel the programme does not define (a data error validateProgrammes reports) needs that exact code.
    const atOrAbove =
      p.minLevel === undefined || (min >= 0 ? levelIndex(programme, c.level) >= min : c.level === p.minLevel);
    if (!atOrAbove) continue;
    if (certificationStateOnDate(c, day) === "valid") return { outcome: "pass", message: wanted };
    atLevel.push(c);
  }
  if (own.length === 0) return { outcome: "fail", message: wanted };
  const rank = (c: Certification) => levelIndex(programme, c.level);
  const meets = (c: Certification) =>
    p.minLevel === undefined || (min >= 0 ? rank(c) >= min : c.level === p.minLevel);
  const counted = own.filter((c) => c.source !== "claim");

  const shown = mostRelevant(atLevel, rank);
  if (shown) {
    const detail = STATE_DETAIL[certificationStateOnDate(shown, day)]?.(shown);
    const named =
      shown.level === p.minLevel || p.minLevel === undefined
        ? "现有认定"
        : `现有${levelName(programme, shown.level)}认定`;
    return { outcome: "fail", message: `${wanted}（${named}${detail ?? "无效"}）` };
  }
  const lower = mostRelevant(
    counted.filter((c) => certificationStateOnDate(c, day) === "valid"),
    rank,
  );
  if (lower) return { outcome: "fail", message: `${wanted}（现持有${levelName(programme, lower.level)}）` };
  const claimed = own.filter((c) => c.source === "claim" && meets(c));
  if (claimed.length > 0) return { outcome: "fail", message: `${wanted}（企业自报的认定尚待区级确认）` };
  return { outcome: "fail", message: wanted };
}

// ---------------------------------------------------------------------------------------------
// external

/** "CMMM成熟度三级及以上", "DCMM成熟度二级及以上", "两化融合管理体系贯标AA级及以上". */
export function externalLevelText(scheme: ExternalScheme, minLevel?: number): string {
  const label = EXTERNAL_SCHEME_LABELS[scheme];
  if (minLevel === undefined) return label;
  const names = EXTERNAL_SCHEME_LEVEL_NAMES[scheme];
  const andAbove = minLevel < names.length ? "及以上" : "";
  if (scheme === "itf") return `${label}${names[minLevel - 1] ?? `${minLevel}级`}${andAbove}`;
  return `${label}成熟度${chineseNumeral(minLevel)}级${andAbove}`;
}

function checkExternal(
  p: Extract<Prerequisite, { kind: "external" }>,
  certs: readonly ExternalCertificate[],
  day: string,
): Checked {
  const wanted = `需${externalLevelText(p.scheme, p.minLevel)}有效证书`;
  const min = p.minLevel ?? 1;
  const own = certs.filter((c) => c.scheme === p.scheme);
  const atLevel = own.filter((c) => c.level >= min);
  if (atLevel.some((c) => certificationStateOnDate(c, day) === "valid"))
    return { outcome: "pass", message: wanted };
  const shown = mostRelevant(atLevel, (c) => c.level);
  if (shown) {
    const detail = STATE_DETAIL[certificationStateOnDate(shown, day)]?.(shown);
    return { outcome: "fail", message: `${wanted}（现有证书${detail ?? "无效"}）` };
  }
  const lower = mostRelevant(
    own.filter((c) => certificationStateOnDate(c, day) === "valid"),
    (c) => c.level,
  );
  if (lower) return { outcome: "fail", message: `${wanted}（现有证书为${chineseNumeral(lower.level)}级）` };
  return { outcome: "fail", message: wanted };
}

// ---------------------------------------------------------------------------------------------
// assessment

/** The latest assessment of the instrument submitted on or before the day. */
export function latestAssessmentOf(
  assessments: readonly LatestAssessment[],
  instrumentId: string,
  day: string,
): LatestAssessment | undefined {
  let best: LatestAssessment | undefined;
  for (const a of assessments)
    if (
      a.instrumentId === instrumentId &&
      a.submittedOn <= day &&
      (!best || a.submittedOn > best.submittedOn)
    )
      best = a;
  return best;
}

function checkAssessment(
  p: Extract<Prerequisite, { kind: "assessment" }>,
  assessments: readonly LatestAssessment[],
  day: string,
  instrumentNames: Readonly<Record<string, string>>,
): Checked {
  const name = instrumentNames[p.instrumentId] ?? p.instrumentId;
  const wanted = `最新提交的“${name}”需达到${chineseNumeral(p.minLevel)}级及以上`;
  const latest = latestAssessmentOf(assessments, p.instrumentId, day);
  if (!latest) return { outcome: "fail", message: `${wanted}（尚未提交）` };
  if (latest.level >= p.minLevel) return { outcome: "pass", message: wanted };
  const current =
    latest.level === 0
      ? "未达到一级"
      : `为${chineseNumeral(latest.level)}级${latest.levelName ? `（${latest.levelName}）` : ""}`;
  return { outcome: "fail", message: `${wanted}（${latest.submittedOn}提交的评估${current}）` };
}

// ---------------------------------------------------------------------------------------------
// fact: through the policy engine's evaluator

const FACT_POLICIES = new WeakMap<Condition, PolicyDefinition>();

/** A policy that only carries the condition, so evaluatePolicy judges it with its own sentences. */
export function conditionPolicy(condition: Condition): PolicyDefinition {
  let def = FACT_POLICIES.get(condition);
  if (!def) {
    def = {
      id: "certification-prerequisite",
      version: "1",
      name: "认定条件",
      level: "city",
      region: "",
      issuer: "",
      beneficiary: "enterprise",
      source: { document: "", clause: "" },
      validity: {},
      parameters: [],
      conditions: condition,
      amount: { formula: { kind: "fixed", amountFen: 0 }, rounding: { mode: "down", unitFen: 1 } },
      funding: { budgetPoolId: "none", shares: [{ payer: "city", remainder: true }] },
    };
    FACT_POLICIES.set(condition, def);
  }
  return def;
}

function leaves(r: ConditionResult, outcome: Outcome): string[] {
  if (!r.children) return r.outcome === outcome ? [r.text] : [];
  // A `not` over a passing child fails; its own sentence says so.
  const inner = r.children.flatMap((c) => leaves(c, outcome));
  return inner.length > 0 ? inner : r.outcome === outcome ? [r.text] : [];
}

function conditionFacts(c: Condition, out: string[] = []): string[] {
  if (c.op === "all" || c.op === "any") for (const x of c.of) conditionFacts(x, out);
  else if (c.op === "not") conditionFacts(c.of, out);
  else if (!out.includes(c.fact)) out.push(c.fact);
  return out;
}

/**
 * Results per condition, keyed by the values of the facts it reads: a pool of 10^5 enterprises has
 * few distinct combinations (规上 yes / no / unknown), and a condition's outcome depends on nothing
 * else (it has no parameters and the synthetic policy has no validity dates). Bounded per condition.
 */
const FACT_RESULTS = new WeakMap<Condition, { facts: string[]; results: Map<string, Checked> }>();
const FACT_CACHE_LIMIT = 4096;

function checkFact(p: Extract<Prerequisite, { kind: "fact" }>, facts: Facts, day: string): Checked {
  let entry = FACT_RESULTS.get(p.condition);
  if (!entry) {
    entry = { facts: conditionFacts(p.condition), results: new Map() };
    FACT_RESULTS.set(p.condition, entry);
  }
  const only = entry.facts.length === 1 ? facts[entry.facts[0] as string] : undefined;
  const key =
    entry.facts.length === 1 && (only === undefined || only === null || typeof only !== "object")
      ? `${typeof only}:${String(only)}`
      : JSON.stringify(entry.facts.map((f) => facts[f] ?? null));
  const hit = entry.results.get(key);
  if (hit) return hit;
  const r = evaluatePolicy(conditionPolicy(p.condition), facts, { today: day }).conditions;
  const checked: Checked = { outcome: r.outcome, message: leaves(r, r.outcome).join("；") || r.text };
  if (entry.results.size >= FACT_CACHE_LIMIT) entry.results.clear();
  entry.results.set(key, checked);
  return checked;
}

// ---------------------------------------------------------------------------------------------

function check(p: Prerequisite, subject: TierSubject, day: string, catalogue: TierCatalogue): Checked {
  switch (p.kind) {
    case "holds":
      return checkHolds(p, subject.certifications, day, catalogue.programmes);
    case "external":
      return checkExternal(p, subject.externalCertificates, day);
    case "assessment":
      return checkAssessment(p, subject.assessments, day, catalogue.instrumentNames ?? {});
    case "fact":
      return checkFact(p, subject.facts, day);
  }
}

/** Evaluates prerequisites on the Asia/Shanghai day of `asOf`. Pure. */
export function evaluatePrerequisites(
  prerequisites: readonly Prerequisite[],
  subject: TierSubject,
  asOf: Date,
  catalogue: TierCatalogue,
): PrerequisiteEvaluation {
  return evaluatePrerequisitesOn(prerequisites, subject, shanghaiDate(asOf), catalogue);
}

/** evaluatePrerequisites for an Asia/Shanghai calendar day (callers looping over many enterprises). */
export function evaluatePrerequisitesOn(
  prerequisites: readonly Prerequisite[],
  subject: TierSubject,
  day: CalendarDate,
  catalogue: TierCatalogue,
): PrerequisiteEvaluation {
  const failures: PrerequisiteFinding[] = [];
  const unconfirmed: UnconfirmedFinding[] = [];
  for (const prerequisite of prerequisites) {
    const r = check(prerequisite, subject, day, catalogue);
    if (!prerequisite.confirmed) unconfirmed.push({ prerequisite, outcome: r.outcome, message: r.message });
    else if (r.outcome !== "pass") failures.push({ prerequisite, outcome: r.outcome, message: r.message });
  }
  return { eligible: failures.length === 0, failures, unconfirmed };
}
