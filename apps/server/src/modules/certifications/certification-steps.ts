import type { CertificationItem, RecordCertificationRequest } from "@dxcenter/contracts";
import {
  certifications,
  type Database,
  type Executor,
  enterprises,
  programmeDefinitions,
} from "@dxcenter/db";
import {
  type Actor,
  addDays,
  certificationStateOnDate,
  mayDecideClaim,
  mayRecordCertifications,
  SRDI_TIERS,
  type SrdiTier,
} from "@dxcenter/domain";
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { badRequest, conflict, forbidden, notFound, stateConflict } from "../../errors";
import { shanghaiToday } from "../../lib/dates";
import { assertVersion } from "../../lib/optimistic-lock";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { readCondition } from "../enterprises/enterprise.policy";
import { findCertification, getCertification, programmeVersion, toItem } from "./certification.queries";

/**
 * 梯度培育 certification writes, each in one transaction with its audit row: the city records a
 * certificate (an external body's or from a historical list) and revokes one with a reason; a
 * district (or the city) confirms or rejects an unverified claim. The registry's 专精特新 tier is
 * derived from the specialised-sme certifications in force after every such change.
 */

const STALE = "该认定已被他人更新，请刷新后重试";
export const SRDI_PROGRAMME = "specialised-sme";

/** The last valid day of a term of `years` starting on `from` (inclusive both ends). */
export function termEnd(from: string, years: number): string {
  const [y, m, d] = from.split("-").map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + years, m - 1, d));
  // 29 Feb + n years where that year has none rolls to 1 Mar; the term still ends the day before.
  return addDays(end.toISOString().slice(0, 10), -1);
}

/**
 * The registry's 专精特新 tier = the highest specialised-sme level in force today (claims never
 * count); "none" without one. Written in the caller's transaction.
 */
export async function syncSrdiTier(tx: Executor, enterpriseId: string): Promise<void> {
  const today = shanghaiToday();
  const rows = await tx
    .select({ levelId: certifications.levelId, c: certifications })
    .from(certifications)
    .where(
      and(
        eq(certifications.enterpriseId, enterpriseId),
        eq(certifications.programmeId, SRDI_PROGRAMME),
        ne(certifications.source, "claim"),
      ),
    )
    .orderBy(desc(certifications.levelRank));
  const held = rows.find((r) => certificationStateOnDate(r.c, today) === "valid");
  const tier: SrdiTier =
    held && (SRDI_TIERS as readonly string[]).includes(held.levelId) ? (held.levelId as SrdiTier) : "none";
  await tx.update(enterprises).set({ srdiTier: tier }).where(eq(enterprises.id, enterpriseId));
}

export async function recordCertification(
  db: Database,
  actor: Actor,
  audit: AuditActor,
  body: RecordCertificationRequest,
): Promise<CertificationItem> {
  if (!mayRecordCertifications(actor)) throw forbidden("登记认定");
  return db.transaction(async (tx) => {
    const [ent] = await tx
      .select({ id: enterprises.id, districtCode: enterprises.districtCode })
      .from(enterprises)
      .where(and(eq(enterprises.id, body.enterpriseId), readCondition(actor)));
    if (!ent) throw notFound("企业");
    const [def] = await tx
      .select({ version: programmeDefinitions.version })
      .from(programmeDefinitions)
      .where(and(eq(programmeDefinitions.id, body.programmeId), eq(programmeDefinitions.current, true)));
    if (!def) throw badRequest(`认定项目：不存在“${body.programmeId}”`, "programmeId");
    const p = await programmeVersion(tx, body.programmeId, def.version);
    const level = p.levels.find((l) => l.id === body.levelId);
    if (!level) throw badRequest(`认定等级：${p.name}没有“${body.levelId}”这一等级`, "levelId");
    if (p.family === "external" && body.source !== "external")
      throw badRequest(`来源：${p.name}由评估认证机构出具，应按外部认定录入`, "source");
    const validTo =
      body.validTo !== undefined
        ? body.validTo
        : level.validity.years === null
          ? null
          : termEnd(body.validFrom, level.validity.years);
    const [dup] = await tx
      .select({ id: certifications.id })
      .from(certifications)
      .where(eq(certifications.certificateNo, body.certificateNo));
    if (dup) throw conflict("DUPLICATE", `证书编号：${body.certificateNo} 已登记`, "certificateNo");
    const [row] = await tx
      .insert(certifications)
      .values({
        enterpriseId: ent.id,
        programmeId: p.id,
        programmeVersion: def.version,
        levelId: level.id,
        levelRank: level.rank,
        status: "valid",
        source: body.source,
        validFrom: body.validFrom,
        validTo,
        certificateNo: body.certificateNo,
        issuingBody: body.issuingBody,
        note: body.note || null,
        recordedBy: actor.id,
      })
      .returning({ id: certifications.id });
    if (p.id === SRDI_PROGRAMME) await syncSrdiTier(tx, ent.id);
    await recordAudit(tx, audit, {
      action: "certification.record",
      entityType: "certification",
      entityId: row!.id,
      districtCode: ent.districtCode,
      after: { ...body, validTo, programmeVersion: def.version },
    });
    return getCertification(tx, actor, row!.id);
  });
}

type Step = "revoke" | "confirm" | "reject";

/** Revoke (city), confirm or reject a claim (its district or the city): row locked, version checked, audited. */
export async function certificationStep(
  db: Database,
  actor: Actor,
  audit: AuditActor,
  id: string,
  step: Step,
  body: { version: number; reason?: string },
): Promise<CertificationItem> {
  return db.transaction(async (tx) => {
    const r = await findCertification(tx, actor, id, true);
    const c = r.c;
    if (step === "revoke" && !mayRecordCertifications(actor)) throw forbidden("撤销认定");
    if (step !== "revoke" && !mayDecideClaim(actor, r.districtCode))
      throw forbidden(step === "confirm" ? "确认企业声明的认定" : "不予确认企业声明的认定");
    const status = c.status === "revoked" ? "revoked" : c.source === "claim" ? "claimed" : "confirmed";
    if (step === "revoke" && status !== "confirmed")
      throw stateConflict(
        "certification",
        status,
        status === "revoked" ? "该认定已撤销" : "企业声明的认定尚未确认，应“不予确认”而不是撤销",
        { step },
      );
    if (step !== "revoke" && status !== "claimed")
      throw stateConflict(
        "certification",
        status,
        status === "revoked" ? "该认定已撤销或不予确认" : "该认定不是待确认的企业声明",
        { step },
      );
    assertVersion(c.version, body.version, STALE);
    const now = new Date();
    const set =
      step === "confirm"
        ? { source: "external" as const, confirmedAt: now, confirmedBy: actor.id }
        : {
            status: "revoked" as const,
            revokedReason: body.reason ?? "",
            revokedAt: now,
            revokedBy: actor.id,
          };
    await tx
      .update(certifications)
      .set({ ...set, version: sql`${certifications.version} + 1`, updatedAt: now })
      .where(eq(certifications.id, id));
    if (c.programmeId === SRDI_PROGRAMME) await syncSrdiTier(tx, c.enterpriseId);
    await recordAudit(tx, audit, {
      action: `certification.${step}`,
      entityType: "certification",
      entityId: id,
      districtCode: r.districtCode,
      before: { status: c.status, source: c.source, version: c.version },
      after: { ...set, note: body.reason ?? null },
    });
    const after = await findCertification(tx, actor, id);
    return toItem(tx, after, shanghaiToday());
  });
}
