import type {
  CreateEnterpriseRequest,
  EnterpriseDetail,
  EnterpriseListItem,
  EnterpriseStats,
  UpdateEnterpriseRequest,
} from "@dxcenter/contracts";
import {
  type Database,
  districts,
  type Executor,
  enterpriseAnnual,
  enterprises,
  industries,
} from "@dxcenter/db";
import { type Actor, maskPersonName, maskPhone, SRDI_TIERS, type SrdiTier } from "@dxcenter/domain";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { AppError, badRequest, conflict, forbidden, notFound } from "../../errors";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import {
  assertCanCreateIn,
  assertCanList,
  canUpdateEnterprise,
  editableFields,
  readCondition,
} from "./enterprise.policy";
import * as repo from "./enterprise.repository";

type CreateInput = z.output<typeof CreateEnterpriseRequest>;
type UpdateInput = z.output<typeof UpdateEnterpriseRequest>;
type Annual = CreateInput["annual"][number];

const iso = (d: Date) => d.toISOString();

export function toListItem(r: repo.ListRow): EnterpriseListItem {
  return {
    ...r,
    size: r.size as EnterpriseListItem["size"],
    srdiTier: r.srdiTier as SrdiTier,
    contactName: r.contactName ? maskPersonName(r.contactName) : null,
    contactPhone: r.contactPhone ? maskPhone(r.contactPhone) : null,
    updatedAt: iso(r.updatedAt),
  };
}

export async function listEnterprises(db: Database, actor: Actor, q: repo.ListQuery) {
  assertCanList(actor);
  return repo.findPage(db, readCondition(actor), q, toListItem);
}

export async function enterpriseStats(db: Database, actor: Actor): Promise<EnterpriseStats> {
  assertCanList(actor);
  const { byDistrict, byIndustry } = await repo.stats(db, readCondition(actor));
  const sum = (f: (r: (typeof byDistrict)[number]) => number) => byDistrict.reduce((a, r) => a + f(r), 0);
  return {
    total: sum((r) => r.total),
    aboveScale: sum((r) => r.aboveScale),
    srdi: sum((r) => r.srdi),
    byDistrict: byDistrict.map(({ srdi: _s, ...r }) => r),
    byIndustry,
  };
}

export async function getEnterprise(db: Executor, actor: Actor, id: string): Promise<EnterpriseDetail> {
  const found = await repo.findById(db, readCondition(actor), id);
  if (!found) throw notFound("企业");
  const { e, districtName, industryName, annual } = found;
  const canUpdate = canUpdateEnterprise(actor, e);
  const fields = editableFields(actor);
  return {
    id: e.id,
    uscc: e.uscc,
    name: e.name,
    districtCode: e.districtCode,
    districtName,
    industryCode: e.industryCode,
    industryName,
    aboveScale: e.aboveScale,
    size: e.size as EnterpriseDetail["size"],
    srdiTier: e.srdiTier as SrdiTier,
    contactName: e.contactName ? maskPersonName(e.contactName) : null,
    contactPhone: e.contactPhone ? maskPhone(e.contactPhone) : null,
    tags: e.tags,
    latestYear: e.latestYear,
    latestRevenueFen: e.latestRevenueFen,
    latestEmployees: e.latestEmployees,
    updatedAt: iso(e.updatedAt),
    address: e.address,
    digitalRdTools: e.digitalRdTools,
    keyProcessNcRate: e.keyProcessNcRate === null ? null : Number(e.keyProcessNcRate),
    cloudAdopted: e.cloudAdopted,
    itfCertified: e.itfCertified,
    dcmmLevel: e.dcmmLevel,
    cmmmLevel: e.cmmmLevel,
    annual: annual.map((a) => ({ year: a.year, revenueFen: a.revenueFen, employees: a.employees })),
    createdAt: iso(e.createdAt),
    version: e.version,
    permissions: { update: canUpdate, editableFields: canUpdate && fields ? [...fields] : null },
  };
}

