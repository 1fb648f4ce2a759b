import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  type ReferenceConfig,
  text,
  timestamp,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { bytea } from "./types";

// Column builders the tables share. Each call makes a fresh builder (a builder belongs to one table);
// the SQL they stand for is written beside each, so a table still reads as its DDL.

/** `id uuid primary key default gen_random_uuid()`: the surrogate key of most tables. */
export const uuidPrimaryKey = () => uuid("id").primaryKey().default(sql`gen_random_uuid()`);

/** `uuid not null references <table>(<column>)`: the row this one belongs to (`actions`: on delete / update). */
export const uuidRef = (name: string, target: () => AnyPgColumn, actions: ReferenceConfig["actions"] = {}) =>
  uuid(name).notNull().references(target, actions);

/** `timestamp with time zone`, null until the moment happens. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true });

/** `timestamp with time zone not null default now()`: when the row (or its step) was written. */
export const timestamptzNow = (name: string) => timestamptz(name).notNull().defaultNow();

/** `varchar(6)`: a GB/T 2260 district code (no foreign key: see references.ts for the checked one). */
export const districtCode = (name = "district_code") => varchar(name, { length: 6 });

/** `text[] not null default '{}'`: a list of codes (scenes, industries, fields, districts…). */
export const textArray = (name: string) => text(name).array().notNull().default(sql`'{}'::text[]`);

/** `uuid[] not null default '{}'`: a list of row ids kept on the row for index-backed filters. */
export const uuidArray = (name: string) => uuid(name).array().notNull().default(sql`'{}'::uuid[]`);

/** `jsonb not null default '[]'`: a JSON array of T. */
export const jsonbArray = <T>(name: string) => jsonb(name).$type<T[]>().notNull().default(sql`'[]'::jsonb`);

/**
 * `created_at`, `updated_at` (both `not null default now()`) and `version integer not null default 1`:
 * a row edited in place. Optimistic lock: a save must carry the version it read.
 */
export const editedRowColumns = () => ({
  createdAt: timestamptzNow("created_at"),
  updatedAt: timestamptzNow("updated_at"),
  version: integer("version").notNull().default(1),
});

/**
 * An uploaded file kept in the database (app nodes stay stateless; files are never under the web
 * root): its name, the MIME type detected from its first bytes (not what the browser claimed), size,
 * SHA-256 and bytes. The uploader's columns are the table's own (they reference users).
 */
export const storedFileColumns = () => ({
  filename: text("filename").notNull(),
  mime: text("mime").notNull(),
  size: integer("size").notNull(),
  sha256: text("sha256").notNull(),
  content: bytea("content").notNull(),
});

/**
 * Definitions kept as versioned data files (instruments, policies, indicators), loaded at every start.
 * Every version ever loaded stays, because what was computed with one keeps its id + version;
 * `current` marks the versions present in the files now, `checksum` (sha256 of the definition) makes a
 * changed definition under an unchanged version refused. Primary key (id, version).
 */
export const versionedDefinitionTable = <TName extends string>(name: TName) =>
  pgTable(
    name,
    {
      id: text("id").notNull(),
      version: text("version").notNull(),
      name: text("name").notNull(),
      checksum: text("checksum").notNull(),
      definition: jsonb("definition").notNull(),
      sourceFile: text("source_file").notNull(),
      current: boolean("current").notNull().default(true),
      loadedAt: timestamptzNow("loaded_at"),
    },
    (t) => [primaryKey({ columns: [t.id, t.version] })],
  );
