import { WARNING_LEVELS, WARNING_OWNER_KINDS, WARNING_STATES, WARNING_SUBJECT_TYPES } from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { districts } from "./reference";
import { oneOf } from "./types";
import { users } from "./users";

/**
 * 预警规则 as versioned data (packages/db/warning-rules/*.json), loaded at every start like the
 * indicators: every version ever loaded stays (a warning keeps the rule version that raised it),
 * `current` marks the versions in the files now.
 */
export const warningRules = pgTable(
  "warning_rules",
  {
    id: text("id").notNull(),
    version: text("version").notNull(),
    name: text("name").notNull(),
    /** sha256 of the definition; a changed definition under an unchanged version is refused. */
    checksum: text("checksum").notNull(),
    definition: jsonb("definition").notNull(),
    sourceFile: text("source_file").notNull(),
    current: boolean("current").notNull().default(true),
    loadedAt: timestamp("loaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.id, t.version] })],
);

/**
 * 预警: one row per condition found by the evaluation job, from raised to closed. The dedupe key
 * (rule + subject) is UNIQUE among the rows not closed, so the same condition stays one warning across
 * runs and concurrent runs (INSERT … ON CONFLICT); when the condition clears the job closes the row
 * (closed_by null, close_note 条件已解除), and a later recurrence is a new warning. Each step keeps
 * who, when and the note; every change is audited.
 */
export const warnings = pgTable(
  "warnings",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    ruleId: text("rule_id").notNull(),
    ruleVersion: text("rule_version").notNull(),
    subjectType: text("subject_type", { enum: WARNING_SUBJECT_TYPES }).notNull(),
    subjectId: text("subject_id").notNull(),
    /** The subject's name when last evaluated (lists never show an id). */
    subjectName: text("subject_name").notNull(),
    districtCode: varchar("district_code", { length: 6 }).references(() => districts.code),
    ownerKind: text("owner_kind", { enum: WARNING_OWNER_KINDS }).notNull(),
    /** District code, department (organisation) name, or null for the city. */
    ownerCode: text("owner_code"),
    level: text("level", { enum: WARNING_LEVELS }).notNull(),
    title: text("title").notNull(),
    detail: jsonb("detail").notNull(),
    state: text("state", { enum: WARNING_STATES }).notNull().default("open"),
    dedupeKey: text("dedupe_key").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    /** Last evaluation that found the condition still holding. */
    seenAt: timestamp("seen_at", { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedBy: uuid("acknowledged_by").references(() => users.id),
    acknowledgeNote: text("acknowledge_note"),
    handledAt: timestamp("handled_at", { withTimezone: true }),
    handledBy: uuid("handled_by").references(() => users.id),
    handleNote: text("handle_note"),
    clearedAt: timestamp("cleared_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: uuid("closed_by").references(() => users.id),
    closeNote: text("close_note"),
  },
  (t) => [
    uniqueIndex("warnings_dedupe_open_uq").on(t.dedupeKey).where(sql`${t.state} <> 'closed'`),
    index("warnings_opened_idx").on(t.openedAt),
    index("warnings_district_idx").on(t.districtCode, t.state),
    index("warnings_rule_idx").on(t.ruleId, t.state),
    check("warnings_state_ck", oneOf(t.state, WARNING_STATES)),
    check("warnings_level_ck", oneOf(t.level, WARNING_LEVELS)),
    check("warnings_owner_kind_ck", oneOf(t.ownerKind, WARNING_OWNER_KINDS)),
    check("warnings_subject_type_ck", oneOf(t.subjectType, WARNING_SUBJECT_TYPES)),
    check("warnings_closed_ck", sql`(${t.state} = 'closed') = (${t.closedAt} is not null)`),
    check("warnings_handled_ck", sql`${t.state} not in ('handled') or ${t.handleNote} is not null`),
  ],
);
