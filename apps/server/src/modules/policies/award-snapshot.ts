import type { AwardDetail, AwardItem } from "@dxcenter/contracts";
import type { policyAwards } from "@dxcenter/db";
import type { PolicyEvaluation } from "@dxcenter/domain";

/**
 * What an award row keeps of the evaluation it was granted on (jsonb columns, typed here once): the
 * shares each payer bears and, once the district confirmed, where the money is reserved.
 */
export type AwardRecord = typeof policyAwards.$inferSelect;
export type StoredShare = AwardItem["shares"][number];
export type Reservation = AwardDetail["reservations"][number];

export const sharesOf = (a: Pick<AwardRecord, "shares">) => a.shares as StoredShare[];
export const reservationsOf = (a: Pick<AwardRecord, "reservations">) => a.reservations as Reservation[];
export const evaluationOf = (a: Pick<AwardRecord, "evaluation">) => a.evaluation as PolicyEvaluation;

/** The shares of an evaluation as the award row stores them. */
export function storedShares(ev: PolicyEvaluation): StoredShare[] {
  return ev.shares.map((s) => ({
    payer: s.payer,
    payerLabel: s.payerLabel,
    budgetPoolCode: s.budgetPoolId,
    amountFen: s.amountFen,
  }));
}

/** Shares compared by value (jsonb does not keep key order). */
export function sameShares(a: readonly StoredShare[], b: readonly StoredShare[]): boolean {
  const key = (shares: readonly StoredShare[]) =>
    shares.map((s) => `${s.payer}|${s.budgetPoolCode}|${s.amountFen}`).join(";");
  return key(a) === key(b);
}

/** The evaluation's formula, one line per step: what audit rows record as `formula`. */
export const formulaLines = (ev: PolicyEvaluation | null | undefined) => ev?.steps?.map((s) => s.text) ?? [];
