import type { FunnelQuery } from "@dxcenter/contracts";
import { type Database, demandLeads, demands, districts, enterprises } from "@dxcenter/db";
import { type Actor, demandReadScope } from "@dxcenter/domain";
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { forbidden } from "../../errors";
import { shanghaiMidnight } from "../../lib/dates";
import { demandScopeSql } from "./demand.queries";

/**
 * 对接漏斗 per district: demands posted, and how many are at each step through any of their leads,
 * declined leads left out (shortlisted = a lead not declined; contacted = a lead contacted or
 * contracted; contracted = a lead contracted). A demand whose leads were all declined — also after
 * being contacted — counts as posted only, so the steps nest (contracted ⊆ contacted ⊆ shortlisted).
 */
export async function funnel(db: Database, actor: Actor, q: z.output<typeof FunnelQuery>) {
  if (actor.role !== "city_admin" && !(actor.role === "district_admin" && actor.districtCode))
    throw forbidden("查看对接漏斗");
  const reached = (cond: SQL) =>
    sql<number>`count(*) filter (where exists (select 1 from ${demandLeads} l where l.demand_id = ${demands.id} and ${cond}))::int`;
  const rows = await db
    .select({
      districtCode: enterprises.districtCode,
      districtName: districts.name,
      demands: sql<number>`count(*)::int`,
      shortlisted: reached(sql`l.status <> 'declined'`),
      contacted: reached(sql`l.status in ('contacted', 'contracted')`),
      contracted: reached(sql`l.status = 'contracted'`),
    })
    .from(demands)
    .innerJoin(enterprises, eq(enterprises.id, demands.enterpriseId))
    .innerJoin(districts, eq(districts.code, enterprises.districtCode))
    .where(
      and(
        demandScopeSql(demandReadScope(actor, [])),
        q.districtCode ? eq(enterprises.districtCode, q.districtCode) : undefined,
        q.from ? sql`${demands.createdAt} >= ${shanghaiMidnight(q.from)}` : undefined,
        q.to
          ? sql`${demands.createdAt} < ${shanghaiMidnight(q.to)}::timestamptz + interval '1 day'`
          : undefined,
      ),
    )
    .groupBy(enterprises.districtCode, districts.name)
    .orderBy(asc(enterprises.districtCode));
  const norm = rows.map((r) => ({
    districtCode: r.districtCode,
    districtName: r.districtName,
    demands: Number(r.demands),
    shortlisted: Number(r.shortlisted),
    contacted: Number(r.contacted),
    contracted: Number(r.contracted),
  }));
  const sum = (k: "demands" | "shortlisted" | "contacted" | "contracted") =>
    norm.reduce((s, r) => s + r[k], 0);
  return {
    rows: norm,
    total: {
      districtCode: actor.role === "district_admin" ? actor.districtCode! : "120000",
      districtName: actor.role === "district_admin" ? (norm[0]?.districtName ?? "本区") : "合计",
      demands: sum("demands"),
      shortlisted: sum("shortlisted"),
      contacted: sum("contacted"),
      contracted: sum("contracted"),
    },
  };
}
