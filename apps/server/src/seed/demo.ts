import {
  bulkInsert,
  type Database,
  enterpriseAnnual,
  enterprises,
  type GeneratedEnterprise,
  iterateEnterprises,
  users,
} from "@dxcenter/db";
import type { Role } from "@dxcenter/domain";
import { and, asc, count, eq } from "drizzle-orm";
import { hashPassword } from "../lib/passwords";
import { recordAudit } from "../modules/audit/audit.service";
import { analyzeEnterprises } from "../modules/enterprises/enterprise.repository";
import { rowValues } from "../modules/enterprises/enterprise.service";
import { SEED_ACTOR } from "./demo-seed";
import { syncReferenceData } from "./reference";

export const DEMO_DISTRICT = "120116"; // 滨海新区
export const DEMO_ENTERPRISE_COUNT = 640;

export const DEMO_USERS: { username: string; displayName: string; role: Role; organization?: string }[] = [
  {
    username: "city_admin",
    displayName: "市工信局管理员",
    role: "city_admin",
    organization: "天津市工业和信息化局",
  },
  {
    username: "district_admin",
    displayName: "滨海新区工信部门",
    role: "district_admin",
    organization: "滨海新区工业和信息化局",
  },
  { username: "enterprise", displayName: "企业联系人", role: "enterprise" },
  {
    username: "provider",
    displayName: "服务商联系人",
    role: "provider",
    organization: "天津数智转型服务有限公司",
  },
  {
    username: "provider2",
    displayName: "服务商联系人二",
    role: "provider",
    organization: "天津智改数转咨询服务有限公司",
  },
  { username: "expert", displayName: "评审专家", role: "expert", organization: "天津大学" },
  {
    username: "department",
    displayName: "市发展改革委联络员",
    role: "department",
    organization: "天津市发展和改革委员会",
  },
  // 市统计局 fills the 技改投资 figures it owns (指标填报).
  { username: "stats", displayName: "市统计局联络员", role: "department", organization: "市统计局" },
];

/** Inserts generated enterprises in multi-row batches (also used by the data generator command). */
export async function insertGeneratedEnterprises(
  db: Database,
  rows: Iterable<GeneratedEnterprise>,
  onBatch?: (done: number) => void,
) {
  let batch: GeneratedEnterprise[] = [];
  let done = 0;
  const flush = async () => {
    if (!batch.length) return;
    const current = batch;
    batch = [];
    await db.transaction(async (tx) => {
      const inserted = await bulkInsert<typeof enterprises, { id: string; uscc: string }>(
        tx,
        enterprises,
        current.map((g) => ({ uscc: g.uscc, ...rowValues(g) })),
        { onConflictDoNothing: "uscc", returning: ["id", "uscc"] },
      );
      const byUscc = new Map(current.map((g) => [g.uscc, g]));
      const annual = inserted.flatMap((r) =>
        byUscc.get(r.uscc)!.annual.map((a) => ({ enterpriseId: r.id, ...a })),
      );
      if (annual.length) await bulkInsert(tx, enterpriseAnnual, annual);
    });
    done += current.length;
    onBatch?.(done);
  };
  for (const g of rows) {
    batch.push(g);
    if (batch.length >= 1000) await flush();
  }
  await flush();
  await analyzeEnterprises(db);
  return done;
}

/**
 * Demo mode: the Tianjin demo city (reference data, ≥ 600 enterprises) and one account per role.
 * Idempotent: runs at every demo start; enterprises are generated only into an empty registry, and
 * demo passwords are (re)set to the configured demo password.
 */
export async function seedDemo(db: Database, demoPassword: string) {
  const ref = await syncReferenceData(db);
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(enterprises);
  if (n === 0) {
    const current = ref.districts.filter((d) => d.status === "current");
    const inserted = await insertGeneratedEnterprises(
      db,
      iterateEnterprises({
        count: DEMO_ENTERPRISE_COUNT,
        seed: 20261122,
        districts: current,
        industries: ref.industries,
      }),
    );
    await recordAudit(db, SEED_ACTOR, {
      action: "system.seed_demo",
      entityType: "enterprise",
      after: { enterprises: inserted },
    });
  }
  const [demoEnterprise] = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(and(eq(enterprises.districtCode, DEMO_DISTRICT), eq(enterprises.aboveScale, true)))
    .orderBy(asc(enterprises.uscc))
    .limit(1);
  const passwordHash = await hashPassword(demoPassword);
  for (const u of DEMO_USERS) {
    const binding = {
      districtCode: u.role === "district_admin" ? DEMO_DISTRICT : null,
      enterpriseId: u.role === "enterprise" ? (demoEnterprise?.id ?? null) : null,
    };
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, u.username));
    if (existing) {
      await db
        .update(users)
        .set({ passwordHash, disabled: false, failedLogins: 0, lockedUntil: null })
        .where(eq(users.id, existing.id));
      continue;
    }
    const [row] = await db
      .insert(users)
      .values({ ...u, ...binding, organization: u.organization ?? null, passwordHash, isDemo: true })
      .returning({ id: users.id });
    await recordAudit(db, SEED_ACTOR, {
      action: "user.create",
      entityType: "user",
      entityId: row!.id,
      after: { username: u.username, role: u.role, ...binding, demo: true },
    });
  }
}

export async function hasCityAdmin(db: Database) {
  const [r] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "city_admin"), eq(users.disabled, false), eq(users.isDemo, false)));
  return (r?.n ?? 0) > 0;
}
