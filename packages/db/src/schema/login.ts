import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { timestamptz, timestamptzNow } from "./columns";
import { userRef } from "./references";

/**
 * Browsers that signed in to an account before ("known devices"). The browser keeps a random token in
 * an HttpOnly cookie; only its SHA-256 is stored, per account. A known device still signs in with the
 * right password while the account is locked for everyone else, until it types too many wrong ones.
 */
export const loginDevices = pgTable(
  "login_devices",
  {
    userId: userRef("user_id", { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdAt: timestamptzNow("created_at"),
    lastUsedAt: timestamptzNow("last_used_at"),
    /** Wrong passwords in a row typed on this device for this account. */
    failedLogins: integer("failed_logins").notNull().default(0),
    userAgent: text("user_agent"),
  },
  (t) => [primaryKey({ columns: [t.userId, t.tokenHash] })],
);

/**
 * Failed sign-ins per client address and fixed window (one row per address and window, upserted), so
 * the per-address limit holds across app nodes. Old windows are deleted as new ones start.
 */
export const loginAddressFailures = pgTable(
  "login_address_failures",
  {
    address: text("address").notNull(),
    windowStart: timestamptz("window_start").notNull(),
    failures: integer("failures").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.address, t.windowStart] }),
    index("login_address_failures_window_idx").on(t.windowStart),
  ],
);
