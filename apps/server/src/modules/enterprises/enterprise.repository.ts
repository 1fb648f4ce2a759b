import type { EnterpriseListQuery } from "@dxcenter/contracts";
import { districts, type Executor, enterpriseAnnual, enterprises, industries } from "@dxcenter/db";
import { and, asc, count, desc, eq, ilike, inArray, like, ne, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { countRows, escapeLike, listOrderNullsLast, nullsLast, pageOfSelect } from "../../lib/list-query";

export type EnterpriseRow = typeof enterprises.$inferSelect;
export type ListQuery = z.output<typeof EnterpriseListQuery>;

export const listColumns = {
  id: enterprises.id,
  uscc: enterprises.uscc,
  name: enterprises.name,
  districtCode: enterprises.districtCode,
  districtName: districts.name,
  industryCode: enterprises.industryCode,
  industryName: industries.name,
  aboveScale: enterprises.aboveScale,
  size: enterprises.size,
  srdiTier: enterprises.srdiTier,
  contactName: enterprises.contactName,
  contactPhone: enterprises.contactPhone,
  tags: enterprises.tags,
  latestYear: enterprises.latestYear,
  latestRevenueFen: enterprises.latestRevenueFen,
  latestEmployees: enterprises.latestEmployees,
  updatedAt: enterprises.updatedAt,
};

/** Filter conditions of the list, export and count queries (the scope condition is added by the caller). */
export function filterConditions(q: Omit<ListQuery, "page" | "pageSize" | "sort" | "order">): SQL[] {
  const where: SQL[] = [];
  if (q.q) {
    const text = q.q.trim();
    // A full or partial code typed in upper case is a code search; anything else searches the name.
    if (/^[0-9A-Za-z]{6,18}$/.test(text)) {
      where.push(
        or(
          ilike(enterprises.uscc, `${escapeLike(text.toUpperCase())}%`),
          ilike(enterprises.name, `%${escapeLike(text)}%`),
        )!,
      );
    } else {
      // Chinese has no letter case: plain LIKE is the same match and several times cheaper than ILIKE.
      const pattern = `%${escapeLike(text)}%`;
      where.push(/[A-Za-z]/.test(text) ? ilike(enterprises.name, pattern) : like(enterprises.name, pattern));
    }
  }
  if (q.districtCode) where.push(eq(enterprises.districtCode, q.districtCode));
  if (q.industryCode) where.push(eq(enterprises.industryCode, q.industryCode));
  if (q.aboveScale !== undefined) where.push(eq(enterprises.aboveScale, q.aboveScale));
  if (q.srdiTier) where.push(eq(enterprises.srdiTier, q.srdiTier));
  if (q.srdi === "any") where.push(ne(enterprises.srdiTier, "none"));
  if (q.tag) where.push(sql`${enterprises.tags} @> array[${q.tag}]::text[]`);
  return where;
}

const SORT = {
  name: enterprises.name,
  uscc: enterprises.uscc,
  updatedAt: enterprises.updatedAt,
  // Unknown figures last, so "largest revenue first" is not led by them (enterprises_revenue_idx).
  revenue: nullsLast(enterprises.latestRevenueFen),
  employees: nullsLast(enterprises.latestEmployees),
};

/** ORDER BY of list pages and exports; ids break ties so paging is stable. */
export function listOrderBy(q: ListQuery): SQL[] {
  // By district, then by name within it (the enterprises_district_idx order).
  if (q.sort === "district") {
    return [
      (q.order === "desc" ? desc : asc)(enterprises.districtCode),
      asc(enterprises.name),
      asc(enterprises.id),
    ];
  }
  return listOrderNullsLast(SORT, q.sort, q.order, enterprises.id);
}

export function selectList(db: Executor) {
  return db
    .select(listColumns)
    .from(enterprises)
    .innerJoin(districts, eq(districts.code, enterprises.districtCode))
    .innerJoin(industries, eq(industries.code, enterprises.industryCode));
}

export type ListRow = Awaited<ReturnType<ReturnType<typeof selectList>["limit"]>>[number];

export function findPage<T>(db: Executor, scope: SQL, q: ListQuery, map: (row: ListRow) => T) {
  const cond = and(scope, ...filterConditions(q));
  return pageOfSelect(
    q,
    selectList(db)
      .where(cond)
      .orderBy(...listOrderBy(q)),
    countRows(db, enterprises, cond),
    map,
  );
}

/** Rows for export, in pages so a 100k-row export never holds one giant result. */
export async function* iterateForExport(db: Executor, scope: SQL, q: ListQuery, batch = 2000) {
  const cond = and(scope, ...filterConditions(q));
  for (let offset = 0; ; offset += batch) {
    const rows = await db
      .select({
        ...listColumns,
        address: enterprises.address,
        digitalRdTools: enterprises.digitalRdTools,
        keyProcessNcRate: enterprises.keyProcessNcRate,
        cloudAdopted: enterprises.cloudAdopted,
        itfCertified: enterprises.itfCertified,
        dcmmLevel: enterprises.dcmmLevel,
        cmmmLevel: enterprises.cmmmLevel,
      })
      .from(enterprises)
      .innerJoin(districts, eq(districts.code, enterprises.districtCode))
      .innerJoin(industries, eq(industries.code, enterprises.industryCode))
      .where(cond)
      .orderBy(...listOrderBy(q))
      .limit(batch)
      .offset(offset);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batch) return;
  }
}

