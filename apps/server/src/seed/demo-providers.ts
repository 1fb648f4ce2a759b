import { REVIEW_SHEET } from "@dxcenter/contracts";
import {
  auditLog,
  type Database,
  expertAssignments,
  experts,
  makeUscc,
  poolApplications,
  poolReviewScores,
  providerCases,
  providerMembers,
  providerStatusEvents,
  providers,
  users,
} from "@dxcenter/db";
import type { Actor, ProviderCategory } from "@dxcenter/domain";
import { eq, inArray } from "drizzle-orm";
import { hashPassword } from "../lib/passwords";
import { recordAudit } from "../modules/audit/audit.service";
import { createDraw } from "../modules/experts/create-draw";
import { panelOf } from "../modules/experts/panel";
import { getApplication } from "../modules/providers/pool.queries";
import { applyToPool, openReview } from "../modules/providers/pool-applications";
import { admitAfterNotice } from "../modules/providers/pool-notice";
import { decide, sheetTotal } from "../modules/providers/pool-review";

const MARKER = "system.seed_demo_providers";
const SYSTEM = { id: null, name: "system", role: "system", ip: null };

/**
 * The demo `provider` account's organisation: admitted through the pool workflow at seed time
 * (application, drawn panel, scores, decision, a notice that has ended, admission), so the account
 * has published solutions and matched demands.
 */
export const DEMO_PROVIDER_ORG = "天津数智转型服务有限公司";
/** The demo `provider2` account's organisation: registered, not yet applied (the pool journey starts clean). */
export const DEMO_PROVIDER2_ORG = "天津智改数转咨询服务有限公司";
/** Field the seeded admission panel is drawn on: only generated pool experts have it, not the demo logins. */
const DEMO_ADMISSION_FIELD = "ERP";
/** Field only the demo expert accounts have, so a draw restricted to it picks accounts that can log in. */
export const DEMO_REVIEW_FIELD = "服务商遴选评审";
/** Extra demo expert logins (besides `expert`), members of the expert pool. */
export const DEMO_EXTRA_EXPERTS = [
  { username: "expert2", displayName: "评审专家二", organization: "河北工业大学" },
  { username: "expert3", displayName: "评审专家三", organization: "天津理工大学" },
];

