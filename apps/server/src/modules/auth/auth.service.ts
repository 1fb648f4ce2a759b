import type { Database } from "@dxcenter/db";
import { sessions, users } from "@dxcenter/db";
import {
  addressWindow,
  deviceTrusted,
  type LoginThrottlePolicy,
  lockMinutesAfter,
  passwordCheckAllowed,
  retryAfterSeconds,
  tooManyAttemptsMessage,
} from "@dxcenter/domain";
import { eq, lt, or, sql } from "drizzle-orm";
import type { AppConfig } from "../../config";
import { AppError, notFound } from "../../errors";
import { assertAcceptablePassword, rememberReplacedPassword } from "../../lib/password-policy";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../../lib/passwords";
import { hashToken, newSessionToken } from "../../plugins/auth";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import {
  countDeviceFailure,
  findDevice,
  forgetOtherDevices,
  releaseAddressFailure,
  rememberDevice,
  reserveAddressFailure,
  resetDeviceFailures,
  validDeviceToken,
} from "./login-throttle.repository";

/**
 * The one answer to every refused sign-in — unknown username, wrong password, or an account locked for
 * this device — so that neither the message nor the status tells whether the account exists.
 */
const WRONG = () => new AppError(401, "INVALID_CREDENTIALS", "用户名或密码错误");

export interface LoginClient {
  ip: string;
  userAgent: string | undefined;
  /** The known-device cookie the browser sent, if any. */
  deviceToken: string | undefined;
}

export interface LoginResult {
  token: string;
  userId: string;
  maxAgeSeconds: number;
  /** Known-device cookie to (re)set: the browser's own token, or a new one. */
  deviceToken: string;
  deviceMaxAgeSeconds: number;
}

const policyOf = (config: AppConfig): LoginThrottlePolicy => config.login;

/**
 * Password login with the abuse rules of packages/domain/src/auth/login-throttle.ts:
 * - per address: at most `addressMaxFailures` failed sign-ins per `addressWindowMinutes` window, then
 *   429 TOO_MANY_ATTEMPTS with Retry-After (successful sign-ins do not count; a known device of the
 *   account is not held back by its address);
 * - per account: after `maxFailures` wrong passwords in a row the account locks for unknown devices
 *   for `lockMinutes`, doubling with every further wrong password (capped at `lockMaxMinutes`); a
 *   browser that signed in before (known-device cookie, stored hashed) still signs in with the right
 *   password, so nobody without that cookie can lock the owner out;
 * - the same 401 "用户名或密码错误" for unknown users, wrong passwords and locked accounts, each after
 *   one argon2 verification (a dummy hash when there is nothing to verify against).
 * All counters live in the database, so they hold across app nodes.
 */
