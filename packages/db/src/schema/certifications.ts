import { CERTIFICATION_SOURCES, CERTIFICATION_STATUSES } from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import { check, date, foreignKey, index, pgTable, smallint, text, uniqueIndex } from "drizzle-orm/pg-core";
import { editedRowColumns, timestamptz, uuidPrimaryKey, versionedDefinitionTable } from "./columns";
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
