import type { EnterpriseLadder, LadderEntry } from "@dxcenter/contracts";
import type { Executor } from "@dxcenter/db";
import { type Actor, certificationStateOnDate, reviewDue } from "@dxcenter/domain";
import { shanghaiToday } from "../../lib/dates";
import { readableEnterprise } from "../enterprises/enterprise.policy";
import { assertReadCertifications } from "./certification.queries";
import { evaluateLevel, loadTierSubject, tierCatalogue } from "./tier-subject";

/**
 * 企业梯度: per programme the highest level held in force today (else the latest held, with its
 * state), since / until / 复核 date, and the next level with its prerequisites evaluated on today's
 * facts (the domain's evaluatePrerequisites; declarations are the form's). Registry read scope.
 */
export async function enterpriseLadder(
  db: Executor,
  actor: Actor,
  enterpriseId: string,
): Promise<EnterpriseLadder> {
  assertReadCertifications(actor);
  const ent = await readableEnterprise(db, actor, enterpriseId);
  const { programmes, catalogue } = await tierCatalogue(db);
  const subject = await loadTierSubject(db, enterpriseId);
  const today = shanghaiToday();
  const external: Record<string, string> = { cmmm: "cmmm", dcmm: "dcmm", iitm: "itf" };
  const entries: LadderEntry[] = programmes.map((p) => {
    const scheme = external[p.id];
    const held = scheme
      ? subject.externalCertificates
          .filter((c) => c.scheme === scheme)
          .map((c) => ({
            ...c,
            levelId: p.levels[c.level - 1]?.id ?? "",
            rank: c.level,
            no: c.certificateNo,
          }))
      : subject.certifications
          .filter((c) => c.programme === p.id && c.source !== "claim")
          .map((c) => ({
            ...c,
            levelId: c.level,
            rank: p.levels.find((l) => l.id === c.level)?.rank ?? 0,
            no: c.certificateNo,
          }));
    const withState = held.map((c) => ({ c, state: certificationStateOnDate(c, today) }));
    const valid = withState.filter((x) => x.state === "valid").sort((a, b) => b.c.rank - a.c.rank)[0];
    const latest = [...withState].sort((a, b) => (b.c.validFrom > a.c.validFrom ? 1 : -1))[0];
    const shown = valid ?? latest;
    const heldLevel = shown ? p.levels.find((l) => l.id === shown.c.levelId) : undefined;
    const nextLevel = p.levels.find((l) => l.rank === (valid ? valid.c.rank + 1 : 1));
    const next = nextLevel
      ? { levelId: nextLevel.id, levelName: nextLevel.name, ...evaluateLevel(nextLevel, subject, catalogue) }
      : null;
    return {
      programmeId: p.id,
      programmeName: p.name,
      family: p.family,
      held:
        shown && heldLevel
          ? {
              levelId: heldLevel.id,
              levelName: heldLevel.name,
              since: shown.c.validFrom,
              until: shown.c.validTo,
              state: shown.state,
              certificateNo: shown.c.no || null,
              reviewDue: reviewDue(shown.c),
            }
          : null,
      next,
    };
  });
  return { enterpriseId: ent.id, enterpriseName: ent.name, asOf: today, programmes: entries };
}
