import {
  AWARD_STATUS_LABELS,
  type AwardDetail,
  type AwardItem,
  type AwardListQuery,
  type AwardStatus,
  type PaymentRequest,
  type PolicySweep,
} from "@dxcenter/contracts";
import {
  awardPayments,
  budgetPools,
  bulkInsert,
  type Database,
  districts,
  type Executor,
  enterprises,
  policyAwards,
  policySweeps,
  users,
} from "@dxcenter/db";
import {
  type Actor,
  evaluatePolicy,
  formatMoney,
  type PolicyDefinition,
  type PolicyEvaluation,
  type PriorAward,
  parseWanYuanToFen,
} from "@dxcenter/domain";
import { and, asc, count, desc, eq, gt, ilike, inArray, isNull, ne, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { AppError, badRequest, conflict, forbidden, notFound } from "../../errors";
import { allPages } from "../../lib/pages";
import { type AuditActor, type AuditEntry, recordAudit } from "../audit/audit.service";
import { escapeLike } from "../users/user.service";
import {
  type AwardFacts,
  type AwardPermission,
  awardPermissions,
  awardReadCondition,
  roleMayEver,
} from "./award.policy";
import { GRANTED_STATUSES, priorAwardsOf } from "./calculator.service";
import { buildEnterpriseFacts, enterpriseFactColumns, factsOf, latestLevels } from "./enterprise-facts";
import { currentPolicy, loadPolicyVersion, shanghaiToday } from "./policy.repository";

type ListQuery = z.output<typeof AwardListQuery>;

interface StoredShare {
  payer: string;
  payerLabel: string;
  budgetPoolCode: string;
  amountFen: number;
}
interface Reservation {
  poolId: string;
  poolName: string;
  amountFen: number;
  paidFen: number;
}

// ---------------------------------------------------------------------------------------------
// Sweeps (免申即享)

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

function sweepScope(actor: Actor, districtCode: string | undefined): string | null {
  if (actor.role === "city_admin") return districtCode ?? null;
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
  actor: Actor,
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
  if (districtCode) {
    const [d] = await db
      .select({ code: districts.code })
      .from(districts)
      .where(eq(districts.code, districtCode));
    if (!d) throw badRequest(`所属区代码“${districtCode}”不存在`, "districtCode");
  }
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
      return { existing: running };
    const [row] = await tx
      .insert(policySweeps)
      .values({
        policyId: def.id,
        policyVersion: def.version,
        districtCode,
        userId: actor.id,
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
    return { row: row! };
  });
  if ("existing" in started && started.existing)
    return { sweep: toSweep(started.existing), done: Promise.resolve(null), alreadyRunning: true };
  const row = (started as { row: typeof policySweeps.$inferSelect }).row;
  const sweep = row;
  const done = runSweep(
    db,
    actor,
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
  actor: Actor,
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
          at: policyAwards.districtConfirmedAt,
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
      if (group && a.group === group && (GRANTED_STATUSES as readonly string[]).includes(a.status))
        skip.add(a.enterpriseId);
      if ((GRANTED_STATUSES as readonly string[]).includes(a.status)) {
        const list = prior.get(a.enterpriseId) ?? [];
        list.push({
          policyId: a.policyId,
          amountFen: a.amountFen,
          awardedOn: shanghaiToday((a.at ?? a.identifiedAt).getTime()),
        });
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
        inserts.push(newAward(def, e.id, f.facts, ev, actor.id));
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
  by: string,
): typeof policyAwards.$inferInsert {
  return {
    policyId: def.id,
    policyVersion: def.version,
    enterpriseId,
    source: "sweep",
    status: "identified",
    nonCumulationGroup: def.nonCumulation?.group ?? null,
    amountFen: ev.amountFen ?? 0,
    shares: ev.shares.map(
      (s): StoredShare => ({
        payer: s.payer,
        payerLabel: s.payerLabel,
        budgetPoolCode: s.budgetPoolId,
        amountFen: s.amountFen,
      }),
    ),
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

// ---------------------------------------------------------------------------------------------
// Lists and detail

const confirmer = alias(users, "confirmer");
const columns = {
  a: policyAwards,
  enterpriseName: enterprises.name,
  districtCode: enterprises.districtCode,
  districtName: districts.name,
  confirmedByName: confirmer.displayName,
  policyName: sql<string>`(select p.name from policies p where p.id = ${policyAwards.policyId} and p.version = ${policyAwards.policyVersion})`,
};
function base(db: Executor) {
  return db
    .select(columns)
    .from(policyAwards)
    .innerJoin(enterprises, eq(enterprises.id, policyAwards.enterpriseId))
    .innerJoin(districts, eq(districts.code, enterprises.districtCode))
    .leftJoin(confirmer, eq(confirmer.id, policyAwards.districtConfirmedBy));
}
type Row = Awaited<ReturnType<ReturnType<typeof base>["limit"]>>[number];

const iso = (d: Date | null) => d?.toISOString() ?? null;
const factsOfRow = (r: Row): AwardFacts => ({
  enterpriseId: r.a.enterpriseId,
  districtCode: r.districtCode,
  status: r.a.status as AwardStatus,
});

function toItem(actor: Actor, r: Row): AwardItem {
  const a = r.a;
  return {
    id: a.id,
    policyId: a.policyId,
    policyVersion: a.policyVersion,
    policyName: r.policyName,
    enterpriseId: a.enterpriseId,
    enterpriseName: r.enterpriseName,
    districtCode: r.districtCode,
    districtName: r.districtName,
    projectId: a.projectId,
    status: a.status as AwardStatus,
    amountFen: a.amountFen,
    paidFen: a.paidFen,
    shares: a.shares as AwardItem["shares"],
    nonCumulationGroup: a.nonCumulationGroup,
    identifiedAt: a.identifiedAt.toISOString(),
    districtConfirmedAt: iso(a.districtConfirmedAt),
    districtConfirmedByName: r.confirmedByName,
    enterpriseConfirmedAt: iso(a.enterpriseConfirmedAt),
    paidAt: iso(a.paidAt),
    closedAt: iso(a.closedAt),
    closeReason: a.closeReason,
    updatedAt: a.updatedAt.toISOString(),
    version: a.version,
    permissions: awardPermissions(actor, factsOfRow(r)),
  };
}

function readScope(actor: Actor): SQL {
  const c = awardReadCondition(actor);
  if (!c) throw forbidden("查看政策兑现");
  return c;
}

export async function listAwards(db: Database, actor: Actor, q: ListQuery) {
  const where: SQL[] = [readScope(actor)];
  if (q.policyId) where.push(eq(policyAwards.policyId, q.policyId));
  if (q.status) where.push(eq(policyAwards.status, q.status));
  if (q.districtCode) where.push(eq(enterprises.districtCode, q.districtCode));
  if (q.enterpriseId) where.push(eq(policyAwards.enterpriseId, q.enterpriseId));
  if (q.q) where.push(ilike(enterprises.name, `%${escapeLike(q.q)}%`));
  const cond = and(...where);
  const dir = q.order === "asc" ? asc : desc;
  const sortCol = {
    identifiedAt: policyAwards.identifiedAt,
    amountFen: policyAwards.amountFen,
    enterpriseName: enterprises.name,
    updatedAt: policyAwards.updatedAt,
  }[q.sort];
  const [rows, [total]] = await Promise.all([
    base(db)
      .where(cond)
      .orderBy(dir(sortCol), asc(policyAwards.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(policyAwards)
      .innerJoin(enterprises, eq(enterprises.id, policyAwards.enterpriseId))
      .where(cond),
  ]);
  return {
    items: rows.map((r) => toItem(actor, r)),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function* iterateAwardsForExport(
  db: Database,
  actor: Actor,
  q: Omit<ListQuery, "page" | "pageSize">,
) {
  yield* allPages((page, pageSize) => listAwards(db, actor, { ...q, page, pageSize }), 1000);
}

async function findRow(db: Executor, actor: Actor, id: string, lock = false): Promise<Row> {
  const q = base(db)
    .where(and(readScope(actor), eq(policyAwards.id, id)))
    .limit(1);
  const [row] = lock ? await q.for("update", { of: policyAwards }) : await q;
  if (!row) throw notFound("政策兑现记录");
  return row;
}

async function toDetail(db: Executor, actor: Actor, r: Row): Promise<AwardDetail> {
  const payments = await db
    .select({ p: awardPayments, paidByName: users.displayName })
    .from(awardPayments)
    .innerJoin(users, eq(users.id, awardPayments.paidBy))
    .where(eq(awardPayments.awardId, r.a.id))
    .orderBy(asc(awardPayments.tranche));
  return {
    ...toItem(actor, r),
    evaluation: r.a.evaluation as AwardDetail["evaluation"],
    facts: r.a.facts as Record<string, unknown>,
    reservations: r.a.reservations as Reservation[],
    payments: payments.map((x) => ({
      id: x.p.id,
      tranche: x.p.tranche,
      amountFen: x.p.amountFen,
      idempotencyKey: x.p.idempotencyKey,
      voucherNo: x.p.voucherNo,
      paidAt: x.p.paidAt.toISOString(),
      paidByName: x.paidByName,
    })),
  };
}

export async function getAward(db: Executor, actor: Actor, id: string) {
  return toDetail(db, actor, await findRow(db, actor, id));
}

// ---------------------------------------------------------------------------------------------
// Steps

const STEP_NAMES: Record<AwardPermission, string> = {
  districtConfirm: "确认该政策兑现",
  enterpriseConfirm: "确认该政策兑现意愿",
  decline: "放弃该政策兑现",
  withdraw: "撤销该政策兑现",
  pay: "登记该政策兑现的拨付",
};
const STEP_STATES: Record<AwardPermission, string> = {
  districtConfirm: "只有“已识别”的记录可以区级确认",
  enterpriseConfirm: "只有区级已确认的记录可以确认意愿",
  decline: "只有尚未拨付的已确认记录可以放弃",
  withdraw: "只有尚未经企业确认的记录可以撤销",
  pay: "只有企业已确认意愿的记录可以登记拨付",
};

function assertStep(actor: Actor, r: Row, step: AwardPermission, version?: number) {
  const f = factsOfRow(r);
  if (!awardPermissions(actor, f)[step]) {
    if (!roleMayEver(actor, f, step)) throw forbidden(STEP_NAMES[step]);
    throw conflict("STATE_CONFLICT", `当前状态为“${AWARD_STATUS_LABELS[f.status]}”，${STEP_STATES[step]}`);
  }
  if (version !== undefined && version !== r.a.version)
    throw conflict("VERSION_CONFLICT", "该记录已被他人修改，请刷新后重试", "version");
}

const yearOf = (day: string) => Number(day.slice(0, 4));

async function resolvePools(tx: Executor, r: Row, year: number) {
  const shares = (r.a.shares as StoredShare[]).filter((s) => s.amountFen > 0);
  const out: { poolId: string; poolName: string; amountFen: number }[] = [];
  for (const s of shares) {
    const district = s.payer === "district" ? r.districtCode : null;
    const [pool] = await tx
      .select({ id: budgetPools.id, name: budgetPools.name })
      .from(budgetPools)
      .where(
        and(
          eq(budgetPools.code, s.budgetPoolCode),
          eq(budgetPools.year, year),
          district ? eq(budgetPools.districtCode, district) : sql`${budgetPools.districtCode} is null`,
        ),
      );
    if (!pool)
      throw conflict(
        "NO_BUDGET_POOL",
        `${year}年度尚未设立“${s.budgetPoolCode}”${district ? `${r.districtName}` : "市级"}预算池（${s.payerLabel}承担 ${formatMoney(s.amountFen)}），请先设立预算池`,
      );
    const same = out.find((o) => o.poolId === pool.id);
    if (same) same.amountFen += s.amountFen;
    else out.push({ poolId: pool.id, poolName: pool.name, amountFen: s.amountFen });
  }
  return out;
}

const storedShares = (ev: PolicyEvaluation): StoredShare[] =>
  ev.shares.map((s) => ({
    payer: s.payer,
    payerLabel: s.payerLabel,
    budgetPoolCode: s.budgetPoolId,
    amountFen: s.amountFen,
  }));

/** Shares compared by value (jsonb does not keep key order). */
const shareKey = (shares: readonly StoredShare[]) =>
  shares.map((s) => `${s.payer}|${s.budgetPoolCode}|${s.amountFen}`).join(";");

/**
 * 免申即享 awards are recomputed when they are confirmed (district, then enterprise): the facts as
 * they are now and the policy version in force now. No longer eligible → 409 with the engine's
 * Chinese reason (the failed condition). Changed amount, shares or version → the award row is
 * rewritten (amount, shares, facts and evaluation snapshot) and `policy_award.recompute` audited with
 * before/after and the formula inputs. Returns the row as it is now. Project awards are computed by
 * the project's 市级审定 in the same transaction and are returned unchanged.
 */
async function recomputeAward(
  tx: Executor,
  auditActor: AuditActor,
  r: Row,
  today: string,
  stage: "district_confirm" | "enterprise_confirm",
): Promise<{ row: Row; changed: boolean }> {
  const a = r.a;
  if (a.projectId) return { row: r, changed: false };
  const found = await currentPolicy(tx, a.policyId);
  if (!found) throw conflict("POLICY_NOT_CURRENT", `“${r.policyName}”已没有现行有效的版本，不能确认兑现`);
  const def = found.def;
  const [built, prior] = await Promise.all([
    buildEnterpriseFacts(tx, a.enterpriseId),
    priorAwardsOf(tx, a.enterpriseId, a.id),
  ]);
  const facts = built?.facts ?? {};
  const ev = evaluatePolicy(def, facts, { today, priorAwards: prior });
  if (ev.status !== "eligible")
    throw conflict("NO_LONGER_ELIGIBLE", `按现行政策和企业最新信息重新核算：${ev.summary}`);
  if ((ev.amountFen ?? 0) <= 0)
    throw conflict(
      "NO_LONGER_ELIGIBLE",
      `按现行政策和企业最新信息重新核算：${ev.summary}（${ev.steps.at(-1)?.text ?? "额度已用完"}）`,
    );
  const shares = storedShares(ev);
  const changed =
    ev.amountFen !== a.amountFen ||
    def.version !== a.policyVersion ||
    shareKey(shares) !== shareKey(a.shares as StoredShare[]);
  const snapshot = {
    policyVersion: def.version,
    amountFen: ev.amountFen!,
    shares,
    facts,
    evaluation: ev,
  };
  await tx.update(policyAwards).set(snapshot).where(eq(policyAwards.id, a.id));
  if (changed) {
    const before = a.evaluation as PolicyEvaluation;
    await recordAudit(tx, auditActor, {
      action: "policy_award.recompute",
      entityType: "policy_award",
      entityId: a.id,
      districtCode: r.districtCode,
      before: {
        stage,
        policyVersion: a.policyVersion,
        amountFen: a.amountFen,
        shares: a.shares,
        formula: before?.steps?.map((x) => x.text) ?? [],
        facts: a.facts,
      },
      after: {
        stage,
        policyVersion: def.version,
        amountFen: ev.amountFen,
        shares,
        formula: ev.steps.map((x) => x.text),
        facts,
      },
    });
  }
  return {
    row: { ...r, policyName: def.name, a: { ...a, ...snapshot } },
    changed,
  };
}

/** Reserves the pools' amounts, each with one conditional UPDATE (never beyond the pool's total). */
async function reservePools(
  tx: Executor,
  pools: { poolId: string; poolName: string; amountFen: number }[],
): Promise<Reservation[]> {
  const reservations: Reservation[] = [];
  for (const p of pools) {
    const updated = await tx
      .update(budgetPools)
      .set({ reservedFen: sql`${budgetPools.reservedFen} + ${p.amountFen}`, updatedAt: new Date() })
      .where(
        and(
          eq(budgetPools.id, p.poolId),
          sql`${budgetPools.reservedFen} + ${budgetPools.paidFen} + ${p.amountFen} <= ${budgetPools.totalFen}`,
        ),
      )
      .returning({ id: budgetPools.id });
    if (updated.length === 0) {
      const [pool] = await tx.select().from(budgetPools).where(eq(budgetPools.id, p.poolId));
      const left = pool ? pool.totalFen - pool.reservedFen - pool.paidFen : 0;
      throw conflict(
        "BUDGET_EXCEEDED",
        `预算池“${p.poolName}”剩余可用 ${formatMoney(left)}，不足以预留本笔 ${formatMoney(p.amountFen)}`,
      );
    }
    reservations.push({ ...p, paidFen: 0 });
  }
  return reservations;
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
  await db.transaction(async (tx) => {
    const locked = await findRow(tx, actor, id, true);
    assertStep(actor, locked, "districtConfirm", version);
    const { row: r } = await recomputeAward(tx, auditActor, locked, today, "district_confirm");
    const a = r.a;
    if (a.nonCumulationGroup) {
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
          `“${r.enterpriseName}”已获“${otherDef?.name ?? other.policyId}”支持（${AWARD_STATUS_LABELS[other.status as AwardStatus]}），与“${r.policyName}”不重复享受`,
        );
      }
    }
    const pools = await resolvePools(tx, r, yearOf(today));
    const reservations = await reservePools(tx, pools);
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
    const ev = a.evaluation as PolicyEvaluation;
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
        formula: ev.steps.map((s) => s.text),
        facts: a.facts,
      },
    });
  });
  return getAward(db, actor, id);
}

export async function enterpriseConfirm(
  db: Executor,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  version: number,
  today = shanghaiToday(),
) {
  await db.transaction(async (tx) => {
    const locked = await findRow(tx, actor, id, true);
    assertStep(actor, locked, "enterpriseConfirm", version);
    const { row: r, changed } = await recomputeAward(tx, auditActor, locked, today, "enterprise_confirm");
    // The amount changed since the district reserved it: give the old reservation back, reserve anew.
    let reservations = r.a.reservations as Reservation[];
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

/** Gives back what is still reserved (declined or withdrawn before payment). */
async function releaseReservations(tx: Executor, reservations: Reservation[]) {
  for (const res of reservations) {
    const left = res.amountFen - res.paidFen;
    if (left <= 0) continue;
    const updated = await tx
      .update(budgetPools)
      .set({ reservedFen: sql`${budgetPools.reservedFen} - ${left}`, updatedAt: new Date() })
      .where(and(eq(budgetPools.id, res.poolId), sql`${budgetPools.reservedFen} >= ${left}`))
      .returning({ id: budgetPools.id });
    if (updated.length === 0)
      throw new AppError(500, "BUDGET_INCONSISTENT", `预算池“${res.poolName}”的预留金额不一致`);
  }
}

export async function closeAward(
  db: Executor,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { version: number; reason: string },
  kind: "decline" | "withdraw",
) {
  await db.transaction(async (tx) => {
    const r = await findRow(tx, actor, id, true);
    assertStep(actor, r, kind, input.version);
    const reservations = r.a.reservations as Reservation[];
    await releaseReservations(tx, reservations);
    const status = kind === "decline" ? "declined" : "withdrawn";
    await tx
      .update(policyAwards)
      .set({
        status,
        closedAt: new Date(),
        closedBy: actor.id,
        closeReason: input.reason,
        updatedAt: new Date(),
        version: r.a.version + 1,
      })
      .where(eq(policyAwards.id, id));
    await recordAudit(tx, auditActor, {
      action: kind === "decline" ? "policy_award.decline" : "policy_award.withdraw",
      entityType: "policy_award",
      entityId: id,
      districtCode: r.districtCode,
      before: { status: r.a.status },
      after: {
        status,
        reason: input.reason,
        released: reservations.map((x) => ({ poolId: x.poolId, amountFen: x.amountFen - x.paidFen })),
      },
    });
  });
  return getAward(db, actor, id);
}

/**
 * 登记拨付. The idempotency key is UNIQUE: the award row is locked first, so a retried request with
 * the same key (in parallel or later) finds the first one's payment and returns it instead of paying
 * again. reserved → paid moves on the pools in the same transaction, each a conditional UPDATE.
 */
export async function recordPayment(
  db: Executor,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: z.output<typeof PaymentRequest>,
  headerKey: string | undefined,
) {
  const key = (headerKey ?? input.idempotencyKey ?? "").trim();
  if (key.length < 8 || key.length > 200)
    throw badRequest(
      "幂等键（Idempotency-Key）：必须提供 8–200 个字符，重试时使用同一个值",
      "idempotencyKey",
    );
  if (headerKey && input.idempotencyKey && headerKey.trim() !== input.idempotencyKey)
    throw badRequest("幂等键：请求头与请求体中的值不一致", "idempotencyKey");
  if (actor.role !== "city_admin") {
    await findRow(db, actor, id); // 404 for what the caller cannot see
    throw forbidden(STEP_NAMES.pay);
  }
  const result = await db.transaction(async (tx) => {
    const r = await findRow(tx, actor, id, true);
    const [existing] = await tx.select().from(awardPayments).where(eq(awardPayments.idempotencyKey, key));
    if (existing) {
      if (existing.awardId !== id)
        throw conflict(
          "IDEMPOTENCY_KEY_REUSED",
          "该幂等键已用于另一笔拨付，请使用新的幂等键",
          "idempotencyKey",
        );
      return { paymentId: existing.id, created: false };
    }
    assertStep(actor, r, "pay");
    const a = r.a;
    const remaining = a.amountFen - a.paidFen;
    let amount = remaining;
    if (input.amountWan) {
      const fen = parseWanYuanToFen(input.amountWan);
      if (fen === null || fen <= 0)
        throw badRequest("拨付金额：请输入大于 0 的万元金额（最小到分）", "amountWan");
      if (fen > remaining)
        throw badRequest(`拨付金额 ${formatMoney(fen)} 超过未拨付的 ${formatMoney(remaining)}`, "amountWan");
      amount = fen;
    }
    const reservations = (a.reservations as Reservation[]).map((x) => ({ ...x }));
    let left = amount;
    const moved: { poolId: string; amountFen: number }[] = [];
    for (const res of reservations) {
      const take = Math.min(left, res.amountFen - res.paidFen);
      if (take <= 0) continue;
      const updated = await tx
        .update(budgetPools)
        .set({
          reservedFen: sql`${budgetPools.reservedFen} - ${take}`,
          paidFen: sql`${budgetPools.paidFen} + ${take}`,
          updatedAt: new Date(),
        })
        .where(and(eq(budgetPools.id, res.poolId), sql`${budgetPools.reservedFen} >= ${take}`))
        .returning({ id: budgetPools.id });
      if (updated.length === 0)
        throw new AppError(500, "BUDGET_INCONSISTENT", `预算池“${res.poolName}”的预留金额不一致`);
      res.paidFen += take;
      left -= take;
      moved.push({ poolId: res.poolId, amountFen: take });
    }
    if (left > 0) throw new AppError(500, "BUDGET_INCONSISTENT", "预留金额不足以拨付");
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(awardPayments)
      .where(eq(awardPayments.awardId, id));
    const inserted = await tx
      .insert(awardPayments)
      .values({
        awardId: id,
        tranche: n + 1,
        amountFen: amount,
        idempotencyKey: key,
        voucherNo: input.voucherNo || null,
        paidBy: actor.id,
      })
      .onConflictDoNothing()
      .returning({ id: awardPayments.id });
    if (inserted.length === 0)
      throw conflict(
        "IDEMPOTENCY_KEY_REUSED",
        "该幂等键已用于另一笔拨付，请使用新的幂等键",
        "idempotencyKey",
      );
    const paidFen = a.paidFen + amount;
    const full = paidFen === a.amountFen;
    await tx
      .update(policyAwards)
      .set({
        paidFen,
        reservations,
        ...(full ? { status: "paid", paidAt: new Date() } : {}),
        updatedAt: new Date(),
        version: a.version + 1,
      })
      .where(eq(policyAwards.id, id));
    await recordAudit(tx, auditActor, {
      action: "policy_award.pay",
      entityType: "policy_award",
      entityId: id,
      districtCode: r.districtCode,
      before: { status: a.status, paidFen: a.paidFen },
      after: {
        status: full ? "paid" : a.status,
        tranche: n + 1,
        amountFen: amount,
        paidFen,
        awardAmountFen: a.amountFen,
        idempotencyKey: key,
        voucherNo: input.voucherNo ?? null,
        pools: moved,
      },
    });
    return { paymentId: inserted[0]!.id, created: true };
  });
  const award = await getAward(db, actor, id);
  const payment = award.payments.find((p) => p.id === result.paymentId)!;
  return { payment, created: result.created, award };
}
