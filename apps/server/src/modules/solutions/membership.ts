import { type Executor, providerMembers } from "@dxcenter/db";
import type { Actor } from "@dxcenter/domain";
import { eq } from "drizzle-orm";

/** The provider organisations a provider account acts for (provider_members); [] for other roles. */
export async function providerIdsOf(db: Executor, actor: Actor | null): Promise<string[]> {
  if (actor?.role !== "provider") return [];
  const rows = await db
    .select({ id: providerMembers.providerId })
    .from(providerMembers)
    .where(eq(providerMembers.userId, actor.id));
  return rows.map((r) => r.id);
}
