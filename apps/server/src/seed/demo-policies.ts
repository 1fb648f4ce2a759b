import { type Database, enterprises, policyAwards } from "@dxcenter/db";
import type { Actor } from "@dxcenter/domain";
import { and, asc, eq, ne } from "drizzle-orm";
import { shanghaiToday } from "../lib/dates";
import { recordAudit } from "../modules/audit/audit.service";
import { closeAward } from "../modules/policies/award-close";
import { districtConfirm, enterpriseConfirm } from "../modules/policies/award-confirm";
import { recordPayment } from "../modules/policies/award-payment";
import { startSweep } from "../modules/policies/award-sweep";
import { createPool } from "../modules/policies/budget-pool.service";
import { DEMO_DISTRICT } from "./demo";
import { demoAccounts, SEED_ACTOR, seededBefore } from "./demo-seed";

const MARKER = "system.seed_demo_policies";
export const DEMO_POLICY_ID = "demo-tj-cloud-award";

/**
 * Demo mode only, once per database (an audit row marks it): this year's budget pools of the demo
 * policy for the city and 滨海新区, a city-wide 免申即享 sweep, and a few 滨海新区 awards taken
 * through every state by the real services (confirm → intent → paid, one declined, one withdrawn).
 * The demo `enterprise` account's own company is left untouched: its identified award stays with the
 * district (an enterprise sees an award only once the district confirmed it), so its journeys start clean.
 */
export async function seedDemoPolicies(db: Database) {
  if (await seededBefore(db, MARKER)) return null;
  const accounts = await demoAccounts(db, ["city_admin", "district_admin", "enterprise"]);
  const city = accounts.get("city_admin");
  const district = accounts.get("district_admin");
  if (!city || !district) return null;
  const cityActor = city.actor;
  const districtActor = district.actor;
  const year = Number(shanghaiToday().slice(0, 4));

  await createPool(db, cityActor, city.audit, {
    code: "demo-dx-award",
    name: `${year}年市级数字化转型奖励资金（演示）`,
    payer: "city",
    year,
    totalWan: "500",
    note: "演示数据",
  });
  await createPool(db, cityActor, city.audit, {
    code: "demo-dx-award",
    name: `${year}年滨海新区数字化转型奖励资金（演示）`,
    payer: "district",
    districtCode: DEMO_DISTRICT,
    year,
    totalWan: "50",
    note: "演示数据：区级承担一半",
  });
  const { done: finished } = await startSweep(db, cityActor, city.audit, DEMO_POLICY_ID, {});
  await finished;

  const demoEnterprise = accounts.get("enterprise")?.enterpriseId ?? null;
  const picks = await db
    .select({ id: policyAwards.id, version: policyAwards.version })
    .from(policyAwards)
    .innerJoin(enterprises, eq(enterprises.id, policyAwards.enterpriseId))
    .where(
      and(
        eq(policyAwards.policyId, DEMO_POLICY_ID),
        eq(enterprises.districtCode, DEMO_DISTRICT),
        demoEnterprise ? ne(policyAwards.enterpriseId, demoEnterprise) : undefined,
      ),
    )
    .orderBy(asc(enterprises.uscc))
    .limit(6);
  const dAudit = district.audit;
  // The enterprise steps are taken as the enterprise would: a demo-only actor bound to that company.
  const asEnterprise = async (awardId: string): Promise<Actor> => {
    const [row] = await db
      .select({ enterpriseId: policyAwards.enterpriseId })
      .from(policyAwards)
      .where(eq(policyAwards.id, awardId));
    return { id: city.id, role: "enterprise", districtCode: null, enterpriseId: row!.enterpriseId };
  };
  // Demo enterprises other than the demo account's have no login; their steps are recorded as the demo seed.
  const eAudit = { id: null, name: "demo-seed（企业演示）", role: "enterprise", ip: null };
  const steps: string[] = [];
  for (const [i, p] of picks.entries()) {
    if (i === 5) {
      await closeAward(
        db,
        districtActor,
        dAudit,
        p.id,
        { version: p.version, reason: "企业已迁出本区（演示）" },
        "withdraw",
      );
      steps.push("withdrawn");
      continue;
    }
    let a = await districtConfirm(db, districtActor, dAudit, p.id, p.version);
    if (i === 4) {
      steps.push("district_confirmed");
      continue;
    }
    const ent = await asEnterprise(p.id);
    if (i === 3) {
      await closeAward(
        db,
        ent,
        eAudit,
        p.id,
        { version: a.version, reason: "企业暂不需要该项支持（演示）" },
        "decline",
      );
      steps.push("declined");
      continue;
    }
    a = await enterpriseConfirm(db, ent, eAudit, p.id, a.version);
    if (i === 2) {
      steps.push("enterprise_confirmed");
      continue;
    }
    await recordPayment(
      db,
      cityActor,
      city.audit,
      p.id,
      { voucherNo: `演示-${year}-${i + 1}` },
      `demo-seed-payment-${p.id}`,
    );
    steps.push("paid");
  }
  await recordAudit(db, SEED_ACTOR, { action: MARKER, entityType: "policy_award", after: { steps } });
  return steps;
}
