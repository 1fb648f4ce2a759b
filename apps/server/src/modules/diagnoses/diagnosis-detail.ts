import type { AssessmentSummary, DiagnosisDetail } from "@dxcenter/contracts";
import { assessments, type Database, type Executor } from "@dxcenter/db";
import {
  type Actor,
  type Answers,
  diagnosisPermissions,
  diffAnswers,
  scoreAssessment,
} from "@dxcenter/domain";
import { eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { isoOrNull } from "../../lib/dates";
import { loadDefinition } from "../instruments/instrument-definition";
import { type DiagnosisRow, diagnosisFacts, findDiagnosisRow, toItem } from "./diagnosis.queries";

/** A self- or on-site assessment in the diagnosis detail; a draft's score is a live preview. */
async function summary(db: Executor, id: string | null): Promise<z.infer<typeof AssessmentSummary> | null> {
  if (!id) return null;
  const [a] = await db.select().from(assessments).where(eq(assessments.id, id));
  if (!a) return null;
  let total = a.total === null ? null : Number(a.total);
  let maxTotal = a.maxTotal === null ? null : Number(a.maxTotal);
  let levelName = a.levelName;
  if (a.status === "draft") {
    // A draft's score is a live preview (unanswered questions count as 0).
    const def = await loadDefinition(db, a.instrumentId, a.instrumentVersion);
    const outcome = def
      ? scoreAssessment(def, a.answers as Answers, { allowMissing: true, improvements: false })
      : null;
    if (outcome?.ok) {
      total = outcome.result.total;
      maxTotal = outcome.result.maxTotal;
      levelName = outcome.result.levelName;
    }
  }
  return {
    id: a.id,
    status: a.status as "draft" | "submitted",
    instrumentVersion: a.instrumentVersion,
    total,
    maxTotal,
    levelName,
    progress: a.progress,
    submittedAt: isoOrNull(a.submittedAt),
  };
}

async function toDetail(db: Executor, actor: Actor, row: DiagnosisRow): Promise<DiagnosisDetail> {
  const d = row.d;
  const [self, onsiteSummary] = await Promise.all([
    summary(db, d.selfAssessmentId),
    summary(db, row.onsiteId),
  ]);
  let differences: DiagnosisDetail["differences"] = [];
  if (self && onsiteSummary && self.instrumentVersion === onsiteSummary.instrumentVersion) {
    const pair = await db
      .select({ id: assessments.id, answers: assessments.answers })
      .from(assessments)
      .where(inArray(assessments.id, [self.id, onsiteSummary.id]));
    const answersOf = (id: string) => (pair.find((p) => p.id === id)?.answers ?? {}) as Answers;
    const def = await loadDefinition(db, d.instrumentId, self.instrumentVersion);
    if (def) differences = diffAnswers(def, answersOf(self.id), answersOf(onsiteSummary.id));
  }
  const p = diagnosisPermissions(actor, diagnosisFacts(row));
  return {
    ...toItem(row),
    conclusion: d.conclusion,
    cancelReason: d.cancelReason,
    closedByName: row.closedByName,
    selfAssessment: self,
    // The enterprise sees the verified result once the team has submitted it.
    onsiteAssessment:
      actor.role === "enterprise" && onsiteSummary?.status !== "submitted" ? null : onsiteSummary,
    differences: actor.role === "enterprise" && onsiteSummary?.status !== "submitted" ? [] : differences,
    permissions: {
      schedule: p.schedule,
      assign: p.assign,
      start: p.start,
      record: p.record,
      close: p.close,
      cancel: p.cancel,
    },
  };
}

/** The detail page: the item, both assessments and where they differ, and the steps this actor may take. */
export async function getDiagnosis(db: Database, actor: Actor, id: string) {
  return toDetail(db, actor, await findDiagnosisRow(db, actor, id));
}
