import { createHash } from "node:crypto";
import { EVIDENCE_MAX_PER_QUESTION, type EvidenceItem } from "@dxcenter/contracts";
import { assessmentEvidence, type Database, type Executor } from "@dxcenter/db";
import { type Actor, listQuestions } from "@dxcenter/domain";
import { and, asc, count, eq } from "drizzle-orm";
import { AppError, badRequest, notFound } from "../../errors";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { loadDefinition } from "../instruments/instrument-definition";
import { findAssessmentRow } from "./assessment.queries";
import { assertDraftWritable } from "./assessment-writers";

/** Accepted evidence types, recognised by their first bytes (a renamed .exe is not a PDF). */
export function detectEvidenceType(data: Buffer): "application/pdf" | "image/jpeg" | "image/png" | null {
  if (data.subarray(0, 5).toString("latin1") === "%PDF-") return "application/pdf";
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "image/jpeg";
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return "image/png";
  return null;
}

const toItem = (r: typeof assessmentEvidence.$inferSelect): EvidenceItem => ({
  id: r.id,
  questionId: r.questionId,
  filename: r.filename,
  mime: r.mime,
  size: r.size,
  uploadedAt: r.uploadedAt.toISOString(),
});

export async function listEvidence(db: Executor, assessmentId: string): Promise<EvidenceItem[]> {
  const rows = await db
    .select({
      id: assessmentEvidence.id,
      questionId: assessmentEvidence.questionId,
      filename: assessmentEvidence.filename,
      mime: assessmentEvidence.mime,
      size: assessmentEvidence.size,
      uploadedAt: assessmentEvidence.uploadedAt,
    })
    .from(assessmentEvidence)
    .where(eq(assessmentEvidence.assessmentId, assessmentId))
    .orderBy(asc(assessmentEvidence.uploadedAt));
  return rows.map((r) => ({ ...r, uploadedAt: r.uploadedAt.toISOString() }));
}

/** Checked before the upload is read, so an unauthorised caller never gets to send 10 MB. */
export async function assertCanAddEvidence(db: Database, actor: Actor, assessmentId: string) {
  assertDraftWritable(actor, await findAssessmentRow(db, actor, assessmentId));
}

export async function addEvidence(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  assessmentId: string,
  questionId: string,
  file: { filename: string; data: Buffer },
) {
  return db.transaction(async (tx) => {
    const row = await findAssessmentRow(tx, actor, assessmentId);
    assertDraftWritable(actor, row);
    const def = await loadDefinition(tx, row.a.instrumentId, row.a.instrumentVersion);
    if (!def || !listQuestions(def).some((q) => q.question.id === questionId)) {
      throw badRequest(`题目 ${questionId} 不属于该评估量表`, "questionId");
    }
    const mime = detectEvidenceType(file.data);
    if (!mime) throw new AppError(400, "INVALID_FILE", "佐证材料只接受 PDF、JPG 或 PNG 文件", "file");
    const [n] = await tx
      .select({ n: count() })
      .from(assessmentEvidence)
      .where(
        and(eq(assessmentEvidence.assessmentId, assessmentId), eq(assessmentEvidence.questionId, questionId)),
      );
    if ((n?.n ?? 0) >= EVIDENCE_MAX_PER_QUESTION) {
      throw badRequest(`每道题最多上传 ${EVIDENCE_MAX_PER_QUESTION} 个佐证文件`, "file");
    }
    const sha256 = createHash("sha256").update(file.data).digest("hex");
    const [saved] = await tx
      .insert(assessmentEvidence)
      .values({
        assessmentId,
        questionId,
        filename: file.filename.slice(0, 200),
        mime,
        size: file.data.length,
        sha256,
        content: file.data,
        uploadedBy: actor.id,
      })
      .returning();
    await recordAudit(tx, auditActor, {
      action: "assessment.evidence_add",
      entityType: "assessment",
      entityId: assessmentId,
      districtCode: row.districtCode,
      after: { evidenceId: saved!.id, questionId, filename: saved!.filename, size: saved!.size, sha256 },
    });
    return toItem(saved!);
  });
}

async function findEvidence(db: Executor, assessmentId: string, evidenceId: string) {
  const [ev] = await db
    .select()
    .from(assessmentEvidence)
    .where(and(eq(assessmentEvidence.id, evidenceId), eq(assessmentEvidence.assessmentId, assessmentId)));
  if (!ev) throw notFound("佐证材料");
  return ev;
}

export async function readEvidence(db: Database, actor: Actor, assessmentId: string, evidenceId: string) {
  await findAssessmentRow(db, actor, assessmentId); // scope check: 404 outside the actor's enterprises
  return findEvidence(db, assessmentId, evidenceId);
}

export async function removeEvidence(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  assessmentId: string,
  evidenceId: string,
) {
  await db.transaction(async (tx) => {
    const row = await findAssessmentRow(tx, actor, assessmentId);
    assertDraftWritable(actor, row);
    const ev = await findEvidence(tx, assessmentId, evidenceId);
    await tx.delete(assessmentEvidence).where(eq(assessmentEvidence.id, evidenceId));
    await recordAudit(tx, auditActor, {
      action: "assessment.evidence_remove",
      entityType: "assessment",
      entityId: assessmentId,
      districtCode: row.districtCode,
      before: { evidenceId, questionId: ev.questionId, filename: ev.filename, sha256: ev.sha256 },
    });
  });
}
