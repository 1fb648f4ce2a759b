import {
  type Database,
  experts,
  makeUscc,
  providerCases,
  providerMembers,
  providerStatusEvents,
  providers,
  users,
} from "@dxcenter/db";
import { eq } from "drizzle-orm";
import { hashPassword } from "../lib/passwords";
import { recordAudit } from "../modules/audit/audit.service";
import { DEMO_EXTRA_EXPERTS, demoExpertPool } from "./demo-experts";
import { admitDemoProvider } from "./demo-pool-admission";
import {
  ALL_DISTRICTS,
  CATEGORY_ROTATION,
  CUSTOMERS,
  INDUSTRIES,
  NAMES,
  pick,
  SCENES,
  SUBDOMAINS,
  TECH,
} from "./demo-provider-data";
import { demoAccounts, SEED_ACTOR, seededBefore } from "./demo-seed";

const MARKER = "system.seed_demo_providers";

/**
 * The demo `provider` account's organisation: admitted through the pool workflow at seed time
 * (application, drawn panel, scores, decision, a notice that has ended, admission), so the account
 * has published solutions and matched demands.
 */
export const DEMO_PROVIDER_ORG = "天津数智转型服务有限公司";
/** The demo `provider2` account's organisation: registered, not yet applied (the pool journey starts clean). */
export const DEMO_PROVIDER2_ORG = "天津智改数转咨询服务有限公司";

/**
 * Demo mode only: ~40 providers (39 admitted, with cases and tags taken from the MIIT instrument's
 * scene and sub-dimension ids), the demo `provider` account's organisation admitted through the pool
 * workflow (admitDemoProvider), `provider2`'s registered but not yet applied, and an expert pool of 83
 * (demoExpertPool: the demo `expert`, `expert2` and `expert3` accounts linked; `expert` sat on
 * diagnosis teams with the demo providers, so the avoidance rules keep it off their panels). The 39 are
 * inserted directly (an admitted provider's history is its admission event); provider2's pool journey
 * is left to the user and the e2e. Idempotent (an audit row marks it).
 */
export async function seedDemoProviders(db: Database, demoPassword: string) {
  if (await seededBefore(db, MARKER)) return null;
  const hash = await hashPassword(demoPassword);
  await db.transaction(async (tx) => {
    for (const u of DEMO_EXTRA_EXPERTS) {
      const [exists] = await tx.select({ id: users.id }).from(users).where(eq(users.username, u.username));
      if (!exists) await tx.insert(users).values({ ...u, role: "expert", passwordHash: hash, isDemo: true });
    }
    const accounts = await demoAccounts(tx, [
      "provider",
      "provider2",
      "expert",
      ...DEMO_EXTRA_EXPERTS.map((u) => u.username),
    ]);
    const idOf = (n: string) => accounts.get(n)?.id ?? null;

    const admittedAt = new Date(Date.UTC(2025, 5, 30, 2));
    const rows = [...NAMES, DEMO_PROVIDER_ORG, DEMO_PROVIDER2_ORG].map(
      (name, i): typeof providers.$inferInsert => {
        const demo = name === DEMO_PROVIDER_ORG || name === DEMO_PROVIDER2_ORG;
        const district = ALL_DISTRICTS[i % ALL_DISTRICTS.length]!;
        return {
          uscc: makeUscc(district, 8_000_000 + i, i % 3 !== 0),
          name,
          status: demo ? "registered" : "admitted",
          categories: CATEGORY_ROTATION[i % CATEGORY_ROTATION.length]!,
          // The demo provider covers the scenes of the 滨海新区 demo demands (设备、排产、质量), so it is matched.
          sceneIds:
            name === DEMO_PROVIDER_ORG
              ? ["S05", "S06", "S07", "S08", "op-production"]
              : [...pick(SCENES, i, 3 + (i % 4)), ...pick(SUBDOMAINS, i, 1 + (i % 2))],
          industries: pick(INDUSTRIES, i, 2 + (i % 3)),
          technologyFields: pick(TECH, i, 2 + (i % 3)),
          serviceDistricts:
            i % 4 === 0 || name === DEMO_PROVIDER_ORG ? ["120000"] : pick(ALL_DISTRICTS, i, 2 + (i % 3)),
          staffCount: 20 + ((i * 37) % 400),
          qualifications:
            i % 2 === 0
              ? [{ name: "两化融合管理体系贯标咨询服务机构", issuer: "中国两化融合服务联盟" }]
              : [
                  { name: "ISO/IEC 27001 信息安全管理体系认证" },
                  { name: "高新技术企业", issuer: "天津市科学技术局" },
                ],
          contactName: "联系人",
          contactPhone: `022-${String(23_000_000 + i * 1_301).slice(0, 8)}`,
          address: `天津市${["滨海新区", "西青区", "南开区", "东丽区"][i % 4]}示范路${i + 1}号`,
          profile: `${name}专注于制造业数字化转型服务，提供${pick(TECH, i, 2).join("、")}等产品与实施服务。`,
          admittedAt: demo ? null : admittedAt,
        };
      },
    );
    const inserted = await tx.insert(providers).values(rows).returning({
      id: providers.id,
      name: providers.name,
      status: providers.status,
      industries: providers.industries,
      sceneIds: providers.sceneIds,
    });
    const events = inserted
      .filter((p) => p.status === "admitted")
      .map((p): typeof providerStatusEvents.$inferInsert => ({
        providerId: p.id,
        fromStatus: "in_notice",
        toStatus: "admitted",
        reason: "演示数据：2025年第一批认定入库",
        at: admittedAt,
      }));
    await tx.insert(providerStatusEvents).values(events);
    const cases = inserted.flatMap((p, i) =>
      Array.from({ length: 1 + (i % 3) }, (_, k) => ({
        providerId: p.id,
        customer: CUSTOMERS[(i + k) % CUSTOMERS.length]!,
        industry: p.industries[k % p.industries.length]!,
        sceneIds: p.sceneIds.slice(k, k + 2),
        result: [
          "设备综合效率提升 12%，非计划停机减少 30%",
          "订单交付周期缩短 20%，库存周转提升 18%",
          "产品一次合格率由 96.1% 提升至 98.7%",
          "单位产值能耗下降 9%",
        ][(i + k) % 4]!,
        measuredChange: k === 0 ? String(5 + (i % 7)) : null,
        year: 2023 + ((i + k) % 3),
      })),
    );
    await tx.insert(providerCases).values(cases);
    for (const [org, username] of [
      [DEMO_PROVIDER_ORG, "provider"],
      [DEMO_PROVIDER2_ORG, "provider2"],
    ] as const) {
      const demoOrg = inserted.find((p) => p.name === org)!;
      const userId = idOf(username);
      if (userId) await tx.insert(providerMembers).values({ providerId: demoOrg.id, userId });
    }

    const pool = demoExpertPool({
      expert: idOf("expert"),
      expert2: idOf("expert2"),
      expert3: idOf("expert3"),
    });
    await tx.insert(experts).values(pool);
    await recordAudit(tx, SEED_ACTOR, {
      action: MARKER,
      entityType: "provider",
      after: { providers: inserted.length, experts: pool.length },
    });
  });
  await admitDemoProvider(db);
  return true;
}
