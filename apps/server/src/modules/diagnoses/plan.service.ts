import type { DiagnosisPlan, PlanListQuery } from "@dxcenter/contracts";
import { type Database, diagnoses, diagnosisPlans, districts, type Executor } from "@dxcenter/db";
import { type Actor, canManagePlansIn } from "@dxcenter/domain";
import { and, count, eq, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, conflict, forbidden, notFound } from "../../errors";
import { countRows, listOrder, pageOfSelect, searchAny } from "../../lib/list-query";
import { type AuditActor, insertAudited, recordAudit } from "../audit/audit.service";
import { overdueSql } from "./diagnosis.queries";

type ListQuery = z.output<typeof PlanListQuery>;

/** Plans are the bureau's: the city sees all districts' plans, a district only its own. */
function planScope(actor: Actor): SQL {
  if (actor.role === "city_admin") return sql`true`;
  if (actor.role === "district_admin" && actor.districtCode)
    return eq(diagnosisPlans.districtCode, actor.districtCode);
  throw forbidden("查看诊断计划");
}

/** Progress of every plan in one grouped pass over its diagnoses. */
function progressOf(db: Executor) {
  return db
    .select({
      planId: diagnoses.planId,
      total: sql<number>`count(*) filter (where ${diagnoses.status} <> 'cancelled')`.as("total"),
      visited: sql<number>`count(*) filter (where ${diagnoses.status} in ('verified', 'closed'))`.as(
        "visited",
      ),
      closed: sql<number>`count(*) filter (where ${diagnoses.status} = 'closed')`.as("closed"),
      overdue: sql<number>`count(*) filter (where ${overdueSql})`.as("overdue"),
    })
    .from(diagnoses)
    .where(sql`${diagnoses.planId} is not null`)
    .groupBy(diagnoses.planId)
    .as("progress");
}

function base(db: Executor) {
  const p = progressOf(db);
  return db
    .select({
      plan: diagnosisPlans,
      districtName: districts.name,
      total: p.total,
      visited: p.visited,
      closed: p.closed,
      overdue: p.overdue,
    })
    .from(diagnosisPlans)
    .innerJoin(districts, eq(districts.code, diagnosisPlans.districtCode))
    .leftJoin(p, eq(p.planId, diagnosisPlans.id));
}
type Row = Awaited<ReturnType<ReturnType<typeof base>["limit"]>>[number];

const toPlan = (r: Row): DiagnosisPlan => ({
  id: r.plan.id,
  districtCode: r.plan.districtCode,
  districtName: r.districtName,
  name: r.plan.name,
  startDate: r.plan.startDate,
  endDate: r.plan.endDate,
  note: r.plan.note,
  total: Number(r.total ?? 0),
  visited: Number(r.visited ?? 0),
  closed: Number(r.closed ?? 0),
  overdue: Number(r.overdue ?? 0),
  createdAt: r.plan.createdAt.toISOString(),
  version: r.plan.version,
});

const SORT = { startDate: diagnosisPlans.startDate, createdAt: diagnosisPlans.createdAt };

export async function listPlans(db: Database, actor: Actor, q: ListQuery) {
  const cond = and(
    planScope(actor),
    q.districtCode ? eq(diagnosisPlans.districtCode, q.districtCode) : undefined,
    // Plans overlapping the calendar year.
    q.year ? sql`${diagnosisPlans.startDate} <= ${`${q.year}-12-31`}::date` : undefined,
    q.year ? sql`${diagnosisPlans.endDate} >= ${`${q.year}-01-01`}::date` : undefined,
    searchAny(q.q, diagnosisPlans.name),
  );
  return pageOfSelect(
    q,
    base(db)
      .where(cond)
      .orderBy(...listOrder(SORT, q.sort, q.order, diagnosisPlans.id)),
    countRows(db, diagnosisPlans, cond),
    toPlan,
  );
}

