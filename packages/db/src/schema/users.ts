import { ROLES } from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { enterprises } from "./enterprises";
import { districts } from "./reference";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    username: varchar("username", { length: 64 }).notNull().unique(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    /** city_admin | district_admin | enterprise | provider | expert | department */
    role: text("role", { enum: ROLES }).notNull(),
    districtCode: varchar("district_code", { length: 6 }).references(() => districts.code),
    enterpriseId: uuid("enterprise_id").references(() => enterprises.id),
    /** Free-text organisation for provider / expert / department accounts. */
    organization: text("organization"),
    /** Demo accounts are created only in demo mode and refused at login in production mode. */
    isDemo: boolean("is_demo").notNull().default(false),
    disabled: boolean("disabled").notNull().default(false),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("users_role_idx").on(t.role)],
);

/**
 * Server-side sessions. The cookie carries a random token; only its SHA-256 is stored, so a read
 * of this table does not let anyone log in.
 */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    /** Absolute end of the session (created_at + 12 h); idle end is last_seen_at + 30 min. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);
