import type {
  CreateEventLeadRequest,
  CreateEventRequest,
  EventDetail,
  EventItem,
  EventListQuery,
  UpdateEventLeadRequest,
  UpdateEventRequest,
} from "@dxcenter/contracts";
import {
  type Database,
  districts,
  type Executor,
  enterprises,
  eventLeads,
  eventRegistrations,
  matchEvents,
  providers,
} from "@dxcenter/db";
import {
  type Actor,
  canManageEventIn,
  canRegisterForEvent,
  type EventLeadStatus,
  type EventStatus,
  eventReadScope,
} from "@dxcenter/domain";
import { and, asc, count, desc, eq, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, conflict, forbidden, notFound } from "../../errors";
import { allPages } from "../../lib/pages";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { readCondition } from "../enterprises/enterprise.policy";
import { shanghaiToday } from "../policies/policy.repository";
import { providerIdsOf } from "../solutions/membership";
import { escapeLike } from "../users/user.service";

type ListQuery = z.output<typeof EventListQuery>;

const stat = (cond: SQL) => sql<number>`(select count(*)::int from ${cond})`;

function columns(me: { enterpriseId: string | null; providerIds: string[] }) {
  const mine =
    me.enterpriseId !== null
      ? sql<
          string | null
        >`(select r.id from ${eventRegistrations} r where r.event_id = ${matchEvents.id} and r.enterprise_id = ${me.enterpriseId} limit 1)`
      : me.providerIds.length
        ? sql<
            string | null
          >`(select r.id from ${eventRegistrations} r where r.event_id = ${matchEvents.id} and r.provider_id = ${me.providerIds[0]} limit 1)`
        : sql<string | null>`null::uuid`;
  return {
    e: matchEvents,
    districtName: districts.name,
    registrations: stat(sql`${eventRegistrations} r where r.event_id = ${matchEvents.id}`),
    attended: stat(sql`${eventRegistrations} r where r.event_id = ${matchEvents.id} and r.attended`),
    leads: stat(sql`${eventLeads} l where l.event_id = ${matchEvents.id}`),
    converted: stat(sql`${eventLeads} l where l.event_id = ${matchEvents.id} and l.status = 'converted'`),
    mine,
  };
}

async function meOf(db: Executor, actor: Actor) {
  return {
    enterpriseId: actor.role === "enterprise" ? actor.enterpriseId : null,
    providerIds: await providerIdsOf(db, actor),
  };
}

function scopeSql(actor: Actor): SQL {
  const s = eventReadScope(actor);
  if (s.kind === "all") {
    // Enterprises and providers see what they can register for, and what they registered for.
    if (actor.role === "enterprise" || actor.role === "provider")
      return sql`(${matchEvents.status} <> 'cancelled')`;
    return sql`true`;
  }
  if (s.kind === "district") return eq(matchEvents.districtCode, s.districtCode);
  return sql`false`;
}

type Row = {
  e: typeof matchEvents.$inferSelect;
  districtName: string;
  registrations: number;
  attended: number;
  leads: number;
  converted: number;
  mine: string | null;
};

function toItem(r: Row): EventItem {
  const e = r.e;
  return {
    id: e.id,
    name: e.name,
    eventDate: e.eventDate,
    place: e.place,
    districtCode: e.districtCode,
    districtName: r.districtName,
    organiser: e.organiser,
    capacity: e.capacity,
    description: e.description,
    status: e.status as EventStatus,
    registrations: Number(r.registrations),
    attended: Number(r.attended),
    leads: Number(r.leads),
    converted: Number(r.converted),
    myRegistrationId: r.mine,
    createdAt: e.createdAt.toISOString(),
    version: e.version,
  };
}

