import { type Executor, providerMembers } from "@dxcenter/db";
import { eq } from "drizzle-orm";

/** Which accounts belong to which provider organisation (provider_members). */

/** The provider organisation a provider account belongs to. */
export async function providerIdOfUser(db: Executor, userId: string): Promise<string | null> {
  const [m] = await db
    .select({ id: providerMembers.providerId })
    .from(providerMembers)
    .where(eq(providerMembers.userId, userId));
  return m?.id ?? null;
}

export async function memberIds(db: Executor, providerId: string): Promise<string[]> {
  const rows = await db
    .select({ u: providerMembers.userId })
    .from(providerMembers)
    .where(eq(providerMembers.providerId, providerId));
  return rows.map((r) => r.u);
}
