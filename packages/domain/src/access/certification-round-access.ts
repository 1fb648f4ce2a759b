import type { Actor } from "./roles";
import { allowedSteps, type Workflow } from "./workflow";

/**
 * 梯度培育 认定批次 (rounds) and their applications. The city opens a round for a programme level,
 * closes applications (open → reviewing), publishes the 公示 (reviewing → in_notice, once every
 * recommended application is decided) and 认定 (in_notice → recognised, once the notice has ended and
 * no objection is open). An enterprise applies while the round is open; its district recommends
 * within the quota or returns it while the round is open or in review; the city decides (approve /
 * reject) while in review; an upheld objection rejects an approved application.
 */
export const ROUND_STATUSES = ["open", "reviewing", "in_notice", "recognised"] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = {
  open: "申报中",
  reviewing: "评审中",
  in_notice: "公示中",
  recognised: "已认定",
};

export const CERT_APPLICATION_STATUSES = [
  "submitted",
  "returned",
  "recommended",
  "approved",
  "rejected",
  "recognised",
] as const;
export type CertApplicationStatus = (typeof CERT_APPLICATION_STATUSES)[number];
export const CERT_APPLICATION_STATUS_LABELS: Record<CertApplicationStatus, string> = {
  submitted: "待区级推荐",
  returned: "已退回",
  recommended: "已推荐",
  approved: "拟认定",
  rejected: "未通过",
  recognised: "已认定",
};

export const ROUND_STEPS = ["close", "publish", "recognise"] as const;
export type RoundStep = (typeof ROUND_STEPS)[number];
export interface RoundFacts {
  readonly status: RoundStatus;
  /** No recommended application still waits for the city's decision. */
  readonly allDecided: boolean;
  /** The 公示 has ended (its last day is before today, Asia/Shanghai). */
  readonly noticeEnded: boolean;
  readonly openObjections: number;
}
const city = (a: Actor) => a.role === "city_admin";
export const roundWorkflow: Workflow<RoundStep, RoundStatus, RoundFacts> = {
  close: { who: city, from: ["open"] },
  publish: { who: city, from: ["reviewing"], when: (f) => f.allDecided },
  recognise: { who: city, from: ["in_notice"], when: (f) => f.noticeEnded && f.openObjections === 0 },
};
export const roundPermissions = (actor: Actor, f: RoundFacts) => allowedSteps(roundWorkflow, actor, f);

export const CERT_APPLICATION_STEPS = ["recommend", "return", "approve", "reject"] as const;
export type CertApplicationStep = (typeof CERT_APPLICATION_STEPS)[number];
export interface CertApplicationFacts {
  readonly status: CertApplicationStatus;
  readonly districtCode: string;
  readonly roundStatus: RoundStatus;
}
const ownDistrict = (a: Actor, f: CertApplicationFacts) =>
  a.role === "district_admin" && a.districtCode === f.districtCode;
const inReview = (f: CertApplicationFacts) => f.roundStatus === "open" || f.roundStatus === "reviewing";
export const certApplicationWorkflow: Workflow<
  CertApplicationStep,
  CertApplicationStatus,
  CertApplicationFacts
> = {
  recommend: { who: ownDistrict, from: ["submitted"], when: inReview },
  return: { who: ownDistrict, from: ["submitted", "recommended"], when: inReview },
  approve: { who: city, from: ["recommended"], when: (f) => f.roundStatus === "reviewing" },
  reject: { who: city, from: ["recommended"], when: (f) => f.roundStatus === "reviewing" },
};
export const certApplicationPermissions = (actor: Actor, f: CertApplicationFacts) =>
  allowedSteps(certApplicationWorkflow, actor, f);

/** Who may apply: an enterprise account for its own enterprise, while the round is open. */
export const mayApply = (actor: Actor, roundStatus: RoundStatus): boolean =>
  actor.role === "enterprise" && actor.enterpriseId !== null && roundStatus === "open";
