import type { ErrorCode, ErrorParams, StateEntity } from "@dxcenter/contracts";
import diagnosesEn from "../pages/diagnoses/locales/en";
import expertsEn from "../pages/experts/locales/en";
import reportsEn from "../pages/indicator-reports/locales/en";
import jobsEn from "../pages/jobs/locales/en";
import policiesEn from "../pages/policies/locales/en";
import projectsEn from "../pages/projects/locales/en";
import providersEn from "../pages/providers/locales/en";
import solutionsEn from "../pages/solutions/locales/en";
import warningsEn from "../pages/warnings/locales/en";

/**
 * English texts of the API's error codes. The server's message is Chinese and is what zh-CN shows,
 * word for word; the English UI renders these from the code and its params instead. Typed against
 * contracts' ERROR_CODES: a new code without an English text does not compile.
 */
const EN: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "Please sign in first.",
  FORBIDDEN: "You are not allowed to do this.",
  NOT_FOUND: "Not found, or you may not view it.",
  INVALID_CREDENTIALS: "Wrong username or password.",
  ACCOUNT_LOCKED: "This account is locked for a while after repeated failed sign-ins.",
  ACCOUNT_DISABLED: "This account is disabled.",
  DEMO_ACCOUNT: "Demo accounts cannot be used in production mode.",
  TOO_MANY_ATTEMPTS: "Too many failed sign-ins. Please try again in {{minutes}} minute(s).",
  VALIDATION: "Please check the input{{fieldPart}}.",
  BAD_REQUEST: "The request is malformed.",
  INVALID_FILE: "The file cannot be read.",
  INVALID_ANSWER: "An answer is not valid for its question.",
  TOO_LARGE: "The upload is larger than allowed.",
  IMPORT_BUSY: "Too many imports are running or waiting on this server. Please try again shortly.",
  TOO_MANY_ROWS: "The file has more rows than allowed.",
  UNSUPPORTED_MEDIA_TYPE: "Unsupported content type.",
  EXPORT_TOO_LARGE: "Too many records to export at once; narrow the filters.",
  STATE_CONFLICT: "This step is not possible while the {{entity}} is “{{status}}”.",
  VERSION_CONFLICT: "Someone else has changed this record. Refresh and try again.",
  DUPLICATE: "This record already exists.",
  CONFLICT_REFERENCED: "Other records still refer to this one, so it cannot be deleted or changed.",
  DUPLICATE_USCC: "An enterprise with this unified social credit code already exists.",
  DUPLICATE_USERNAME: "This username is taken.",
  ALREADY_DRAWN: "Experts have already been drawn for this.",
  ALREADY_MEMBER: "Already a member.",
  ALREADY_REGISTERED: "Already registered.",
  LEAD_EXISTS: "This lead already exists.",
  POOL_EXISTS: "This budget pool already exists.",
  OPEN_APPLICATION: "An application is already in progress.",
  DIAGNOSIS_OPEN: "A diagnosis is already open for this enterprise.",
  IDEMPOTENCY_KEY_REUSED: "This idempotency key was used for another payment.",
  ASSESSMENT_SUBMITTED: "The assessment has been submitted and can no longer be changed.",
  EVENT_FULL: "The event is full.",
  NOT_YET_HELD: "The event has not taken place yet.",
  NOT_ACCEPTED: "Accept the invitation first.",
  NOTICE_CLOSED: "The public notice period has ended.",
  NOTICE_RUNNING: "The public notice period is still running.",
  OBJECTIONS_OPEN: "Objections are still open.",
  REVIEW_OPEN: "The review is still open.",
  INVITATIONS_OPEN: "Invitations are still unanswered.",
  INSUFFICIENT_POOL: "Not enough eligible experts in the pool.",
  INCOMPLETE: "Some required answers are missing.",
  SCORES_MISSING: "Some scores are missing.",
  NO_ASSESSMENT: "No assessment yet.",
  NO_AWARD: "No subsidy award for this project.",
  NO_GAPS: "The assessment shows no gaps to turn into a demand.",
  NO_ORGANIZATION: "Your account is linked to no organisation.",
  NO_REVIEWERS: "No expert reviewers assigned.",
  NO_SCORES: "No scores submitted yet.",
  NO_LONGER_ELIGIBLE: "No longer eligible under the policy in force.",
  NON_CUMULATIVE: "Already granted a policy that cannot be combined with this one.",
  POLICY_NOT_CURRENT: "This policy version is not in force.",
  PROJECT_POLICY: "This policy cannot fund this project.",
  TRANCHE_NOT_DUE: "This tranche is not due yet.",
  NO_BUDGET_POOL: "No budget pool for this year.",
  BUDGET_EXCEEDED: "The budget pool has not enough left.",
  BUDGET_BELOW_USED: "The budget cannot be set below what is already reserved and paid.",
  EXPORT_NOT_READY: "The export is not ready yet.",
  REPORT_NOT_READY: "The report is not ready yet.",
  PDF_BUSY: "The PDF printer is busy; try again shortly.",
  PDF_UNAVAILABLE: "PDF printing is unavailable on this server.",
  INTERRUPTED: "The job was interrupted.",
  REPORT_FAILED: "The report could not be made.",
  BUDGET_INCONSISTENT: "Budget figures are inconsistent; please contact the administrator.",
  TRANCHE_MISMATCH: "The tranche does not match the payment plan.",
  INTERNAL: "Server error; please try again later.",
  PREREQUISITES_UNMET: "The enterprise does not meet the level's prerequisites.",
  QUOTA_EXCEEDED: "The district's recommendation quota for this round is used up.",
  APPLICATION_CLOSED: "The round is not accepting applications now.",
};

