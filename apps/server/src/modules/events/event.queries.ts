import type { EventItem, EventListQuery } from "@dxcenter/contracts";
import {
  districts,
  type Executor,
  enterprises,
  eventLeads,
  eventRegistrations,
  matchEvents,
  providers,
} from "@dxcenter/db";
import { type Actor, eventReadScope } from "@dxcenter/domain";
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { notFound } from "../../errors";
import { countRows, listOrder, pageOfSelect, searchAny } from "../../lib/list-query";
import { providerIdsOf } from "../solutions/membership";

/** Event SQL: an event with its counts and the caller's own registration, the scope, one page, its leads. */

/** Who the caller registers as: its enterprise, or its (first) provider organisation. */
export interface Participant {
  readonly enterpriseId: string | null;
  readonly providerIds: string[];
}

export async function participantOf(db: Executor, actor: Actor): Promise<Participant> {
  return {
    enterpriseId: actor.role === "enterprise" ? actor.enterpriseId : null,
    providerIds: await providerIdsOf(db, actor),
  };
}

const stat = (cond: SQL) => sql<number>`(select count(*)::int from ${cond})`;

function columns(me: Participant) {
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

function base(db: Executor, me: Participant) {
  return db
    .select(columns(me))
    .from(matchEvents)
    .innerJoin(districts, eq(districts.code, matchEvents.districtCode));
}
export type EventRow = Awaited<ReturnType<ReturnType<typeof base>["limit"]>>[number];

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

export function toEventItem(r: EventRow): EventItem {
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
    status: e.status,
    registrations: Number(r.registrations),
    attended: Number(r.attended),
    leads: Number(r.leads),
    converted: Number(r.converted),
    myRegistrationId: r.mine,
    createdAt: e.createdAt.toISOString(),
    version: e.version,
  };
}

/** What the event workflow decides on, from an event row. */
export const eventFacts = (row: EventRow) => ({
  status: row.e.status,
  districtCode: row.e.districtCode,
});

const SORT = { eventDate: matchEvents.eventDate, createdAt: matchEvents.createdAt };

export async function eventPage(db: Executor, actor: Actor, q: z.output<typeof EventListQuery>) {
  const me = await participantOf(db, actor);
  const cond = and(
    scopeSql(actor),
    q.status ? eq(matchEvents.status, q.status) : undefined,
    q.districtCode ? eq(matchEvents.districtCode, q.districtCode) : undefined,
    q.from ? sql`${matchEvents.eventDate} >= ${q.from}` : undefined,
    q.to ? sql`${matchEvents.eventDate} <= ${q.to}` : undefined,
    searchAny(q.q, matchEvents.name, matchEvents.place, matchEvents.organiser),
  );
  return pageOfSelect(
    q,
    base(db, me)
      .where(cond)
      .orderBy(...listOrder(SORT, q.sort, q.order, matchEvents.id)),
    countRows(db, matchEvents, cond),
    toEventItem,
  );
}

/** One event in the actor's scope (404 outside it), with who the actor registers as. */
export async function findEventRow(db: Executor, actor: Actor, id: string) {
  const me = await participantOf(db, actor);
  const [row] = await base(db, me)
    .where(and(scopeSql(actor), eq(matchEvents.id, id)))
    .limit(1);
  if (!row) throw notFound("对接活动");
  return { row, me };
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
    status: r.l.status,
    followUpDate: r.l.followUpDate,
    closedAt: r.l.closedAt?.toISOString() ?? null,
    createdAt: r.l.createdAt.toISOString(),
    version: r.l.version,
  }));
}

/** An event's registrations: all of them for the organisers, the participant's own otherwise. */
export function registrationsOf(db: Executor, eventId: string, me: Participant | null) {
  return db
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
        eq(eventRegistrations.eventId, eventId),
        !me
          ? undefined
          : me.enterpriseId
            ? eq(eventRegistrations.enterpriseId, me.enterpriseId)
            : me.providerIds.length
              ? eq(eventRegistrations.providerId, me.providerIds[0]!)
              : sql`false`,
      ),
    )
    .orderBy(asc(eventRegistrations.registeredAt), asc(eventRegistrations.id));
}
