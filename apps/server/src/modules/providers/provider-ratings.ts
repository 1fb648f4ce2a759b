import type { ProviderRatingRequest } from "@dxcenter/contracts";
import {
  type Database,
  diagnoses,
  diagnosisTeam,
  type Executor,
  providerMembers,
  providerRatings,
  providers,
} from "@dxcenter/db";
import { type Actor, canRateProvider } from "@dxcenter/domain";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { conflict, forbidden, notFound } from "../../errors";
import { type AuditActor, recordAudit } from "../audit/audit.service";

/** 企业评价服务商: an enterprise rates a provider whose member served it in a finished diagnosis, once per service. */

/** Did the provider serve the enterprise in this diagnosis (a member account on its team)? */
async function servedIn(db: Executor, providerId: string, diagnosisId: string) {
  const [r] = await db
    .select({ enterpriseId: diagnoses.enterpriseId, status: diagnoses.status })
    .from(diagnoses)
    .innerJoin(diagnosisTeam, eq(diagnosisTeam.diagnosisId, diagnoses.id))
    .innerJoin(
      providerMembers,
      and(eq(providerMembers.userId, diagnosisTeam.userId), eq(providerMembers.providerId, providerId)),
    )
    .where(eq(diagnoses.id, diagnosisId))
    .limit(1);
  return r ?? null;
}

export async function rateProvider(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  providerId: string,
  input: z.output<typeof ProviderRatingRequest>,
) {
  if (actor.role !== "enterprise") throw forbidden("评价服务商");
  const [p] = await db.select({ id: providers.id }).from(providers).where(eq(providers.id, providerId));
  if (!p) throw notFound("服务商");
  const served = await servedIn(db, providerId, input.diagnosisId);
  if (!canRateProvider(actor, served?.enterpriseId ?? "", served !== null))
    throw forbidden("评价未为本企业提供服务的服务商");
  if (served!.status !== "verified" && served!.status !== "closed")
    throw conflict("STATE_CONFLICT", "现场诊断完成后方可评价", "diagnosisId", {
      entity: "diagnosis",
      status: served!.status,
      step: "rate_provider",
    });
  await db.transaction(async (tx) => {
    const [dup] = await tx
      .select({ id: providerRatings.id })
      .from(providerRatings)
      .where(
        and(eq(providerRatings.providerId, providerId), eq(providerRatings.diagnosisId, input.diagnosisId)),
      );
    if (dup) throw conflict("DUPLICATE", "本次服务已评价过", "diagnosisId");
    const [row] = await tx
      .insert(providerRatings)
      .values({
        providerId,
        enterpriseId: served!.enterpriseId,
        diagnosisId: input.diagnosisId,
        rating: input.rating,
        comment: input.comment ?? null,
        ratedBy: actor.id,
      })
      .returning({ id: providerRatings.id });
    await recordAudit(tx, auditActor, {
      action: "provider.rate",
      entityType: "provider",
      entityId: providerId,
      after: { ratingId: row!.id, diagnosisId: input.diagnosisId, rating: input.rating },
    });
  });
  return { ok: true };
}

/** Services the calling enterprise may still rate: its verified/closed diagnoses with a member of the provider on the team. */
export async function rateableServices(db: Database, actor: Actor, providerId: string) {
  if (actor.role !== "enterprise" || !actor.enterpriseId) throw forbidden("评价服务商");
  const rows = await db
    .selectDistinct({
      diagnosisId: diagnoses.id,
      status: diagnoses.status,
      visitDate: diagnoses.visitDate,
      closedAt: diagnoses.closedAt,
    })
    .from(diagnoses)
    .innerJoin(diagnosisTeam, eq(diagnosisTeam.diagnosisId, diagnoses.id))
    .innerJoin(
      providerMembers,
      and(eq(providerMembers.userId, diagnosisTeam.userId), eq(providerMembers.providerId, providerId)),
    )
    .where(
      and(
        eq(diagnoses.enterpriseId, actor.enterpriseId),
        inArray(diagnoses.status, ["verified", "closed"]),
        sql`not exists (select 1 from ${providerRatings} r where r.provider_id = ${providerId} and r.diagnosis_id = "diagnoses"."id")`,
      ),
    )
    .orderBy(desc(diagnoses.closedAt));
  return rows.map((r) => ({ ...r, closedAt: r.closedAt?.toISOString() ?? null }));
}