const ALL_DISTRICTS = [
  "120101",
  "120102",
  "120103",
  "120104",
  "120105",
  "120106",
  "120110",
  "120111",
  "120112",
  "120113",
  "120114",
  "120115",
  "120116",
  "120117",
  "120118",
  "120119",
];
const SCENES = [
  "S01",
  "S02",
  "S03",
  "S04",
  "S05",
  "S06",
  "S07",
  "S08",
  "S09",
  "S10",
  "S11",
  "S12",
  "S13",
  "S14",
  "S15",
  "S16",
];
const SUBDOMAINS = ["op-lifecycle", "op-production", "op-supply-chain", "op-decision"];
const INDUSTRIES = [
  "C13",
  "C14",
  "C17",
  "C18",
  "C22",
  "C26",
  "C27",
  "C29",
  "C30",
  "C31",
  "C32",
  "C33",
  "C34",
  "C35",
  "C36",
  "C37",
  "C38",
  "C39",
  "C40",
];
const TECH = [
  "工业互联网平台",
  "MES",
  "ERP",
  "PLM",
  "WMS",
  "SCADA",
  "机器视觉",
  "数字孪生",
  "工业大数据",
  "边缘计算",
  "能源管理系统",
  "APS",
  "QMS",
  "AI质检",
  "5G+工业互联网",
  "低代码",
  "网络安全",
  "碳管理",
];
const NAMES = [
  "天津智造云科技有限公司",
  "天津海河工业互联网有限公司",
  "天津滨海智能制造研究院有限公司",
  "天津津门数字科技有限公司",
  "天津渤海数智工程有限公司",
  "天津新港工业软件有限公司",
  "天津北辰智联科技有限公司",
  "天津西青精益管理咨询有限公司",
  "天津东丽数字孪生技术有限公司",
  "天津武清云制造服务有限公司",
  "天津宝坻绿色能源科技有限公司",
  "天津静海节能环保科技有限公司",
  "天津南开信息技术股份有限公司",
  "天津和平数据服务有限公司",
  "天津河西工业设计有限公司",
  "天津红桥智能装备有限公司",
  "天津津南物联网科技有限公司",
  "天津宁河低碳技术有限公司",
  "天津蓟州质量检测技术有限公司",
  "天津河东企业管理咨询有限公司",
  "天津河北区智慧供应链有限公司",
  "中汽数研（天津）工业软件有限公司",
  "天津天大智能制造技术有限公司",
  "天津航天数智科技有限公司",
  "天津港数字科技有限公司",
  "天津经开区工业大数据有限公司",
  "天津中环智联科技有限公司",
  "天津力神数字化服务有限公司",
  "天津长城信创科技有限公司",
  "天津华电能效科技有限公司",
  "天津中科视觉检测技术有限公司",
  "天津泰达工业互联网研究院有限公司",
  "天津信通院数字化转型咨询有限公司",
  "天津安全生产数字化科技有限公司",
  "天津精益生产管理咨询有限公司",
  "天津小快轻准软件有限公司",
  "天津智慧仓储物流科技有限公司",
  "天津云上天津平台运营有限公司",
  "天津财务共享数字科技有限公司",
];
const CATEGORY_ROTATION: ProviderCategory[][] = [
  ["system_solution"],
  ["sme_quick_light"],
  ["consulting_diagnosis"],
  ["green_manufacturing"],
  ["system_solution", "consulting_diagnosis"],
  ["sme_quick_light", "system_solution"],
];
const CUSTOMERS = [
  "某汽车零部件企业",
  "某通用设备企业",
  "某医药制造企业",
  "某化工企业",
  "某电子元件企业",
  "某食品加工企业",
  "某金属制品企业",
  "某纺织企业",
];
const EXPERT_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕";
const EXPERT_GIVEN = [
  "建国",
  "志强",
  "海涛",
  "晓明",
  "丽华",
  "文博",
  "振宇",
  "雪梅",
  "立新",
  "国庆",
  "思远",
  "晨曦",
  "伟",
  "敏",
  "静",
  "磊",
  "洋",
  "婷",
  "军",
  "平",
];
const EXPERT_ORGS = [
  "天津大学",
  "南开大学",
  "河北工业大学",
  "天津理工大学",
  "天津工业大学",
  "天津科技大学",
  "中国汽车技术研究中心",
  "天津市工业和信息化研究院",
  "中国电子信息产业发展研究院天津分院",
  "天津市质量检验检测院",
  "国网天津市电力公司",
  "天津中德应用技术大学",
];
const EXPERT_TITLES = ["正高级工程师", "高级工程师", "教授", "副教授", "研究员", "高级经济师"];

function pick<T>(arr: readonly T[], i: number, k: number): T[] {
  const out = new Set<T>();
  for (let j = 0; out.size < Math.min(k, arr.length); j++)
    out.add(arr[(i * 7 + j * 5 + j * j) % arr.length]!);
  return [...out];
}

/**
 * Demo mode only: ~40 providers (39 admitted, with cases and tags taken from the MIIT instrument's
 * scene and sub-dimension ids), the demo `provider` account's organisation admitted through the pool
 * workflow (admitDemoProvider), `provider2`'s registered but not yet applied, and an expert pool of 83 (the demo `expert`, `expert2` and `expert3` accounts linked; `expert` sat on
 * diagnosis teams with the demo providers, so the avoidance rules keep it off their panels). The 39 are
 * inserted directly (an admitted provider's history is its admission event); provider2's pool journey
 * is left to the user and the e2e. Idempotent (an audit row marks it).
 */
