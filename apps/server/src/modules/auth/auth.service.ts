import type { Database } from "@dxcenter/db";
import { sessions, users } from "@dxcenter/db";
import { eq, lt, or, sql } from "drizzle-orm";
import type { AppConfig } from "../../config";
import { AppError } from "../../errors";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../../lib/passwords";
import { hashToken, newSessionToken } from "../../plugins/auth";
import { type AuditActor, recordAudit } from "../audit/audit.service";

const WRONG = () => new AppError(401, "INVALID_CREDENTIALS", "用户名或密码错误");

export interface LoginResult {
  token: string;
  userId: string;
  maxAgeSeconds: number;
}

/**
 * Password login with per-account throttling: after `maxFailures` consecutive wrong passwords the
 * account is locked for `lockMinutes`. The counter lives in the database, so it holds across app nodes.
 */
export async function login(
  db: Database,
  config: AppConfig,
  input: { username: string; password: string },
  client: { ip: string; userAgent: string | undefined },
): Promise<LoginResult> {
  const [user] = await db.select().from(users).where(eq(users.username, input.username)).limit(1);
  const actor: AuditActor = {
    id: user?.id ?? null,
    name: input.username,
    role: user?.role ?? null,
    ip: client.ip,
  };
  if (!user) {
    await burnPasswordCheck(input.password);
    throw WRONG();
  }
  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) {
    const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000);
    throw new AppError(
      423,
      "ACCOUNT_LOCKED",
      `密码连续错误次数过多，账号已临时锁定，请 ${minutes} 分钟后再试或联系管理员解锁`,
    );
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok) {
    // Atomic increment: concurrent wrong guesses cannot slip past the limit.
    const [after] = await db
      .update(users)
      .set({
        failedLogins: sql`${users.failedLogins} + 1`,
        lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${config.login.maxFailures}
          then now() + make_interval(mins => ${config.login.lockMinutes}) else ${users.lockedUntil} end`,
      })
      .where(eq(users.id, user.id))
      .returning({ failedLogins: users.failedLogins });
    await recordAudit(db, actor, {
      action: "auth.login_failed",
      entityType: "user",
      entityId: user.id,
      after: { failedLogins: after?.failedLogins },
    });
    if ((after?.failedLogins ?? 0) >= config.login.maxFailures) {
      throw new AppError(
        423,
        "ACCOUNT_LOCKED",
        `密码连续错误 ${config.login.maxFailures} 次，账号已锁定 ${config.login.lockMinutes} 分钟，请稍后再试或联系管理员解锁`,
      );
    }
    const left = config.login.maxFailures - (after?.failedLogins ?? 0);
    throw new AppError(401, "INVALID_CREDENTIALS", `用户名或密码错误，再错 ${left} 次账号将被锁定`);
  }
  if (user.disabled) throw new AppError(403, "ACCOUNT_DISABLED", "账号已停用，请联系管理员");
  if (user.isDemo && config.mode === "production") {
    throw new AppError(403, "DEMO_ACCOUNT", "演示账号在生产模式下不可使用");
  }
  const token = newSessionToken();
  const maxAgeSeconds = config.session.absoluteHours * 3600;
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now })
      .where(eq(users.id, user.id));
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
      { action: "auth.login", entityType: "user", entityId: user.id },
    );
  });
  return { token, userId: user.id, maxAgeSeconds };
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
) {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user || !(await verifyPassword(user.passwordHash, input.oldPassword))) {
    throw new AppError(400, "VALIDATION", "原密码不正确", "oldPassword");
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date(), version: sql`${users.version} + 1` })
      .where(eq(users.id, userId));
    // Other sessions of this account end when its password changes.
    await tx
      .delete(sessions)
      .where(sql`${sessions.userId} = ${userId} and ${sessions.tokenHash} <> ${keepSessionHash ?? ""}`);
    await recordAudit(tx, actor, { action: "user.password_change", entityType: "user", entityId: userId });
  });
}
