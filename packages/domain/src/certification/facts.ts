/**
 * Certifications as structured facts, on the Asia/Shanghai day of `asOf`: the level an enterprise
 * validly holds, the policy engine's certification facts derived from them (so policies read recorded
 * certifications, not free-text tags), and the check an application for a level runs.
 * An expired, revoked or suspended certification, or an unconfirmed claim, counts for nothing.
 */
import type { Facts } from "../policy/fact-catalogue";
import { evaluatePrerequisites, findProgramme, levelIndex, levelName } from "./prerequisites";
import type {
  ExternalScheme,
  PrerequisiteEvaluation,
  ProgrammeDefinition,
  TierCatalogue,
  TierSubject,
} from "./types";
import { certificationStateOnDate, shanghaiDate } from "./validity";

/** The highest level of the programme validly held (claims never count), or null. */
export function heldLevel(programme: ProgrammeDefinition, subject: TierSubject, asOf: Date): string | null {
  const day = shanghaiDate(asOf);
  let best = -1;
  for (const c of subject.certifications) {
    if (c.programme !== programme.id || c.source === "claim") continue;
    const i = levelIndex(programme, c.level);
    if (i > best && certificationStateOnDate(c, day) === "valid") best = i;
  }
  return programme.levels[best]?.code ?? null;
}

function externalLevel(subject: TierSubject, scheme: ExternalScheme, day: string): number {
  let level = 0;
  for (const c of subject.externalCertificates)
    if (c.scheme === scheme && c.level > level && certificationStateOnDate(c, day) === "valid")
      level = c.level;
  return level;
}

/**
 * The policy facts certifications decide: `certifications` (each programme's policyFactKey while any
 * level is held, plus "itf_aaa" for a valid 两化融合 AAA certificate), `cmmmLevel` and `dcmmLevel`
 * (the highest valid recorded certificate, 0 = none), `itfCertified`, and each programme's levelFact
 * (e.g. srdiTier). The server merges them over the enterprise's other facts.
 */
export function certificationFacts(catalogue: TierCatalogue, subject: TierSubject, asOf: Date): Facts {
  const day = shanghaiDate(asOf);
  const keys: string[] = [];
  const out: Record<string, string | number | boolean | readonly string[]> = {};
  for (const p of catalogue.programmes) {
    const held = heldLevel(p, subject, asOf);
    if (held !== null && p.policyFactKey !== undefined && !keys.includes(p.policyFactKey))
      keys.push(p.policyFactKey);
    if (p.levelFact) out[p.levelFact.fact] = held ?? p.levelFact.none;
  }
  const itf = externalLevel(subject, "itf", day);
  if (itf >= 3 && !keys.includes("itf_aaa")) keys.push("itf_aaa");
  out.certifications = keys;
  out.cmmmLevel = externalLevel(subject, "cmmm", day);
  out.dcmmLevel = externalLevel(subject, "dcmm", day);
  out.itfCertified = itf > 0;
  return out;
}

export interface ApplicationCheck extends PrerequisiteEvaluation {
  /** Set when the enterprise already validly holds this level or a higher one (then eligible is false). */
  readonly alreadyHeld: string | null;
}

/**
 * May the enterprise apply for the level now: it must not validly hold it (or a higher level) already,
 * and its confirmed prerequisites must hold. Throws RangeError for an undefined programme or level.
 */
export function checkLevelApplication(
  catalogue: TierCatalogue,
  programmeId: string,
  level: string,
  subject: TierSubject,
  asOf: Date,
): ApplicationCheck {
  const programme = findProgramme(catalogue.programmes, programmeId);
  const index = levelIndex(programme, level);
  const def = programme?.levels[index];
  if (!programme || !def) throw new RangeError(`未定义的认定类别或等级：${programmeId} ${level}`);
  const r = evaluatePrerequisites(def.prerequisites, subject, asOf, catalogue);
  const held = heldLevel(programme, subject, asOf);
  if (held !== null && levelIndex(programme, held) >= index) {
    const cert = subject.certifications.find(
      (c) =>
        c.programme === programmeId &&
        c.level === held &&
        c.source !== "claim" &&
        certificationStateOnDate(c, shanghaiDate(asOf)) === "valid",
    );
    const until = cert?.validTo ? `，有效期至${cert.validTo}` : "";
    return {
      ...r,
      eligible: false,
      alreadyHeld: `已持有有效的${programme.name}（${levelName(programme, held)}）认定${until}，无需申报${def.name}`,
    };
  }
  return { ...r, alreadyHeld: null };
}