/** Unmasked contact for one enterprise; the reveal itself is audited (personal data access log). */
export async function revealContact(db: Database, actor: Actor, auditActor: AuditActor, id: string) {
  const found = await repo.findById(db, readCondition(actor), id);
  if (!found) throw notFound("企业");
  await recordAudit(db, auditActor, {
    action: "enterprise.contact_view",
    entityType: "enterprise",
    entityId: id,
    districtCode: found.e.districtCode,
  });
  return { contactName: found.e.contactName, contactPhone: found.e.contactPhone };
}

/** Checks codes against the reference tables; districts must be current (abolished ones only live in old USCCs). */
export async function assertReferences(db: Executor, districtCode?: string, industryCode?: string) {
  if (districtCode !== undefined) {
    const [d] = await db.select().from(districts).where(eq(districts.code, districtCode));
    if (!d) throw badRequest(`所属区代码 ${districtCode} 不存在`, "districtCode");
    if (d.status !== "current")
      throw badRequest(`${d.name}（${districtCode}）已撤销，请选择现行行政区`, "districtCode");
  }
  if (industryCode !== undefined) {
    const [i] = await db.select().from(industries).where(eq(industries.code, industryCode));
    if (!i) throw badRequest(`所属行业代码 ${industryCode} 不是制造业大类（C13–C43）`, "industryCode");
  }
}

export function latestOf(annual: Annual[]) {
  const latest = [...annual].sort((a, b) => b.year - a.year)[0];
  return {
    latestYear: latest?.year ?? null,
    latestRevenueFen: latest?.revenueFen ?? null,
    latestEmployees: latest?.employees ?? null,
  };
}

/** Column values of an enterprise row from validated input (everything but id/uscc/timestamps/version). */
export function rowValues(input: Omit<CreateInput, "uscc">) {
  return {
    name: input.name,
    districtCode: input.districtCode,
    industryCode: input.industryCode,
    aboveScale: input.aboveScale,
    size: input.size,
    srdiTier: input.srdiTier,
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
    address: input.address ?? null,
    tags: [...new Set(input.tags)],
    digitalRdTools: input.digitalRdTools ?? null,
    keyProcessNcRate: input.keyProcessNcRate == null ? null : input.keyProcessNcRate.toFixed(2),
    cloudAdopted: input.cloudAdopted ?? null,
    itfCertified: input.itfCertified ?? null,
    dcmmLevel: input.dcmmLevel ?? null,
    cmmmLevel: input.cmmmLevel ?? null,
    ...latestOf(input.annual),
  };
}

/** The audited picture of an enterprise: its row (without bookkeeping columns) and its annual figures. */
function auditSnapshot(row: repo.EnterpriseRow, annual: Annual[]) {
  const { createdAt: _c, updatedAt: _u, ...rest } = row;
  return { ...rest, annual };
}

export async function createEnterprise(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  input: CreateInput,
) {
  assertCanCreateIn(actor, input.districtCode);
  await assertReferences(db, input.districtCode, input.industryCode);
  const id = await db.transaction(async (tx) => {
    const existing = await repo.findByUsccs(tx, [input.uscc]);
    if (existing.length) throw duplicateUscc(input.uscc);
    const [row] = await tx
      .insert(enterprises)
      .values({ uscc: input.uscc, ...rowValues(input) })
      .onConflictDoNothing({ target: enterprises.uscc })
      .returning();
    if (!row) throw duplicateUscc(input.uscc); // lost a race with a concurrent insert
    if (input.annual.length) {
      await tx.insert(enterpriseAnnual).values(input.annual.map((a) => ({ enterpriseId: row.id, ...a })));
    }
    await recordAudit(tx, auditActor, {
      action: "enterprise.create",
      entityType: "enterprise",
      entityId: row.id,
      districtCode: row.districtCode,
      after: auditSnapshot(row, input.annual),
    });
    return row.id;
  });
  return getEnterprise(db, actor, id);
}

