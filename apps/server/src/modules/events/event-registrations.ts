import { type Database, enterprises, eventRegistrations, providers } from "@dxcenter/db";
import { type Actor, canManageEventIn, EVENT_WORKFLOW } from "@dxcenter/domain";
import { and, eq } from "drizzle-orm";
import { badRequest, conflict, forbidden, notFound } from "../../errors";
import { shanghaiToday } from "../../lib/dates";
import { assertStep } from "../../lib/workflow";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { readCondition } from "../enterprises/enterprise.policy";
import { eventFacts, findEventRow } from "./event.queries";
import { getEvent, organised } from "./event.service";
import { EVENT_TEXTS } from "./event.texts";

/** Registering for an event (oneself, or by the organisers on someone's behalf) and 签到. */

export async function register(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { enterpriseId?: string; providerId?: string },
) {
  await db.transaction(async (tx) => {
    const { row, me } = await findEventRow(tx, actor, id);
    let enterpriseId: string | null = null;
    let providerId: string | null = null;
    if (actor.role === "enterprise") enterpriseId = me.enterpriseId;
    else if (actor.role === "provider") {
      providerId = me.providerIds[0] ?? null;
      if (!providerId) throw forbidden("报名（账号未关联服务商机构）");
    } else if (canManageEventIn(actor, row.e.districtCode)) {
      if (input.enterpriseId) {
        const [e] = await tx
          .select({ id: enterprises.id })
          .from(enterprises)
          .where(and(readCondition(actor), eq(enterprises.id, input.enterpriseId)));
        if (!e) throw notFound("企业");
        enterpriseId = e.id;
      } else if (input.providerId) {
        const [p] = await tx
          .select({ id: providers.id })
          .from(providers)
          .where(eq(providers.id, input.providerId));
        if (!p) throw notFound("服务商");
        providerId = p.id;
      } else throw badRequest("请选择报名的企业或服务商", "enterpriseId");
    }
    // After naming the registrant, as before: an unnamed registrant is a 400 even on a closed event.
    assertStep(EVENT_WORKFLOW, EVENT_TEXTS, actor, eventFacts(row), "register");
    if (row.e.capacity !== null && Number(row.registrations) >= row.e.capacity)
      throw conflict("EVENT_FULL", `活动报名已满（上限 ${row.e.capacity}）`, "capacity");
    const inserted = await tx
      .insert(eventRegistrations)
      .values({ eventId: id, enterpriseId, providerId, registeredBy: actor.id })
      .onConflictDoNothing()
      .returning({ id: eventRegistrations.id });
    if (inserted.length === 0) throw conflict("ALREADY_REGISTERED", "已报名该活动", "enterpriseId");
    await recordAudit(tx, auditActor, {
      action: "match_event.register",
      entityType: "event_registration",
      entityId: inserted[0]!.id,
      districtCode: row.e.districtCode,
      after: { eventId: id, enterpriseId, providerId },
    });
  });
  return getEvent(db, actor, id);
}

export async function markAttendance(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  registrationId: string,
  attended: boolean,
  today = shanghaiToday(),
) {
  await db.transaction(async (tx) => {
    const row = await organised(tx, actor, id, "attend");
    // 签到 happens at the event: not before its day (Asia/Shanghai).
    if (attended && row.e.eventDate > today)
      throw conflict("NOT_YET_HELD", `活动尚未举行（活动日期 ${row.e.eventDate}），不能签到`, "attended");
    const updated = await tx
      .update(eventRegistrations)
      .set({ attended, attendanceBy: actor.id, attendanceAt: new Date() })
      .where(and(eq(eventRegistrations.id, registrationId), eq(eventRegistrations.eventId, id)))
      .returning({ id: eventRegistrations.id });
    if (updated.length === 0) throw notFound("报名记录");
    await recordAudit(tx, auditActor, {
      action: "match_event.attendance",
      entityType: "event_registration",
      entityId: registrationId,
      districtCode: row.e.districtCode,
      after: { eventId: id, attended },
    });
  });
  return getEvent(db, actor, id);
}
