import type {
  BudgetPool,
  BudgetPoolQuery,
  CreateBudgetPoolRequest,
  UpdateBudgetPoolRequest,
} from "@dxcenter/contracts";
import { budgetPools, type Database, districts, type Executor } from "@dxcenter/db";
import { type Actor, formatMoney, type Payer, parseWanYuanToFen } from "@dxcenter/domain";
import { and, asc, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, conflict, forbidden, notFound } from "../../errors";
import { type AuditActor, insertAudited, recordAudit } from "../audit/audit.service";

const columns = { p: budgetPools, districtName: districts.name };

function toPool(r: { p: typeof budgetPools.$inferSelect; districtName: string | null }): BudgetPool {
  const p = r.p;
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    payer: p.payer as Payer,
    districtCode: p.districtCode,
    districtName: r.districtName,
    year: p.year,
    totalFen: p.totalFen,
    reservedFen: p.reservedFen,
    paidFen: p.paidFen,
    availableFen: p.totalFen - p.reservedFen - p.paidFen,
    note: p.note,
    version: p.version,
  };
}

/** A district code given for a pool or a sweep must be one of the city's districts (400 otherwise). */
export async function assertDistrictExists(db: Executor, districtCode: string) {
  const [d] = await db
    .select({ code: districts.code })
    .from(districts)
    .where(eq(districts.code, districtCode));
  if (!d) throw badRequest(`所属区代码“${districtCode}”不存在`, "districtCode");
}

/** City staff see every pool; district staff their district's pools and the pools without a district. */
function poolScope(actor: Actor): SQL {
  if (actor.role === "city_admin") return sql`true`;
  if (actor.role === "district_admin" && actor.districtCode)
    return or(eq(budgetPools.districtCode, actor.districtCode), isNull(budgetPools.districtCode))!;
  throw forbidden("查看预算池");
}

export async function listPools(db: Executor, actor: Actor, q: z.output<typeof BudgetPoolQuery>) {
  const where = and(
    poolScope(actor),
    q.year ? eq(budgetPools.year, q.year) : undefined,
    q.code ? eq(budgetPools.code, q.code) : undefined,
  );
  // Not paged: a few pools per year (the contract answers the whole list).
  const rows = await db
    .select(columns)
    .from(budgetPools)
    .leftJoin(districts, eq(districts.code, budgetPools.districtCode))
    .where(where)
    .orderBy(asc(budgetPools.year), asc(budgetPools.code), asc(budgetPools.districtCode));
  return rows.map(toPool);
}

async function poolById(db: Executor, id: string) {
  const [row] = await db
    .select(columns)
    .from(budgetPools)
    .leftJoin(districts, eq(districts.code, budgetPools.districtCode))
    .where(eq(budgetPools.id, id));
  return row ? toPool(row) : null;
}

function wanToFen(v: string, field: string) {
  const fen = parseWanYuanToFen(v);
  if (fen === null || fen < 0) throw badRequest("预算总额：请输入不小于 0 的万元金额（最小到分）", field);
  return fen;
}

export async function createPool(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  input: z.output<typeof CreateBudgetPoolRequest>,
) {
  if (actor.role !== "city_admin") throw forbidden("设立预算池");
  const districtCode = input.districtCode ?? null;
  if (input.payer === "district" && !districtCode)
    throw badRequest("区级财政的预算池必须选择所属区", "districtCode");
  if (input.payer !== "district" && districtCode)
    throw badRequest("只有区级财政的预算池属于某个区", "districtCode");
  if (districtCode) await assertDistrictExists(db, districtCode);
  const totalFen = wanToFen(input.totalWan, "totalWan");
  const id = await db.transaction(async (tx) => {
    const [dup] = await tx
      .select({ id: budgetPools.id })
      .from(budgetPools)
      .where(
        and(
          eq(budgetPools.code, input.code),
          eq(budgetPools.year, input.year),
          districtCode ? eq(budgetPools.districtCode, districtCode) : isNull(budgetPools.districtCode),
        ),
      );
    if (dup)
      throw conflict("POOL_EXISTS", `${input.year}年度“${input.code}”预算池已存在，请调整原预算池`, "code");
    const pool = {
      code: input.code,
      name: input.name,
      payer: input.payer,
      districtCode,
      year: input.year,
      totalFen,
    };
    return insertAudited(
      tx,
      auditActor,
      budgetPools,
      { ...pool, note: input.note || null, createdBy: actor.id },
      { action: "budget_pool.create", entityType: "budget_pool", districtCode, after: pool },
    );
  });
  return (await poolById(db, id))!;
}

/**
 * Adjusts a pool. The new total may not fall below what is already reserved and paid: the UPDATE
 * itself checks it (and the version), so a confirmation running at the same moment cannot slip
 * between a read and the write.
 */
export async function updatePool(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: z.output<typeof UpdateBudgetPoolRequest>,
) {
  if (actor.role !== "city_admin") throw forbidden("调整预算池");
  const before = await poolById(db, id);
  if (!before) throw notFound("预算池");
  const totalFen = input.totalWan === undefined ? undefined : wanToFen(input.totalWan, "totalWan");
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(budgetPools)
      .set({
        ...(input.name ? { name: input.name } : {}),
        ...(input.note !== undefined ? { note: input.note || null } : {}),
        ...(totalFen !== undefined ? { totalFen } : {}),
        updatedAt: new Date(),
        version: sql`${budgetPools.version} + 1`,
      })
      .where(
        and(
          eq(budgetPools.id, id),
          eq(budgetPools.version, input.version),
          totalFen !== undefined
            ? sql`${budgetPools.reservedFen} + ${budgetPools.paidFen} <= ${totalFen}`
            : sql`true`,
        ),
      )
      .returning({ id: budgetPools.id });
    if (updated.length === 0) {
      const now = await poolById(tx, id);
      if (now && now.version !== input.version)
        throw conflict("VERSION_CONFLICT", "该预算池已被他人修改，请刷新后重试", "version");
      const used = (now?.reservedFen ?? 0) + (now?.paidFen ?? 0);
      throw conflict(
        "BUDGET_BELOW_USED",
        `预算总额不能低于已预留与已拨付合计 ${formatMoney(used)}`,
        "totalWan",
      );
    }
    await recordAudit(tx, auditActor, {
      action: "budget_pool.update",
      entityType: "budget_pool",
      entityId: id,
      districtCode: before.districtCode,
      before: { name: before.name, totalFen: before.totalFen, note: before.note },
      after: {
        name: input.name ?? before.name,
        totalFen: totalFen ?? before.totalFen,
        note: input.note ?? before.note,
      },
    });
  });
  return (await poolById(db, id))!;
}
