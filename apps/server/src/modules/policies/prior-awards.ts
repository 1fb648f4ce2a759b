import { type Executor, policyAwards } from "@dxcenter/db";
import type { PriorAward } from "@dxcenter/domain";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { shanghaiDay } from "../../lib/dates";

/**
 * What an enterprise has already been granted: the prior awards a policy's caps (per enterprise, per
 * year) and non-cumulation groups are evaluated against.
 */

/** Awards that count as granted for caps and non-cumulation (identified ones are not granted yet). */
export const GRANTED_STATUSES = ["district_confirmed", "enterprise_confirmed", "paid"] as const;

export const isGranted = (status: string) => (GRANTED_STATUSES as readonly string[]).includes(status);

/** One granted award as the engine reads it: awarded on the day the district confirmed it. */
export function toPriorAward(r: {
  policyId: string;
  amountFen: number;
  districtConfirmedAt: Date | null;
  identifiedAt: Date;
  projectId?: string | null;
}): PriorAward {
  return {
    policyId: r.policyId,
    amountFen: r.amountFen,
    awardedOn: shanghaiDay(r.districtConfirmedAt ?? r.identifiedAt),
    ...(r.projectId ? { projectId: r.projectId } : {}),
  };
}

export async function priorAwardsOf(
  db: Executor,
  enterpriseId: string,
  /** An award being recomputed: its own amount must not count against its caps. */
  exceptAwardId?: string,
): Promise<PriorAward[]> {
  const rows = await db
    .select({
      policyId: policyAwards.policyId,
      amountFen: policyAwards.amountFen,
      districtConfirmedAt: policyAwards.districtConfirmedAt,
      identifiedAt: policyAwards.identifiedAt,
      projectId: policyAwards.projectId,
    })
    .from(policyAwards)
    .where(
      and(
        eq(policyAwards.enterpriseId, enterpriseId),
        inArray(policyAwards.status, [...GRANTED_STATUSES]),
        exceptAwardId ? ne(policyAwards.id, exceptAwardId) : sql`true`,
      ),
    );
  return rows.map(toPriorAward);
}
