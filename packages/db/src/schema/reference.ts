import { DISTRICT_STATUSES } from "@dxcenter/domain";
import { check, integer, pgTable, text, varchar } from "drizzle-orm/pg-core";
import { oneOf } from "./types";

/** GB/T 2260 county-level divisions of the city. Historical (abolished) ones are kept for old data. */
export const districts = pgTable(
  "districts",
  {
    code: varchar("code", { length: 6 }).primaryKey(),
    name: text("name").notNull(),
    /** 'current' | 'historical' */
    status: text("status", { enum: DISTRICT_STATUSES }).notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [check("districts_status_check", oneOf(t.status, DISTRICT_STATUSES))],
);

/** GB/T 4754-2017 manufacturing divisions (门类 C, 大类 13–43), code like 'C26'. */
export const industries = pgTable("industries", {
  code: varchar("code", { length: 3 }).primaryKey(),
  name: text("name").notNull(),
});
