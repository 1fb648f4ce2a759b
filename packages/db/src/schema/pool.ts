import { APPLICATION_STATUSES, OBJECTION_STATUSES } from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import { check, date, index, jsonb, numeric, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import {
  editedRowColumns,
  jsonbArray,
  timestamptz,
  timestamptzNow,
  uuidPrimaryKey,
  uuidRef,
} from "./columns";
import { experts } from "./experts";
import { providers } from "./providers";
import { optionalUserRef, userRef } from "./references";
import { oneOf } from "./types";

/**
 * 入库申请: one application of a provider to the pool ("成熟一个认定一个": reviewed one at a time).
 * submitted → under_review (panel drawn, experts score) → in_notice (公示, after an admit decision)
 * → admitted; rejected (decision, or an upheld objection); withdrawn by the provider before review.
 */
export const poolApplications = pgTable(
  "pool_applications",
  {
    id: uuidPrimaryKey(),
    providerId: uuidRef("provider_id", () => providers.id),
    /** A domain PROVIDER_CATEGORIES key. */
    category: text("category").notNull(),
    /** 申报材料: [{ name, note? }]. */
    materials: jsonbArray<{ name: string; note?: string }>("materials"),
    /** 申请说明 / 承诺. */
    statement: text("statement").notNull(),
    status: text("status", { enum: APPLICATION_STATUSES }).notNull().default("submitted"),
    submittedBy: userRef("submitted_by"),
    submittedAt: timestamptzNow("submitted_at"),
    reviewOpenedAt: timestamptz("review_opened_at"),
    /** Mean of the submitted scoring sheets when the decision was taken. */
    averageScore: numeric("average_score", { precision: 5, scale: 1 }),
    /** admit | reject */
    decision: text("decision"),
    decisionReason: text("decision_reason"),
    decidedBy: optionalUserRef("decided_by"),
    decidedAt: timestamptz("decided_at"),
    noticeStart: date("notice_start"),
    noticeEnd: date("notice_end"),
    noticeText: text("notice_text"),
    closedAt: timestamptz("closed_at"),
    closedReason: text("closed_reason"),
    ...editedRowColumns(),
  },
  (t) => [
    check("pool_applications_status_check", oneOf(t.status, APPLICATION_STATUSES)),
    index("pool_applications_provider_idx").on(t.providerId, t.submittedAt),
    index("pool_applications_status_idx").on(t.status, t.submittedAt),
    check(
      "pool_applications_notice_dates",
      sql`${t.noticeEnd} is null or ${t.noticeEnd} >= ${t.noticeStart}`,
    ),
  ],
);

/** 评审打分表: one drawn expert's sheet for one application (items as the sheet's ids → points). */
export const poolReviewScores = pgTable(
  "pool_review_scores",
  {
    id: uuidPrimaryKey(),
    applicationId: uuidRef("application_id", () => poolApplications.id),
    expertId: uuidRef("expert_id", () => experts.id),
    sheetVersion: text("sheet_version").notNull(),
    items: jsonb("items").$type<Record<string, number>>().notNull(),
    total: numeric("total", { precision: 5, scale: 1 }).notNull(),
    comment: text("comment").notNull(),
    /** Recommendation: admit | reject. */
    recommendation: text("recommendation"),
    submittedAt: timestamptzNow("submitted_at"),
  },
  (t) => [uniqueIndex("pool_review_scores_unique").on(t.applicationId, t.expertId)],
);

/** 公示异议: anyone (also anonymous) may object during the notice; the city upholds or dismisses it. */
export const poolObjections = pgTable(
  "pool_objections",
  {
    id: uuidPrimaryKey(),
    applicationId: uuidRef("application_id", () => poolApplications.id),
    content: text("content").notNull(),
    contactName: text("contact_name"),
    contactPhone: text("contact_phone").notNull(),
    filedBy: optionalUserRef("filed_by"),
    filedAt: timestamptzNow("filed_at"),
    /** open | upheld | dismissed */
    status: text("status", { enum: OBJECTION_STATUSES }).notNull().default("open"),
    handlingNote: text("handling_note"),
    handledBy: optionalUserRef("handled_by"),
    handledAt: timestamptz("handled_at"),
  },
  (t) => [
    check("pool_objections_status_check", oneOf(t.status, OBJECTION_STATUSES)),
    index("pool_objections_application_idx").on(t.applicationId, t.filedAt),
  ],
);