export async function login(
  db: Database,
  config: AppConfig,
  input: { username: string; password: string },
  client: LoginClient,
): Promise<LoginResult> {
  const policy = policyOf(config);
  const now = new Date();
  const [user] = await db.select().from(users).where(eq(users.username, input.username)).limit(1);
  const presented = validDeviceToken(client.deviceToken) ? client.deviceToken : undefined;
  const device = user && presented ? await findDevice(db, user.id, presented) : null;
  const trusted = deviceTrusted(device, policy, config.login.deviceDays, now);
  const actor: AuditActor = {
    id: user?.id ?? null,
    name: user?.username ?? null,
    role: user?.role ?? null,
    ip: client.ip,
  };

  // Per address, counted before the attempt is judged (a burst in parallel cannot slip past).
  const window = addressWindow(now, policy.addressWindowMinutes);
  if (!trusted) {
    const failures = await reserveAddressFailure(db, client.ip, window.start);
    if (failures > policy.addressMaxFailures) {
      const retryAfter = retryAfterSeconds(now, window.end);
      if (failures === policy.addressMaxFailures + 1) {
        // Once per address and window: the moment it crosses the limit.
        await recordAudit(db, actor, {
          action: "auth.login_throttled",
          entityType: "login_address",
          entityId: client.ip,
          after: {
            address: client.ip,
            failures: policy.addressMaxFailures,
            windowMinutes: policy.addressWindowMinutes,
            until: window.end.toISOString(),
          },
        });
      }
      throw new AppError(429, "TOO_MANY_ATTEMPTS", tooManyAttemptsMessage(retryAfter), undefined, {
        retryAfterSeconds: retryAfter,
        minutes: Math.max(1, Math.ceil(retryAfter / 60)),
      });
    }
  }
  const countAddressFailure = async () => {
    // A known device was not counted up front; its wrong password still counts against the address.
    if (trusted) await reserveAddressFailure(db, client.ip, window.start);
  };

  if (!user) {
    await burnPasswordCheck(input.password);
    await recordAudit(db, actor, {
      action: "auth.login_failed",
      entityType: "user",
      after: { reason: "unknown_user" },
    });
    throw WRONG();
  }
  if (!passwordCheckAllowed(user.lockedUntil, trusted, now)) {
    // Locked for this device: the password is not looked at (the lock stops guessing), but the time
    // an argon2 verification takes is spent all the same.
    await burnPasswordCheck(input.password);
    await recordAudit(db, actor, {
      action: "auth.login_locked",
      entityType: "user",
      entityId: user.id,
      districtCode: user.districtCode,
      after: { lockedUntil: user.lockedUntil?.toISOString() ?? null, knownDevice: !!device },
    });
    throw WRONG();
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok) {
    await countAddressFailure();
    // Atomic increment: concurrent wrong guesses each see their own count.
    const [after] = await db
      .update(users)
      .set({ failedLogins: sql`${users.failedLogins} + 1` })
      .where(eq(users.id, user.id))
      .returning({ failedLogins: users.failedLogins });
    const failedLogins = after?.failedLogins ?? 1;
    if (device && presented) await countDeviceFailure(db, user.id, presented);
    const lockMinutes = lockMinutesAfter(failedLogins, policy);
    let lockedUntil: Date | null = null;
    if (lockMinutes !== null) {
      lockedUntil = new Date(now.getTime() + lockMinutes * 60_000);
      // greatest(): a slower parallel guess cannot shorten a longer lock set meanwhile.
      await db
        .update(users)
        .set({ lockedUntil: sql`greatest(coalesce(${users.lockedUntil}, ${lockedUntil}), ${lockedUntil})` })
        .where(eq(users.id, user.id));
    }
    await recordAudit(db, actor, [
      {
        action: "auth.login_failed",
        entityType: "user",
        entityId: user.id,
        districtCode: user.districtCode,
        after: { failedLogins, knownDevice: !!device },
      },
      ...(lockedUntil
        ? [
            {
              action: "auth.account_locked" as const,
              entityType: "user" as const,
              entityId: user.id,
              districtCode: user.districtCode,
              after: { failedLogins, lockMinutes, lockedUntil: lockedUntil.toISOString() },
            },
          ]
        : []),
    ]);
    throw WRONG();
  }
  // The right password: this attempt does not count against the address.
  if (!trusted) await releaseAddressFailure(db, client.ip, window.start);
  if (user.disabled) throw new AppError(403, "ACCOUNT_DISABLED", "账号已停用，请联系管理员");
  if (user.isDemo && config.mode === "production") {
    throw new AppError(403, "DEMO_ACCOUNT", "演示账号在生产模式下不可使用");
  }
  const lockActive = !!user.lockedUntil && user.lockedUntil > now;
  const token = newSessionToken();
  const deviceToken = presented ?? newSessionToken();
  const maxAgeSeconds = config.session.absoluteHours * 3600;
  await db.transaction(async (tx) => {
    // A known device passing during a lock leaves the lock in place for everyone else.
    await tx
      .update(users)
      .set(lockActive ? { lastLoginAt: now } : { failedLogins: 0, lockedUntil: null, lastLoginAt: now })
      .where(eq(users.id, user.id));
    await rememberDevice(tx, user.id, deviceToken, client.userAgent, now, config.login.deviceDays);
    await tx.insert(sessions).values({
      tokenHash: hashToken(token),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    // Housekeeping: drop long-dead sessions of this user so the table does not grow forever.
    await tx
      .delete(sessions)
      .where(
        sql`${sessions.userId} = ${user.id} and (${or(
          lt(sessions.expiresAt, now),
          lt(sessions.lastSeenAt, new Date(now.getTime() - config.session.idleMinutes * 60_000)),
        )})`,
      );
    await recordAudit(
      tx,
      { ...actor, role: user.role },
      {
        action: "auth.login",
        entityType: "user",
        entityId: user.id,
        after: { knownDevice: trusted, ...(lockActive ? { duringLock: true } : {}) },
      },
    );
  });
  return {
    token,
    userId: user.id,
    maxAgeSeconds,
    deviceToken,
    deviceMaxAgeSeconds: config.login.deviceDays * 86_400,
  };
}

/**
 * The city bureau unlocks an account: the lock and the wrong-password count end, and the account's
 * known devices get their trust back. Audited with the state it ended.
 */
export async function unlockUser(db: Database, id: string, actor: AuditActor): Promise<void> {
  const [user] = await db
    .select({
      id: users.id,
      failedLogins: users.failedLogins,
      lockedUntil: users.lockedUntil,
      districtCode: users.districtCode,
    })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!user) throw notFound("用户");
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, id));
    await resetDeviceFailures(tx, id);
    await recordAudit(tx, actor, {
      action: "user.unlock",
      entityType: "user",
      entityId: id,
      districtCode: user.districtCode,
      before: { failedLogins: user.failedLogins, lockedUntil: user.lockedUntil?.toISOString() ?? null },
      after: { failedLogins: 0, lockedUntil: null },
    });
  });
}

export async function logout(db: Database, tokenHash: string, actor: AuditActor) {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    await recordAudit(tx, actor, { action: "auth.logout", entityType: "user", entityId: actor.id });
  });
}

export async function changePassword(
  db: Database,
  userId: string,
  input: { oldPassword: string; newPassword: string },
  actor: AuditActor,
  keepSessionHash: string | null,
  keepDeviceToken?: string,
) {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user || !(await verifyPassword(user.passwordHash, input.oldPassword))) {
    throw new AppError(400, "VALIDATION", "原密码不正确", "oldPassword");
  }
  await assertAcceptablePassword(db, input.newPassword, user, "newPassword", userId);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await rememberReplacedPassword(tx, userId, user.passwordHash);
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date(), version: sql`${users.version} + 1` })
      .where(eq(users.id, userId));
    // Other sessions of this account end when its password changes.
    await tx
      .delete(sessions)
      .where(sql`${sessions.userId} = ${userId} and ${sessions.tokenHash} <> ${keepSessionHash ?? ""}`);
    // …and other browsers stop being known devices (they pass a lock no longer).
    await forgetOtherDevices(tx, userId, keepDeviceToken);
    await recordAudit(tx, actor, { action: "user.password_change", entityType: "user", entityId: userId });
  });
}
