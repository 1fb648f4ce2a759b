import { type Database, type Executor, loginAddressFailures, loginDevices } from "@dxcenter/db";
import { and, desc, eq, lt, notInArray, sql } from "drizzle-orm";
import { hashToken } from "../../plugins/auth";

/** At most this many known devices are kept per account (the most recently used). */
const MAX_DEVICES_PER_USER = 20;

/**
 * Counts one failed sign-in of `address` in the window starting at `windowStart` — before the attempt
 * is judged, so that a parallel burst cannot slip past the limit; a successful sign-in gives it back
 * (releaseAddressFailure). One upsert: holds across app nodes. When the row is new, windows older
 * than a day are deleted (bounded work, no sweeper needed).
 */
export async function reserveAddressFailure(db: Database, address: string, windowStart: Date) {
  const [row] = await db
    .insert(loginAddressFailures)
    .values({ address, windowStart, failures: 1 })
    .onConflictDoUpdate({
      target: [loginAddressFailures.address, loginAddressFailures.windowStart],
      set: { failures: sql`${loginAddressFailures.failures} + 1` },
    })
    .returning({ failures: loginAddressFailures.failures, inserted: sql<boolean>`(xmax = 0)` });
  if (row?.inserted) {
    await db
      .delete(loginAddressFailures)
      .where(lt(loginAddressFailures.windowStart, new Date(windowStart.getTime() - 86_400_000)));
  }
  return row?.failures ?? 1;
}

export async function releaseAddressFailure(db: Database, address: string, windowStart: Date) {
  await db
    .update(loginAddressFailures)
    .set({ failures: sql`greatest(${loginAddressFailures.failures} - 1, 0)` })
    .where(and(eq(loginAddressFailures.address, address), eq(loginAddressFailures.windowStart, windowStart)));
}

/** A device token as the cookie carries it (32 random bytes, base64url); anything else is ignored. */
export const validDeviceToken = (t: string | undefined): t is string =>
  typeof t === "string" && /^[A-Za-z0-9_-]{43}$/.test(t);

export async function findDevice(db: Database, userId: string, token: string) {
  const [row] = await db
    .select({ failedLogins: loginDevices.failedLogins, lastUsedAt: loginDevices.lastUsedAt })
    .from(loginDevices)
    .where(and(eq(loginDevices.userId, userId), eq(loginDevices.tokenHash, hashToken(token))))
    .limit(1);
  return row ?? null;
}

export async function countDeviceFailure(db: Database, userId: string, token: string) {
  await db
    .update(loginDevices)
    .set({ failedLogins: sql`${loginDevices.failedLogins} + 1` })
    .where(and(eq(loginDevices.userId, userId), eq(loginDevices.tokenHash, hashToken(token))));
}

/**
 * Remembers (or refreshes) this browser as a known device of the account after a successful sign-in,
 * and forgets the account's devices unused for `deviceDays` or beyond the newest MAX_DEVICES_PER_USER.
 */
export async function rememberDevice(
  tx: Executor,
  userId: string,
  token: string,
  userAgent: string | undefined,
  now: Date,
  deviceDays: number,
) {
  await tx
    .insert(loginDevices)
    .values({
      userId,
      tokenHash: hashToken(token),
      createdAt: now,
      lastUsedAt: now,
      userAgent: userAgent?.slice(0, 300) ?? null,
    })
    .onConflictDoUpdate({
      target: [loginDevices.userId, loginDevices.tokenHash],
      set: { lastUsedAt: now, failedLogins: 0 },
    });
  await tx
    .delete(loginDevices)
    .where(
      and(
        eq(loginDevices.userId, userId),
        lt(loginDevices.lastUsedAt, new Date(now.getTime() - deviceDays * 86_400_000)),
      ),
    );
  const keep = tx
    .select({ h: loginDevices.tokenHash })
    .from(loginDevices)
    .where(eq(loginDevices.userId, userId))
    .orderBy(desc(loginDevices.lastUsedAt))
    .limit(MAX_DEVICES_PER_USER);
  await tx
    .delete(loginDevices)
    .where(and(eq(loginDevices.userId, userId), notInArray(loginDevices.tokenHash, keep)));
}

/** Forgets every known device of the account except `keepToken`'s (after a password change). */
export async function forgetOtherDevices(tx: Executor, userId: string, keepToken: string | undefined) {
  const keep = validDeviceToken(keepToken) ? hashToken(keepToken) : "";
  await tx
    .delete(loginDevices)
    .where(sql`${loginDevices.userId} = ${userId} and ${loginDevices.tokenHash} <> ${keep}`);
}

/** The city's unlock also gives every known device of the account its trust back. */
export async function resetDeviceFailures(tx: Executor, userId: string) {
  await tx.update(loginDevices).set({ failedLogins: 0 }).where(eq(loginDevices.userId, userId));
}
