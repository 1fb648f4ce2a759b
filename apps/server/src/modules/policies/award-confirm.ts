import { AWARD_STATUS_LABELS } from "@dxcenter/contracts";
import { type Executor, policyAwards } from "@dxcenter/db";
import type { Actor } from "@dxcenter/domain";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { conflict } from "../../errors";
import { shanghaiToday, yearOf } from "../../lib/dates";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { runAwardStep } from "./award.guard";
import { type AwardRow, getAward } from "./award.queries";
import { recomputeAward } from "./award-recompute";
import { releaseReservations, reservePools, resolvePools } from "./award-reservations";
import { evaluationOf, formulaLines, reservationsOf } from "./award-snapshot";
import { loadPolicyVersion } from "./policy.repository";
import { GRANTED_STATUSES } from "./prior-awards";

/**
 * The two confirmations of an award: 区级确认 (recompute, non-cumulation, reserve the budget) and the
 * enterprise's 意愿确认 (recompute; re-reserve when the amount changed). Both take the caller's
 * executor: a project's 市级审定 confirms its award inside its own transaction.
 */

/** Non-cumulation: one granted award per enterprise and group (per project for project policies). */
async function assertNotCumulated(tx: Executor, r: AwardRow) {
  const a = r.a;
  if (!a.nonCumulationGroup) return;
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`award-group:${a.enterpriseId}:${a.nonCumulationGroup}`}))`,
  );
  const [other] = await tx
    .select({
      policyId: policyAwards.policyId,
      version: policyAwards.policyVersion,
      status: policyAwards.status,
    })
    .from(policyAwards)
    .where(
      and(
        eq(policyAwards.enterpriseId, a.enterpriseId),
        eq(policyAwards.nonCumulationGroup, a.nonCumulationGroup),
        inArray(policyAwards.status, [...GRANTED_STATUSES]),
        ne(policyAwards.id, a.id),
        a.projectId ? eq(policyAwards.projectId, a.projectId) : sql`true`,
      ),
    )
    .limit(1);
  if (other) {
    const otherDef = await loadPolicyVersion(tx, other.policyId, other.version);
    throw conflict(
      "NON_CUMULATIVE",
      `“${r.enterpriseName}”已获“${otherDef?.name ?? other.policyId}”支持（${AWARD_STATUS_LABELS[other.status]}），与“${r.policyName}”不重复享受`,
    );
  }
}

/**
 * 区级确认: reserves every share from its budget pool with ONE conditional UPDATE per pool —
 * `reserved + paid + amount <= total` is checked by the row update itself, so concurrent
 * confirmations serialize on the pool row and the pool can never be over-committed (the table's
 * CHECK is the last line). Non-cumulation: one granted award per enterprise and group.
 */
export async function districtConfirm(
  db: Executor,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  version: number,
  today = shanghaiToday(),
) {
  await runAwardStep(db, actor, { id, step: "districtConfirm", version }, async (tx, locked) => {
    const { row: r } = await recomputeAward(tx, auditActor, locked, today, "district_confirm");
    const a = r.a;
    await assertNotCumulated(tx, r);
    const reservations = await reservePools(tx, await resolvePools(tx, r, yearOf(today)));
    await tx
      .update(policyAwards)
      .set({
        status: "district_confirmed",
        reservations,
        districtConfirmedAt: new Date(),
        districtConfirmedBy: actor.id,
        updatedAt: new Date(),
        version: a.version + 1,
      })
      .where(eq(policyAwards.id, a.id));
    await recordAudit(tx, auditActor, {
      action: "policy_award.district_confirm",
      entityType: "policy_award",
      entityId: a.id,
      districtCode: r.districtCode,
      before: { status: a.status },
      after: {
        status: "district_confirmed",
        policyId: a.policyId,
        policyVersion: a.policyVersion,
        amountFen: a.amountFen,
        shares: a.shares,
        reservations,
        formula: formulaLines(evaluationOf(a)),
        facts: a.facts,
      },
    });
  });
  return getAward(db, actor, id);
}

/** 企业意愿确认. The amount changed since the district reserved it: the old reservation goes back, a new one is made. */
export async function enterpriseConfirm(
  db: Executor,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  version: number,
  today = shanghaiToday(),
) {
  await runAwardStep(db, actor, { id, step: "enterpriseConfirm", version }, async (tx, locked) => {
    const { row: r, changed } = await recomputeAward(tx, auditActor, locked, today, "enterprise_confirm");
    let reservations = reservationsOf(r.a);
    if (changed) {
      await releaseReservations(tx, reservations);
      reservations = await reservePools(tx, await resolvePools(tx, r, yearOf(today)));
    }
    await tx
      .update(policyAwards)
      .set({
        status: "enterprise_confirmed",
        reservations,
        enterpriseConfirmedAt: new Date(),
        enterpriseConfirmedBy: actor.id,
        updatedAt: new Date(),
        version: r.a.version + 1,
      })
      .where(eq(policyAwards.id, id));
    await recordAudit(tx, auditActor, {
      action: "policy_award.enterprise_confirm",
      entityType: "policy_award",
      entityId: id,
      districtCode: r.districtCode,
      before: { status: locked.a.status, amountFen: locked.a.amountFen },
      after: {
        status: "enterprise_confirmed",
        amountFen: r.a.amountFen,
        policyVersion: r.a.policyVersion,
        ...(changed ? { reservations } : {}),
      },
    });
  });
  return getAward(db, actor, id);
}
