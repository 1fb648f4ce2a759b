import type {
  CreateEventRequest,
  EventDetail,
  EventListQuery,
  UpdateEventRequest,
} from "@dxcenter/contracts";
import { type Database, districts, type Executor, matchEvents } from "@dxcenter/db";
import {
  type Actor,
  allowedSteps,
  canManageEventIn,
  canRegisterForEvent,
  EVENT_WORKFLOW,
  type EventStep,
  eventReadScope,
  eventStepFor,
} from "@dxcenter/domain";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, forbidden } from "../../errors";
import { assertVersion, updateAtVersion } from "../../lib/optimistic-lock";
import { listPages } from "../../lib/pages";
import { assertStep } from "../../lib/workflow";
import { type AuditActor, insertAudited, recordAudit } from "../audit/audit.service";
import { eventFacts, eventPage, findEventRow, leadsOf, registrationsOf, toEventItem } from "./event.queries";
import { EVENT_TEXTS } from "./event.texts";

/** 409 VERSION_CONFLICT: the record changed since the caller read it. */
const STALE_EVENT = "该活动已被他人更新，请刷新后重试";

/** Events: the scoped list and its export, one event with registrations and leads, create and edit. */

type ListQuery = z.output<typeof EventListQuery>;

export async function listEvents(db: Database, actor: Actor, q: ListQuery) {
  if (eventReadScope(actor).kind === "none") throw forbidden("查看对接活动");
  return eventPage(db, actor, q);
}

export async function* iterateEventsForExport(
  db: Database,
  actor: Actor,
  q: Omit<ListQuery, "page" | "pageSize">,
) {
  if (actor.role !== "city_admin" && actor.role !== "district_admin") throw forbidden("导出对接活动");
  yield* listPages(listEvents, db, actor, q);
}

export async function getEvent(db: Database, actor: Actor, id: string): Promise<EventDetail> {
  const { row, me } = await findEventRow(db, actor, id);
  const manage = allowedSteps(EVENT_WORKFLOW, actor, eventFacts(row)).edit;
  // Participants see their own registration; the organisers see everyone.
  const regs = await registrationsOf(db, id, manage ? null : me);
  const leads = manage ? await leadsOf(db, id) : [];
  return {
    ...toEventItem(row),
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
      register: canRegisterForEvent(actor, eventFacts(row).status) && row.mine === null,
    },
  };
}

/** The event, when the actor may take this organisers' step on it now (404 / 403 / 409 otherwise). */
export async function organised(tx: Executor, actor: Actor, id: string, step: EventStep) {
  const { row } = await findEventRow(tx, actor, id);
  assertStep(EVENT_WORKFLOW, EVENT_TEXTS, actor, eventFacts(row), step);
  return row;
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
    return insertAudited(
      tx,
      auditActor,
      matchEvents,
      {
        name: input.name,
        eventDate: input.eventDate,
        place: input.place,
        districtCode,
        organiser: input.organiser,
        capacity: input.capacity ?? null,
        description: input.description ?? null,
        createdBy: actor.id,
      },
      {
        action: "match_event.create",
        entityType: "match_event",
        districtCode,
        after: { ...input, districtCode },
      },
    );
  });
  return getEvent(db, actor, id);
}

/** Edit the event, or set its status (已举办 / 已取消 / back to 报名中). */
export async function updateEvent(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: z.output<typeof UpdateEventRequest>,
) {
  await db.transaction(async (tx) => {
    const { row } = await findEventRow(tx, actor, id);
    const facts = eventFacts(row);
    assertStep(EVENT_WORKFLOW, EVENT_TEXTS, actor, facts, eventStepFor(facts.status, input.status));
    assertVersion(row.e.version, input.version, STALE_EVENT);
    const { version, ...set } = input;
    await updateAtVersion(
      tx,
      matchEvents,
      id,
      version,
      { ...set, updatedAt: new Date(), version: version + 1 },
      STALE_EVENT,
    );
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
