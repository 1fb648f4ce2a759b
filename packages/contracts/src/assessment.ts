import { ASSESSMENT_STATUSES } from "@dxcenter/domain";
import { z } from "zod";
import { districtCodeFilter, enterpriseFields, PageQuery, searchText, sortParams } from "./common";
import { AssessmentAnswers } from "./instrument";

/**
 * Self-assessments (自评估). A draft is saved as often as the user likes (autosave); submitting
 * requires every required answer and the 真实性承诺, stores the score snapshot, and makes the record
 * immutable — a new assessment is a new record.
 */
export { ASSESSMENT_STATUSES };
export const ASSESSMENT_KINDS = ["self", "onsite"] as const;

export const AssessmentListQuery = PageQuery.extend({
  enterpriseId: z.uuid().optional(),
  instrumentId: z.string().max(100).optional(),
  status: z.enum(ASSESSMENT_STATUSES).optional(),
  kind: z.enum(ASSESSMENT_KINDS).optional(),
  districtCode: districtCodeFilter(),
  q: searchText(),
  ...sortParams(["updatedAt", "submittedAt", "total"], "updatedAt"),
});

export const AssessmentItem = z.object({
  id: z.uuid(),
  ...enterpriseFields(),
  instrumentId: z.string(),
  instrumentVersion: z.string(),
  instrumentName: z.string(),
  /** self = 自评估; onsite = 现场评定 by a diagnosis team. */
  kind: z.enum(ASSESSMENT_KINDS),
  diagnosisId: z.uuid().nullable(),
  status: z.enum(ASSESSMENT_STATUSES),
  /** Points (null while a draft). */
  total: z.number().nullable(),
  maxTotal: z.number().nullable(),
  level: z.number().int().nullable(),
  levelName: z.string().nullable(),
  /** 0–100: share of required questions answered. */
  progress: z.number().int(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type AssessmentItem = z.infer<typeof AssessmentItem>;

/** 佐证材料: one file attached to one question. */
export const EvidenceItem = z.object({
  id: z.uuid(),
  questionId: z.string(),
  filename: z.string(),
  mime: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MAX_PER_QUESTION = 10;

export const AssessmentDetail = AssessmentItem.extend({
  evidence: z.array(EvidenceItem),
  answers: AssessmentAnswers,
  /**
   * The domain ScoreResult (packages/domain/src/assessment/score.ts): for a draft a live preview
   * with missing answers counted as unanswered; for a submitted one the snapshot taken at submit.
   */
  result: z.unknown(),
  commitmentAt: z.string().nullable(),
  /**
   * On-site assessments: the enterprise's self-reported answers they are checked against (the
   * self-assessment the diagnosis started from), so the form can show both and mark differences.
   */
  reported: z
    .object({ assessmentId: z.uuid(), submittedAt: z.string().nullable(), answers: AssessmentAnswers })
    .nullable(),
  permissions: z.object({ edit: z.boolean(), submit: z.boolean() }),
});
export type AssessmentDetail = z.infer<typeof AssessmentDetail>;

export const CreateAssessmentRequest = z.object({
  instrumentId: z.string().min(1, "请选择评估量表").max(100),
  /** Bureau staff name the enterprise; an enterprise account always assesses itself. */
  enterpriseId: z.uuid().optional(),
});

export const SaveAnswersRequest = z.object({
  answers: AssessmentAnswers,
  version: z.number().int().min(1),
});

export const SubmitAssessmentRequest = z.object({
  commitment: z.literal(true, { error: "提交前须勾选真实性承诺" }),
  version: z.number().int().min(1),
});

/** One evidence file of one assessment. */
export const EvidenceParams = z.object({ id: z.uuid(), evidenceId: z.uuid() });
/** POST /api/assessments/:id/evidence: the question the file belongs to. */
export const EvidenceUploadQuery = z.object({ questionId: z.string().min(1).max(50) });

// --- "一企一策" reports: batch export -----------------------------------------------------------

/** Most reports one batch may hold (PDFs of ~0.48 MB that zip to ~0.24 MB: about 0.5 GB for 2,000). */
export const REPORT_BATCH_MAX_REPORTS = 2000;

export const ReportBatchJob = z.object({
  id: z.uuid(),
  status: z.enum(["queued", "running", "done", "failed"]),
  progress: z.number().int(),
  total: z.number().int(),
  done: z.number().int(),
  errorMessage: z.string().nullable(),
  filename: z.string().nullable(),
  districtCode: z.string().nullable(),
  instrumentId: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ReportBatchJob = z.infer<typeof ReportBatchJob>;

export const ReportBatchRequest = z.object({
  instrumentId: z.string({ error: "请选择评估量表" }).trim().min(1, "请选择评估量表").max(100),
  districtCode: districtCodeFilter("应为 6 位行政区划代码"),
});
