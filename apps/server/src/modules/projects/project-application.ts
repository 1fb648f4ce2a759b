import type { ProjectApplication } from "@dxcenter/contracts";
import { type Database, enterprises, projects } from "@dxcenter/db";
import { type Actor, canApplyFor, checkApplication, parseWanYuanToFen } from "@dxcenter/domain";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, forbidden, notFound } from "../../errors";
import { type AuditActor, insertAudited, recordAudit } from "../audit/audit.service";
import { readCondition } from "../enterprises/enterprise.policy";
import { runProjectStep } from "./project-guard";
import { getProject } from "./project-read";

/** The application: create, edit (draft / returned) and submit to the 区级初审. */

type Application = Omit<z.output<typeof ProjectApplication>, "enterpriseId">;

/** A 万元 amount typed by a person → 分 (null when empty); 400 on the field otherwise. */
export function wanToFen(value: string | undefined, field: string, label: string): number | null {
  if (value === undefined || value === "") return null;
  const fen = parseWanYuanToFen(value);
  if (fen === null)
    throw badRequest(`${label}：请输入以万元为单位的金额，如 1200 或 85.5（最小到分）`, field);
  if (fen < 0) throw badRequest(`${label}：金额不能为负数`, field);
  return fen;
}

function applicationValues(input: Application) {
  const total = wanToFen(input.totalInvestmentWan, "totalInvestmentWan", "项目总投资") ?? 0;
  const equipment = wanToFen(input.equipmentInvestmentWan, "equipmentInvestmentWan", "设备投资") ?? 0;
  const software = wanToFen(input.softwareInvestmentWan, "softwareInvestmentWan", "软硬件工具投资") ?? 0;
  const loan = wanToFen(input.loanPrincipalWan, "loanPrincipalWan", "贷款本金");
  const bad = checkApplication({
    totalInvestmentFen: total,
    equipmentInvestmentFen: equipment,
    softwareInvestmentFen: software,
    plannedStartDate: input.plannedStartDate,
    plannedFinishDate: input.plannedFinishDate,
    loanPrincipalFen: loan,
    loanMonths: input.loanMonths ?? null,
    reloanSupported: input.reloanSupported ?? false,
  });
  if (bad) throw badRequest(bad.message, bad.field);
  return {
    name: input.name,
    type: input.type,
    totalInvestmentFen: total,
    equipmentInvestmentFen: equipment,
    softwareInvestmentFen: software,
    loanPrincipalFen: loan,
    loanMonths: input.loanMonths ?? null,
    cityDemonstration: input.cityDemonstration ?? false,
    reloanSupported: input.reloanSupported ?? false,
    plannedStartDate: input.plannedStartDate,
    plannedFinishDate: input.plannedFinishDate,
    expectedOutcomes: input.expectedOutcomes ?? "",
  };
}

export async function createProject(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  input: z.output<typeof ProjectApplication>,
) {
  if (!["enterprise", "city_admin", "district_admin"].includes(actor.role)) throw forbidden("申报技改项目");
  const enterpriseId = actor.role === "enterprise" ? actor.enterpriseId : input.enterpriseId;
  if (!enterpriseId) throw badRequest("所属企业：请选择申报项目的企业", "enterpriseId");
  const [ent] = await db
    .select({ id: enterprises.id, districtCode: enterprises.districtCode })
    .from(enterprises)
    .where(and(readCondition(actor), eq(enterprises.id, enterpriseId)));
  if (!ent) throw notFound("企业");
  if (!canApplyFor(actor, ent)) throw forbidden("为该企业申报技改项目");
  const values = applicationValues(input);
  const id = await db.transaction(async (tx) => {
    return insertAudited(
      tx,
      auditActor,
      projects,
      { ...values, enterpriseId: ent.id, districtCode: ent.districtCode, createdBy: actor.id },
      {
        action: "project.create",
        entityType: "project",
        districtCode: ent.districtCode,
        after: { enterpriseId: ent.id, ...values },
      },
    );
  });
  return getProject(db, actor, id);
}

export async function updateProject(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: Application & { version: number },
) {
  const values = applicationValues(input);
  await runProjectStep(db, actor, { id, version: input.version, step: "edit" }, async (tx, row) => {
    await tx.update(projects).set(values).where(eq(projects.id, id));
    const old = new Map<string, unknown>(Object.entries(row.p));
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) {
      if (old.get(k) !== v) {
        before[k] = old.get(k);
        after[k] = v;
      }
    }
    await recordAudit(tx, auditActor, {
      action: "project.update",
      entityType: "project",
      entityId: id,
      districtCode: row.p.districtCode,
      before,
      after,
    });
  });
  return getProject(db, actor, id);
}

export async function submitProject(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  version: number,
) {
  await runProjectStep(db, actor, { id, version, step: "submit" }, async (tx, row) => {
    await tx
      .update(projects)
      .set({ status: "district_review", submittedAt: new Date() })
      .where(eq(projects.id, id));
    await recordAudit(tx, auditActor, {
      action: "project.submit",
      entityType: "project",
      entityId: id,
      districtCode: row.p.districtCode,
      before: { status: row.p.status },
      after: { status: "district_review" },
    });
  });
  return getProject(db, actor, id);
}
