import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { assessments } from "./assessments-diagnoses";
import { bytea } from "./types";
import { users } from "./users";

/**
 * Evidence files attached to one question of an assessment. Stored in the database, not on a
 * node's disk: app nodes stay stateless, and the files are never under the web root.
 */
export const assessmentEvidence = pgTable(
  "assessment_evidence",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    filename: text("filename").notNull(),
    /** Detected from the file's first bytes, not from what the browser claimed. */
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    uploadedBy: uuid("uploaded_by")
      .notNull()
      .references(() => users.id),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("assessment_evidence_idx").on(t.assessmentId, t.questionId)],
);
