import type { AwardStatus } from "../statuses";
import type { Actor } from "./roles";
import { allowedSteps, type Workflow } from "./workflow";

/**
 * Who may move a 政策兑现 (award) which step in which status. Pure, table-tested; the server runs the
 * table with assertStep (403 / 409) and returns `awardPermissions` to the web as the award's buttons.
 * Who may READ an award is SQL (the server's award read condition), not part of this table.
 *
 * identified (免申即享识别) → district_confirmed (区级确认, budget reserved) → enterprise_confirmed
 * (企业意愿确认) → paid (已拨付, possibly in tranches); declined (企业放弃) or withdrawn (撤销) end it early.
 *
 * - 区级确认 and 撤销: bureau staff of the award's enterprise — the city anywhere, a district its own
 *   district's awards. Withdrawing is open until the enterprise has confirmed.
 * - 意愿确认 and 放弃: the enterprise itself, once the district has confirmed; it may decline until paid.
 * - 登记拨付: the city only, after the enterprise has confirmed.
 */

export const AWARD_STEPS = ["districtConfirm", "enterpriseConfirm", "decline", "withdraw", "pay"] as const;
export type AwardStep = (typeof AWARD_STEPS)[number];

/** What the rules read of an award: whose it is, where, and its status. */
export interface AwardFacts {
  readonly enterpriseId: string;
  /** The enterprise's district. */
  readonly districtCode: string;
  readonly status: AwardStatus;
}

const isBureauFor = (actor: Actor, a: AwardFacts) =>
  actor.role === "city_admin" ||
  (actor.role === "district_admin" && !!actor.districtCode && actor.districtCode === a.districtCode);
const isTheEnterprise = (actor: Actor, a: AwardFacts) =>
  actor.role === "enterprise" && actor.enterpriseId === a.enterpriseId;
const isCity = (actor: Actor) => actor.role === "city_admin";

export const awardWorkflow: Workflow<AwardStep, AwardStatus, AwardFacts> = {
  districtConfirm: { who: isBureauFor, from: ["identified"] },
  enterpriseConfirm: { who: isTheEnterprise, from: ["district_confirmed"] },
  decline: { who: isTheEnterprise, from: ["district_confirmed", "enterprise_confirmed"] },
  withdraw: { who: isBureauFor, from: ["identified", "district_confirmed"] },
  pay: { who: isCity, from: ["enterprise_confirmed"] },
};

/** The award's buttons for this actor now: every step with whether the table allows it. */
export function awardPermissions(actor: Actor, a: AwardFacts): Record<AwardStep, boolean> {
  return allowedSteps(awardWorkflow, actor, a);
}
