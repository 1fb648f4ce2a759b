import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { timestamptzNow, uuidPrimaryKey, versionedDefinitionTable } from "./columns";
import { optionalUserRef } from "./references";

/**
 * 监测指标 as versioned data (packages/db/indicators/*.json), loaded at every start like the
 * instruments and policies. Every version ever loaded stays, because a snapshot keeps the id +
 * version it was computed under; `current` marks the versions present in the files now.
 */
export const indicatorDefinitions = versionedDefinitionTable("indicator_definitions");

/**
 * The stored figure of one indicator for one closed period and one scope (the city, or a district by
 * its GB/T 2260 code). Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE): last month's
 * figure never silently changes; a correction is a new row with the next `version`, a reason, the
 * corrected row's id and who made it. Unique per (indicator, indicator version, period, scope, version),
 * so closing a period twice cannot store a figure twice.
 */
export const indicatorSnapshots = pgTable(
  "indicator_snapshots",
  {
    id: uuidPrimaryKey(),
    indicatorId: text("indicator_id").notNull(),
    indicatorVersion: text("indicator_version").notNull(),
    period: text("period").notNull(),
    /** 'city' or a district code. */
    scope: text("scope").notNull(),
    value: numeric("value", { precision: 20, scale: 6 }),
    numerator: numeric("numerator", { precision: 24, scale: 6 }),
    denominator: numeric("denominator", { precision: 24, scale: 6 }),
    computedAt: timestamptzNow("computed_at"),
    /** The rollup that computed it (formula@version), 'correction' or 'demo-backfill'. */
    sourceVersion: text("source_version").notNull(),
    version: integer("version").notNull().default(1),
    correctionReason: text("correction_reason"),
    correctsId: uuid("corrects_id"),
    createdBy: optionalUserRef("created_by"),
  },
  (t) => [
    foreignKey({
      columns: [t.indicatorId, t.indicatorVersion],
      foreignColumns: [indicatorDefinitions.id, indicatorDefinitions.version],
    }),
    foreignKey({ columns: [t.correctsId], foreignColumns: [t.id] }),
    uniqueIndex("indicator_snapshots_uq").on(t.indicatorId, t.indicatorVersion, t.period, t.scope, t.version),
    /** The sparkline and the cockpit: one indicator's periods for one scope, latest version first. */
    index("indicator_snapshots_series_idx").on(t.indicatorId, t.scope, t.period, t.version),
    check("indicator_snapshots_scope_ck", sql`${t.scope} = 'city' or ${t.scope} ~ '^[0-9]{6}$'`),
    check("indicator_snapshots_version_ck", sql`${t.version} >= 1`),
    check(
      "indicator_snapshots_correction_ck",
      sql`(${t.version} = 1 and ${t.correctsId} is null) or (${t.version} > 1 and ${t.correctsId} is not null and ${t.correctionReason} is not null)`,
    ),
  ],
);

/**
 * The provisional figures of periods not closed yet (驾驶舱 of the running month): the same rollups as
 * a snapshot, stored by the `refresh-live-indicators` job (and on a read that finds none, or only
 * stale ones), so the 驾驶舱 reads rows instead of re-running every rollup per request. One row per
 * indicator, period and scope, replaced on every refresh (not history: a closed period's snapshot
 * supersedes it); `computed_at` is the "数据截至" time the 驾驶舱 shows, `as_of` the end of the window
 * the rollup read (the period's end, or `computed_at` for a running period).
 */
export const indicatorLiveFigures = pgTable(
  "indicator_live_figures",
  {
    indicatorId: text("indicator_id").notNull(),
    period: text("period").notNull(),
    /** 'city' or a district code. */
    scope: text("scope").notNull(),
    indicatorVersion: text("indicator_version").notNull(),
    value: numeric("value", { precision: 20, scale: 6 }),
    numerator: numeric("numerator", { precision: 24, scale: 6 }),
    denominator: numeric("denominator", { precision: 24, scale: 6 }),
    computedAt: timestamptzNow("computed_at"),
    asOf: timestamptzNow("as_of"),
    /** The rollup that computed it (formula@version): another version is recomputed, never shown. */
    sourceVersion: text("source_version").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.indicatorId, t.period, t.scope] }),
    check("indicator_live_figures_scope_ck", sql`${t.scope} = 'city' or ${t.scope} ~ '^[0-9]{6}$'`),
  ],
);