export async function seedDemoProviders(db: Database, demoPassword: string) {
  const [done] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(eq(auditLog.action, MARKER))
    .limit(1);
  if (done) return null;
  const hash = await hashPassword(demoPassword);
  await db.transaction(async (tx) => {
    for (const u of DEMO_EXTRA_EXPERTS) {
      const [exists] = await tx.select({ id: users.id }).from(users).where(eq(users.username, u.username));
      if (!exists) await tx.insert(users).values({ ...u, role: "expert", passwordHash: hash, isDemo: true });
    }
    const accounts = await tx
      .select({ id: users.id, username: users.username })
      .from(users)
      .where(
        inArray(users.username, [
          "provider",
          "provider2",
          "expert",
          ...DEMO_EXTRA_EXPERTS.map((u) => u.username),
        ]),
      );
    const idOf = (n: string) => accounts.find((a) => a.username === n)?.id ?? null;

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

    const pool = Array.from({ length: 80 }, (_, i): typeof experts.$inferInsert => ({
      name: `${EXPERT_SURNAMES[i % EXPERT_SURNAMES.length]}${EXPERT_GIVEN[(i * 3) % EXPERT_GIVEN.length]}`,
      organization: EXPERT_ORGS[i % EXPERT_ORGS.length]!,
      title: EXPERT_TITLES[i % EXPERT_TITLES.length]!,
      fields: pick(TECH, i + 3, 2 + (i % 3)),
      status: i % 23 === 22 ? "suspended" : "active",
      conflicts: i % 11 === 5 ? [{ organization: NAMES[i % NAMES.length]!, note: "曾任该公司技术顾问" }] : [],
      availability: [] as { from: string; to: string }[],
      userId: null as string | null,
    }));
    const expertUser = idOf("expert");
    const expert2 = idOf("expert2");
    const expert3 = idOf("expert3");
    pool.push(
      {
        name: "评审专家",
        organization: "天津大学",
        title: "教授",
        fields: [DEMO_REVIEW_FIELD, "工业互联网平台", "MES"],
        status: "active",
        conflicts: [],
        availability: [],
        userId: expertUser,
      },
      {
        name: "评审专家二",
        organization: "河北工业大学",
        title: "正高级工程师",
        fields: [DEMO_REVIEW_FIELD, "数字孪生", "能源管理系统"],
        status: "active",
        conflicts: [],
        availability: [],
        userId: expert2,
      },
      {
        name: "评审专家三",
        organization: "天津理工大学",
        title: "教授",
        fields: [DEMO_REVIEW_FIELD, "APS", "QMS"],
        status: "active",
        conflicts: [],
        availability: [],
        userId: expert3,
      },
    );
    await tx.insert(experts).values(pool);
    await recordAudit(tx, SYSTEM, {
      action: MARKER,
      entityType: "provider",
      after: { providers: inserted.length, experts: pool.length },
    });
  });
  await admitDemoProvider(db);
  return true;
}

const DAY = 86_400_000;
const shanghaiDay = (now: number, days: number) =>
  new Date(now + 8 * 3_600_000 + days * DAY).toISOString().slice(0, 10);

/**
 * The demo `provider` account's organisation goes through the pool workflow as a user would: it
 * applies, the city opens the review and draws a panel (createDraw: seed, avoidance, stored), the
 * drawn experts accept and score (they have no logins: their acceptance and sheets are entered as
 * the system, audited with the same actions), the city decides with a notice that has already ended,
 * and admits. The application's times are then set to that timeline (applied 40 days ago, notice
 * 20–13 days ago); the audit log keeps when the rows were written.
 */
