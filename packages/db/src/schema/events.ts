import { EVENT_LEAD_STATUSES, EVENT_STATUSES } from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { enterprises } from "./enterprises";
import { providers } from "./providers";
import { districts } from "./reference";
import { oneOf } from "./types";
import { users } from "./users";

/** 供需对接活动: a dated matchmaking event in one district. planned → finished, or cancelled. */
export const matchEvents = pgTable(
  "match_events",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    name: text("name").notNull(),
    eventDate: date("event_date").notNull(),
    place: text("place").notNull(),
    districtCode: varchar("district_code", { length: 6 })
      .notNull()
      .references(() => districts.code),
    organiser: text("organiser").notNull(),
    capacity: integer("capacity"),
    description: text("description"),
    /** planned | finished | cancelled */
    status: text("status", { enum: EVENT_STATUSES }).notNull().default("planned"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
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
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    eventId: uuid("event_id")
      .notNull()
      .references(() => matchEvents.id, { onDelete: "cascade" }),
    enterpriseId: uuid("enterprise_id").references(() => enterprises.id),
    providerId: uuid("provider_id").references(() => providers.id),
    registeredBy: uuid("registered_by")
      .notNull()
      .references(() => users.id),
    registeredAt: timestamp("registered_at", { withTimezone: true }).notNull().defaultNow(),
    attended: boolean("attended").notNull().default(false),
    attendanceBy: uuid("attendance_by").references(() => users.id),
    attendanceAt: timestamp("attendance_at", { withTimezone: true }),
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
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    eventId: uuid("event_id")
      .notNull()
      .references(() => matchEvents.id, { onDelete: "cascade" }),
    enterpriseId: uuid("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => providers.id),
    note: text("note"),
    /** following | converted | lost */
    status: text("status", { enum: EVENT_LEAD_STATUSES }).notNull().default("following"),
    followUpDate: date("follow_up_date"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    check("event_leads_status_check", oneOf(t.status, EVENT_LEAD_STATUSES)),
    index("event_leads_event_idx").on(t.eventId, t.createdAt),
  ],
);
