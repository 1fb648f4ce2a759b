import { REPORT_OWNER_KINDS, REPORT_STATES } from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { timestamptz, timestamptzNow, uuidPrimaryKey } from "./columns";
import { indicatorDefinitions, indicatorSnapshots } from "./indicators";
import { districts } from "./reference";
import { optionalUserRef } from "./references";
import { oneOf } from "./types";

/**
 * 指标填报任务: one per reported indicator × period × owner (the figure's scope: the city for a
 * department's or the city's own figure, a district code for a district's), made by the scheduled job
 * or on demand, idempotently (UNIQUE indicator, period, scope). The owner saves a draft and submits;
 * the city approves (the value becomes the period's snapshot, `snapshot_id`) or returns it with a
 * reason. `version` is the optimistic lock of every change.
 */
export const indicatorReports = pgTable(
  "indicator_reports",
  {
    id: uuidPrimaryKey(),
    indicatorId: text("indicator_id").notNull(),
    indicatorVersion: text("indicator_version").notNull(),
    period: text("period").notNull(),
    /** 'city' or a district code: the figure this task sets. */
    scope: text("scope").notNull(),
    ownerKind: text("owner_kind", { enum: REPORT_OWNER_KINDS }).notNull(),
    /** District code, department (organisation) name, or null for the city. */
    ownerCode: text("owner_code"),
    districtCode: varchar("district_code", { length: 6 }).references(() => districts.code),
    status: text("status", { enum: REPORT_STATES }).notNull().default("pending"),
    value: numeric("value", { precision: 20, scale: 6 }),
    note: text("note"),
    /** Asia/Shanghai calendar day by which the task is due. */
    dueDate: date("due_date", { mode: "string" }).notNull(),
    returnReason: text("return_reason"),
    submittedAt: timestamptz("submitted_at"),
    submittedBy: optionalUserRef("submitted_by"),
    reviewedAt: timestamptz("reviewed_at"),
    reviewedBy: optionalUserRef("reviewed_by"),
    snapshotId: uuid("snapshot_id").references(() => indicatorSnapshots.id),
    version: integer("version").notNull().default(1),
    createdAt: timestamptzNow("created_at"),
    updatedAt: timestamptzNow("updated_at"),
    updatedBy: optionalUserRef("updated_by"),
  },
  (t) => [
    foreignKey({
      columns: [t.indicatorId, t.indicatorVersion],
      foreignColumns: [indicatorDefinitions.id, indicatorDefinitions.version],
    }),
    uniqueIndex("indicator_reports_uq").on(t.indicatorId, t.period, t.scope),
    index("indicator_reports_period_idx").on(t.period, t.status),
    index("indicator_reports_district_idx").on(t.districtCode, t.status),
    index("indicator_reports_due_idx").on(t.dueDate),
    check("indicator_reports_scope_ck", sql`${t.scope} = 'city' or ${t.scope} ~ '^[0-9]{6}$'`),
    check("indicator_reports_status_ck", oneOf(t.status, REPORT_STATES)),
    check("indicator_reports_owner_kind_ck", oneOf(t.ownerKind, REPORT_OWNER_KINDS)),
    check(
      "indicator_reports_value_ck",
      sql`${t.status} not in ('submitted', 'approved') or ${t.value} is not null`,
    ),
    check("indicator_reports_version_ck", sql`${t.version} >= 1`),
  ],
);
