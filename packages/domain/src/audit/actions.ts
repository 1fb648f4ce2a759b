/**
 * Every action and entity type the server writes to the audit log. recordAudit only accepts these,
 * and the web's Chinese/English label maps are typed against them, so a new action cannot reach the
 * log without a label and a place in the audit page's filter.
 */
export const AUDIT_ACTIONS = [
  "auth.login",
  "auth.login_failed",
  "auth.logout",
  "user.create",
  "user.update",
  "user.password_change",
  "enterprise.create",
  "enterprise.update",
  "enterprise.import",
  "enterprise.export",
  "enterprise.contact_view",
  "assessment.create",
  "assessment.save",
  "assessment.submit",
  "assessment.export",
  "assessment.report",
  "assessment.evidence_add",
  "assessment.evidence_remove",
  "diagnosis.request",
  "diagnosis.schedule",
  "diagnosis.team",
  "diagnosis.start",
  "diagnosis.verify",
  "diagnosis.close",
  "diagnosis.cancel",
  "diagnosis.export",
  "diagnosis_plan.create",
  "diagnosis_plan.update",
  "diagnosis_plan.export",
  "report.batch_create",
  "report.batch_download",
  "impact.cohort_export",
  "impact.coverage_export",
  "system.seed_demo",
  "system.seed_demo_assessments",
  "system.seed_demo_diagnoses",
  "system.instrument_load",
  "system.policy_load",
  "system.seed_demo_policies",
  "policy.export",
  "policy.sweep",
  "policy_award.identify",
  "policy_award.district_confirm",
  "policy_award.enterprise_confirm",
  "policy_award.decline",
  "policy_award.withdraw",
  "policy_award.pay",
  "policy_award.export",
  "budget_pool.create",
  "budget_pool.update",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITY_TYPES = [
  "enterprise",
  "user",
  "import_job",
  "export_job",
  "assessment",
  "instrument",
  "diagnosis",
  "diagnosis_plan",
  "impact",
  "policy",
  "policy_award",
  "budget_pool",
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

type DotsToUnderscores<S extends string> = S extends `${infer A}.${infer B}`
  ? `${A}_${DotsToUnderscores<B>}`
  : S;
/** i18n keys cannot contain dots: "diagnosis.plan_create" → "diagnosis_plan_create". */
export type AuditActionKey = DotsToUnderscores<AuditAction>;
export const auditActionKey = (a: string): string => a.replaceAll(".", "_");