export async function findById(db: Executor, scope: SQL, id: string) {
  const [row] = await db
    .select({ e: enterprises, districtName: districts.name, industryName: industries.name })
    .from(enterprises)
    .innerJoin(districts, eq(districts.code, enterprises.districtCode))
    .innerJoin(industries, eq(industries.code, enterprises.industryCode))
    .where(and(scope, eq(enterprises.id, id)))
    .limit(1);
  if (!row) return null;
  const annual = await db
    .select({
      year: enterpriseAnnual.year,
      revenueFen: enterpriseAnnual.revenueFen,
      employees: enterpriseAnnual.employees,
    })
    .from(enterpriseAnnual)
    .where(eq(enterpriseAnnual.enterpriseId, id))
    .orderBy(asc(enterpriseAnnual.year));
  return { ...row, annual };
}

export async function findByUsccs(db: Executor, usccs: string[]) {
  if (usccs.length === 0) return [];
  return db.select().from(enterprises).where(inArray(enterprises.uscc, usccs));
}

export async function annualFor(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(enterpriseAnnual).where(inArray(enterpriseAnnual.enterpriseId, ids));
}

export async function stats(db: Executor, scope: SQL) {
  const byDistrict = await db
    .select({
      districtCode: enterprises.districtCode,
      districtName: districts.name,
      total: count(),
      aboveScale: sql<number>`count(*) filter (where ${enterprises.aboveScale})`.mapWith(Number),
      srdi: sql<number>`count(*) filter (where ${enterprises.srdiTier} <> 'none')`.mapWith(Number),
    })
    .from(enterprises)
    .innerJoin(districts, eq(districts.code, enterprises.districtCode))
    .where(scope)
    .groupBy(enterprises.districtCode, districts.name, districts.sortOrder)
    .orderBy(asc(districts.sortOrder));
  const byIndustry = await db
    .select({ industryCode: enterprises.industryCode, industryName: industries.name, total: count() })
    .from(enterprises)
    .innerJoin(industries, eq(industries.code, enterprises.industryCode))
    .where(scope)
    .groupBy(enterprises.industryCode, industries.name)
    .orderBy(desc(count()));
  return { byDistrict, byIndustry };
}

/** Refreshes planner statistics after bulk changes (imports, generated data). */
export async function analyzeEnterprises(db: Executor) {
  await db.execute(sql`analyze enterprises`);
  await db.execute(sql`analyze enterprise_annual`);
}
