import { type Executor, policyAwards } from "@dxcenter/db";
import { evaluatePolicy } from "@dxcenter/domain";
import { eq } from "drizzle-orm";
import { conflict } from "../../errors";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import type { AwardRow } from "./award.queries";
import { evaluationOf, formulaLines, sameShares, sharesOf, storedShares } from "./award-snapshot";
import { buildEnterpriseFacts } from "./enterprise-facts";
import { currentPolicy } from "./policy.repository";
import { priorAwardsOf } from "./prior-awards";

/**
 * 免申即享 awards are recomputed when they are confirmed (district, then enterprise): the facts as
 * they are now and the policy version in force now. No longer eligible → 409 with the engine's
 * Chinese reason (the failed condition). Changed amount, shares or version → the award row is
 * rewritten (amount, shares, facts and evaluation snapshot) and `policy_award.recompute` audited with
 * before/after and the formula inputs. Returns the row as it is now. Project awards are computed by
 * the project's 市级审定 in the same transaction and are returned unchanged.
 */
export async function recomputeAward(
  tx: Executor,
  auditActor: AuditActor,
  r: AwardRow,
  today: string,
  stage: "district_confirm" | "enterprise_confirm",
): Promise<{ row: AwardRow; changed: boolean }> {
  const a = r.a;
  if (a.projectId) return { row: r, changed: false };
  const found = await currentPolicy(tx, a.policyId);
  if (!found) throw conflict("POLICY_NOT_CURRENT", `“${r.policyName}”已没有现行有效的版本，不能确认兑现`);
  const def = found.def;
  const [built, prior] = await Promise.all([
    buildEnterpriseFacts(tx, a.enterpriseId),
    priorAwardsOf(tx, a.enterpriseId, a.id),
  ]);
  const facts = built?.facts ?? {};
  const ev = evaluatePolicy(def, facts, { today, priorAwards: prior });
  if (ev.status !== "eligible")
    throw conflict("NO_LONGER_ELIGIBLE", `按现行政策和企业最新信息重新核算：${ev.summary}`);
  if ((ev.amountFen ?? 0) <= 0)
    throw conflict(
      "NO_LONGER_ELIGIBLE",
      `按现行政策和企业最新信息重新核算：${ev.summary}（${ev.steps.at(-1)?.text ?? "额度已用完"}）`,
    );
  const shares = storedShares(ev);
  const changed =
    ev.amountFen !== a.amountFen || def.version !== a.policyVersion || !sameShares(shares, sharesOf(a));
  const snapshot = {
    policyVersion: def.version,
    amountFen: ev.amountFen!,
    shares,
    facts,
    evaluation: ev,
  };
  await tx.update(policyAwards).set(snapshot).where(eq(policyAwards.id, a.id));
  if (changed) {
    await recordAudit(tx, auditActor, {
      action: "policy_award.recompute",
      entityType: "policy_award",
      entityId: a.id,
      districtCode: r.districtCode,
      before: {
        stage,
        policyVersion: a.policyVersion,
        amountFen: a.amountFen,
        shares: a.shares,
        formula: formulaLines(evaluationOf(a)),
        facts: a.facts,
      },
      after: {
        stage,
        policyVersion: def.version,
        amountFen: ev.amountFen,
        shares,
        formula: formulaLines(ev),
        facts,
      },
    });
  }
  return {
    row: { ...r, policyName: def.name, a: { ...a, ...snapshot } },
    changed,
  };
}
