import { EVENT_LEAD_STATUSES, EVENT_STATUSES } from "@dxcenter/domain";
import { boolean, check, date, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { editedRowColumns, timestamptz, timestamptzNow, uuidPrimaryKey, uuidRef } from "./columns";
import { providers } from "./providers";
import { districtRef, enterpriseRef, optionalEnterpriseRef, optionalUserRef, userRef } from "./references";
import { oneOf } from "./types";

/** 供需对接活动: a dated matchmaking event in one district. planned → finished, or cancelled. */
export const matchEvents = pgTable(
  "match_events",
  {
    id: uuidPrimaryKey(),
    name: text("name").notNull(),
    eventDate: date("event_date").notNull(),
    place: text("place").notNull(),
    districtCode: districtRef(),
    organiser: text("organiser").notNull(),
    capacity: integer("capacity"),
    description: text("description"),
    /** planned | finished | cancelled */
    status: text("status", { enum: EVENT_STATUSES }).notNull().default("planned"),
    createdBy: userRef("created_by"),
    ...editedRowColumns(),
  },
  (t) => [
    check("match_events_status_check", oneOf(t.status, EVENT_STATUSES)),
    index("match_events_district_idx").on(t.districtCode, t.eventDate),
  ],
);

/** One enterprise or one provider registered for an event, and whether it came. */
export const eventRegistrations = pgTable(
  "event_registrations",
  {
    id: uuidPrimaryKey(),
    eventId: uuidRef("event_id", () => matchEvents.id, { onDelete: "cascade" }),
    enterpriseId: optionalEnterpriseRef(),
    providerId: uuid("provider_id").references(() => providers.id),
    registeredBy: userRef("registered_by"),
    registeredAt: timestamptzNow("registered_at"),
    attended: boolean("attended").notNull().default(false),
    attendanceBy: optionalUserRef("attendance_by"),
    attendanceAt: timestamptz("attendance_at"),
  },
  (t) => [
    uniqueIndex("event_registrations_enterprise").on(t.eventId, t.enterpriseId),
    uniqueIndex("event_registrations_provider").on(t.eventId, t.providerId),
  ],
);

/** 活动线索: an enterprise–provider contact made at an event, followed up to converted or lost. */
export const eventLeads = pgTable(
  "event_leads",
  {
    id: uuidPrimaryKey(),
    eventId: uuidRef("event_id", () => matchEvents.id, { onDelete: "cascade" }),
    enterpriseId: enterpriseRef(),
    providerId: uuidRef("provider_id", () => providers.id),
    note: text("note"),
    /** following | converted | lost */
    status: text("status", { enum: EVENT_LEAD_STATUSES }).notNull().default("following"),
    followUpDate: date("follow_up_date"),
    closedAt: timestamptz("closed_at"),
    createdBy: userRef("created_by"),
    ...editedRowColumns(),
  },
  (t) => [
    check("event_leads_status_check", oneOf(t.status, EVENT_LEAD_STATUSES)),
    index("event_leads_event_idx").on(t.eventId, t.createdAt),
  ],
);
