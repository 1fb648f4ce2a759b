import { boolean, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Assessment instruments as versioned data (packages/db/instruments/*.json), loaded at start.
 * Every version ever loaded stays, because an assessment keeps the version it was taken with;
 * `current` marks the versions present in the files now.
 */
export const instruments = pgTable(
  "instruments",
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