async function findPlan(db: Executor, actor: Actor, id: string) {
  const [row] = await base(db)
    .where(and(planScope(actor), eq(diagnosisPlans.id, id)))
    .limit(1);
  if (!row) throw notFound("诊断计划");
  return row;
}

function checkWindow(startDate: string, endDate: string) {
  if (endDate < startDate) throw badRequest("结束日期不能早于开始日期", "endDate");
}

export async function createPlan(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  input: {
    districtCode?: string | undefined;
    name: string;
    startDate: string;
    endDate: string;
    note?: string | null | undefined;
  },
) {
  planScope(actor);
  const districtCode = actor.role === "district_admin" ? actor.districtCode! : input.districtCode;
  if (!districtCode) throw badRequest("请选择计划所属区", "districtCode");
  if (!canManagePlansIn(actor, districtCode)) throw forbidden("为其他区制定诊断计划");
  const [district] = await db.select().from(districts).where(eq(districts.code, districtCode));
  if (district?.status !== "current") throw badRequest("所选区不存在或已撤销", "districtCode");
  checkWindow(input.startDate, input.endDate);
  const id = await db.transaction(async (tx) => {
    return insertAudited(
      tx,
      auditActor,
      diagnosisPlans,
      {
        districtCode,
        name: input.name,
        startDate: input.startDate,
        endDate: input.endDate,
        note: input.note ?? null,
        createdBy: actor.id,
      },
      {
        action: "diagnosis_plan.create",
        entityType: "diagnosis_plan",
        districtCode,
        after: { name: input.name, startDate: input.startDate, endDate: input.endDate },
      },
    );
  });
  return toPlan(await findPlan(db, actor, id));
}

export async function updatePlan(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: {
    name?: string | undefined;
    startDate?: string | undefined;
    endDate?: string | undefined;
    note?: string | null | undefined;
    version: number;
  },
) {
  await db.transaction(async (tx) => {
    const row = await findPlan(tx, actor, id);
    const p = row.plan;
    if (p.version !== input.version) {
      throw conflict("VERSION_CONFLICT", "该诊断计划已被他人修改，请刷新后重试", "version");
    }
    const startDate = input.startDate ?? p.startDate;
    const endDate = input.endDate ?? p.endDate;
    checkWindow(startDate, endDate);
    // A shorter window must still hold every visit already scheduled in it.
    const [outside] = await tx
      .select({ n: count() })
      .from(diagnoses)
      .where(
        and(
          eq(diagnoses.planId, id),
          sql`${diagnoses.status} <> 'cancelled'`,
          sql`(${diagnoses.visitDate} < ${startDate}::date or ${diagnoses.visitDate} > ${endDate}::date)`,
        ),
      );
    if ((outside?.n ?? 0) > 0) {
      throw badRequest(
        `计划内有 ${outside!.n} 家企业的走访日期不在新的起止日期内，请先调整这些走访日期`,
        input.startDate && input.startDate !== p.startDate ? "startDate" : "endDate",
      );
    }
    const next = {
      name: input.name ?? p.name,
      startDate,
      endDate,
      note: input.note === undefined ? p.note : input.note,
    };
    const updated = await tx
      .update(diagnosisPlans)
      .set({ ...next, updatedAt: new Date(), version: sql`${diagnosisPlans.version} + 1` })
      .where(and(eq(diagnosisPlans.id, id), eq(diagnosisPlans.version, input.version)))
      .returning({ id: diagnosisPlans.id });
    if (updated.length === 0)
      throw conflict("VERSION_CONFLICT", "该诊断计划已被他人修改，请刷新后重试", "version");
    await recordAudit(tx, auditActor, {
      action: "diagnosis_plan.update",
      entityType: "diagnosis_plan",
      entityId: id,
      districtCode: p.districtCode,
      before: { name: p.name, startDate: p.startDate, endDate: p.endDate, note: p.note },
      after: next,
    });
  });
  return toPlan(await findPlan(db, actor, id));
}