const duplicateUscc = (uscc: string) =>
  conflict("DUPLICATE_USCC", `统一社会信用代码 ${uscc} 已登记，请勿重复添加`, "uscc");

export async function updateEnterprise(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: UpdateInput,
) {
  await db.transaction(async (tx) => {
    const found = await repo.findById(tx, readCondition(actor), id);
    if (!found) throw notFound("企业");
    const current = found.e;
    if (!canUpdateEnterprise(actor, current)) throw forbidden("修改该企业信息");
    const allowed = editableFields(actor);
    const { version, ...changes } = input;
    if (allowed) {
      const refused = Object.keys(changes).filter(
        (k) => !allowed.includes(k) && !sameValue(current, found.annual, k, changes),
      );
      if (refused[0])
        throw new AppError(403, "FORBIDDEN", "企业用户不能修改该字段，请联系所在区工信部门", refused[0]);
    }
    if (changes.districtCode !== undefined && changes.districtCode !== current.districtCode) {
      assertCanCreateIn(actor, changes.districtCode);
    }
    await assertReferences(tx, changes.districtCode, changes.industryCode);
    const annual: Annual[] = changes.annual ?? found.annual.map((a) => ({ ...a }));
    const merged = {
      ...rowValuesFromRow(current),
      ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
      annual,
    } as Omit<CreateInput, "uscc">;
    const values = rowValues(merged);
    // Optimistic lock: the row changes only if nobody saved since this client read version N.
    const [row] = await tx
      .update(enterprises)
      .set({ ...values, updatedAt: new Date(), version: sql`${enterprises.version} + 1` })
      .where(and(eq(enterprises.id, id), eq(enterprises.version, version)))
      .returning();
    if (!row) {
      throw new AppError(
        409,
        "VERSION_CONFLICT",
        `该企业信息已被他人修改（当前版本 ${current.version}，您编辑的是版本 ${version}），请刷新后重新编辑`,
        "version",
      );
    }
    if (changes.annual) {
      await tx.delete(enterpriseAnnual).where(eq(enterpriseAnnual.enterpriseId, id));
      if (annual.length)
        await tx.insert(enterpriseAnnual).values(annual.map((a) => ({ enterpriseId: id, ...a })));
    }
    await recordAudit(tx, auditActor, {
      action: "enterprise.update",
      entityType: "enterprise",
      entityId: id,
      districtCode: row.districtCode,
      before: auditSnapshot(current, found.annual),
      after: auditSnapshot(row, annual),
    });
  });
  return getEnterprise(db, actor, id);
}

function rowValuesFromRow(r: repo.EnterpriseRow) {
  return {
    name: r.name,
    districtCode: r.districtCode,
    industryCode: r.industryCode,
    aboveScale: r.aboveScale,
    size: r.size,
    srdiTier: SRDI_TIERS.includes(r.srdiTier as SrdiTier) ? r.srdiTier : "none",
    contactName: r.contactName,
    contactPhone: r.contactPhone,
    address: r.address,
    tags: r.tags,
    digitalRdTools: r.digitalRdTools,
    keyProcessNcRate: r.keyProcessNcRate === null ? null : Number(r.keyProcessNcRate),
    cloudAdopted: r.cloudAdopted,
    itfCertified: r.itfCertified,
    dcmmLevel: r.dcmmLevel,
    cmmmLevel: r.cmmmLevel,
  };
}

/** A form sends every field back; an unchanged value of a locked field is not an attempt to change it. */
function sameValue(
  current: repo.EnterpriseRow,
  annual: Annual[],
  key: string,
  changes: Record<string, unknown>,
) {
  const now = { ...rowValuesFromRow(current), annual } as Record<string, unknown>;
  return JSON.stringify(now[key] ?? null) === JSON.stringify(changes[key] ?? null);
}
