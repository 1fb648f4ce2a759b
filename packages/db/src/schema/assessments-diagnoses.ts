import { ASSESSMENT_STATUSES, DIAGNOSIS_STATUSES } from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { enterprises } from "./enterprises";
import { instruments } from "./instruments";
import { districts } from "./reference";
import { oneOf } from "./types";
import { users } from "./users";

// Assessments and diagnoses point at each other (an on-site assessment belongs to its diagnosis; a
// diagnosis names the self-assessment it is compared with), so both tables live in this one file:
// two files would import each other.

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

/**
 * 诊断计划: a district's dated batch of on-site diagnoses (e.g. "2026年第四季度现场诊断").
 * Plans belong to one district; the city sees all of them.
 */
export const diagnosisPlans = pgTable(
  "diagnosis_plans",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    districtCode: varchar("district_code", { length: 6 })
      .notNull()
      .references(() => districts.code),
    name: text("name").notNull(),
    startDate: date("start_date").notNull(),
    endDate: date("end_date").notNull(),
    note: text("note"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("diagnosis_plans_district_idx").on(t.districtCode, t.startDate)],
);

/**
 * 诊断服务单: one enterprise's request for an on-site diagnosis and everything that follows.
 * requested (待纳入计划) → scheduled (已排期) → in_progress (现场评定中) → verified (评定已提交)
 * → closed (已办结, with the diagnosis opinion); cancelled at any point before closing.
 * The verified answer set is an `assessments` row of kind 'onsite' pointing back here.
 */
export const diagnoses = pgTable(
  "diagnoses",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    enterpriseId: uuid("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    /** The instrument the on-site assessment uses (its current version when the visit starts). */
    instrumentId: text("instrument_id").notNull(),
    status: text("status", { enum: DIAGNOSIS_STATUSES }).notNull().default("requested"),
    /** enterprise | district | city: who asked. */
    source: text("source").notNull(),
    requestNote: text("request_note"),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    planId: uuid("plan_id").references(() => diagnosisPlans.id),
    /** Planned visit day (a calendar date in Asia/Shanghai). */
    visitDate: date("visit_date"),
    /** The enterprise's self-assessment the on-site result is compared with (latest submitted at visit start). */
    selfAssessmentId: uuid("self_assessment_id").references(() => assessments.id),
    visitedAt: timestamp("visited_at", { withTimezone: true }),
    /** 诊断意见: the team's conclusions and recommendations, required to close. */
    conclusion: text("conclusion"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: uuid("closed_by").references(() => users.id),
    cancelReason: text("cancel_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    check("diagnoses_status_check", oneOf(t.status, DIAGNOSIS_STATUSES)),
    index("diagnoses_enterprise_idx").on(t.enterpriseId, t.requestedAt),
    index("diagnoses_plan_idx").on(t.planId),
    index("diagnoses_status_idx").on(t.status, t.visitDate),
  ],
);

/** 诊断团队: provider and expert accounts assigned to one diagnosis. */
export const diagnosisTeam = pgTable(
  "diagnosis_team",
  {
    diagnosisId: uuid("diagnosis_id")
      .notNull()
      .references(() => diagnoses.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    lead: boolean("lead").notNull().default(false),
    assignedBy: uuid("assigned_by")
      .notNull()
      .references(() => users.id),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.diagnosisId, t.userId] }), index("diagnosis_team_user_idx").on(t.userId)],
);
