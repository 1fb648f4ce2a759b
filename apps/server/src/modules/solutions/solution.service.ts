import type {
  MySolutionListQuery,
  SolutionInput,
  SolutionItem,
  SolutionListQuery,
  SolutionUpdate,
} from "@dxcenter/contracts";
import { type Database, type Executor, industries, providers, solutions } from "@dxcenter/db";
import {
  type Actor,
  canManageSolution,
  canReadSolution,
  isMatchingStaff,
  parseWanYuanToFen,
  SOLUTION_KIND_CATEGORY,
  SOLUTION_STATUS_LABELS,
  type SolutionKind,
  type SolutionStatus,
  solutionStatusAllowed,
} from "@dxcenter/domain";
import { and, asc, count, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, conflict, forbidden, notFound } from "../../errors";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { refreshDemandVisibility } from "../demands/demand.service";
import { escapeLike } from "../users/user.service";
import { providerIdsOf } from "./membership";
import { type SceneCatalogue, sceneCatalogue } from "./scenes";

type ListQuery = z.output<typeof SolutionListQuery>;
type MineQuery = z.output<typeof MySolutionListQuery>;

const columns = {
  s: solutions,
  providerName: providers.name,
  providerStatus: providers.status,
};

function base(db: Executor) {
  return db.select(columns).from(solutions).innerJoin(providers, eq(providers.id, solutions.providerId));
}
type Row = Awaited<ReturnType<ReturnType<typeof base>["limit"]>>[number];

/** The public catalogue: published entries of admitted providers only. */
export const publicCondition = sql`(${solutions.status} = 'published' and ${providers.status} = 'admitted')`;

/** Service area (the solution's own, else the provider's) covers a GB/T 2260 district. */
export function servesDistrictSql(districtCode: string): SQL {
  const covering = [districtCode, `${districtCode.slice(0, 4)}00`, `${districtCode.slice(0, 2)}0000`];
  return sql`(case when cardinality(${solutions.serviceDistricts}) > 0 then ${solutions.serviceDistricts} else ${providers.serviceDistricts} end) && ${sql`array[${sql.join(
    covering.map((c) => sql`${c}`),
    sql`, `,
  )}]::text[]`}`;
}

export const textArray = (xs: readonly string[]) =>
  xs.length === 0
    ? sql`'{}'::text[]`
    : sql`array[${sql.join(
        xs.map((x) => sql`${x}`),
        sql`, `,
      )}]::text[]`;

export function toSolutionItem(r: Row, scenes: SceneCatalogue): SolutionItem {
  const s = r.s;
  return {
    id: s.id,
    providerId: s.providerId,
    providerName: r.providerName,
    providerAdmitted: r.providerStatus === "admitted",
    name: s.name,
    kind: s.kind as SolutionKind,
    category: s.category as SolutionItem["category"],
    summary: s.summary,
    sceneIds: s.sceneIds,
    sceneNames: s.sceneIds.map((id) => scenes.names[id] ?? id),
    industries: s.industries,
    priceMinFen: s.priceMinFen,
    priceMaxFen: s.priceMaxFen,
    subsidyText: s.subsidyText,
    subsidyFen: s.subsidyFen,
    deployment: s.deployment as SolutionItem["deployment"],
    firstEdition: s.firstEdition,
    serviceDistricts: s.serviceDistricts,
    references: s.references,
    status: s.status as SolutionStatus,
    publishedAt: s.publishedAt?.toISOString() ?? null,
    updatedAt: s.updatedAt.toISOString(),
    version: s.version,
  };
}

function wanToFen(v: string | null | undefined, field: string, label: string): number | null {
  if (v === undefined || v === null || v === "") return null;
  const fen = parseWanYuanToFen(v);
  if (fen === null || fen < 0)
    throw badRequest(`${label}：请输入不小于 0 的金额（万元，最多 6 位小数）`, field);
  return fen;
}

const priceOrder = sql`coalesce(${solutions.priceMinFen}, ${solutions.priceMaxFen})`;

function filters(q: Partial<ListQuery>): SQL[] {
  const where: SQL[] = [];
  if (q.sceneId?.length) where.push(sql`${solutions.sceneIds} && ${textArray(q.sceneId)}`);
  if (q.industry)
    where.push(
      sql`(cardinality(${solutions.industries}) = 0 or ${solutions.industries} @> ${textArray([q.industry])})`,
    );
  if (q.kind) where.push(eq(solutions.kind, q.kind));
  if (q.deployment) where.push(eq(solutions.deployment, q.deployment));
  if (q.firstEdition !== undefined) where.push(eq(solutions.firstEdition, q.firstEdition));
  if (q.districtCode) where.push(servesDistrictSql(q.districtCode));
  if (q.providerId) where.push(eq(solutions.providerId, q.providerId));
  const max = wanToFen(q.priceMaxWan, "priceMaxWan", "最高报价");
  const min = wanToFen(q.priceMinWan, "priceMinWan", "最低报价");
  if (max !== null) where.push(sql`${priceOrder} <= ${max}`);
  if (min !== null) where.push(sql`${priceOrder} >= ${min}`);
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    where.push(
      sql`(${solutions.name} ilike ${like} or ${providers.name} ilike ${like} or ${solutions.summary} ilike ${like})`,
    );
  }
  return where;
}