export async function listEvents(db: Database, actor: Actor, q: ListQuery) {
  if (eventReadScope(actor).kind === "none") throw forbidden("查看对接活动");
  const me = await meOf(db, actor);
  const where: SQL[] = [scopeSql(actor)];
  if (q.status) where.push(eq(matchEvents.status, q.status));
  if (q.districtCode) where.push(eq(matchEvents.districtCode, q.districtCode));
  if (q.from) where.push(sql`${matchEvents.eventDate} >= ${q.from}`);
  if (q.to) where.push(sql`${matchEvents.eventDate} <= ${q.to}`);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    where.push(
      sql`(${matchEvents.name} ilike ${like} or ${matchEvents.place} ilike ${like} or ${matchEvents.organiser} ilike ${like})`,
    );
  }
  const cond = and(...where);
  const dir = q.order === "asc" ? asc : desc;
  const [rows, [total]] = await Promise.all([
    db
      .select(columns(me))
      .from(matchEvents)
      .innerJoin(districts, eq(districts.code, matchEvents.districtCode))
      .where(cond)
      .orderBy(
        dir(q.sort === "createdAt" ? matchEvents.createdAt : matchEvents.eventDate),
        asc(matchEvents.id),
      )
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(matchEvents).where(cond),
  ]);
  return { items: rows.map(toItem), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function* iterateEventsForExport(
  db: Database,
  actor: Actor,
  q: Omit<ListQuery, "page" | "pageSize">,
) {
  if (actor.role !== "city_admin" && actor.role !== "district_admin") throw forbidden("导出对接活动");
  yield* allPages((page, pageSize) => listEvents(db, actor, { ...q, page, pageSize }), 1000);
}

async function findRow(db: Executor, actor: Actor, id: string) {
  const me = await meOf(db, actor);
  const [row] = await db
    .select(columns(me))
    .from(matchEvents)
    .innerJoin(districts, eq(districts.code, matchEvents.districtCode))
    .where(and(scopeSql(actor), eq(matchEvents.id, id)))
    .limit(1);
  if (!row) throw notFound("对接活动");
  return { row, me };
}

export async function getEvent(db: Database, actor: Actor, id: string): Promise<EventDetail> {
  const { row, me } = await findRow(db, actor, id);
  const manage = canManageEventIn(actor, row.e.districtCode);
  const regs = await db
    .select({
      r: eventRegistrations,
      enterpriseName: enterprises.name,
      providerName: providers.name,
    })
    .from(eventRegistrations)
    .leftJoin(enterprises, eq(enterprises.id, eventRegistrations.enterpriseId))
    .leftJoin(providers, eq(providers.id, eventRegistrations.providerId))
    .where(
      and(
        eq(eventRegistrations.eventId, id),
        // Participants see their own registration; the organisers see everyone.
        manage
          ? undefined
          : me.enterpriseId
            ? eq(eventRegistrations.enterpriseId, me.enterpriseId)
            : me.providerIds.length
              ? eq(eventRegistrations.providerId, me.providerIds[0]!)
              : sql`false`,
      ),
    )
    .orderBy(asc(eventRegistrations.registeredAt), asc(eventRegistrations.id));
  const leads = manage ? await leadsOf(db, id) : [];
  return {
    ...toItem(row),
    registrationList: regs.map((x) => ({
      id: x.r.id,
      kind: x.r.enterpriseId ? ("enterprise" as const) : ("provider" as const),
      enterpriseId: x.r.enterpriseId,
      providerId: x.r.providerId,
      name: x.enterpriseName ?? x.providerName ?? "",
      registeredAt: x.r.registeredAt.toISOString(),
      attended: x.r.attended,
    })),
    leadList: leads,
    permissions: {
      manage,
      register: canRegisterForEvent(actor, row.e.status as EventStatus) && row.mine === null,
    },
  };
}

export async function leadsOf(db: Executor, eventId: string) {
  const rows = await db
    .select({ l: eventLeads, enterpriseName: enterprises.name, providerName: providers.name })
    .from(eventLeads)
    .innerJoin(enterprises, eq(enterprises.id, eventLeads.enterpriseId))
    .innerJoin(providers, eq(providers.id, eventLeads.providerId))
    .where(eq(eventLeads.eventId, eventId))
    .orderBy(asc(eventLeads.createdAt), asc(eventLeads.id));
  return rows.map((r) => ({
    id: r.l.id,
    enterpriseId: r.l.enterpriseId,
    enterpriseName: r.enterpriseName,
    providerId: r.l.providerId,
    providerName: r.providerName,
    note: r.l.note,
    status: r.l.status as EventLeadStatus,
    followUpDate: r.l.followUpDate,
    closedAt: r.l.closedAt?.toISOString() ?? null,
    createdAt: r.l.createdAt.toISOString(),
    version: r.l.version,
  }));
}

export async function createEvent(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  input: z.output<typeof CreateEventRequest>,
) {
  if (actor.role !== "city_admin" && actor.role !== "district_admin") throw forbidden("创建对接活动");
  const districtCode = actor.role === "district_admin" ? actor.districtCode : input.districtCode;
  if (!districtCode) throw badRequest("请选择活动所在区", "districtCode");
  if (!canManageEventIn(actor, districtCode)) throw forbidden("在本区以外创建对接活动");
  const [d] = await db
    .select({ code: districts.code })
    .from(districts)
    .where(eq(districts.code, districtCode));
  if (!d) throw badRequest("所在区：区划代码不存在", "districtCode");
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(matchEvents)
      .values({
        name: input.name,
        eventDate: input.eventDate,
        place: input.place,
        districtCode,
        organiser: input.organiser,
        capacity: input.capacity ?? null,
        description: input.description ?? null,
        createdBy: actor.id,
      })
      .returning({ id: matchEvents.id });
    await recordAudit(tx, auditActor, {
      action: "match_event.create",
      entityType: "match_event",
      entityId: row!.id,
      districtCode,
      after: { ...input, districtCode },
    });
    return row!.id;
  });
  return getEvent(db, actor, id);
}

