import { integer, pgTable, text, varchar } from "drizzle-orm/pg-core";

/** GB/T 2260 county-level divisions of the city. Historical (abolished) ones are kept for old data. */
export const districts = pgTable("districts", {
  code: varchar("code", { length: 6 }).primaryKey(),
  name: text("name").notNull(),
  /** 'current' | 'historical' */
  status: text("status").notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
});

/** GB/T 4754-2017 manufacturing divisions (门类 C, 大类 13–43), code like 'C26'. */
export const industries = pgTable("industries", {
  code: varchar("code", { length: 3 }).primaryKey(),
  name: text("name").notNull(),
});
