/**
 * Every error code the API answers with. An error body is `{code, message, field?, params?}`:
 * `code` is one of these, `params` carries the machine values the message was built from (a status,
 * a limit, a field), and `message` is the Chinese sentence. The web renders English from `code` +
 * `params` with its own locale and shows `message` in zh-CN, so a new code here without an English
 * text in `apps/web/src/i18n/errors.*.ts` fails the web type check.
 */
export const ERROR_CODES = [
  // access and sessions
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "INVALID_CREDENTIALS",
  "ACCOUNT_LOCKED",
  "ACCOUNT_DISABLED",
  "DEMO_ACCOUNT",
  // too many failed sign-ins from one address (429 with Retry-After; params.retryAfterSeconds)
  "TOO_MANY_ATTEMPTS",
  // input
  "VALIDATION",
  "BAD_REQUEST",
  "INVALID_FILE",
  "INVALID_ANSWER",
  "TOO_LARGE",
  "IMPORT_BUSY",
  "TOO_MANY_ROWS",
  "UNSUPPORTED_MEDIA_TYPE",
  "EXPORT_TOO_LARGE",
  // workflow: the step is not open in the record's current status (params.status, params.entity)
  "STATE_CONFLICT",
  "VERSION_CONFLICT",
  // uniqueness and one-at-a-time rules
  "DUPLICATE",
  // a record other records still point to (a database reference)
  "CONFLICT_REFERENCED",
  "DUPLICATE_USCC",
  "DUPLICATE_USERNAME",
  "ALREADY_DRAWN",
  "ALREADY_MEMBER",
  "ALREADY_REGISTERED",
  "LEAD_EXISTS",
  "POOL_EXISTS",
  "OPEN_APPLICATION",
  "DIAGNOSIS_OPEN",
  "IDEMPOTENCY_KEY_REUSED",
  // preconditions of a step other than the status
  "ASSESSMENT_SUBMITTED",
  "EVENT_FULL",
  "NOT_YET_HELD",
  "NOT_ACCEPTED",
  "NOTICE_CLOSED",
  "NOTICE_RUNNING",
  "OBJECTIONS_OPEN",
  "REVIEW_OPEN",
  "INVITATIONS_OPEN",
  "INSUFFICIENT_POOL",
  "INCOMPLETE",
  "SCORES_MISSING",
  "NO_ASSESSMENT",
  "NO_AWARD",
  "NO_GAPS",
  "NO_ORGANIZATION",
  "NO_REVIEWERS",
  "NO_SCORES",
  "NO_LONGER_ELIGIBLE",
  "NON_CUMULATIVE",
  "POLICY_NOT_CURRENT",
  "PROJECT_POLICY",
  "TRANCHE_NOT_DUE",
  // 梯度培育: a confirmed prerequisite not met (params.reasons), a district over its quota, applying outside the dates
  "PREREQUISITES_UNMET",
  "QUOTA_EXCEEDED",
  "APPLICATION_CLOSED",
  // money
  "NO_BUDGET_POOL",
  "BUDGET_EXCEEDED",
  "BUDGET_BELOW_USED",
  // long work and files
  "EXPORT_NOT_READY",
  "REPORT_NOT_READY",
  "PDF_BUSY",
  "PDF_UNAVAILABLE",
  "INTERRUPTED",
  // the server's own faults
  "REPORT_FAILED",
  "BUDGET_INCONSISTENT",
  "TRANCHE_MISMATCH",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Values an error's message was built from; what the web's locale texts interpolate. */
export type ErrorParams = Record<string, string | number>;

/**
 * The record kinds a STATE_CONFLICT names in `params.entity` (with `params.status`, the record's raw
 * status), so that the web can name the status in the reader's language.
 */
export const STATE_ENTITIES = [
  "project",
  "diagnosis",
  "award",
  "pool_application",
  "provider",
  "objection",
  "expert_assignment",
  "demand",
  "lead",
  "event",
  "solution",
  "job",
  "warning",
  "indicator_report",
  "certification",
  "certification_round",
  "certification_application",
  "certification_objection",
] as const;
export type StateEntity = (typeof STATE_ENTITIES)[number];
