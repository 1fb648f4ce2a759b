import { BRIEFING_STATUSES } from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestamptz, timestamptzNow, uuidPrimaryKey } from "./columns";
import { optionalUserRef } from "./references";
import { bytea, oneOf } from "./types";

/**
 * 月度工作简报: one row per issued version of a month's briefing, generated from the stored indicator
 * snapshots. The HTML, the PDF and the data workbook are kept as issued (bytes in the database, as
 * evidence files and report zips are, so app nodes stay stateless) with the PDF's SHA-256; a
 * regeneration is the next version and the earlier ones stay downloadable. A row is written as
 * `generating` (its version reserved), then becomes `issued` with its files or `failed` with the
 * reason; a trigger refuses any change to an issued or failed row and every DELETE.
 */
export const briefings = pgTable(
  "briefings",
  {
    id: uuidPrimaryKey(),
    /** The month reported on ('2026-11'). */
    period: text("period").notNull(),
    version: integer("version").notNull(),
    status: text("status", { enum: BRIEFING_STATUSES }).notNull(),
    /** When generation started (the row was reserved) and when the files were issued. */
    createdAt: timestamptzNow("created_at"),
    generatedAt: timestamptz("generated_at"),
    /** Who asked; null for the scheduled job (trigger says which). */
    generatedBy: optionalUserRef("generated_by"),
    /** 'manual' (a city administrator) or 'scheduled' (the monthly job). */
    trigger: text("trigger").notNull(),
    /** The briefing's figures as computed from the snapshots (the model the files were made from). */
    data: jsonb("data"),
    html: text("html"),
    pdf: bytea("pdf"),
    /** SHA-256 (hex) of the PDF bytes as issued. */
    sha256: text("sha256"),
    xlsx: bytea("xlsx"),
    xlsxSha256: text("xlsx_sha256"),
    errorMessage: text("error_message"),
  },
  (t) => [
    uniqueIndex("briefings_period_version_uq").on(t.period, t.version),
    index("briefings_created_idx").on(t.createdAt),
    check("briefings_status_ck", oneOf(t.status, BRIEFING_STATUSES)),
    check("briefings_period_ck", sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check("briefings_version_ck", sql`${t.version} >= 1`),
    check("briefings_trigger_ck", sql`${t.trigger} in ('manual', 'scheduled')`),
    check(
      "briefings_issued_ck",
      sql`${t.status} <> 'issued' or (${t.html} is not null and ${t.pdf} is not null and ${t.sha256} is not null and ${t.xlsx} is not null and ${t.generatedAt} is not null)`,
    ),
  ],
);
