import type { Executor } from "@dxcenter/db";
import { passwordHistory, users } from "@dxcenter/db";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { desc, eq, inArray } from "drizzle-orm";
import { badRequest } from "../errors";
import { verifyPassword } from "./passwords";

/**
 * What a new password must pass beyond its shape (issue 16 §4; ASVS 4.0.3 V2.1.7, V2.1.9): it is not a
 * common or breached password nor guessable (zxcvbn-ts, with its common-password and word lists, score
 * ≥ 3 of 4 — "safely unguessable", ~10^8 guesses), not built from the account's username or name or
 * the platform's name (given to zxcvbn as user inputs), and not the current password or one of the
 * last PASSWORD_HISTORY − 1 earlier ones. The length rule (12–128, no composition rules) is the
 * contract's PASSWORD_RULE, checked by the schema before this.
 */
export const PASSWORD_HISTORY = 5;
const MIN_SCORE = 3;
const PLATFORM_WORDS = ["dxcenter", "dxc", "制造业数字化转型促进中心", "数字化转型", "tianjin", "天津"];

let estimator: ZxcvbnFactory | null = null;
const strength = () => {
  estimator ??= new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs });
  return estimator;
};

export interface PasswordOwner {
  username: string;
  displayName?: string | null;
}

/** The Chinese reason a password is refused, or null when it is acceptable (length aside). */
export function passwordWeakness(password: string, owner: PasswordOwner): string | null {
  const lower = password.toLowerCase();
  const own = [owner.username, owner.displayName ?? ""].filter((w) => w.length >= 3);
  if (own.some((w) => lower.includes(w.toLowerCase()))) return "密码不能包含用户名或姓名";
  const result = strength().check(password, [...own, ...PLATFORM_WORDS]);
  if (result.feedback.warning === "userInputs") return "密码不能以用户名、姓名或平台名称为主体";
  if (result.score < MIN_SCORE)
    return "密码过于常见或容易被猜到，请使用更长、更不规则的密码（如几个无关的词语加数字）";
  return null;
}

/**
 * Refuses a new password for `owner` with 400 VALIDATION naming `field`: weak (passwordWeakness) or,
 * for an existing account (`userId`), equal to its current or a recent password.
 */
export async function assertAcceptablePassword(
  db: Executor,
  password: string,
  owner: PasswordOwner,
  field: string,
  userId?: string,
): Promise<void> {
  const weakness = passwordWeakness(password, owner);
  if (weakness) throw badRequest(weakness, field);
  if (!userId) return;
  for (const hash of await recentPasswordHashes(db, userId)) {
    if (await verifyPassword(hash, password))
      throw badRequest(`新密码不能与当前密码或最近${PASSWORD_HISTORY - 1}次用过的密码相同`, field);
  }
}

/** The account's current hash, then its earlier ones, newest first (PASSWORD_HISTORY in all). */
async function recentPasswordHashes(db: Executor, userId: string): Promise<string[]> {
  const [current] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  const earlier = await db
    .select({ hash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.createdAt))
    .limit(PASSWORD_HISTORY - 1);
  return [...(current ? [current.hash] : []), ...earlier.map((r) => r.hash)];
}

/**
 * Keeps the hash being replaced (inside the transaction that replaces it) and drops what falls out of
 * the window.
 */
export async function rememberReplacedPassword(
  tx: Executor,
  userId: string,
  replacedHash: string,
): Promise<void> {
  await tx.insert(passwordHistory).values({ userId, passwordHash: replacedHash });
  const keep = await tx
    .select({ id: passwordHistory.id })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id))
    .limit(PASSWORD_HISTORY - 1);
  const all = await tx
    .select({ id: passwordHistory.id })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId));
  const drop = all.map((r) => r.id).filter((id) => !keep.some((k) => k.id === id));
  if (drop.length) await tx.delete(passwordHistory).where(inArray(passwordHistory.id, drop));
}
