import type {
  MySolutionListQuery,
  SolutionInput,
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
  SOLUTION_WORKFLOW,
  type SolutionKind,
  type SolutionStatus,
  type SolutionStep,
  solutionStepFor,
} from "@dxcenter/domain";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, forbidden, notFound } from "../../errors";
import { searchAny } from "../../lib/list-query";
import { assertVersion, updateAtVersion } from "../../lib/optimistic-lock";
import { allPages } from "../../lib/pages";
import { assertStep, type WorkflowTexts } from "../../lib/workflow";
import { type AuditActor, insertAudited, recordAudit } from "../audit/audit.service";
import { refreshDemandVisibility } from "../demands/visibility";
import { providerIdsOf } from "./membership";
import { sceneCatalogue } from "./scenes";
import {
  findSolutionRow,
  priceOrder,
  publicCondition,
  type SolutionRow,
  servesDistrictSql,
  solutionPage,
  textArray,
  toSolutionItem,
} from "./solution.queries";

/** 409 VERSION_CONFLICT: the record changed since the caller read it. */
const STALE_SOLUTION = "该解决方案已被他人更新，请刷新后重试";

type ListQuery = z.output<typeof SolutionListQuery>;
type MineQuery = z.output<typeof MySolutionListQuery>;

/** The status each step moves a solution into (the 409 names it). */
const INTO: Record<Exclude<SolutionStep, "edit">, SolutionStatus> = {
  publish: "published",
  withdraw: "withdrawn",
  redraft: "draft",
};

const TEXTS: WorkflowTexts<SolutionStep, SolutionStatus> = {
  entity: "solution",
  action: {
    edit: "修改该解决方案",
    publish: "修改该解决方案",
    withdraw: "修改该解决方案",
    redraft: "修改该解决方案",
  },
  conflict: (step, status) =>
    `不能从“${SOLUTION_STATUS_LABELS[status]}”改为“${SOLUTION_STATUS_LABELS[step === "edit" ? status : INTO[step]]}”`,
};

function wanToFen(v: string | null | undefined, field: string, label: string): number | null {
  if (v === undefined || v === null || v === "") return null;
  const fen = parseWanYuanToFen(v);
  if (fen === null || fen < 0)
    throw badRequest(`${label}：请输入不小于 0 的金额（万元，最多 6 位小数）`, field);
  return fen;
}

/** The catalogue's filters as one condition (drizzle drops the undefined ones). */
function filters(q: Partial<ListQuery>) {
  const max = wanToFen(q.priceMaxWan, "priceMaxWan", "最高报价");
  const min = wanToFen(q.priceMinWan, "priceMinWan", "最低报价");
  return and(
    q.sceneId?.length ? sql`${solutions.sceneIds} && ${textArray(q.sceneId)}` : undefined,
    q.industry
      ? sql`(cardinality(${solutions.industries}) = 0 or ${solutions.industries} @> ${textArray([q.industry])})`
      : undefined,
    q.kind ? eq(solutions.kind, q.kind) : undefined,
    q.deployment ? eq(solutions.deployment, q.deployment) : undefined,
    q.firstEdition !== undefined ? eq(solutions.firstEdition, q.firstEdition) : undefined,
    q.districtCode ? servesDistrictSql(q.districtCode) : undefined,
    q.providerId ? eq(solutions.providerId, q.providerId) : undefined,
    max !== null ? sql`${priceOrder} <= ${max}` : undefined,
    min !== null ? sql`${priceOrder} >= ${min}` : undefined,
    searchAny(q.q, solutions.name, providers.name, solutions.summary),
  );
}

/**
 * The catalogue. Anyone sees published entries of admitted providers; staff (export, oversight)
 * may list everything with `all`.
 */
export async function listSolutions(db: Database, actor: Actor | null, q: ListQuery, all = false) {
  const scope = all && isMatchingStaff(actor) ? undefined : publicCondition;
  return solutionPage(db, and(scope, filters(q)), q);
}

/** Staff export every status; anyone else (also signed out) the public catalogue they can browse. */
export function iterateSolutionsForExport(
  db: Database,
  actor: Actor | null,
  q: Omit<ListQuery, "page" | "pageSize">,
) {
  return allPages((page, pageSize) => listSolutions(db, actor, { ...q, page, pageSize }, true), 1000);
}

/** A provider account's own organisation's entries, every status. */
export async function listMySolutions(db: Database, actor: Actor, q: MineQuery) {
  const ids = await providerIdsOf(db, actor);
  if (actor.role !== "provider") throw forbidden("管理解决方案");
  const cond = and(
    ids.length ? inArray(solutions.providerId, ids) : sql`false`,
    q.status ? eq(solutions.status, q.status) : undefined,
    q.kind ? eq(solutions.kind, q.kind) : undefined,
    searchAny(q.q, solutions.name),
  );
  return solutionPage(db, cond, q);
}

export async function getSolution(db: Database, actor: Actor | null, id: string) {
  const row = await findSolutionRow(db, id);
  const ids = await providerIdsOf(db, actor);
  if (
    !row ||
    !canReadSolution(actor, ids, {
      providerId: row.s.providerId,
      status: row.s.status,
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

function moneyFields(input: Partial<z.output<typeof SolutionInput>>, current?: SolutionRow["s"]) {
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
    return insertAudited(
      tx,
      auditActor,
      solutions,
      {
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
      },
      {
        action: "solution.create",
        entityType: "solution",
        after: { providerId, name: input.name, kind: input.kind, sceneIds: input.sceneIds, ...money },
      },
    );
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
    const row = await findSolutionRow(tx, id);
    if (!row) throw notFound("解决方案");
    if (!canManageSolution(actor, ids, row.s.providerId)) {
      // Readers of a public entry learn it exists; they still may not change it.
      if (row.s.status === "published" || isMatchingStaff(actor)) throw forbidden("修改该解决方案");
      throw notFound("解决方案");
    }
    assertVersion(row.s.version, input.version, STALE_SOLUTION);
    const from = row.s.status;
    assertStep(
      SOLUTION_WORKFLOW,
      TEXTS,
      actor,
      { status: from, providerId: row.s.providerId, actorProviderIds: ids },
      solutionStepFor(from, input.status),
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
    await updateAtVersion(tx, solutions, id, input.version, set, STALE_SOLUTION);
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
