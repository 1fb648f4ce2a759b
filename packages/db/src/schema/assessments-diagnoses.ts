import { ASSESSMENT_STATUSES, DIAGNOSIS_STATUSES } from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  foreignKey,
  index,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { editedRowColumns, timestamptz, timestamptzNow, uuidPrimaryKey, uuidRef } from "./columns";
import { instruments } from "./instruments";
import { districtRef, enterpriseRef, optionalUserRef, userRef } from "./references";
import { oneOf } from "./types";

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
    id: uuidPrimaryKey(),
    enterpriseId: enterpriseRef(),
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
    commitmentAt: timestamptz("commitment_at"),
    submittedAt: timestamptz("submitted_at"),
    submittedBy: optionalUserRef("submitted_by"),
    createdBy: userRef("created_by"),
    ...editedRowColumns(),
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
    id: uuidPrimaryKey(),
    districtCode: districtRef(),
    name: text("name").notNull(),
    startDate: date("start_date").notNull(),
    endDate: date("end_date").notNull(),
    note: text("note"),
    createdBy: userRef("created_by"),
    ...editedRowColumns(),
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
    id: uuidPrimaryKey(),
    enterpriseId: enterpriseRef(),
    /** The instrument the on-site assessment uses (its current version when the visit starts). */
    instrumentId: text("instrument_id").notNull(),
    status: text("status", { enum: DIAGNOSIS_STATUSES }).notNull().default("requested"),
    /** enterprise | district | city: who asked. */
    source: text("source").notNull(),
    requestNote: text("request_note"),
    requestedBy: userRef("requested_by"),
    requestedAt: timestamptzNow("requested_at"),
    planId: uuid("plan_id").references(() => diagnosisPlans.id),
    /** Planned visit day (a calendar date in Asia/Shanghai). */
    visitDate: date("visit_date"),
    /** The enterprise's self-assessment the on-site result is compared with (latest submitted at visit start). */
    selfAssessmentId: uuid("self_assessment_id").references(() => assessments.id),
    visitedAt: timestamptz("visited_at"),
    /** 诊断意见: the team's conclusions and recommendations, required to close. */
    conclusion: text("conclusion"),
    closedAt: timestamptz("closed_at"),
    closedBy: optionalUserRef("closed_by"),
    cancelReason: text("cancel_reason"),
    ...editedRowColumns(),
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
    diagnosisId: uuidRef("diagnosis_id", () => diagnoses.id, { onDelete: "cascade" }),
    userId: userRef("user_id"),
    lead: boolean("lead").notNull().default(false),
    assignedBy: userRef("assigned_by"),
    assignedAt: timestamptzNow("assigned_at"),
  },
  (t) => [primaryKey({ columns: [t.diagnosisId, t.userId] }), index("diagnosis_team_user_idx").on(t.userId)],
);
