import type { CreateUserRequest, UpdateUserRequest, UserItem, UserListQuery } from "@dxcenter/contracts";
import { type Database, districts, enterprises, sessions, users } from "@dxcenter/db";
import { checkRoleBinding, type Role } from "@dxcenter/domain";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { AppError, badRequest, conflict, notFound } from "../../errors";
import { countRows, listOrder, pageOfSelect, searchAny } from "../../lib/list-query";
import { assertAcceptablePassword, rememberReplacedPassword } from "../../lib/password-policy";
import { hashPassword } from "../../lib/passwords";
import type { CurrentUser } from "../../plugins/auth";
import { type AuditActor, recordAudit } from "../audit/audit.service";

const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  districtCode: users.districtCode,
  districtName: districts.name,
  enterpriseId: users.enterpriseId,
  enterpriseName: enterprises.name,
  organization: users.organization,
  disabled: users.disabled,
  isDemo: users.isDemo,
  lockedUntil: users.lockedUntil,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  version: users.version,
};

type UserRow = { [K in keyof typeof userColumns]: unknown } & Record<string, unknown>;

function toItem(r: UserRow): UserItem {
  const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : null);
  return {
    id: r.id as string,
    username: r.username as string,
    displayName: r.displayName as string,
    role: r.role as Role,
    districtCode: (r.districtCode as string | null) ?? null,
    districtName: (r.districtName as string | null) ?? null,
    enterpriseId: (r.enterpriseId as string | null) ?? null,
    enterpriseName: (r.enterpriseName as string | null) ?? null,
    organization: (r.organization as string | null) ?? null,
    disabled: r.disabled as boolean,
    isDemo: r.isDemo as boolean,
    lockedUntil: r.lockedUntil instanceof Date && r.lockedUntil > new Date() ? iso(r.lockedUntil) : null,
    lastLoginAt: iso(r.lastLoginAt),
    createdAt: iso(r.createdAt) ?? "",
    version: r.version as number,
  };
}

function baseQuery(db: Database) {
  return db
    .select(userColumns)
    .from(users)
    .leftJoin(districts, eq(districts.code, users.districtCode))
    .leftJoin(enterprises, eq(enterprises.id, users.enterpriseId));
}

export async function loadCurrentUser(db: Database, id: string): Promise<CurrentUser> {
  const [r] = await baseQuery(db).where(eq(users.id, id)).limit(1);
  if (!r) throw notFound("用户");
  return {
    id: r.id,
    role: r.role as Role,
    districtCode: r.districtCode,
    enterpriseId: r.enterpriseId,
    username: r.username,
    displayName: r.displayName,
    organization: r.organization,
    districtName: r.districtName,
    enterpriseName: r.enterpriseName,
  };
}

export async function listUsers(db: Database, q: z.output<typeof UserListQuery>) {
  const cond = and(
    searchAny(q.q, users.username, users.displayName, users.organization),
    q.role ? eq(users.role, q.role) : undefined,
    q.districtCode ? eq(users.districtCode, q.districtCode) : undefined,
    q.disabled === undefined ? undefined : eq(users.disabled, q.disabled),
  );
  return pageOfSelect(
    q,
    baseQuery(db)
      .where(cond)
      .orderBy(...listOrder({ role: users.role }, "role", "asc", users.username)),
    countRows(db, users, cond),
    toItem,
  );
}

export async function getUser(db: Database, id: string): Promise<UserItem> {
  const [r] = await baseQuery(db).where(eq(users.id, id)).limit(1);
  if (!r) throw notFound("用户");
  return toItem(r);
}

async function validateBinding(
  db: Database,
  role: Role,
  districtCode: string | null | undefined,
  enterpriseId: string | null | undefined,
) {
  const bindingError = checkRoleBinding(role, { districtCode, enterpriseId });
  if (bindingError) throw badRequest(bindingError.message, bindingError.field);
  if (districtCode) {
    const [d] = await db.select().from(districts).where(eq(districts.code, districtCode));
    if (d?.status !== "current")
      throw badRequest(`所属区代码 ${districtCode} 不是现行行政区`, "districtCode");
  }
  if (enterpriseId) {
    const [e] = await db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(eq(enterprises.id, enterpriseId));
    if (!e) throw badRequest("所属企业不存在", "enterpriseId");
  }
}

