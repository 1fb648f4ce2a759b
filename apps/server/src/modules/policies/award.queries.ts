import { type AwardDetail, type AwardItem, type AwardListQuery, PolicyFacts } from "@dxcenter/contracts";
import { awardPayments, districts, type Executor, enterprises, policyAwards, users } from "@dxcenter/db";
import { type Actor, type AwardFacts, awardPermissions, enterpriseReadScope } from "@dxcenter/domain";
import { and, asc, eq, isNotNull, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { forbidden, notFound } from "../../errors";
import { countRows, listOrder, pageOfSelect, searchAny } from "../../lib/list-query";
import { reservationsOf, sharesOf } from "./award-snapshot";

/**
 * Reading awards (政策兑现): who sees which (the SQL read scope), one award row with its enterprise and
 * policy name, the list with its filters and sort, the detail with payments, the export's pages.
 */

type ListQuery = z.output<typeof AwardListQuery>;

/**
 * Bureau staff see the awards of the enterprises they see in the registry; an enterprise sees its own
 * once the district has confirmed them (an identified award is the bureau's internal screening result
 * until then).
 */
export function awardReadCondition(actor: Actor): SQL | null {
  const scope = enterpriseReadScope(actor);
  switch (scope.kind) {
    case "all":
      return sql`true`;
    case "district":
      return eq(enterprises.districtCode, scope.districtCode);
    case "self":
      return sql`${eq(policyAwards.enterpriseId, scope.enterpriseId)} and ${isNotNull(policyAwards.districtConfirmedAt)}`;
    case "none":
      return null;
  }
}

function readScope(actor: Actor): SQL {
  const c = awardReadCondition(actor);
  if (!c) throw forbidden("查看政策兑现");
  return c;
}

const confirmer = alias(users, "confirmer");
const columns = {
  a: policyAwards,
  enterpriseName: enterprises.name,
  districtCode: enterprises.districtCode,
  districtName: districts.name,
  confirmedByName: confirmer.displayName,
  policyName: sql<string>`(select p.name from policies p where p.id = ${policyAwards.policyId} and p.version = ${policyAwards.policyVersion})`,
};
function awardRows(db: Executor) {
  return db
    .select(columns)
    .from(policyAwards)
    .innerJoin(enterprises, eq(enterprises.id, policyAwards.enterpriseId))
    .innerJoin(districts, eq(districts.code, enterprises.districtCode))
    .leftJoin(confirmer, eq(confirmer.id, policyAwards.districtConfirmedBy));
}
/** One award with its enterprise, district, confirmer and policy name. */
export type AwardRow = Awaited<ReturnType<ReturnType<typeof awardRows>["limit"]>>[number];

/** What the step table reads of an award row. */
export const awardFactsOf = (r: AwardRow): AwardFacts => ({
  enterpriseId: r.a.enterpriseId,
  districtCode: r.districtCode,
  status: r.a.status,
});

/** One award the actor may see (404 otherwise), locked FOR UPDATE when a step is about to change it. */
export async function findAwardRow(db: Executor, actor: Actor, id: string, lock = false): Promise<AwardRow> {
  const q = awardRows(db)
    .where(and(readScope(actor), eq(policyAwards.id, id)))
    .limit(1);
  const [row] = lock ? await q.for("update", { of: policyAwards }) : await q;
  if (!row) throw notFound("政策兑现记录");
  return row;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toItem(actor: Actor, r: AwardRow): AwardItem {
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
    status: a.status,
    amountFen: a.amountFen,
    paidFen: a.paidFen,
    shares: sharesOf(a),
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
    permissions: awardPermissions(actor, awardFactsOf(r)),
  };
}

const AWARD_SORT = {
  identifiedAt: policyAwards.identifiedAt,
  amountFen: policyAwards.amountFen,
  enterpriseName: enterprises.name,
  updatedAt: policyAwards.updatedAt,
} as const;

export async function listAwards(db: Executor, actor: Actor, q: ListQuery) {
  const where = and(
    readScope(actor),
    q.policyId ? eq(policyAwards.policyId, q.policyId) : undefined,
    q.status ? eq(policyAwards.status, q.status) : undefined,
    q.districtCode ? eq(enterprises.districtCode, q.districtCode) : undefined,
    q.enterpriseId ? eq(policyAwards.enterpriseId, q.enterpriseId) : undefined,
    searchAny(q.q, enterprises.name),
  );
  return pageOfSelect(
    q,
    awardRows(db)
      .where(where)
      .orderBy(...listOrder(AWARD_SORT, q.sort, q.order, policyAwards.id)),
    countRows(db, policyAwards, where, [enterprises, eq(enterprises.id, policyAwards.enterpriseId)]),
    (r) => toItem(actor, r),
  );
}

async function toDetail(db: Executor, actor: Actor, r: AwardRow): Promise<AwardDetail> {
  const payments = await db
    .select({ p: awardPayments, paidByName: users.displayName })
    .from(awardPayments)
    .innerJoin(users, eq(users.id, awardPayments.paidBy))
    .where(eq(awardPayments.awardId, r.a.id))
    .orderBy(asc(awardPayments.tranche));
  return {
    ...toItem(actor, r),
    evaluation: r.a.evaluation as AwardDetail["evaluation"],
    facts: PolicyFacts.parse(r.a.facts),
    reservations: reservationsOf(r.a),
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

/** An award's detail as the actor sees it: 404 when out of their scope. */
export async function getAward(db: Executor, actor: Actor, id: string) {
  return toDetail(db, actor, await findAwardRow(db, actor, id));
}
