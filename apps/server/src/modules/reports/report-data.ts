import {
  assessments,
  diagnoses,
  diagnosisTeam,
  type Executor,
  enterprises,
  industries,
  users,
} from "@dxcenter/db";
import { type Actor, listQuestions, type ScoreResult } from "@dxcenter/domain";
import { and, asc, desc, eq } from "drizzle-orm";
import { AppError, notFound } from "../../errors";
import { type AssessmentRow, findAssessmentRow } from "../assessments/assessment.queries";
import { listEvidence } from "../assessments/evidence.service";
import { loadDefinition } from "../instruments/instrument-definition";
import type { EvidenceStatus, OnsiteData, ReportData } from "./report-model";

export const notSubmitted = () =>
  new AppError(409, "REPORT_NOT_READY", "报告仅在提交后生成：该评估尚未提交，请先完成并提交评估");

/**
 * Everything the report shows, for one assessment the actor may read. Access is exactly that of
 * the assessment itself (findRow: 404 outside the actor's scope); a draft has no report (409).
 */
export async function loadReportData(
  db: Executor,
  actor: Actor,
  assessmentId: string,
  now = new Date(),
): Promise<{ row: AssessmentRow; data: ReportData }> {
  const row = await findAssessmentRow(db, actor, assessmentId);
  const a = row.a;
  if (a.status !== "submitted" || !a.result || !a.submittedAt) throw notSubmitted();
  const result = a.result as ScoreResult;

  const [defn, evidence, [ent], onsite] = await Promise.all([
    loadDefinition(db, a.instrumentId, a.instrumentVersion),
    listEvidence(db, a.id),
    db
      .select({
        uscc: enterprises.uscc,
        industryCode: enterprises.industryCode,
        industryName: industries.name,
      })
      .from(enterprises)
      .innerJoin(industries, eq(industries.code, enterprises.industryCode))
      .where(eq(enterprises.id, a.enterpriseId)),
    a.kind === "onsite" && a.diagnosisId ? loadOnsite(db, a.diagnosisId, a.enterpriseId) : null,
  ]);
  if (!defn) throw notFound("评估量表");

  const files = new Map<string, { filename: string; size: number }[]>();
  for (const f of evidence) {
    const list = files.get(f.questionId) ?? [];
    list.push({ filename: f.filename, size: f.size });
    files.set(f.questionId, list);
  }
  const evidenceStatus: EvidenceStatus[] = listQuestions(defn)
    .filter((q) => (q.question.evidence?.length ?? 0) > 0)
    .map((q) => ({
      questionId: q.question.id,
      title: q.question.title,
      dimensionName: q.dimension.name,
      required: q.question.evidence ?? [],
      files: files.get(q.question.id) ?? [],
    }));

  return {
    row,
    data: {
      assessmentId: a.id,
      kind: a.kind === "onsite" ? "onsite" : "self",
      enterprise: {
        name: row.enterpriseName,
        uscc: ent?.uscc ?? "",
        districtName: row.districtName,
        industry: ent ? `${ent.industryCode} ${ent.industryName}` : "",
      },
      instrument: { name: row.instrumentName, version: a.instrumentVersion },
      submittedAt: a.submittedAt,
      result,
      evidence: evidenceStatus,
      onsite,
      generatedAt: now,
    },
  };
}

/** 现场评定: visit, team, conclusion, and the self-assessment it is compared with. */
async function loadOnsite(
  db: Executor,
  diagnosisId: string,
  enterpriseId: string,
): Promise<OnsiteData | null> {
  const [diag] = await db.select().from(diagnoses).where(eq(diagnoses.id, diagnosisId));
  if (!diag) return null;
  const team = await db
    .select({ name: users.displayName, organization: users.organization, lead: diagnosisTeam.lead })
    .from(diagnosisTeam)
    .innerJoin(users, eq(users.id, diagnosisTeam.userId))
    .where(eq(diagnosisTeam.diagnosisId, diagnosisId))
    .orderBy(desc(diagnosisTeam.lead), asc(users.displayName));
  let self: OnsiteData["self"] = null;
  if (diag.selfAssessmentId) {
    const [s] = await db
      .select({ result: assessments.result, submittedAt: assessments.submittedAt })
      .from(assessments)
      .where(
        and(
          eq(assessments.id, diag.selfAssessmentId),
          eq(assessments.enterpriseId, enterpriseId),
          eq(assessments.status, "submitted"),
        ),
      );
    const r = s?.result as ScoreResult | null | undefined;
    if (s && r) {
      self = {
        submittedAt: s.submittedAt,
        total: r.total,
        maxTotal: r.maxTotal,
        levelName: r.levelName,
        dimensions: r.dimensions.map((d) => ({ name: d.name, points: d.points, maxPoints: d.maxPoints })),
      };
    }
  }
  return {
    visitDate: diag.visitDate,
    visitedAt: diag.visitedAt,
    team,
    conclusion: diag.conclusion,
    self,
  };
}
