import { ROLES } from "@dxcenter/domain";
import { boolean, index, integer, pgTable, text, uuid, varchar } from "drizzle-orm/pg-core";
import {
  districtCode,
  editedRowColumns,
  timestamptz,
  timestamptzNow,
  uuidPrimaryKey,
  uuidRef,
} from "./columns";
import { enterprises } from "./enterprises";
import { districts } from "./reference";

export const users = pgTable(
  "users",
  {
    id: uuidPrimaryKey(),
    username: varchar("username", { length: 64 }).notNull().unique(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    /** city_admin | district_admin | enterprise | provider | expert | department */
    role: text("role", { enum: ROLES }).notNull(),
    districtCode: districtCode().references(() => districts.code),
    enterpriseId: uuid("enterprise_id").references(() => enterprises.id),
    /** Free-text organisation for provider / expert / department accounts. */
    organization: text("organization"),
    /** Demo accounts are created only in demo mode and refused at login in production mode. */
    isDemo: boolean("is_demo").notNull().default(false),
    disabled: boolean("disabled").notNull().default(false),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: timestamptz("locked_until"),
    lastLoginAt: timestamptz("last_login_at"),
    ...editedRowColumns(),
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
    userId: uuidRef("user_id", () => users.id, { onDelete: "cascade" }),
    createdAt: timestamptzNow("created_at"),
    lastSeenAt: timestamptzNow("last_seen_at"),
    /** Absolute end of the session (created_at + 12 h); idle end is last_seen_at + 30 min. */
    expiresAt: timestamptz("expires_at").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Earlier password hashes of an account (issue 16 §4, ASVS V2.1): a new password may not be the
 * current one or any of the last few, checked by verifying against these argon2 hashes. Rows older
 * than the window are deleted when a new one is added.
 */
export const passwordHistory = pgTable(
  "password_history",
  {
    id: uuidPrimaryKey(),
    userId: uuidRef("user_id", () => users.id, { onDelete: "cascade" }),
    passwordHash: text("password_hash").notNull(),
    createdAt: timestamptzNow("created_at"),
  },
  (t) => [index("password_history_user_idx").on(t.userId, t.createdAt)],
);
