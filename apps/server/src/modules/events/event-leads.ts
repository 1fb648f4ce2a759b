import type { CreateEventLeadRequest, UpdateEventLeadRequest } from "@dxcenter/contracts";
import { type Database, enterprises, eventLeads, providers } from "@dxcenter/db";
import type { Actor } from "@dxcenter/domain";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, notFound } from "../../errors";
import { assertVersion, updateAtVersion } from "../../lib/optimistic-lock";
import { type AuditActor, insertAudited, recordAudit } from "../audit/audit.service";
import { getEvent, organised } from "./event.service";

/** 409 VERSION_CONFLICT: the record changed since the caller read it. */
const STALE_LEAD = "该线索已被他人更新，请刷新后重试";

/** An event's leads (企业—服务商对接意向): recorded by the organisers and followed up to 已转化 / 未转化. */

export async function createEventLead(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: z.output<typeof CreateEventLeadRequest>,
) {
  await db.transaction(async (tx) => {
    const row = await organised(tx, actor, id, "leads");
    const [e] = await tx
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(eq(enterprises.id, input.enterpriseId));
    if (!e) throw badRequest("所选企业不存在", "enterpriseId");
    const [p] = await tx
      .select({ id: providers.id })
      .from(providers)
      .where(eq(providers.id, input.providerId));
    if (!p) throw badRequest("所选服务商不存在", "providerId");
    await insertAudited(
      tx,
      auditActor,
      eventLeads,
      {
        eventId: id,
        enterpriseId: input.enterpriseId,
        providerId: input.providerId,
        note: input.note ?? null,
        followUpDate: input.followUpDate ?? null,
        createdBy: actor.id,
      },
      {
        action: "event_lead.create",
        entityType: "event_lead",
        districtCode: row.e.districtCode,
        after: { eventId: id, ...input },
      },
    );
  });
  return getEvent(db, actor, id);
}

export async function updateEventLead(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  leadId: string,
  input: z.output<typeof UpdateEventLeadRequest>,
) {
  await db.transaction(async (tx) => {
    const row = await organised(tx, actor, id, "leads");
    const [lead] = await tx
      .select()
      .from(eventLeads)
      .where(and(eq(eventLeads.id, leadId), eq(eventLeads.eventId, id)));
    if (!lead) throw notFound("活动线索");
    assertVersion(lead.version, input.version, STALE_LEAD);
    const { version, ...set } = input;
    const closing = set.status && set.status !== "following" && lead.status === "following";
    await updateAtVersion(
      tx,
      eventLeads,
      leadId,
      version,
      {
        ...set,
        ...(closing ? { closedAt: new Date() } : set.status === "following" ? { closedAt: null } : {}),
        updatedAt: new Date(),
        version: version + 1,
      },
      STALE_LEAD,
    );
    await recordAudit(tx, auditActor, {
      action: "event_lead.update",
      entityType: "event_lead",
      entityId: leadId,
      districtCode: row.e.districtCode,
      before: { status: lead.status, note: lead.note, followUpDate: lead.followUpDate },
      after: set,
    });
  });
  return getEvent(db, actor, id);
}