async function managed(tx: Executor, actor: Actor, id: string) {
  const { row } = await findRow(tx, actor, id);
  if (!canManageEventIn(actor, row.e.districtCode)) throw forbidden("管理该对接活动");
  return row;
}

export async function updateEvent(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: z.output<typeof UpdateEventRequest>,
) {
  await db.transaction(async (tx) => {
    const row = await managed(tx, actor, id);
    if (row.e.version !== input.version)
      throw conflict("VERSION_CONFLICT", "该活动已被他人更新，请刷新后重试", "version");
    const { version, ...set } = input;
    const updated = await tx
      .update(matchEvents)
      .set({ ...set, updatedAt: new Date(), version: version + 1 })
      .where(and(eq(matchEvents.id, id), eq(matchEvents.version, version)))
      .returning({ id: matchEvents.id });
    if (updated.length === 0)
      throw conflict("VERSION_CONFLICT", "该活动已被他人更新，请刷新后重试", "version");
    await recordAudit(tx, auditActor, {
      action: "match_event.update",
      entityType: "match_event",
      entityId: id,
      districtCode: row.e.districtCode,
      before: Object.fromEntries(
        Object.keys(set).map((k) => [k, (row.e as Record<string, unknown>)[k] ?? null]),
      ),
      after: set,
    });
  });
  return getEvent(db, actor, id);
}

export async function register(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { enterpriseId?: string; providerId?: string },
) {
  await db.transaction(async (tx) => {
    const { row, me } = await findRow(tx, actor, id);
    const staff = canManageEventIn(actor, row.e.districtCode);
    let enterpriseId: string | null = null;
    let providerId: string | null = null;
    if (actor.role === "enterprise") enterpriseId = me.enterpriseId;
    else if (actor.role === "provider") {
      providerId = me.providerIds[0] ?? null;
      if (!providerId) throw forbidden("报名（账号未关联服务商机构）");
    } else if (staff) {
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
    } else throw forbidden("报名该活动");
    if (row.e.status !== "planned") throw conflict("STATE_CONFLICT", "活动不在报名中，不能报名", "status");
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
    const row = await managed(tx, actor, id);
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

export async function createEventLead(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: z.output<typeof CreateEventLeadRequest>,
) {
  await db.transaction(async (tx) => {
    const row = await managed(tx, actor, id);
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
    const [lead] = await tx
      .insert(eventLeads)
      .values({
        eventId: id,
        enterpriseId: input.enterpriseId,
        providerId: input.providerId,
        note: input.note ?? null,
        followUpDate: input.followUpDate ?? null,
        createdBy: actor.id,
      })
      .returning({ id: eventLeads.id });
    await recordAudit(tx, auditActor, {
      action: "event_lead.create",
      entityType: "event_lead",
      entityId: lead!.id,
      districtCode: row.e.districtCode,
      after: { eventId: id, ...input },
    });
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
    const row = await managed(tx, actor, id);
    const [lead] = await tx
      .select()
      .from(eventLeads)
      .where(and(eq(eventLeads.id, leadId), eq(eventLeads.eventId, id)));
    if (!lead) throw notFound("活动线索");
    if (lead.version !== input.version)
      throw conflict("VERSION_CONFLICT", "该线索已被他人更新，请刷新后重试", "version");
    const { version, ...set } = input;
    const closing = set.status && set.status !== "following" && lead.status === "following";
    const updated = await tx
      .update(eventLeads)
      .set({
        ...set,
        ...(closing ? { closedAt: new Date() } : set.status === "following" ? { closedAt: null } : {}),
        updatedAt: new Date(),
        version: version + 1,
      })
      .where(and(eq(eventLeads.id, leadId), eq(eventLeads.version, version)))
      .returning({ id: eventLeads.id });
    if (updated.length === 0)
      throw conflict("VERSION_CONFLICT", "该线索已被他人更新，请刷新后重试", "version");
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
