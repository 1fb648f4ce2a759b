/**
 * The enterprise's ladder (梯度): per programme, the level it holds, since and until when, its state,
 * and what the next level needs.
 *
 *  - held: the highest level with a certification valid on the Shanghai day of `asOf` (claims never
 *    count). `since` is the start of the unbroken run of certifications of that level (a renewal after
 *    复核 that starts by the day after the previous one ends continues the run). When no level is valid,
 *    the most recent certification is shown with its state (expired, revoked, …).
 *  - next: the level above the highest valid one (the lowest level when none is valid), with the
 *    prerequisites it still misses; null when the top level is held.
 */
import type { CalendarDate } from "../policy/policy";
import { addDays } from "../projects/milestones";
import { evaluatePrerequisites, levelIndex, levelName } from "./prerequisites";
import type {
  Certification,
  LadderHeld,
  LadderStep,
  ProgrammeDefinition,
  TierCatalogue,
  TierSubject,
} from "./types";
import { certificationStateOnDate, reviewDue, shanghaiDate } from "./validity";

const END = "9999-12-31";
const until = (c: Certification) => c.validTo ?? END;

/** Start of the unbroken run of same-level, non-revoked certifications ending with `c`. */
function runStart(c: Certification, sameLevel: readonly Certification[]): CalendarDate {
  let since = c.validFrom;
  let extended = true;
  while (extended) {
    extended = false;
    for (const x of sameLevel)
      if (x.status !== "revoked" && x.validFrom < since && until(x) >= addDays(since, -1)) {
        since = x.validFrom;
        extended = true;
      }
  }
  return since;
}

function heldOf(
  programme: ProgrammeDefinition,
  c: Certification,
  own: readonly Certification[],
  day: string,
): LadderHeld {
  return {
    level: c.level,
    levelName: levelName(programme, c.level),
    since: runStart(
      c,
      own.filter((x) => x.level === c.level),
    ),
    until: c.validTo,
    state: certificationStateOnDate(c, day),
    certificateNo: c.certificateNo,
    reviewDue: reviewDue(c),
  };
}

/** The best of a list: highest level, then the latest end of validity. */
function best(list: readonly Certification[], rank: (c: Certification) => number): Certification | undefined {
  let b: Certification | undefined;
  for (const c of list) if (!b || rank(c) > rank(b) || (rank(c) === rank(b) && until(c) > until(b))) b = c;
  return b;
}

export function programmeStep(
  programme: ProgrammeDefinition,
  subject: TierSubject,
  asOf: Date,
  catalogue: TierCatalogue,
): LadderStep {
  const day = shanghaiDate(asOf);
  const rank = (c: Certification) => levelIndex(programme, c.level);
  const all = subject.certifications.filter((c) => c.programme === programme.id && rank(c) >= 0);
  const own = all.filter((c) => c.source !== "claim");
  const valid = own.filter((c) => certificationStateOnDate(c, day) === "valid");
  const top = best(valid, rank);
  let held: LadderHeld | null = null;
  if (top) held = heldOf(programme, top, own, day);
  else {
    // Most recent first (latest end, then latest start), then the higher level.
    let latest: Certification | undefined;
    for (const c of own)
      if (
        !latest ||
        until(c) > until(latest) ||
        (until(c) === until(latest) &&
          (c.validFrom > latest.validFrom || (c.validFrom === latest.validFrom && rank(c) > rank(latest))))
      )
        latest = c;
    if (latest) held = heldOf(programme, latest, own, day);
  }
  const nextIndex = top ? rank(top) + 1 : 0;
  const nextLevel = programme.levels[nextIndex];
  const next = nextLevel
    ? {
        level: nextLevel.code,
        levelName: nextLevel.name,
        ...evaluatePrerequisites(nextLevel.prerequisites, subject, asOf, catalogue),
      }
    : null;
  const claim = best(
    all.filter((c) => c.source === "claim" && c.status !== "revoked"),
    rank,
  );
  const claimed =
    claim && rank(claim) >= nextIndex
      ? { level: claim.level, levelName: levelName(programme, claim.level) }
      : null;
  return { programme: programme.id, programmeName: programme.name, held, next, claimed };
}

/** One step per programme of the catalogue, in catalogue order. */
export function enterpriseLadder(catalogue: TierCatalogue, subject: TierSubject, asOf: Date): LadderStep[] {
  return catalogue.programmes.map((p) => programmeStep(p, subject, asOf, catalogue));
}
