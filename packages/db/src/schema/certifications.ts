import {
  CERT_APPLICATION_STATUSES,
  CERTIFICATION_SOURCES,
  CERTIFICATION_STATUSES,
  OBJECTION_STATUSES,
  ROUND_STATUSES,
} from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import {
  check,
  date,
  foreignKey,
  index,
  jsonb,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { assessments } from "./assessments-diagnoses";
import {
  editedRowColumns,
  timestamptz,
  timestamptzNow,
  uuidPrimaryKey,
  uuidRef,
  versionedDefinitionTable,
} from "./columns";
import { enterpriseRef, optionalUserRef, userRef } from "./references";
import { oneOf } from "./types";

/**
 * 梯度培育 programmes as versioned data (packages/db/programmes/*.json), loaded at every start like the
 * instruments, policies and indicators: every version ever loaded stays (a certification keeps the
 * programme version it was issued under), `current` marks the versions in the files now.
 */
export const programmeDefinitions = versionedDefinitionTable("programme_definitions");

/**
 * One certification an enterprise holds (or held, or claims): a level of a programme, where it came
 * from (a round here, a historical list, an external body's certificate — CMMM, DCMM, 两化融合 are
 * programmes of family "external" — or an unverified claim, which never counts until a district
 * confirms it), the certificate number and issuing body, and its validity in Shanghai calendar days
 * (`valid_to` null = no fixed term). Whether it counts today is derived (domain certificationState):
 * status `valid`, not a claim, today within the dates. A revocation keeps the row with its reason.
 * Certificate numbers are unique.
 */
export const certifications = pgTable(
  "certifications",
  {
    id: uuidPrimaryKey(),
    enterpriseId: enterpriseRef({ onDelete: "cascade" }),
    programmeId: text("programme_id").notNull(),
    programmeVersion: text("programme_version").notNull(),
    levelId: text("level_id").notNull(),
    /** The level's rank on its ladder when recorded (1 = lowest): ladders and "at least" tests read it. */
    levelRank: smallint("level_rank").notNull(),
    status: text("status", { enum: CERTIFICATION_STATUSES }).notNull(),
    source: text("source", { enum: CERTIFICATION_SOURCES }).notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
    certificateNo: text("certificate_no"),
    issuingBody: text("issuing_body").notNull(),
    note: text("note"),
    revokedReason: text("revoked_reason"),
    revokedAt: timestamptz("revoked_at"),
    revokedBy: optionalUserRef("revoked_by"),
    confirmedAt: timestamptz("confirmed_at"),
    confirmedBy: optionalUserRef("confirmed_by"),
    recordedBy: userRef("recorded_by"),
    ...editedRowColumns(),
  },
  (t) => [
    foreignKey({
      columns: [t.programmeId, t.programmeVersion],
      foreignColumns: [programmeDefinitions.id, programmeDefinitions.version],
    }),
    uniqueIndex("certifications_certificate_no_uq").on(t.certificateNo),
    index("certifications_enterprise_idx").on(t.enterpriseId, t.programmeId, t.levelRank),
    index("certifications_programme_idx").on(t.programmeId, t.levelId, t.validTo),
    check("certifications_status_ck", oneOf(t.status, CERTIFICATION_STATUSES)),
    check("certifications_source_ck", oneOf(t.source, CERTIFICATION_SOURCES)),
    check("certifications_dates_ck", sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
    check("certifications_rank_ck", sql`${t.levelRank} >= 1`),
    check(
      "certifications_revoked_ck",
      sql`(${t.status} = 'revoked') = (${t.revokedReason} is not null and ${t.revokedAt} is not null)`,
    ),
  ],
);

/**
 * 认定批次: a round the city opens for one programme level, with its application window (Shanghai
 * days, inclusive), a quota per district (district code → how many it may recommend), the 公示 length
 * and, once published, the 公示 dates. Status: open → reviewing → in_notice → recognised.
 */
export const certificationRounds = pgTable(
  "certification_rounds",
  {
    id: uuidPrimaryKey(),
    name: text("name").notNull(),
    programmeId: text("programme_id").notNull(),
    programmeVersion: text("programme_version").notNull(),
    levelId: text("level_id").notNull(),
    status: text("status", { enum: ROUND_STATUSES }).notNull().default("open"),
    applyFrom: date("apply_from", { mode: "string" }).notNull(),
    applyTo: date("apply_to", { mode: "string" }).notNull(),
    quotas: jsonb("quotas").$type<Record<string, number>>().notNull(),
    noticeDays: smallint("notice_days").notNull(),
    noticeFrom: date("notice_from", { mode: "string" }),
    noticeTo: date("notice_to", { mode: "string" }),
    recognisedAt: timestamptz("recognised_at"),
    createdBy: userRef("created_by"),
    ...editedRowColumns(),
  },
  (t) => [
    foreignKey({
      columns: [t.programmeId, t.programmeVersion],
      foreignColumns: [programmeDefinitions.id, programmeDefinitions.version],
    }),
    index("certification_rounds_status_idx").on(t.status, t.applyTo),
    check("certification_rounds_status_ck", oneOf(t.status, ROUND_STATUSES)),
    check("certification_rounds_dates_ck", sql`${t.applyTo} >= ${t.applyFrom}`),
    check("certification_rounds_notice_ck", sql`${t.noticeDays} between 1 and 30`),
  ],
);

/**
 * One enterprise's application in a round (one per round and enterprise): the form as filled in, the
 * latest submitted assessment it attached, the prerequisite findings when it applied, the district's
 * rank and note, the city's decision, and the certification issued at 认定.
 */
export const certificationApplications = pgTable(
  "certification_applications",
  {
    id: uuidPrimaryKey(),
    roundId: uuidRef("round_id", () => certificationRounds.id),
    enterpriseId: enterpriseRef(),
    districtCode: varchar("district_code", { length: 6 }).notNull(),
    status: text("status", { enum: CERT_APPLICATION_STATUSES }).notNull().default("submitted"),
    form: jsonb("form").$type<Record<string, string | number | boolean | null>>().notNull(),
    assessmentId: uuid("assessment_id").references(() => assessments.id),
    findings: jsonb("findings").notNull(),
    districtRank: smallint("district_rank"),
    districtNote: text("district_note"),
    decisionReason: text("decision_reason"),
    decidedAt: timestamptz("decided_at"),
    decidedBy: optionalUserRef("decided_by"),
    certificationId: uuid("certification_id").references(() => certifications.id),
    submittedBy: userRef("submitted_by"),
    ...editedRowColumns(),
  },
  (t) => [
    uniqueIndex("certification_applications_round_enterprise_uq").on(t.roundId, t.enterpriseId),
    index("certification_applications_round_idx").on(t.roundId, t.districtCode, t.status),
    index("certification_applications_enterprise_idx").on(t.enterpriseId),
    check("certification_applications_status_ck", oneOf(t.status, CERT_APPLICATION_STATUSES)),
  ],
);

/** An objection lodged during a round's 公示 (by anyone, signed in or not), and how the city handled it. */
export const certificationObjections = pgTable(
  "certification_objections",
  {
    id: uuidPrimaryKey(),
    applicationId: uuidRef("application_id", () => certificationApplications.id),
    lodgedBy: optionalUserRef("lodged_by"),
    lodgerName: text("lodger_name").notNull(),
    lodgerContact: text("lodger_contact").notNull(),
    content: text("content").notNull(),
    status: text("status", { enum: OBJECTION_STATUSES }).notNull().default("open"),
    handledAt: timestamptz("handled_at"),
    handledBy: optionalUserRef("handled_by"),
    handlingNote: text("handling_note"),
    createdAt: timestamptzNow("created_at"),
  },
  (t) => [
    index("certification_objections_application_idx").on(t.applicationId, t.status),
    check("certification_objections_status_ck", oneOf(t.status, OBJECTION_STATUSES)),
  ],
);
