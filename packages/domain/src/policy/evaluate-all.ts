/**
 * evaluateAll: every policy for one enterprise (and project), with non-cumulation (不重复享受)
 * applied.
 *
 * Scope is explicit: with `ctx.projectId` the evaluation is for that one project (a saved project, or
 * the calculator's draft); without it, it is enterprise-level only. Enterprise policies never see
 * project facts (they are removed before evaluating them). Project policies without a project are
 * 缺少信息 ("尚缺具体项目"), unless the enterprise's own facts or the validity already rule them out
 * (then no project could qualify, and they stay 不符合). Prior awards of project policies count only
 * for the project they were granted to.
 * Within a group only one policy is granted: the one the applicant chose if it is eligible,
 * otherwise the highest amount (ties: the earlier definition in `defs`, so the result is
 * deterministic). An award already granted under another policy of the group (for the same project,
 * for project policies) excludes the whole group. Excluded policies keep their full evaluation, so
 * the calculator still shows what they would have given and why they are not granted.
 */

import { type EvaluationContext, evaluatePolicy, type PolicyEvaluation } from "./evaluate-policy";
import { formatMoney } from "./exact";
import { type Facts, findFact } from "./fact-catalogue";
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

/** The missing-information entry of a project policy evaluated without a project. */
export const MISSING_PROJECT = {
  fact: "project",
  label: "具体项目",
  subject: "project",
  reason: "absent",
} as const;

/** The facts whose subject is the enterprise (unknown ids are dropped too: no policy can name them). */
export function enterpriseFactsOnly(facts: Facts): Facts {
  const out: Record<string, Facts[string]> = {};
  for (const [k, v] of Object.entries(facts)) if (findFact(k)?.subject === "enterprise") out[k] = v;
  return out;
}

function evaluateOne(
  def: PolicyDefinition,
  facts: Facts,
  enterpriseFacts: Facts,
  ctx: EvaluateAllContext,
): PolicyEvaluation {
  const { choices: _choices, ...evalCtx } = ctx;
  if (def.beneficiary !== "project") return evaluatePolicy(def, enterpriseFacts, evalCtx);
  // Caps per enterprise count the enterprise's awards on all its projects: priorAwards pass unchanged.
  if (ctx.projectId !== undefined) return evaluatePolicy(def, facts, evalCtx);
  const e = evaluatePolicy(def, enterpriseFacts, evalCtx);
  if (e.status === "ineligible") return e;
  return {
    ...e,
    status: "missing",
    summary: `“${def.name}”暂不能判断：尚缺具体项目（该政策按项目支持，须针对一个项目测算）`,
    missing: [MISSING_PROJECT, ...e.missing.filter((m) => m.subject !== "project")],
    amountFen: null,
    steps: [],
    shares: [],
  };
}

export function evaluateAll(
  defs: readonly PolicyDefinition[],
  facts: Facts,
  ctx: EvaluateAllContext,
): AllEvaluation {
  const enterpriseFacts = enterpriseFactsOnly(facts);
  const evaluations = defs.map((d) => evaluateOne(d, facts, enterpriseFacts, ctx));
  const exclusions = new Map<number, Exclusion>();

  const groups = new Map<string, number[]>();
  defs.forEach((d, i) => {
    const g = d.nonCumulation?.group;
    if (g) groups.set(g, [...(groups.get(g) ?? []), i]);
  });

  for (const [group, members] of groups) {
    const note = defs[members[0]!]!.nonCumulation!.note;
    // Awards already granted under a member of the group: to the enterprise (enterprise policies) or
    // to this very project (project policies; without a project there is nothing to compare).
    const prior = (ctx.priorAwards ?? []).find((a) =>
      members.some((i) => {
        const d = defs[i]!;
        if (a.policyId !== d.id) return false;
        return d.beneficiary !== "project" || (ctx.projectId !== undefined && a.projectId === ctx.projectId);
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
