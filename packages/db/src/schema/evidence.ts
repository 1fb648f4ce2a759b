import { index, pgTable, text } from "drizzle-orm/pg-core";
import { assessments } from "./assessments-diagnoses";
import { storedFileColumns, timestamptzNow, uuidPrimaryKey, uuidRef } from "./columns";
import { userRef } from "./references";

/**
 * Evidence files attached to one question of an assessment. Stored in the database, not on a
 * node's disk: app nodes stay stateless, and the files are never under the web root.
 */
export const assessmentEvidence = pgTable(
  "assessment_evidence",
  {
    id: uuidPrimaryKey(),
    assessmentId: uuidRef("assessment_id", () => assessments.id, { onDelete: "cascade" }),
    questionId: text("question_id").notNull(),
    ...storedFileColumns(),
    uploadedBy: userRef("uploaded_by"),
    uploadedAt: timestamptzNow("uploaded_at"),
  },
  (t) => [index("assessment_evidence_idx").on(t.assessmentId, t.questionId)],
);
