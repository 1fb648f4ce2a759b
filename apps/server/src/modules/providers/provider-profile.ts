import type { RegisterProviderRequest, UpdateProviderRequest } from "@dxcenter/contracts";
import {
  type Database,
  type Executor,
  industries,
  providerCases,
  providerMembers,
  providers,
} from "@dxcenter/db";
import { type Actor, canRegisterProvider, PROVIDER_WORKFLOW } from "@dxcenter/domain";
import { eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, conflict, forbidden, notFound } from "../../errors";
import { assertVersion } from "../../lib/optimistic-lock";
import { assertStep } from "../../lib/workflow";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { refreshDemandVisibility } from "../demands/visibility";
import { getProvider } from "./provider.queries";
import { providerIdOfUser } from "./provider-members";
import { PROVIDER_TEXTS } from "./provider-status";

/** A provider account registers and edits its own organisation (profile and service cases). */

type Register = z.output<typeof RegisterProviderRequest>;
type Update = z.output<typeof UpdateProviderRequest>;

async function checkCodes(db: Executor, input: Update | Register) {
  const codes = [...new Set([...input.industries, ...input.cases.map((c) => c.industry)])];
  if (codes.length === 0) return;
  const known = await db
    .select({ code: industries.code })
    .from(industries)
    .where(inArray(industries.code, codes));
  const set = new Set(known.map((k) => k.code));
  const bad = codes.find((c) => !set.has(c));
  if (bad)
    throw badRequest(
      `行业代码 ${bad} 不是 GB/T 4754 制造业大类`,
      input.industries.includes(bad) ? "industries" : "cases",
    );
}

const profileValues = (input: Update | Register) => ({
  name: input.name,
  categories: [...new Set(input.categories)],
  sceneIds: [...new Set(input.sceneIds)],
  industries: [...new Set(input.industries)],
  technologyFields: [...new Set(input.technologyFields)],
  serviceDistricts: [...new Set(input.serviceDistricts)],
  staffCount: input.staffCount ?? null,
  qualifications: input.qualifications,
  contactName: input.contactName ?? null,
  contactPhone: input.contactPhone ?? null,
  address: input.address ?? null,
  website: input.website ?? null,
  profile: input.profile ?? null,
});

async function replaceCases(tx: Executor, providerId: string, cases: Register["cases"]) {
  await tx.delete(providerCases).where(eq(providerCases.providerId, providerId));
  if (cases.length)
    await tx.insert(providerCases).values(
      cases.map((c) => ({
        providerId,
        customer: c.customer,
        enterpriseId: c.enterpriseId ?? null,
        industry: c.industry,
        sceneIds: c.sceneIds,
        result: c.result,
        measuredChange:
          c.measuredChange === null || c.measuredChange === undefined ? null : String(c.measuredChange),
        year: c.year ?? null,
      })),
    );
}

export async function registerProvider(db: Database, actor: Actor, auditActor: AuditActor, input: Register) {
  const id = await db.transaction(async (tx) => {
    const existing = await providerIdOfUser(tx, actor.id);
    if (!canRegisterProvider(actor, existing !== null)) {
      if (actor.role !== "provider") throw forbidden("登记服务商机构");
      throw conflict("ALREADY_MEMBER", "您的账号已属于一家服务商机构，请直接修改机构信息");
    }
    await checkCodes(tx, input);
    const [dup] = await tx.select({ id: providers.id }).from(providers).where(eq(providers.uscc, input.uscc));
    if (dup)
      throw conflict(
        "DUPLICATE",
        "该统一社会信用代码的机构已登记，请联系该机构的管理员将您的账号加入",
        "uscc",
      );
    const [row] = await tx
      .insert(providers)
      .values({ uscc: input.uscc, status: "registered", ...profileValues(input) })
      .returning({ id: providers.id });
    await tx.insert(providerMembers).values({ providerId: row!.id, userId: actor.id });
    await replaceCases(tx, row!.id, input.cases);
    await recordAudit(tx, auditActor, {
      action: "provider.register",
      entityType: "provider",
      entityId: row!.id,
      after: { uscc: input.uscc, name: input.name, categories: input.categories },
    });
    return row!.id;
  });
  return getProvider(db, actor, id);
}

export async function updateProvider(db: Database, actor: Actor, auditActor: AuditActor, input: Update) {
  if (actor.role !== "provider") throw forbidden("修改服务商机构信息");
  const id = await providerIdOfUser(db, actor.id);
  if (!id) throw notFound("服务商机构");
  await db.transaction(async (tx) => {
    const [cur] = await tx.select().from(providers).where(eq(providers.id, id)).for("update");
    const facts = { status: cur!.status, memberUserIds: [actor.id] };
    assertStep(PROVIDER_WORKFLOW, PROVIDER_TEXTS, actor, facts, "edit");
    assertVersion(cur!.version, input.version, "机构信息已被他人修改，请刷新后重试");
    await checkCodes(tx, input);
    const next = profileValues(input);
    await tx
      .update(providers)
      .set({ ...next, updatedAt: new Date(), version: sql`${providers.version} + 1` })
      .where(eq(providers.id, id));
    await replaceCases(tx, id, input.cases);
    // Cases, districts and industries weigh in its solutions' scores.
    if (cur!.status === "admitted") await refreshDemandVisibility(tx, [id]);
    await recordAudit(tx, auditActor, {
      action: "provider.update",
      entityType: "provider",
      entityId: id,
      before: { name: cur!.name, categories: cur!.categories, sceneIds: cur!.sceneIds },
      after: {
        name: next.name,
        categories: next.categories,
        sceneIds: next.sceneIds,
        cases: input.cases.length,
      },
    });
  });
  return getProvider(db, actor, id);
}