async function page(db: Database, where: SQL[], q: { page: number; pageSize: number }, order: SQL[]) {
  const cond = and(...where);
  const scenes = await sceneCatalogue(db);
  const [rows, [total]] = await Promise.all([
    base(db)
      .where(cond)
      .orderBy(...order, asc(solutions.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(solutions)
      .innerJoin(providers, eq(providers.id, solutions.providerId))
      .where(cond),
  ]);
  return {
    items: rows.map((r) => toSolutionItem(r, scenes)),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

function orderOf(sort: string, order: "asc" | "desc"): SQL[] {
  if (sort === "price") return [sql`${priceOrder} ${sql.raw(order)} nulls last`];
  const dir = order === "asc" ? asc : desc;
  return [dir(sort === "name" ? solutions.name : solutions.updatedAt)];
}

/**
 * The catalogue. Anyone sees published entries of admitted providers; staff (export, oversight)
 * may list everything with `all`.
 */
export async function listSolutions(db: Database, actor: Actor | null, q: ListQuery, all = false) {
  const where = filters(q);
  if (!(all && isMatchingStaff(actor))) where.unshift(publicCondition);
  return page(db, where, q, orderOf(q.sort, q.order));
}

/** Staff export every status; anyone else (also signed out) the public catalogue they can browse. */
export async function* iterateSolutionsForExport(
  db: Database,
  actor: Actor | null,
  q: Omit<ListQuery, "page" | "pageSize">,
) {
  for (let p = 1; ; p++) {
    const { items } = await listSolutions(db, actor, { ...q, page: p, pageSize: 1000 }, true);
    if (items.length) yield items;
    if (items.length < 1000) return;
  }
}

/** A provider account's own organisation's entries, every status. */
export async function listMySolutions(db: Database, actor: Actor, q: MineQuery) {
  const ids = await providerIdsOf(db, actor);
  if (actor.role !== "provider") throw forbidden("管理解决方案");
  const where: SQL[] = [ids.length ? inArray(solutions.providerId, ids) : sql`false`];
  if (q.status) where.push(eq(solutions.status, q.status));
  if (q.kind) where.push(eq(solutions.kind, q.kind));
  if (q.q) where.push(sql`${solutions.name} ilike ${`%${escapeLike(q.q)}%`}`);
  return page(db, where, q, orderOf(q.sort, q.order));
}

async function findRow(db: Executor, id: string): Promise<Row | undefined> {
  const [row] = await base(db).where(eq(solutions.id, id)).limit(1);
  return row;
}

export async function getSolution(db: Database, actor: Actor | null, id: string) {
  const row = await findRow(db, id);
  const ids = await providerIdsOf(db, actor);
  if (
    !row ||
    !canReadSolution(actor, ids, {
      providerId: row.s.providerId,
      status: row.s.status as SolutionStatus,
      providerAdmitted: row.providerStatus === "admitted",
    })
  )
    throw notFound("解决方案");
  return toSolutionItem(row, await sceneCatalogue(db));
}

async function checkTags(
  db: Executor,
  input: { sceneIds?: string[]; industries?: string[]; serviceDistricts?: string[] },
) {
  const scenes = await sceneCatalogue(db);
  const unknownScene = input.sceneIds?.find((s) => !scenes.has(s));
  if (unknownScene) throw badRequest(`适用场景：“${unknownScene}”不是评估量表中的场景或子领域`, "sceneIds");
  if (input.industries?.length) {
    const found = await db
      .select({ code: industries.code })
      .from(industries)
      .where(inArray(industries.code, input.industries));
    const missing = input.industries.find((c) => !found.some((f) => f.code === c));
    if (missing) throw badRequest(`适用行业：“${missing}”不是 GB/T 4754 制造业门类代码`, "industries");
  }
}

function moneyFields(input: Partial<z.output<typeof SolutionInput>>, current?: Row["s"]) {
  const out: Partial<typeof solutions.$inferInsert> = {};
  if (input.priceMinWan !== undefined)
    out.priceMinFen = wanToFen(input.priceMinWan, "priceMinWan", "报价下限");
  if (input.priceMaxWan !== undefined)
    out.priceMaxFen = wanToFen(input.priceMaxWan, "priceMaxWan", "报价上限");
  if (input.subsidyWan !== undefined) out.subsidyFen = wanToFen(input.subsidyWan, "subsidyWan", "补贴金额");
  const min = out.priceMinFen !== undefined ? out.priceMinFen : (current?.priceMinFen ?? null);
  const max = out.priceMaxFen !== undefined ? out.priceMaxFen : (current?.priceMaxFen ?? null);
  if (min !== null && max !== null && min > max) throw badRequest("报价下限不能高于报价上限", "priceMaxWan");
  return out;
}

export async function createSolution(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  input: z.output<typeof SolutionInput>,
) {
  const ids = await providerIdsOf(db, actor);
  if (actor.role !== "provider") throw forbidden("发布解决方案");
  const providerId = input.providerId ?? ids[0];
  if (!providerId || !canManageSolution(actor, ids, providerId))
    throw forbidden("以该服务商名义发布解决方案（账号未关联该服务商）");
  await checkTags(db, input);
  const money = moneyFields(input);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(solutions)
      .values({
        providerId,
        name: input.name,
        kind: input.kind,
        category: SOLUTION_KIND_CATEGORY[input.kind],
        summary: input.summary ?? null,
        sceneIds: [...new Set(input.sceneIds)],
        industries: [...new Set(input.industries)],
        subsidyText: input.subsidyText ?? null,
        deployment: input.deployment,
        firstEdition: input.kind === "industrial_software" && input.firstEdition,
        serviceDistricts: input.serviceDistricts,
        references: input.references,
        createdBy: actor.id,
        ...money,
      })
      .returning({ id: solutions.id });
    await recordAudit(tx, auditActor, {
      action: "solution.create",
      entityType: "solution",
      entityId: row!.id,
      after: { providerId, name: input.name, kind: input.kind, sceneIds: input.sceneIds, ...money },
    });
    return row!.id;
  });
  return getSolution(db, actor, id);
}

export async function updateSolution(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: z.output<typeof SolutionUpdate>,
) {
  const ids = await providerIdsOf(db, actor);
  await db.transaction(async (tx) => {
    const row = await findRow(tx, id);
    if (!row) throw notFound("解决方案");
    if (!canManageSolution(actor, ids, row.s.providerId)) {
      // Readers of a public entry learn it exists; they still may not change it.
      if (row.s.status === "published" || isMatchingStaff(actor)) throw forbidden("修改该解决方案");
      throw notFound("解决方案");
    }
    if (row.s.version !== input.version)
      throw conflict("VERSION_CONFLICT", "该解决方案已被他人更新，请刷新后重试", "version");
    const from = row.s.status as SolutionStatus;
    if (input.status && !solutionStatusAllowed(from, input.status))
      throw conflict(
        "STATE_CONFLICT",
        `不能从“${SOLUTION_STATUS_LABELS[from]}”改为“${SOLUTION_STATUS_LABELS[input.status]}”`,
        "status",
      );
    await checkTags(tx, input);
    const { version: _v, status, priceMinWan: _a, priceMaxWan: _b, subsidyWan: _c, ...rest } = input;
    const kind = (input.kind ?? row.s.kind) as SolutionKind;
    const set: Partial<typeof solutions.$inferInsert> = {
      ...rest,
      ...moneyFields(input, row.s),
      ...(input.kind ? { category: SOLUTION_KIND_CATEGORY[input.kind] } : {}),
      ...(input.sceneIds ? { sceneIds: [...new Set(input.sceneIds)] } : {}),
      ...(kind !== "industrial_software" ? { firstEdition: false } : {}),
      ...(status ? { status } : {}),
      ...(status === "published" && from !== "published" ? { publishedAt: new Date() } : {}),
      updatedAt: new Date(),
      version: row.s.version + 1,
    };
    const updated = await tx
      .update(solutions)
      .set(set)
      .where(and(eq(solutions.id, id), eq(solutions.version, input.version)))
      .returning({ id: solutions.id });
    if (updated.length === 0)
      throw conflict("VERSION_CONFLICT", "该解决方案已被他人更新，请刷新后重试", "version");
    const action =
      status === "published" && from !== "published"
        ? "solution.publish"
        : status === "withdrawn" && from !== "withdrawn"
          ? "solution.withdraw"
          : "solution.update";
    // A listed entry changed, or one entered/left the catalogue: the providers' demand view follows.
    const to = status ?? from;
    if (row.providerStatus === "admitted" && (from === "published" || to === "published"))
      await refreshDemandVisibility(tx, [row.s.providerId], [...row.s.sceneIds, ...(set.sceneIds ?? [])]);
    const changed = Object.keys(set).filter((k) => k !== "updatedAt" && k !== "version");
    await recordAudit(tx, auditActor, {
      action,
      entityType: "solution",
      entityId: id,
      before: Object.fromEntries(changed.map((k) => [k, (row.s as Record<string, unknown>)[k] ?? null])),
      after: Object.fromEntries(changed.map((k) => [k, (set as Record<string, unknown>)[k] ?? null])),
    });
  });
  return getSolution(db, actor, id);
}
