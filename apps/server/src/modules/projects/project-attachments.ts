import { createHash } from "node:crypto";
import { type Database, projectAttachments, users } from "@dxcenter/db";
import type { Actor } from "@dxcenter/domain";
import { and, count, eq } from "drizzle-orm";
import { AppError, badRequest, notFound } from "../../errors";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { findProjectRow } from "./project.queries";
import { assertProjectStep } from "./project-guard";

/** Application documents: PDF/JPG/PNG by magic bytes, ≤ 10 MB, at most 20 per project, kept in the database. */

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_MAX_PER_PROJECT = 20;

export function detectAttachmentType(data: Buffer): "application/pdf" | "image/jpeg" | "image/png" | null {
  if (data.subarray(0, 5).toString("latin1") === "%PDF-") return "application/pdf";
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "image/jpeg";
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return "image/png";
  return null;
}

/** Checked before the upload is read, so an unauthorised caller never gets to send 10 MB. */
export async function assertCanAttach(db: Database, actor: Actor, id: string) {
  assertProjectStep(actor, await findProjectRow(db, actor, id), "attach");
}

export async function addAttachment(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  file: { filename: string; data: Buffer },
) {
  return db.transaction(async (tx) => {
    const row = await findProjectRow(tx, actor, id, true);
    assertProjectStep(actor, row, "attach");
    const mime = detectAttachmentType(file.data);
    if (!mime) throw new AppError(400, "INVALID_FILE", "附件只接受 PDF、JPG 或 PNG 文件", "file");
    const [c] = await tx
      .select({ n: count() })
      .from(projectAttachments)
      .where(eq(projectAttachments.projectId, id));
    if ((c?.n ?? 0) >= ATTACHMENT_MAX_PER_PROJECT)
      throw badRequest(`每个项目最多上传 ${ATTACHMENT_MAX_PER_PROJECT} 个附件`, "file");
    const sha256 = createHash("sha256").update(file.data).digest("hex");
    const filename = file.filename.slice(0, 200) || "附件";
    const [saved] = await tx
      .insert(projectAttachments)
      .values({
        projectId: id,
        filename,
        mime,
        size: file.data.length,
        sha256,
        content: file.data,
        uploadedBy: actor.id,
      })
      .returning({ id: projectAttachments.id, uploadedAt: projectAttachments.uploadedAt });
    await recordAudit(tx, auditActor, {
      action: "project.attachment_add",
      entityType: "project",
      entityId: id,
      districtCode: row.p.districtCode,
      after: { attachmentId: saved!.id, filename, mime, size: file.data.length, sha256 },
    });
    const [u] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, actor.id));
    return {
      id: saved!.id,
      filename,
      mime,
      size: file.data.length,
      uploadedByName: u?.name ?? "",
      uploadedAt: saved!.uploadedAt.toISOString(),
    };
  });
}

export async function readAttachment(db: Database, actor: Actor, id: string, attachmentId: string) {
  await findProjectRow(db, actor, id);
  const [a] = await db
    .select()
    .from(projectAttachments)
    .where(and(eq(projectAttachments.id, attachmentId), eq(projectAttachments.projectId, id)));
  if (!a) throw notFound("附件");
  return a;
}

/** The uploader (or the bureau) removes an attachment while the application is still editable. */
export async function removeAttachment(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  attachmentId: string,
) {
  await db.transaction(async (tx) => {
    const row = await findProjectRow(tx, actor, id, true);
    assertProjectStep(actor, row, "edit");
    const [a] = await tx
      .select({
        id: projectAttachments.id,
        filename: projectAttachments.filename,
        by: projectAttachments.uploadedBy,
      })
      .from(projectAttachments)
      .where(and(eq(projectAttachments.id, attachmentId), eq(projectAttachments.projectId, id)));
    if (!a) throw notFound("附件");
    await tx.delete(projectAttachments).where(eq(projectAttachments.id, attachmentId));
    await recordAudit(tx, auditActor, {
      action: "project.attachment_remove",
      entityType: "project",
      entityId: id,
      districtCode: row.p.districtCode,
      before: { attachmentId, filename: a.filename },
    });
  });
}
