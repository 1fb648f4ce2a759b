import type {
  CreateDemandRequest,
  DemandDetail,
  DemandListQuery,
  UpdateDemandRequest,
} from "@dxcenter/contracts";
import { type Database, demands, type Executor, enterprises } from "@dxcenter/db";
import {
  type Actor,
  allowedSteps,
  canPostDemandFor,
  DEMAND_WORKFLOW,
  type DemandStatus,
  decideStep,
  demandStepFor,
  LEAD_WORKFLOW,
  parseWanYuanToFen,
} from "@dxcenter/domain";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, forbidden, notFound } from "../../errors";
import { assertVersion, updateAtVersion } from "../../lib/optimistic-lock";
import { listPages } from "../../lib/pages";
import { assertStep } from "../../lib/workflow";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { readCondition } from "../enterprises/enterprise.policy";
import { sceneCatalogue } from "../solutions/scenes";
import {
  demandFacts,
  demandPage,
  demandScopeOf,
  findDemandRow,
  leadsOf,
  toDemandItem,
} from "./demand.queries";
import { DEMAND_TEXTS } from "./demand.texts";
import { domainDemand, rankNewDemand } from "./visibility";

/** 409 VERSION_CONFLICT: the record changed since the caller read it. */
const STALE_DEMAND = "该需求已被他人更新，请刷新后重试";

/** Demands: the scoped list and its export, one demand with its leads, posting and editing. */

type ListQuery = z.output<typeof DemandListQuery>;

export async function listDemands(db: Database, actor: Actor, q: ListQuery) {
  const { scope } = await demandScopeOf(db, actor);
  if (scope.kind === "none") throw forbidden("查看企业需求");
  return demandPage(db, scope, q);
}

export async function* iterateDemandsForExport(
  db: Database,
  actor: Actor,
  q: Omit<ListQuery, "page" | "pageSize">,
) {
  if (actor.role !== "city_admin" && actor.role !== "district_admin") throw forbidden("导出企业需求");
  yield* listPages(listDemands, db, actor, q);
}

export async function getDemand(db: Database, actor: Actor, id: string): Promise<DemandDetail> {
  const { row, providerIds } = await findDemandRow(db, actor, id);
  const facts = demandFacts(row);
  const leads = await leadsOf(db, id, actor.role === "provider" ? providerIds : null);
  return {
    ...(await toDemandItem(db, row)),
    gapSources: row.d.gapSources,
    leads,
    permissions: {
      // The owner side while the demand is not closed (reopening a closed one is its own step).
      manage: allowedSteps(DEMAND_WORKFLOW, actor, facts).shortlist,
      providerContact:
        actor.role === "provider" &&
        leads.some(
          (l) =>
            decideStep(
              LEAD_WORKFLOW,
              actor,
              { ...facts, status: l.status, providerId: l.providerId, actorProviderIds: providerIds },
              "contact",
            ).ok,
        ),
    },
  };
}

/** The enterprise a demand is posted for: the caller's own, or one the bureau manages. */
export async function enterpriseFor(db: Executor, actor: Actor, enterpriseId: string | undefined) {
  const id = actor.role === "enterprise" ? actor.enterpriseId : enterpriseId;
  if (!id) throw badRequest("请选择发布需求的企业", "enterpriseId");
  const [ent] = await db
    .select({
      id: enterprises.id,
      districtCode: enterprises.districtCode,
      name: enterprises.name,
      industryCode: enterprises.industryCode,
    })
    .from(enterprises)
    .where(and(readCondition(actor), eq(enterprises.id, id)));
  if (!ent) throw notFound("企业");
  if (!canPostDemandFor(actor, ent)) throw forbidden("为该企业发布需求");
  return ent;
}