async function admitDemoProvider(db: Database) {
  const accounts = await db
    .select({ id: users.id, username: users.username, role: users.role })
    .from(users)
    .where(inArray(users.username, ["provider", "city_admin"]));
  const provUser = accounts.find((a) => a.username === "provider");
  const cityUser = accounts.find((a) => a.username === "city_admin");
  if (!provUser || !cityUser) return null;
  const actorOf = (u: { id: string; role: string }): Actor => ({
    id: u.id,
    role: u.role as Actor["role"],
    districtCode: null,
    enterpriseId: null,
  });
  const auditOf = (u: { id: string; username: string; role: string }) => ({
    id: u.id,
    name: u.username,
    role: u.role,
    ip: null,
  });
  const prov = actorOf(provUser);
  const city = actorOf(cityUser);
  const now = Date.now();

  let app = await applyToPool(db, prov, auditOf(provUser), {
    category: "system_solution",
    materials: [
      { name: "营业执照（副本）" },
      { name: "两化融合管理体系贯标咨询服务机构证书" },
      { name: "近三年制造业服务案例及验收报告", note: "6 个案例" },
    ],
    statement: "本机构申请加入服务商资源池（系统解决方案类），承诺所报材料真实有效，接受年度评价。",
  });
  app = await openReview(db, city, auditOf(cityUser), app.id, app.version);
  await createDraw(
    db,
    city,
    auditOf(cityUser),
    {
      purpose: "pool_review",
      subjectId: app.id,
      n: 3,
      fields: [DEMO_ADMISSION_FIELD],
      preferFieldCoverage: true,
      avoidance: {},
    },
    shanghaiDay(now, -35),
    { seed: "5eed0de70000000000000000000000a1" },
  );
  const panel = await panelOf(db, "pool_review", app.id);
  const sheets: Record<string, number>[] = [
    { qualification: 13, capability: 21, cases: 21, team: 12, service: 8, price: 8 },
    { qualification: 14, capability: 20, cases: 22, team: 13, service: 9, price: 7 },
    { qualification: 12, capability: 22, cases: 20, team: 12, service: 8, price: 8 },
  ];
  for (const [i, m] of panel.entries()) {
    await db.transaction(async (tx) => {
      await tx
        .update(expertAssignments)
        .set({ status: "accepted", respondedAt: new Date(now - 33 * DAY) })
        .where(eq(expertAssignments.id, m.assignmentId));
      await recordAudit(tx, SYSTEM, {
        action: "expert_assignment.accept",
        entityType: "expert_assignment",
        entityId: m.assignmentId,
        after: { drawId: m.drawId, expertId: m.expertId, demo: "演示数据：专家书面答复" },
      });
      const items = sheets[i % sheets.length]!;
      const total = sheetTotal(items);
      await tx.insert(poolReviewScores).values({
        applicationId: app.id,
        expertId: m.expertId,
        sheetVersion: REVIEW_SHEET.version,
        items,
        total: String(total),
        comment: "资质齐全，生产执行与设备管理案例成效可量化，建议入库。",
        recommendation: "admit",
        submittedAt: new Date(now - (30 - i) * DAY),
      });
      await recordAudit(tx, SYSTEM, {
        action: "pool_application.score",
        entityType: "pool_application",
        entityId: app.id,
        after: { expertId: m.expertId, total, recommendation: "admit", demo: "演示数据：纸质打分表录入" },
      });
    });
  }
  app = await getApplication(db, city, app.id);
  const noticeStart = shanghaiDay(now, -20);
  const noticeEnd = shanghaiDay(now, -13);
  app = await decide(
    db,
    city,
    auditOf(cityUser),
    app.id,
    {
      decision: "admit",
      reason: "专家评审平均分高于入库线，同意拟入库并公示。",
      noticeStart,
      noticeEnd,
      version: app.version,
    },
    noticeStart,
  );
  app = await admitAfterNotice(
    db,
    city,
    auditOf(cityUser),
    app.id,
    { version: app.version },
    shanghaiDay(now, -12),
  );
  // The timeline the dates above describe.
  const at = (days: number) => new Date(now + days * DAY);
  await db
    .update(poolApplications)
    .set({
      submittedAt: at(-40),
      createdAt: at(-40),
      reviewOpenedAt: at(-36),
      decidedAt: at(-21),
      closedAt: at(-12),
      updatedAt: at(-12),
    })
    .where(eq(poolApplications.id, app.id));
  const events = await db
    .select({ id: providerStatusEvents.id, to: providerStatusEvents.toStatus })
    .from(providerStatusEvents)
    .where(eq(providerStatusEvents.providerId, app.providerId));
  const when: Record<string, number> = { applied: -40, under_review: -36, in_notice: -21, admitted: -12 };
  for (const e of events)
    if (e.to in when)
      await db
        .update(providerStatusEvents)
        .set({ at: at(when[e.to]!) })
        .where(eq(providerStatusEvents.id, e.id));
  await db
    .update(providers)
    .set({ admittedAt: at(-12) })
    .where(eq(providers.id, app.providerId));
  return app;
}
