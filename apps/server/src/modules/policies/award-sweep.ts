import type { PolicySweep } from "@dxcenter/contracts";
import {
  bulkInsert,
  type Database,
  type Executor,
  enterprises,
  policyAwards,
  policySweeps,
} from "@dxcenter/db";
import {
  type Actor,
  evaluatePolicy,
  type PolicyDefinition,
  type PolicyEvaluation,
  type PriorAward,
} from "@dxcenter/domain";
import { and, asc, count, desc, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import { conflict, forbidden, notFound } from "../../errors";
import { shanghaiToday } from "../../lib/dates";
import { type AuditActor, type AuditEntry, recordAudit } from "../audit/audit.service";
import { storedShares } from "./award-snapshot";
import { assertDistrictExists } from "./budget-pool.service";
import { enterpriseFactColumns, factsOf, latestLevels } from "./enterprise-facts";
import { currentPolicy } from "./policy.repository";
import { isGranted, toPriorAward } from "./prior-awards";

/**
 * 免申即享 sweeps: one job per policy and scope (city or a district) walks the enterprise registry in
 * batches, evaluates the policy on each enterprise's facts and identifies the eligible ones as awards.
 * The job row is the lease: a running sweep renews it with every batch, an expired one is taken over.
 */

const BATCH = 1000;

function toSweep(r: typeof policySweeps.$inferSelect): PolicySweep {
  return {
    id: r.id,
    policyId: r.policyId,
    policyVersion: r.policyVersion,
    districtCode: r.districtCode,
    status: r.status as PolicySweep["status"],
    total: r.total,
    done: r.done,
    progress: r.total ? Math.floor((r.done / r.total) * 100) : r.status === "done" ? 100 : 0,
    eligible: r.eligible,
    identified: r.identified,
    existing: r.existing,
    ineligible: r.ineligible,
    missing: r.missing,
    identifiedFen: r.identifiedFen,
    errorMessage: r.errorMessage,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Who starts a sweep: a bureau administrator (in its scope), or the scheduled 免申即享 job
 * (jobs/policy-sweep-job.ts: the whole city, no user — its runs are in the jobs view).
 */
export type SweepRequester = Actor | { scheduled: true };

function sweepScope(actor: SweepRequester, districtCode: string | undefined): string | null {
  if ("scheduled" in actor || actor.role === "city_admin") return districtCode ?? null;
  if (actor.role === "district_admin" && actor.districtCode) return actor.districtCode;
  throw forbidden("发起免申即享筛查");
}

export interface SweepTimings {
  readMs: number;
  evaluateMs: number;
  writeMs: number;
}

/**
 * Starts a 免申即享 sweep: records the job row and returns it with the promise of the run, so the
 * route can answer 202 at once and tests/seeds can await the end. Idempotent: an enterprise that
 * already has an award of this policy (any state but withdrawn) is counted as `existing`, not
 * identified again; the open-award unique index backs this up.
 */
export async function startSweep(
  db: Database,
  actor: SweepRequester,
  auditActor: AuditActor,
  policyId: string,
  input: { districtCode?: string | undefined },
  opts: { today?: string; timings?: SweepTimings; now?: Date } = {},
) {
  const districtCode = sweepScope(actor, input.districtCode);
  const found = await currentPolicy(db, policyId);
  if (!found) throw notFound("政策");
  const def = found.def;
  if (def.beneficiary !== "enterprise")
    throw conflict("PROJECT_POLICY", `“${def.name}”按项目支持，需由企业申报项目，不能免申即享筛查`);
  if (districtCode) await assertDistrictExists(db, districtCode);
  // One start at a time per policy and scope: a running sweep with a live lease is returned as it
  // is (no second run); one whose lease expired lost its node and is taken over.
  const started = await db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`policy-sweep-start:${def.id}:${districtCode ?? "city"}`}))`,
    );
    const [running] = await tx
      .select()
      .from(policySweeps)
      .where(
        and(
          eq(policySweeps.policyId, def.id),
          districtCode ? eq(policySweeps.districtCode, districtCode) : isNull(policySweeps.districtCode),
          eq(policySweeps.status, "running"),
        ),
      )
      .orderBy(desc(policySweeps.createdAt))
      .limit(1)
      .for("update");
    const now = opts.now ?? new Date();
    if (running && now.getTime() - running.heartbeatAt.getTime() < SWEEP_LEASE_MS)
      return { running: true as const, row: running };
    const [row] = await tx
      .insert(policySweeps)
      .values({
        policyId: def.id,
        policyVersion: def.version,
        districtCode,
        userId: "scheduled" in actor ? null : actor.id,
        status: "running",
      })
      .returning();
    if (running) {
      const minutes = Math.floor((now.getTime() - running.heartbeatAt.getTime()) / 60_000);
      const message = `执行中断：已 ${minutes} 分钟未更新进度（租约 ${SWEEP_LEASE_MS / 60_000} 分钟已过期），已由新的筛查接管`;
      await tx
        .update(policySweeps)
        .set({ status: "failed", errorMessage: message, finishedAt: now })
        .where(eq(policySweeps.id, running.id));
      await recordAudit(tx, auditActor, {
        action: "policy.sweep_takeover",
        entityType: "policy",
        entityId: `${def.id}@${def.version}`,
        districtCode,
        before: {
          sweepId: running.id,
          status: "running",
          heartbeatAt: running.heartbeatAt.toISOString(),
          done: running.done,
          total: running.total,
        },
        after: { sweepId: running.id, status: "failed", errorMessage: message, takenOverBy: row!.id },
      });
    }
    return { running: false as const, row: row! };
  });
  if (started.running)
    return { sweep: toSweep(started.row), done: Promise.resolve(null), alreadyRunning: true };
  const sweep = started.row;
  const done = runSweep(
    db,
    sweep.userId,
    auditActor,
    def,
    sweep.id,
    districtCode,
    opts.today ?? shanghaiToday(),
    opts.timings,
  ).catch(async (e: unknown) => {
    // Only while it is still ours: a sweep taken over keeps the takeover message.
    await db
      .update(policySweeps)
      .set({ status: "failed", errorMessage: (e as Error).message.slice(0, 500), finishedAt: new Date() })
      .where(and(eq(policySweeps.id, sweep.id), eq(policySweeps.status, "running")));
    return null;
  });
  return { sweep: toSweep(sweep), done, alreadyRunning: false };
}

/** A running sweep renews its lease with every batch; older than this, its node is taken for dead. */
export const SWEEP_LEASE_MS = 2 * 60_000;

class SweepTakenOver extends Error {}

/** Writes progress and renews the lease, only while the sweep is still running as ours. */
async function renewLease(db: Executor, sweepId: string, set: Partial<typeof policySweeps.$inferInsert>) {
  const updated = await db
    .update(policySweeps)
    .set({ ...set, heartbeatAt: new Date() })
    .where(and(eq(policySweeps.id, sweepId), eq(policySweeps.status, "running")))
    .returning({ id: policySweeps.id });
  if (updated.length === 0) throw new SweepTakenOver("该筛查已由新的筛查接管，本次执行停止");
}

async function runSweep(
  db: Database,
  userId: string | null,
  auditActor: AuditActor,
  def: PolicyDefinition,
  sweepId: string,
  districtCode: string | null,
  today: string,
  timings?: SweepTimings,
) {
  const scope = districtCode ? eq(enterprises.districtCode, districtCode) : sql`true`;
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(enterprises).where(scope);
  await renewLease(db, sweepId, { total: n });
  const c = { done: 0, eligible: 0, identified: 0, existing: 0, ineligible: 0, missing: 0, identifiedFen: 0 };
  let after = "00000000-0000-0000-0000-000000000000";
  const group = def.nonCumulation?.group ?? null;
  for (;;) {
    const t0 = performance.now();
    const rows = await db
      .select(enterpriseFactColumns)
      .from(enterprises)
      .where(and(scope, gt(enterprises.id, after)))
      .orderBy(asc(enterprises.id))
      .limit(BATCH);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const ids = rows.map((r) => r.id);
    const [levels, awards] = await Promise.all([
      latestLevels(db, ids),
      db
        .select({
          enterpriseId: policyAwards.enterpriseId,
          policyId: policyAwards.policyId,
          status: policyAwards.status,
          group: policyAwards.nonCumulationGroup,
          amountFen: policyAwards.amountFen,
          districtConfirmedAt: policyAwards.districtConfirmedAt,
          identifiedAt: policyAwards.identifiedAt,
        })
        .from(policyAwards)
        .where(and(inArray(policyAwards.enterpriseId, ids), ne(policyAwards.status, "withdrawn"))),
    ]);
    const t1 = performance.now();
    const skip = new Set<string>();
    const prior = new Map<string, PriorAward[]>();
    for (const a of awards) {
      if (a.policyId === def.id) skip.add(a.enterpriseId);
      if (group && a.group === group && isGranted(a.status)) skip.add(a.enterpriseId);
      if (isGranted(a.status)) {
        const list = prior.get(a.enterpriseId) ?? [];
        list.push(toPriorAward(a));
        prior.set(a.enterpriseId, list);
      }
    }
    const inserts: (typeof policyAwards.$inferInsert)[] = [];
    for (const e of rows) {
      const f = factsOf(e, levels);
      const ev = evaluatePolicy(def, f.facts, { today, priorAwards: prior.get(e.id) ?? [] });
      if (ev.status === "ineligible") c.ineligible++;
      else if (ev.status === "missing") c.missing++;
      else if (skip.has(e.id)) {
        c.eligible++;
        c.existing++;
      } else if ((ev.amountFen ?? 0) <= 0) c.ineligible++;
      else {
        c.eligible++;
        inserts.push(newAward(def, e.id, f.facts, ev, userId));
      }
    }
    const t2 = performance.now();
    await db.transaction(async (tx) => {
      // Two sweeps of one policy at once: the second waits here and then sees the first one's rows.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`policy-sweep:${def.id}`}))`);
      let toInsert = inserts;
      if (inserts.length) {
        const again = await tx
          .select({ enterpriseId: policyAwards.enterpriseId })
          .from(policyAwards)
          .where(
            and(
              eq(policyAwards.policyId, def.id),
              inArray(
                policyAwards.enterpriseId,
                inserts.map((i) => i.enterpriseId),
              ),
              ne(policyAwards.status, "withdrawn"),
            ),
          );
        const taken = new Set(again.map((a) => a.enterpriseId));
        toInsert = inserts.filter((i) => !taken.has(i.enterpriseId));
        c.existing += inserts.length - toInsert.length;
      }
      const created = await bulkInsert<
        typeof policyAwards,
        { id: string; enterpriseId: string; amountFen: number }
      >(tx, policyAwards, toInsert, { returning: ["id", "enterpriseId", "amountFen"] });
      c.identified += created.length;
      c.identifiedFen += created.reduce((s, r) => s + Number(r.amountFen), 0);
      c.done += rows.length;
      const byId = new Map(rows.map((r) => [r.id, r.districtCode]));
      await recordAudit(
        tx,
        auditActor,
        created.map(
          (r): AuditEntry => ({
            action: "policy_award.identify",
            entityType: "policy_award",
            entityId: r.id,
            districtCode: byId.get(r.enterpriseId) ?? null,
            after: {
              policyId: def.id,
              policyVersion: def.version,
              enterpriseId: r.enterpriseId,
              amountFen: Number(r.amountFen),
              sweepId,
            },
          }),
        ),
      );
      await renewLease(tx, sweepId, { ...c });
    });
    const t3 = performance.now();
    if (timings) {
      timings.readMs += t1 - t0;
      timings.evaluateMs += t2 - t1;
      timings.writeMs += t3 - t2;
    }
    if (rows.length < BATCH) break;
  }
  const [finished] = await db.transaction(async (tx) => {
    await recordAudit(tx, auditActor, {
      action: "policy.sweep",
      entityType: "policy",
      entityId: `${def.id}@${def.version}`,
      districtCode,
      after: { sweepId, today, ...c },
    });
    const rows = await tx
      .update(policySweeps)
      .set({ status: "done", finishedAt: new Date(), heartbeatAt: new Date() })
      .where(and(eq(policySweeps.id, sweepId), eq(policySweeps.status, "running")))
      .returning();
    if (rows.length === 0) throw new SweepTakenOver("该筛查已由新的筛查接管，本次执行停止");
    return rows;
  });
  return toSweep(finished!);
}

function newAward(
  def: PolicyDefinition,
  enterpriseId: string,
  facts: Record<string, unknown>,
  ev: PolicyEvaluation,
  by: string | null,
): typeof policyAwards.$inferInsert {
  return {
    policyId: def.id,
    policyVersion: def.version,
    enterpriseId,
    source: "sweep",
    status: "identified",
    nonCumulationGroup: def.nonCumulation?.group ?? null,
    amountFen: ev.amountFen ?? 0,
    shares: storedShares(ev),
    facts,
    evaluation: ev,
    identifiedBy: by,
  };
}

export async function getSweep(db: Database, actor: Actor, id: string) {
  if (actor.role !== "city_admin" && actor.role !== "district_admin") throw forbidden("查看免申即享筛查");
  const [row] = await db
    .select()
    .from(policySweeps)
    .where(and(eq(policySweeps.id, id), eq(policySweeps.userId, actor.id)));
  if (!row) throw notFound("筛查任务");
  return toSweep(row);
}
