/**
 * Cultivation pool (后备库) and the funnel against a yearly target.
 *
 * rankCandidates: the enterprises that do not yet hold the target level (validly, on the Shanghai day
 * of `asOf`), each with its confirmed prerequisites of that level not met and a closeness score:
 *
 *   score = round(100 × Σ credit / n) over the n confirmed prerequisites (100 when n = 0), where a met
 *   prerequisite has credit 1 and an unmet one partial credit for how far it got:
 *     - holds:      a valid lower level of the programme: (held index + 1) / (required index + 1);
 *                   a certification at the level that has expired, is suspended or not yet valid: ½
 *     - external:   a valid certificate of a lower level: level / required level; an invalid one at the level: ½
 *     - assessment: the latest level / required level
 *     - fact:       0 (the policy engine has no "how close")
 *   Every partial credit is < 1, and the score is capped at 99 while anything is unmet (rounding could
 *   otherwise reach 100), so score 100 ⇔ nothing unmet. Unconfirmed prerequisites do not count.
 *
 * Order: fewest unmet first, then the highest score, then the enterprise id (stable, reproducible).
 */
import { evaluatePrerequisitesOn, findProgramme, latestAssessmentOf, levelIndex } from "./prerequisites";
import {
  type CultivationCandidate,
  type CultivationEnterprise,
  FUNNEL_STAGE_LABELS,
  FUNNEL_STAGES,
  type Funnel,
  type FunnelStage,
  type FunnelStageCounts,
  type Prerequisite,
  type ProgrammeDefinition,
  type TierCatalogue,
  type TierSubject,
} from "./types";
import { certificationStateOnDate, shanghaiDate } from "./validity";

function credit(
  p: Prerequisite,
  s: TierSubject,
  day: string,
  programmes: readonly ProgrammeDefinition[],
): number {
  switch (p.kind) {
    case "holds": {
      const programme = findProgramme(programmes, p.programme);
      const min = p.minLevel === undefined ? 0 : levelIndex(programme, p.minLevel);
      if (min < 0) return 0;
      let c = 0;
      for (const x of s.certifications) {
        if (x.programme !== p.programme || x.source === "claim") continue;
        const i = levelIndex(programme, x.level);
        if (i < 0) continue;
        const state = certificationStateOnDate(x, day);
        if (state === "valid" && i < min) c = Math.max(c, (i + 1) / (min + 1));
        else if (i >= min && state !== "revoked" && state !== "valid") c = Math.max(c, 0.5);
      }
      return c;
    }
    case "external": {
      const min = p.minLevel ?? 1;
      let c = 0;
      for (const x of s.externalCertificates) {
        if (x.scheme !== p.scheme) continue;
        const state = certificationStateOnDate(x, day);
        if (state === "valid" && x.level < min) c = Math.max(c, x.level / min);
        else if (x.level >= min && state !== "revoked" && state !== "valid") c = Math.max(c, 0.5);
      }
      return c;
    }
    case "assessment": {
      const latest = latestAssessmentOf(s.assessments, p.instrumentId, day);
      return latest && p.minLevel > 0 ? Math.min(latest.level / p.minLevel, 1) : 0;
    }
    case "fact":
      return 0;
  }
}

export interface RankOptions {
  /** Leave out enterprises with more unmet prerequisites than this. */
  readonly maxUnmet?: number;
  /** At most this many candidates (after ordering). */
  readonly limit?: number;
}

/** Throws RangeError for a programme or level the catalogue does not define (a programming error). */
export function rankCandidates(
  catalogue: TierCatalogue,
  programmeId: string,
  targetLevel: string,
  enterprises: readonly CultivationEnterprise[],
  asOf: Date,
  options: RankOptions = {},
): CultivationCandidate[] {
  const programme = findProgramme(catalogue.programmes, programmeId);
  const target = levelIndex(programme, targetLevel);
  const level = programme?.levels[target];
  if (!programme || !level) throw new RangeError(`未定义的认定类别或等级：${programmeId} ${targetLevel}`);
  const day = shanghaiDate(asOf);
  const confirmed = level.prerequisites.filter((p) => p.confirmed);
  const out: CultivationCandidate[] = [];
  for (const e of enterprises) {
    const holds = e.certifications.some(
      (c) =>
        c.programme === programmeId &&
        c.source !== "claim" &&
        levelIndex(programme, c.level) >= target &&
        certificationStateOnDate(c, day) === "valid",
    );
    if (holds) continue;
    const r = evaluatePrerequisitesOn(level.prerequisites, e, day, catalogue);
    const unmet = r.failures.length;
    if (options.maxUnmet !== undefined && unmet > options.maxUnmet) continue;
    let sum = confirmed.length - unmet;
    for (const f of r.failures) sum += credit(f.prerequisite, e, day, catalogue.programmes);
    const score = confirmed.length === 0 ? 100 : Math.round((100 * sum) / confirmed.length);
    out.push({
      enterpriseId: e.id,
      districtCode: e.districtCode,
      unmet,
      score: unmet > 0 ? Math.min(score, 99) : score,
      failures: r.failures,
    });
  }
  out.sort(
    (a, b) =>
      a.unmet - b.unmet ||
      b.score - a.score ||
      (a.enterpriseId < b.enterpriseId ? -1 : a.enterpriseId > b.enterpriseId ? 1 : 0),
  );
  return options.limit === undefined ? out : out.slice(0, options.limit);
}

/** Whole calendar months left in the Shanghai year of `asOf`, the current month included (Dec → 1). */
export function monthsLeftInYear(asOf: Date): number {
  return 13 - Number(shanghaiDate(asOf).slice(5, 7));
}

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;

/**
 * The funnel of a programme (and district) against its target: per stage the count and the conversion
 * from the previous stage, the gap to the target at `targetStage` (认定 by default; 向上推荐 for the
 * "≥ 20 recommended upward" target) and how many a month are needed in the months left.
 */
export function funnel(
  counts: FunnelStageCounts,
  target: number,
  monthsLeft: number,
  targetStage: FunnelStage = "recognised",
): Funnel {
  for (const s of FUNNEL_STAGES)
    if (!isCount(counts[s])) throw new RangeError(`${FUNNEL_STAGE_LABELS[s]}数量应为不小于 0 的整数`);
  if (!isCount(target)) throw new RangeError("目标应为不小于 0 的整数");
  if (!isCount(monthsLeft)) throw new RangeError("剩余月数应为不小于 0 的整数");
  let previous: number | null = null;
  const rows = FUNNEL_STAGES.map((stage) => {
    const count = counts[stage];
    const conversionPercent =
      previous === null || previous === 0 ? null : Math.round((count * 1000) / previous) / 10;
    previous = count;
    return { stage, label: FUNNEL_STAGE_LABELS[stage], count, conversionPercent };
  });
  const achieved = counts[targetStage];
  const gap = Math.max(0, target - achieved);
  const neededPerMonth = gap === 0 ? 0 : monthsLeft === 0 ? null : Math.ceil(gap / monthsLeft);
  return { rows, targetStage, target, achieved, gap, monthsLeft, neededPerMonth };
}
