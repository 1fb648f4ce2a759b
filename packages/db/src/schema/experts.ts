import { ASSIGNMENT_STATUSES, EXPERT_STATUSES } from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  districtCode,
  editedRowColumns,
  jsonbArray,
  textArray,
  timestamptz,
  timestamptzNow,
  uuidArray,
  uuidPrimaryKey,
  uuidRef,
} from "./columns";
import { optionalUserRef, userRef } from "./references";
import { oneOf } from "./types";
import { users } from "./users";

/**
 * 专家库. `userId` links the expert's login (role=expert) when there is one; fields are free codes
 * (technology / industry fields), availability and declared conflicts are the domain's DateWindow[]
 * and DeclaredConflict[].
 */
export const experts = pgTable(
  "experts",
  {
    id: uuidPrimaryKey(),
    userId: uuid("user_id")
      .unique()
      .references(() => users.id),
    name: text("name").notNull(),
    organization: text("organization").notNull(),
    /** 职称, e.g. 正高级工程师. */
    title: text("title"),
    fields: textArray("fields"),
    availability: jsonbArray<{ from: string; to: string }>("availability"),
    conflicts: jsonbArray<{ enterpriseId?: string; organization?: string; note?: string }>("conflicts"),
    /** active | suspended | retired */
    status: text("status", { enum: EXPERT_STATUSES }).notNull().default("active"),
    phone: text("phone"),
    note: text("note"),
    ...editedRowColumns(),
  },
  (t) => [
    check("experts_status_check", oneOf(t.status, EXPERT_STATUSES)),
    index("experts_status_name_idx").on(t.status, t.name),
    index("experts_fields_idx").using("gin", t.fields),
  ],
);

/**
 * The expert pool as one draw read it, stored once per distinct content: `hash` is the SHA-256 of the
 * canonical JSON (keys sorted) of the Expert[] array, so consecutive draws over an unchanged pool share
 * one row and any change to a stored snapshot is detectable (the reader re-hashes it).
 */
export const expertPoolSnapshots = pgTable("expert_pool_snapshots", {
  hash: text("hash").primaryKey(),
  experts: jsonb("experts").notNull(),
  size: integer("size").notNull(),
  createdAt: timestamptzNow("created_at"),
});

/**
 * 专家抽取: one random draw for a subject (purpose pool_review: a pool application; diagnosis: a
 * diagnosis team; project_review: a project's city expert review). Everything the pure drawExperts
 * read is stored — the pool snapshot (by hash), the request with the history, the seed and the
 * algorithm — with the first result and the current one (after replacements), so anyone can re-run it
 * and compare.
 */
export const expertDraws = pgTable(
  "expert_draws",
  {
    id: uuidPrimaryKey(),
    /** pool_review | diagnosis | project_review */
    purpose: text("purpose").notNull(),
    subjectId: text("subject_id").notNull(),
    subjectLabel: text("subject_label").notNull(),
    drawDate: date("draw_date").notNull(),
    seed: text("seed").notNull(),
    algorithm: text("algorithm").notNull(),
    /** The domain DrawRequest (applicant, fields, avoidance, period, history). */
    request: jsonb("request").notNull(),
    /** The pool as read (Expert[]), inline: draws stored before pool snapshots existed (0015). */
    pool: jsonb("pool"),
    /** The pool as read, by content hash (every draw since 0015). */
    poolHash: text("pool_hash").references(() => expertPoolSnapshots.hash),
    /** drawExperts' result (round 0). */
    result: jsonb("result").notNull(),
    /** After the last replacement; null while nobody declined (then it equals result). */
    current: jsonb("current"),
    /** The subject's district (diagnosis draws: the diagnosed enterprise's), for district scoping. */
    districtCode: districtCode(),
    /** Expert ids of `current.selected`, for history and workload queries. */
    selectedIds: uuidArray("selected_ids"),
    drawnBy: userRef("drawn_by"),
    drawnAt: timestamptzNow("drawn_at"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("expert_draws_subject_idx").on(t.purpose, t.subjectId, t.drawnAt),
    index("expert_draws_date_idx").on(t.drawDate),
    index("expert_draws_district_idx").on(t.districtCode, t.drawnAt),
    check("expert_draws_pool_present", sql`${t.pool} is not null or ${t.poolHash} is not null`),
  ],
);

/** 邀请: one drawn expert on one draw; invited → accepted | declined (a declined seat is re-drawn). */
export const expertAssignments = pgTable(
  "expert_assignments",
  {
    id: uuidPrimaryKey(),
    drawId: uuidRef("draw_id", () => expertDraws.id),
    expertId: uuidRef("expert_id", () => experts.id),
    purpose: text("purpose").notNull(),
    subjectId: text("subject_id").notNull(),
    round: smallint("round").notNull().default(0),
    /** invited | accepted | declined */
    status: text("status", { enum: ASSIGNMENT_STATUSES }).notNull().default("invited"),
    declineReason: text("decline_reason"),
    respondedAt: timestamptz("responded_at"),
    /** 专家评价: the organiser's 1–5 rating of the work done on this assignment (accepted only). */
    rating: smallint("rating"),
    ratingComment: text("rating_comment"),
    ratedBy: optionalUserRef("rated_by"),
    ratedAt: timestamptz("rated_at"),
    createdAt: timestamptzNow("created_at"),
  },
  (t) => [
    check("expert_assignments_status_check", oneOf(t.status, ASSIGNMENT_STATUSES)),
    check("expert_assignments_rating_range", sql`${t.rating} is null or ${t.rating} between 1 and 5`),
    uniqueIndex("expert_assignments_unique").on(t.drawId, t.expertId),
    index("expert_assignments_expert_idx").on(t.expertId, t.createdAt),
    index("expert_assignments_subject_idx").on(t.purpose, t.subjectId),
  ],
);
