/**
 * Status lists of records whose rules live outside the domain's workflow modules (awards are decided by
 * the policy engine, jobs by the server). One list each: the database CHECKs its column against it,
 * contracts validate against it, the web labels it.
 */
export const AWARD_STATUSES = [
  "identified",
  "district_confirmed",
  "enterprise_confirmed",
  "paid",
  "declined",
  "withdrawn",
] as const;
export type AwardStatus = (typeof AWARD_STATUSES)[number];

export const ASSESSMENT_STATUSES = ["draft", "submitted"] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** Long work in the background: imports, report batches, 免申即享 sweeps. */
export const JOB_STATUSES = ["queued", "running", "done", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** An expert's answer to an invitation (review panel, diagnosis team, project review). */
export const ASSIGNMENT_STATUSES = ["invited", "accepted", "declined"] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** An objection lodged during a pool notice (公示). */
export const OBJECTION_STATUSES = ["open", "upheld", "dismissed"] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

/** A reference district: in force, or abolished but kept for old records. */
export const DISTRICT_STATUSES = ["current", "historical"] as const;
export type DistrictStatus = (typeof DISTRICT_STATUSES)[number];
