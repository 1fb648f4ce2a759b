import { auditLog, type Executor, users } from "@dxcenter/db";
import type { Actor, AuditAction } from "@dxcenter/domain";
import { eq, inArray } from "drizzle-orm";
import type { AuditActor } from "../modules/audit/audit.service";

/** The audit identity of what a seed writes itself (not through a demo account). */
export const SEED_ACTOR: AuditActor = { id: null, name: "system", role: "system", ip: null };

/**
 * Whether a demo seed has run on this database: each one ends by writing one audit row with its own
 * marker action, so a restart (or a second node) does not seed twice.
 */
export async function seededBefore(db: Executor, marker: AuditAction): Promise<boolean> {
  const [done] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(eq(auditLog.action, marker))
    .limit(1);
  return done !== undefined;
}

/** A demo login as the services take it: the actor (role and bindings) and its audit identity. */
export interface DemoAccount {
  id: string;
  enterpriseId: string | null;
  actor: Actor;
  audit: AuditActor;
}

/** The demo logins of these usernames that exist (seedDemo creates them), by username. */
export async function demoAccounts(db: Executor, usernames: readonly string[]) {
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      role: users.role,
      districtCode: users.districtCode,
      enterpriseId: users.enterpriseId,
    })
    .from(users)
    .where(inArray(users.username, [...usernames]));
  return new Map(
    rows.map((u): [string, DemoAccount] => [
      u.username,
      {
        id: u.id,
        enterpriseId: u.enterpriseId,
        actor: { id: u.id, role: u.role, districtCode: u.districtCode, enterpriseId: u.enterpriseId },
        audit: { id: u.id, name: u.username, role: u.role, ip: null },
      },
    ]),
  );
}