/** Budget and timing of a new demand, checked. */
export function budgetAndTiming(input: {
  budgetWan?: string | null;
  timingStart?: string | null;
  timingEnd?: string | null;
}) {
  let budgetFen: number | null = null;
  if (input.budgetWan !== undefined && input.budgetWan !== null && input.budgetWan !== "") {
    const fen = parseWanYuanToFen(input.budgetWan);
    if (fen === null || fen < 0)
      throw badRequest("预算（万元）：请输入不小于 0 的金额，最多 6 位小数，如 35.5", "budgetWan");
    budgetFen = fen;
  }
  if (input.timingStart && input.timingEnd && input.timingEnd < input.timingStart)
    throw badRequest("期望完成时间不能早于期望开始时间", "timingEnd");
  return { budgetFen, timingStart: input.timingStart ?? null, timingEnd: input.timingEnd ?? null };
}

/**
 * Inserts a demand, ranks it (storing which providers may see it) and audits it, in one transaction;
 * returns its id. Shared by posting and by generating from an assessment.
 */
export async function insertDemand(
  db: Database,
  auditActor: AuditActor,
  ent: { id: string; districtCode: string; industryCode: string },
  values: Omit<typeof demands.$inferInsert, "enterpriseId" | "sceneIds"> & { sceneIds: string[] },
  audit: { action: "demand.create" | "demand.generate"; after: Record<string, unknown> },
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(demands)
      .values({ ...values, enterpriseId: ent.id })
      .returning({ id: demands.id });
    const id = row!.id;
    const budgetFen = values.budgetFen ?? null;
    await rankNewDemand(
      tx,
      domainDemand({ id, enterpriseId: ent.id, sceneIds: values.sceneIds, budgetFen }, ent),
    );
    await recordAudit(tx, auditActor, {
      action: audit.action,
      entityType: "demand",
      entityId: id,
      districtCode: ent.districtCode,
      after: audit.after,
    });
    return id;
  });
}

export async function createDemand(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  input: z.output<typeof CreateDemandRequest>,
) {
  const ent = await enterpriseFor(db, actor, input.enterpriseId);
  const catalogue = await sceneCatalogue(db);
  const unknown = input.sceneIds.find((s) => !catalogue.has(s));
  if (unknown) throw badRequest(`需求场景：“${unknown}”不是评估量表中的场景或子领域`, "sceneIds");
  const plan = budgetAndTiming(input);
  const sceneIds = [...new Set(input.sceneIds)];
  const id = await insertDemand(
    db,
    auditActor,
    ent,
    {
      title: input.title,
      sceneIds,
      ...plan,
      description: input.description ?? null,
      source: "posted",
      createdBy: actor.id,
    },
    {
      action: "demand.create",
      after: { enterpriseId: ent.id, title: input.title, sceneIds, budgetFen: plan.budgetFen },
    },
  );
  return getDemand(db, actor, id);
}

/** Edit the description, close, or reopen (back to 对接中 when the demand has leads). */
export async function updateDemand(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: z.output<typeof UpdateDemandRequest>,
) {
  await db.transaction(async (tx) => {
    const { row } = await findDemandRow(tx, actor, id);
    const facts = demandFacts(row);
    assertStep(DEMAND_WORKFLOW, DEMAND_TEXTS, actor, facts, demandStepFor(facts.status, input.status));
    assertVersion(row.d.version, input.version, STALE_DEMAND);
    const reopen = input.status === "open" && row.d.status === "closed";
    const status: DemandStatus | undefined =
      input.status === "closed"
        ? "closed"
        : reopen
          ? Number(row.leadCount) > 0
            ? "matched"
            : "open"
          : undefined;
    await updateAtVersion(
      tx,
      demands,
      id,
      input.version,
      {
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(status ? { status, closedAt: status === "closed" ? new Date() : null } : {}),
        updatedAt: new Date(),
        version: row.d.version + 1,
      },
      STALE_DEMAND,
    );
    await recordAudit(tx, auditActor, {
      action: status === "closed" ? "demand.close" : "demand.update",
      entityType: "demand",
      entityId: id,
      districtCode: row.districtCode,
      before: { status: row.d.status, description: row.d.description },
      after: { status: status ?? row.d.status, description: input.description ?? row.d.description },
    });
  });
  return getDemand(db, actor, id);
}