export async function createUser(
  db: Database,
  input: z.output<typeof CreateUserRequest>,
  actor: AuditActor,
  opts: { isDemo?: boolean } = {},
): Promise<UserItem> {
  // Only the binding that matters for the role is kept, so a stale form value cannot widen access.
  const districtCode = input.role === "district_admin" ? (input.districtCode ?? null) : null;
  const enterpriseId = input.role === "enterprise" ? (input.enterpriseId ?? null) : null;
  await validateBinding(db, input.role, districtCode, enterpriseId);
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (existing) throw conflict("DUPLICATE_USERNAME", `用户名“${input.username}”已被使用`, "username");
  await assertAcceptablePassword(db, input.password, input, "password");
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        role: input.role,
        districtCode,
        enterpriseId,
        organization: input.organization ?? null,
        isDemo: opts.isDemo ?? false,
      })
      .onConflictDoNothing({ target: users.username })
      .returning({ id: users.id });
    // Lost a race with a simultaneous creation of the same username.
    if (!row) throw conflict("DUPLICATE_USERNAME", `用户名“${input.username}”已被使用`, "username");
    const after = {
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      districtCode,
      enterpriseId,
    };
    await recordAudit(tx, actor, {
      action: "user.create",
      entityType: "user",
      entityId: row.id,
      districtCode,
      after,
    });
    return row.id;
  });
  return getUser(db, id);
}

export async function updateUser(
  db: Database,
  id: string,
  input: z.output<typeof UpdateUserRequest>,
  actor: AuditActor,
): Promise<UserItem> {
  const before = await getUser(db, id);
  if (input.disabled && id === actor.id) throw badRequest("不能停用自己的账号", "disabled");
  if (input.password) {
    const owner = { username: before.username, displayName: input.displayName ?? before.displayName };
    await assertAcceptablePassword(db, input.password, owner, "password", id);
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const [{ replacedHash } = { replacedHash: null }] = passwordHash
    ? await db.select({ replacedHash: users.passwordHash }).from(users).where(eq(users.id, id))
    : [];
  await db.transaction(async (tx) => {
    if (passwordHash && replacedHash) await rememberReplacedPassword(tx, id, replacedHash);
    const set: Record<string, unknown> = {
      updatedAt: new Date(),
      version: sql`${users.version} + 1`,
    };
    if (input.displayName !== undefined) set.displayName = input.displayName;
    if (input.disabled !== undefined) set.disabled = input.disabled;
    if (input.organization !== undefined) set.organization = input.organization;
    if (passwordHash) set.passwordHash = passwordHash;
    if (passwordHash || input.unlock) {
      set.failedLogins = 0;
      set.lockedUntil = null;
    }
    const updated = await tx
      .update(users)
      .set(set)
      .where(and(eq(users.id, id), eq(users.version, input.version)))
      .returning({ id: users.id });
    if (updated.length === 0) {
      throw new AppError(409, "VERSION_CONFLICT", "该用户已被他人修改，请刷新后重新编辑");
    }
    // Disabling an account or resetting its password ends its sessions at once.
    if (input.disabled || passwordHash) await tx.delete(sessions).where(eq(sessions.userId, id));
    const after = {
      displayName: input.displayName ?? before.displayName,
      disabled: input.disabled ?? before.disabled,
      organization: input.organization !== undefined ? input.organization : before.organization,
      passwordReset: !!passwordHash,
      unlocked: !!input.unlock,
    };
    await recordAudit(tx, actor, {
      action: "user.update",
      entityType: "user",
      entityId: id,
      districtCode: before.districtCode,
      before: {
        displayName: before.displayName,
        disabled: before.disabled,
        organization: before.organization,
      },
      after,
    });
  });
  return getUser(db, id);
}
