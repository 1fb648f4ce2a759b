import type { DemandMatches, LeadStepRequest, ShortlistRequest } from "@dxcenter/contracts";
import { type Database, demandLeads, demands, providers, solutions } from "@dxcenter/db";
import { type Actor, DEMAND_WORKFLOW, LEAD_STEP_INTO, LEAD_WORKFLOW } from "@dxcenter/domain";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, conflict, forbidden, notFound } from "../../errors";
import { assertVersion, updateAtVersion } from "../../lib/optimistic-lock";
import { assertStep } from "../../lib/workflow";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { demandFacts, findDemandRow } from "./demand.queries";
import { getDemand } from "./demand.service";
import { DEMAND_TEXTS, LEAD_TEXTS } from "./demand.texts";
import { matchDemandInDb } from "./matching";
import { domainDemand, PROVIDER_VISIBLE_TOP_N, storeVisibleProviders } from "./visibility";

/** 409 VERSION_CONFLICT: the record changed since the caller read it. */
const STALE_LEAD = "该对接线索已被他人更新，请刷新后重试";

/** A demand's ranking, and its leads: shortlisting a solution or provider, then each lead's steps. */

/** Ranked solutions and providers with per-criterion breakdown and Chinese reasons. */
export async function demandMatches(
  db: Database,
  actor: Actor,
  id: string,
  limit: number,
): Promise<DemandMatches> {
  const { row } = await findDemandRow(db, actor, id);
  if (actor.role === "provider") throw forbidden("查看该需求的完整匹配排名");
  const demand = domainDemand(row.d, { industryCode: row.industryCode, districtCode: row.districtCode });
  const m = await matchDemandInDb(db, demand, Math.max(limit, PROVIDER_VISIBLE_TOP_N));
  // Keep the providers' view in step with what the enterprise is shown (derived data, not audited).
  const top = [...new Set(m.solutions.slice(0, PROVIDER_VISIBLE_TOP_N).map((s) => s.solution.providerId))];
  await storeVisibleProviders(db, id, top, row.d.matchedProviderIds);
  const leads = await db
    .select({ id: demandLeads.id, solutionId: demandLeads.solutionId, status: demandLeads.status })
    .from(demandLeads)
    .where(eq(demandLeads.demandId, id));
  const leadBy = new Map(leads.filter((l) => l.solutionId).map((l) => [l.solutionId!, l]));
  return {
    ...m,
    solutions: m.solutions.slice(0, limit).map((s) => {
      const l = leadBy.get(s.solution.id);
      return { ...s, leadId: l?.id ?? null, leadStatus: l?.status ?? null };
    }),
    providers: m.providers.slice(0, limit),
  };
}

