/**
 * evaluateAll: every policy for one enterprise (and project), with non-cumulation (不重复享受)
 * applied. Within a group only one policy is granted: the one the applicant chose if it is eligible,
 * otherwise the highest amount (ties: the earlier definition in `defs`, so the result is
 * deterministic). An award already granted under another policy of the group (for the same project,
 * for project policies) excludes the whole group. Excluded policies keep their full evaluation, so
 * the calculator still shows what they would have given and why they are not granted.
 */

import { type EvaluationContext, evaluatePolicy, type PolicyEvaluation } from "./evaluate-policy";
import { formatMoney } from "./exact";
import type { Facts } from "./fact-catalogue";
import type { PolicyDefinition } from "./policy";

export interface EvaluateAllContext extends EvaluationContext {
  /** Group id → policy id the applicant chose within that group. */
  readonly choices?: Readonly<Record<string, string>>;
}

export interface Exclusion {
  readonly group: string;
  readonly reason: "better" | "chosen" | "alreadyAwarded";
  readonly byPolicyId: string;
  readonly byPolicyName: string;
  readonly text: string;
  /** The group's note (why these policies are not combined). */
  readonly note: string;
}

export interface GroupedEvaluation {
  readonly evaluation: PolicyEvaluation;
  /** Eligible and not excluded by a group. */
  readonly granted: boolean;
  /** amountFen when granted, else 0. */
  readonly grantedFen: number;
  readonly exclusion?: Exclusion;
}

export interface AllEvaluation {
  /** In the order of `defs`. */
  readonly results: readonly GroupedEvaluation[];
  readonly totalGrantedFen: number;
}

export function evaluateAll(
  defs: readonly PolicyDefinition[],
  facts: Facts,
  ctx: EvaluateAllContext,
): AllEvaluation {
  const evaluations = defs.map((d) => evaluatePolicy(d, facts, ctx));
  const exclusions = new Map<number, Exclusion>();

  const groups = new Map<string, number[]>();
  defs.forEach((d, i) => {
    const g = d.nonCumulation?.group;
    if (g) groups.set(g, [...(groups.get(g) ?? []), i]);
  });

  for (const [group, members] of groups) {
    const note = defs[members[0]!]!.nonCumulation!.note;
    // Awards already granted under another member of the group.
    const prior = (ctx.priorAwards ?? []).find((a) =>
      members.some((i) => {
        const d = defs[i]!;
        if (a.policyId !== d.id) return false;
        return d.beneficiary !== "project" || ctx.projectId === undefined || a.projectId === ctx.projectId;
      }),
    );
    if (prior) {
      const by = defs.find((d) => d.id === prior.policyId)!;
      for (const i of members) {
        const d = defs[i]!;
        if (d.id === by.id || evaluations[i]!.status !== "eligible") continue;
        exclusions.set(i, {
          group,
          reason: "alreadyAwarded",
          byPolicyId: by.id,
          byPolicyName: by.name,
          text: `${d.beneficiary === "project" ? "该项目" : "该企业"}已获得“${by.name}”支持（${formatMoney(prior.amountFen)}，${prior.awardedOn}），与本政策不重复享受`,
          note,
        });
      }
      continue;
    }
    const eligible = members.filter((i) => evaluations[i]!.status === "eligible");
    if (eligible.length < 2) continue;
    const choice = ctx.choices?.[group];
    const chosen = eligible.find((i) => defs[i]!.id === choice);
    const best = eligible.reduce((b, i) =>
      (evaluations[i]!.amountFen ?? 0) > (evaluations[b]!.amountFen ?? 0) ? i : b,
    );
    const winner = chosen ?? best;
    const w = evaluations[winner]!;
    const why =
      chosen !== undefined
        ? `申请人选择享受“${w.policyName}”`
        : `${choice !== undefined ? "所选政策不符合条件，" : ""}按金额较高者享受“${w.policyName}”（${formatMoney(w.amountFen ?? 0)}）`;
    for (const i of eligible) {
      if (i === winner) continue;
      exclusions.set(i, {
        group,
        reason: chosen !== undefined ? "chosen" : "better",
        byPolicyId: w.policyId,
        byPolicyName: w.policyName,
        text: `与“${w.policyName}”不重复享受，${why}`,
        note,
      });
    }
  }

  let total = 0;
  const results = evaluations.map((evaluation, i): GroupedEvaluation => {
    const exclusion = exclusions.get(i);
    const granted = evaluation.status === "eligible" && !exclusion;
    const grantedFen = granted ? (evaluation.amountFen ?? 0) : 0;
    total += grantedFen;
    return { evaluation, granted, grantedFen, ...(exclusion ? { exclusion } : {}) };
  });
  return { results, totalGrantedFen: total };
}