const ENTITY_EN: Record<StateEntity, string> = {
  project: "project",
  diagnosis: "diagnosis",
  award: "award",
  pool_application: "application",
  provider: "provider",
  objection: "objection",
  expert_assignment: "invitation",
  demand: "demand",
  lead: "lead",
  event: "event",
  solution: "solution",
  job: "scheduled job",
  warning: "warning",
  indicator_report: "report task",
  certification: "certification",
  certification_round: "certification round",
  certification_application: "application",
  certification_objection: "objection",
};

/** Each record kind's status names in English (the page locales' own maps). */
const STATUS_EN: Record<StateEntity, Readonly<Record<string, string>>> = {
  project: projectsEn.project.statuses,
  diagnosis: diagnosesEn.diagnosis.status,
  award: policiesEn.policy.statuses,
  pool_application: providersEn.pool.applicationStatuses,
  provider: providersEn.pool.providerStatuses,
  objection: providersEn.pool.application.objectionStatuses,
  expert_assignment: expertsEn.draw.answers,
  demand: solutionsEn.matching.demand.statuses,
  lead: solutionsEn.matching.demand.leadStatuses,
  event: solutionsEn.matching.event.statuses,
  solution: solutionsEn.matching.solution.statuses,
  job: jobsEn.jobs.states,
  warning: warningsEn.warnings.states,
  indicator_report: reportsEn.reports.states,
  certification: {
    valid: "valid",
    revoked: "revoked",
    claimed: "claimed, not confirmed",
    confirmed: "confirmed",
  },
  certification_round: {
    open: "open",
    reviewing: "in review",
    in_notice: "in public notice",
    recognised: "recognised",
  },
  certification_application: {
    submitted: "awaiting district",
    returned: "returned",
    recommended: "recommended",
    approved: "approved",
    rejected: "rejected",
    recognised: "recognised",
  },
  certification_objection: { open: "open", upheld: "upheld", dismissed: "dismissed" },
};

const isCode = (c: string): c is ErrorCode => c in EN;
const isEntity = (v: string | number | undefined): v is StateEntity =>
  typeof v === "string" && v in ENTITY_EN;

/** The English sentence for an API error; `undefined` leaves the server's own message. */
export function englishError(code: string, params: ErrorParams | undefined): string | undefined {
  if (!isCode(code)) return undefined;
  const p = params ?? {};
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) values[k] = String(v);
  if (code === "STATE_CONFLICT" && isEntity(p.entity)) {
    values.entity = ENTITY_EN[p.entity];
    const status = String(p.status ?? "");
    values.status = STATUS_EN[p.entity][status] ?? status;
  } else if (code === "STATE_CONFLICT") {
    return "This step is not possible in the record's current status.";
  }
  values.fieldPart = p.field ? ` (${String(p.field)})` : "";
  return EN[code].replace(/\{\{(\w+)\}\}/g, (_m, k: string) => values[k] ?? "");
}