export async function shortlist(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: z.output<typeof ShortlistRequest>,
) {
  await db.transaction(async (tx) => {
    const { row } = await findDemandRow(tx, actor, id);
    assertStep(DEMAND_WORKFLOW, DEMAND_TEXTS, actor, demandFacts(row), "shortlist");
    if (!input.solutionId && !input.providerId) throw badRequest("请选择要加入意向的解决方案", "solutionId");
    let providerId = input.providerId ?? null;
    let solutionName: string | null = null;
    if (input.solutionId) {
      const [s] = await tx
        .select({
          providerId: solutions.providerId,
          name: solutions.name,
          status: solutions.status,
          ps: providers.status,
        })
        .from(solutions)
        .innerJoin(providers, eq(providers.id, solutions.providerId))
        .where(eq(solutions.id, input.solutionId));
      if (s?.status !== "published" || s.ps !== "admitted")
        throw badRequest("所选解决方案不存在或未在目录中发布", "solutionId");
      providerId = s.providerId;
      solutionName = s.name;
    } else {
      const [p] = await tx
        .select({ status: providers.status })
        .from(providers)
        .where(eq(providers.id, providerId!));
      if (p?.status !== "admitted") throw badRequest("所选服务商不存在或未入库", "providerId");
    }
    // The score the enterprise saw: one entry's score does not depend on the other candidates.
    const demand = domainDemand(row.d, { industryCode: row.industryCode, districtCode: row.districtCode });
    const m = await matchDemandInDb(tx, demand, 200);
    const score = input.solutionId
      ? (m.solutions.find((e) => e.solution.id === input.solutionId)?.score ?? null)
      : (m.providers.find((e) => e.providerId === providerId)?.score ?? null);
    const inserted = await tx
      .insert(demandLeads)
      .values({
        demandId: id,
        solutionId: input.solutionId ?? null,
        providerId: providerId!,
        score: score === null ? null : String(score),
        note: input.note ?? null,
        shortlistedBy: actor.id,
      })
      .onConflictDoNothing()
      .returning({ id: demandLeads.id });
    if (inserted.length === 0) throw conflict("LEAD_EXISTS", "该方案已在对接意向中", "solutionId");
    await tx
      .update(demands)
      .set({
        status: row.d.status === "open" ? "matched" : row.d.status,
        updatedAt: new Date(),
        version: sql`${demands.version} + 1`,
      })
      .where(eq(demands.id, id));
    await recordAudit(tx, auditActor, {
      action: "demand_lead.shortlist",
      entityType: "demand_lead",
      entityId: inserted[0]!.id,
      districtCode: row.districtCode,
      after: { demandId: id, solutionId: input.solutionId ?? null, solutionName, providerId, score },
    });
  });
  return getDemand(db, actor, id);
}

const STEP_ACTION = {
  contacted: "demand_lead.contact",
  contracted: "demand_lead.contract",
  declined: "demand_lead.decline",
} as const;

/** 已联系 / 已签约 / 放弃 on one lead (the lead's provider may only mark it contacted). */
export async function leadStep(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  leadId: string,
  input: z.output<typeof LeadStepRequest>,
) {
  await db.transaction(async (tx) => {
    const { row, providerIds } = await findDemandRow(tx, actor, id);
    const [lead] = await tx
      .select()
      .from(demandLeads)
      .where(and(eq(demandLeads.id, leadId), eq(demandLeads.demandId, id)));
    const facts = lead && {
      ...demandFacts(row),
      status: lead.status,
      providerId: lead.providerId,
      actorProviderIds: providerIds,
    };
    // A lead this actor could never move (not the owner side, not its provider) is not shown to it.
    if (!facts || !LEAD_WORKFLOW.contact.who(actor, facts)) throw notFound("对接线索");
    assertStep(LEAD_WORKFLOW, LEAD_TEXTS, actor, facts, LEAD_STEP_INTO[input.status]);
    assertVersion(lead.version, input.version, STALE_LEAD);
    const from = facts.status;
    const now = new Date();
    const stamp =
      input.status === "contacted"
        ? { contactedAt: now, contactedBy: actor.id }
        : input.status === "contracted"
          ? {
              contractedAt: now,
              contractedBy: actor.id,
              ...(lead.contactedAt ? {} : { contactedAt: now, contactedBy: actor.id }),
            }
          : { declinedAt: now, declinedBy: actor.id };
    await updateAtVersion(
      tx,
      demandLeads,
      leadId,
      input.version,
      {
        status: input.status,
        ...stamp,
        ...(input.note !== undefined ? { note: input.note } : {}),
        updatedAt: now,
        version: lead.version + 1,
      },
      STALE_LEAD,
    );
    await tx.update(demands).set({ updatedAt: now }).where(eq(demands.id, id));
    await recordAudit(tx, auditActor, {
      action: STEP_ACTION[input.status],
      entityType: "demand_lead",
      entityId: leadId,
      districtCode: row.districtCode,
      before: { status: from },
      after: { status: input.status, note: input.note ?? null },
    });
  });
  return getDemand(db, actor, id);
}
