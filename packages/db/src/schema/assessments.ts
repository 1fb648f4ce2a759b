import { ASSESSMENT_STATUSES } from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { diagnoses } from "./diagnoses";
import { enterprises } from "./enterprises";
import { instruments } from "./instruments";
import { oneOf } from "./types";
import { users } from "./users";

/**
 * One assessment of one enterprise with one instrument version. Answers are stored raw (the
 * scoring engine is pure, so any report can re-score them); the score snapshot taken at submit is
 * kept too, so a report shows exactly what the enterprise saw. Submitted rows are never updated.
 */
export const assessments = pgTable(
  "assessments",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    enterpriseId: uuid("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    instrumentId: text("instrument_id").notNull(),
    instrumentVersion: text("instrument_version").notNull(),
    /** self (自评估) | onsite (现场评定, recorded by a diagnosis team beside the self-reported one). */
    kind: text("kind").notNull().default("self"),
    /** For kind 'onsite': the diagnosis it belongs to (one on-site assessment per diagnosis). */
    diagnosisId: uuid("diagnosis_id").references((): AnyPgColumn => diagnoses.id),
    /** draft | submitted */
    status: text("status", { enum: ASSESSMENT_STATUSES }).notNull().default("draft"),
    answers: jsonb("answers").notNull().default(sql`'{}'::jsonb`),
    /** 0–100, share of required questions answered (kept for lists). */
    progress: smallint("progress").notNull().default(0),
    total: numeric("total", { precision: 8, scale: 3 }),
    maxTotal: numeric("max_total", { precision: 8, scale: 3 }),
    level: smallint("level"),
    levelName: text("level_name"),
    result: jsonb("result"),
    /**
     * {dimension id: points} of the snapshot, written with it (submittedScoreColumns). Cohort
     * statistics read this instead of detoasting `result` for every T0/T1.
     */
    dimensionPoints: jsonb("dimension_points").$type<Record<string, number>>(),
    commitmentAt: timestamp("commitment_at", { withTimezone: true }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedBy: uuid("submitted_by").references(() => users.id),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    check("assessments_status_check", oneOf(t.status, ASSESSMENT_STATUSES)),
    foreignKey({
      columns: [t.instrumentId, t.instrumentVersion],
      foreignColumns: [instruments.id, instruments.version],
    }),
    index("assessments_enterprise_idx").on(t.enterpriseId, t.updatedAt),
    index("assessments_instrument_idx").on(t.instrumentId, t.status),
    /** T0/T1 and cohort statistics: submitted assessments per instrument and enterprise in time order. */
    index("assessments_submitted_idx")
      .on(t.instrumentId, t.enterpriseId, t.submittedAt)
      .where(sql`${t.status} = 'submitted'`),
    uniqueIndex("assessments_diagnosis_uq").on(t.diagnosisId).where(sql`${t.diagnosisId} is not null`),
  ],
);
