import { type Database, enterprises, providerMembers, providers, solutions, users } from "@dxcenter/db";
import { SOLUTION_KIND_CATEGORY, type SolutionKind, type SolutionStatus } from "@dxcenter/domain";
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import { DAY_MS, shanghaiDayFrom } from "../lib/dates";
import { recordAudit } from "../modules/audit/audit.service";
import { createDemand } from "../modules/demands/demand.service";
import { demandMatches, leadStep, shortlist } from "../modules/demands/demand-leads";
import { createEvent, getEvent, updateEvent } from "../modules/events/event.service";
import { createEventLead, updateEventLead } from "../modules/events/event-leads";
import { markAttendance, register } from "../modules/events/event-registrations";
import { DEMO_DISTRICT } from "./demo";
import { demoAccounts, SEED_ACTOR, seededBefore } from "./demo-seed";

const MARKER = "system.seed_demo_matching";
const WAN = 1_000_000;

/** Realistic catalogue names per scene / sub-domain (MIIT 2024 ids). */
const NAMES: Record<string, string[]> = {
  S01: ["三维协同设计云平台", "PLM产品数据管理系统", "参数化设计工业APP"],
  S02: ["CAPP数字化工艺设计系统", "工艺仿真与工时核算工具"],
  S03: ["CRM客户关系管理云", "经销商订货小程序", "工业品电商营销平台"],
  S04: ["设备远程运维服务平台", "售后工单与备件SaaS"],
  S05: ["APS高级计划排程系统", "轻量化排产工具", "订单交期智能预测"],
  S06: ["MES制造执行系统", "车间电子看板与报工APP", "离散制造生产管控平台"],
  S07: ["QMS质量管理系统", "AI视觉质检一体机", "SPC统计过程控制工具"],
  S08: ["设备联网与预测性维护平台", "TPM设备点检APP", "设备健康管理系统"],
  S09: ["安全生产双重预防系统", "危险作业智能巡检", "AI安全行为识别"],
  S10: ["EMS能源管理系统", "碳排放核算与管理平台", "空压站智慧节能改造"],
  S11: ["SRM供应商协同平台", "采购比价与寻源云"],
  S12: ["WMS智能仓储系统", "AGV物流调度系统", "条码与RFID出入库管理"],
  S13: ["业财一体化云财务", "费控与电子发票SaaS"],
  S14: ["人力资源管理SaaS", "计件工资与考勤小程序"],
  S15: ["协同办公OA平台", "工业企业即时通讯与审批"],
  S16: ["经营驾驶舱BI", "工业数据中台", "管理决策分析平台"],
  "op-production": ["智能工厂整体解决方案", "数字化车间改造方案"],
  "op-lifecycle": ["研发设计数字化整体方案"],
  "op-supply-chain": ["供应链协同一体化方案"],
  "op-decision": ["企业数字化管理整体方案"],
  "equipment-systems": ["工业网络与5G专网改造", "老旧设备数字化改造包"],
  "data-collection": ["工业数据采集网关", "设备数据采集与边缘计算盒"],
};
const SCENE_KEYS = Object.keys(NAMES);
const SIBLINGS: Record<string, string[]> = {
  S05: ["S06"],
  S06: ["S05", "S07"],
  S07: ["S06"],
  S08: ["S06", "data-collection"],
  S10: ["S09"],
  S11: ["S12"],
  S12: ["S11"],
  S13: ["S16"],
  S16: ["S13"],
};
const KIND_ROTATION: SolutionKind[] = [
  "industrial_app",
  "cloud_product",
  "industrial_software",
  "sme_package",
  "system_solution",
];
const DEPLOY = ["saas", "private", "hybrid"] as const;
const CUSTOMERS = [
  "天津某汽车零部件有限公司",
  "滨海新区某精密机械公司",
  "西青区某电子科技公司",
  "东丽区某新材料公司",
  "静海区某金属制品公司",
  "武清区某医疗器械公司",
];
const RESULTS = [
  "设备综合效率提升 12%",
  "排产时间由 1 天缩短到 1 小时",
  "产品一次合格率提升 2.6 个百分点",
  "单位产值能耗下降 9%",
  "库存周转天数减少 18%",
  "月结账时间缩短 40%",
];

/**
 * Demo mode only, after the demo providers: ~150 catalogue entries over the admitted providers
 * (a few drafts and withdrawn ones; the demo `provider` account's admitted organisation among them, and
 * entries of `provider2`'s registered one that stay hidden until it is admitted), a handful of 滨海新区 demands with leads in every state, and one past
 * and one upcoming matchmaking event, carried out through the real services. Idempotent (an audit
 * row marks it). The demo `enterprise` account's own company gets no demands.
 */
export async function seedDemoSolutions(db: Database) {
  if (await seededBefore(db, MARKER)) return null;
  const pool = await db
    .select({
      id: providers.id,
      name: providers.name,
      status: providers.status,
      sceneIds: providers.sceneIds,
    })
    .from(providers)
    .where(inArray(providers.status, ["admitted", "registered"]))
    .orderBy(asc(providers.name));
  const admitted = pool.filter((p) => p.status === "admitted");
  if (admitted.length === 0) return null;
  // Organisations of demo accounts that are registered, not admitted (provider2's): entries of theirs stay off the catalogue.
  const members = await db
    .select({ providerId: providerMembers.providerId })
    .from(providerMembers)
    .innerJoin(users, eq(users.id, providerMembers.userId))
    .where(inArray(users.username, ["provider", "provider2"]));
  const pending = pool.filter((p) => p.status !== "admitted" && members.some((m) => m.providerId === p.id));
  const now = Date.now();

  const rows: (typeof solutions.$inferInsert)[] = [];
  let n = 0;
  const addFor = (p: (typeof pool)[number], count: number, statusOf: (k: number) => SolutionStatus) => {
    const own = p.sceneIds.filter((s) => s in NAMES);
    for (let k = 0; k < count; k++) {
      const scene = own[k % Math.max(1, own.length)] ?? SCENE_KEYS[(n * 7) % SCENE_KEYS.length]!;
      const names = NAMES[scene]!;
      const base = names[(n + k) % names.length]!;
      const kind = KIND_ROTATION[(n * 3 + k) % KIND_ROTATION.length]!;
      const extra = SIBLINGS[scene]?.[k % (SIBLINGS[scene]?.length ?? 1)];
      const min = (3 + ((n * 13) % 60)) * WAN;
      const priced = n % 9 !== 0;
      const status = statusOf(k);
      rows.push({
        providerId: p.id,
        name: base,
        kind,
        category: SOLUTION_KIND_CATEGORY[kind],
        summary: `${p.name}面向中小制造企业提供的${base}，支持快速部署与按需订阅，含实施培训与一年运维。`,
        sceneIds: extra ? [scene, extra] : [scene],
        industries: n % 3 === 0 ? [["C34", "C35", "C36", "C38", "C39"][n % 5]!] : [],
        priceMinFen: priced ? min : null,
        priceMaxFen: priced ? min + ((n * 7) % 80) * WAN : null,
        subsidyText:
          kind === "cloud_product" ? "纳入上云上平台产品目录：按合同额 30% 补贴，单家企业最高 50 万元" : null,
        subsidyFen: kind === "cloud_product" && priced ? Math.min(Math.round(min * 0.3), 50 * WAN) : null,
        deployment: kind === "cloud_product" ? "saas" : DEPLOY[n % 3]!,
        firstEdition: kind === "industrial_software" && n % 4 === 0,
        references: [
          { customer: CUSTOMERS[n % CUSTOMERS.length]!, result: RESULTS[n % RESULTS.length]! },
          ...(n % 2 === 0
            ? [
                {
                  customer: CUSTOMERS[(n + 3) % CUSTOMERS.length]!,
                  result: RESULTS[(n + 2) % RESULTS.length]!,
                },
              ]
            : []),
        ],
        status,
        publishedAt: status === "draft" ? null : new Date(now - ((n % 200) + 5) * DAY_MS),
        updatedAt: new Date(now - ((n % 200) + 1) * DAY_MS),
      });
      n++;
    }
  };
  admitted.forEach((p, i) => {
    addFor(p, 3 + (i % 3), (k) =>
      k === 3 && i % 5 === 0 ? "draft" : k === 4 && i % 4 === 0 ? "withdrawn" : "published",
    );
  });
  for (const p of pending) addFor(p, 3, (k) => (k === 2 ? "draft" : "published"));

  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 200) await tx.insert(solutions).values(rows.slice(i, i + 200));
    await recordAudit(tx, SEED_ACTOR, {
      action: MARKER,
      entityType: "solution",
      after: { solutions: rows.length },
    });
  });

  // --- demands and leads in 滨海新区, through the services as the district's staff
  const accounts = await demoAccounts(db, ["district_admin", "enterprise"]);
  const staff = accounts.get("district_admin");
  const demoEnt = accounts.get("enterprise");
  if (!staff) return { solutions: rows.length };
  const { actor, audit } = staff;
  const ents = await db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(
      and(
        eq(enterprises.districtCode, DEMO_DISTRICT),
        demoEnt?.enterpriseId ? ne(enterprises.id, demoEnt.enterpriseId) : undefined,
      ),
    )
    .orderBy(asc(enterprises.name))
    .limit(12);
  const plans: {
    title: string;
    sceneIds: string[];
    budgetWan: string;
    steps: ("contacted" | "contracted" | "declined")[];
  }[] = [
    {
      title: "设备联网与预测性维护",
      sceneIds: ["S08", "data-collection"],
      budgetWan: "45",
      steps: ["contacted", "contracted"],
    },
    { title: "计划排程与车间管控升级", sceneIds: ["S05", "S06"], budgetWan: "80", steps: ["contacted"] },
    { title: "质量追溯与视觉质检", sceneIds: ["S07"], budgetWan: "30", steps: [] },
    { title: "能耗在线监测", sceneIds: ["S10"], budgetWan: "20", steps: ["declined"] },
    {
      title: "仓储物流数字化",
      sceneIds: ["S12", "S11"],
      budgetWan: "60",
      steps: ["contacted", "contracted"],
    },
    { title: "经营数据驾驶舱", sceneIds: ["S16"], budgetWan: "15", steps: [] },
  ];
  for (const [i, p] of plans.entries()) {
    const ent = ents[i];
    if (!ent) break;
    const d = await createDemand(db, actor, audit, {
      enterpriseId: ent.id,
      title: p.title,
      sceneIds: p.sceneIds,
      budgetWan: p.budgetWan,
      timingStart: shanghaiDayFrom(now, 30),
      timingEnd: shanghaiDayFrom(now, 210),
      description: `${ent.name}希望在半年内完成${p.title}。`,
    });
    if (i === 5) continue; // one demand still waiting for the enterprise to pick
    const m = await demandMatches(db, actor, d.id, 3);
    const top = m.solutions[0];
    if (!top) continue;
    let detail = await shortlist(db, actor, audit, d.id, { solutionId: top.solution.id });
    if (m.solutions[1] && i % 2 === 0)
      detail = await shortlist(db, actor, audit, d.id, { solutionId: m.solutions[1].solution.id });
    for (const status of p.steps) {
      const lead = detail.leads.find((l) => l.solutionId === top.solution.id)!;
      detail = await leadStep(db, actor, audit, d.id, lead.id, { status, version: lead.version });
    }
  }

  // --- events: one held last month (attendance, leads, conversions) and one upcoming
  const provs = admitted.slice(0, 6);
  const past = await createEvent(db, actor, audit, {
    name: "滨海新区中小企业数字化转型供需对接会（第一期）",
    eventDate: shanghaiDayFrom(now, -30),
    place: "滨海新区于家堡金融区会议中心",
    organiser: "滨海新区工业和信息化局",
    capacity: 120,
    description: "聚焦设备联网、生产管控与质量追溯，服务商现场演示“小快轻准”产品。",
  });
  for (const e of ents.slice(0, 8)) await register(db, actor, audit, past.id, { enterpriseId: e.id });
  for (const p of provs) await register(db, actor, audit, past.id, { providerId: p.id });
  let ev = await getEvent(db, actor, past.id);
  for (const [i, r] of ev.registrationList.entries())
    if (i % 4 !== 3) ev = await markAttendance(db, actor, audit, past.id, r.id, true);
  for (let i = 0; i < 5; i++) {
    const ent = ents[i];
    const prov = provs[i % provs.length];
    if (!ent || !prov) break;
    ev = await createEventLead(db, actor, audit, past.id, {
      enterpriseId: ent.id,
      providerId: prov.id,
      note: "现场洽谈，意向明确",
      followUpDate: shanghaiDayFrom(now, -20 + i),
    });
  }
  const outcomes = ["converted", "converted", "lost", "following", "following"] as const;
  for (const [i, l] of ev.leadList.entries()) {
    const status = outcomes[i] ?? "following";
    if (status !== "following")
      ev = await updateEventLead(db, actor, audit, past.id, l.id, { status, version: l.version });
  }
  await updateEvent(db, actor, audit, past.id, { status: "finished", version: ev.version });

  const next = await createEvent(db, actor, audit, {
    name: "滨海新区智能制造供需对接会（第二期）",
    eventDate: shanghaiDayFrom(now, 21),
    place: "滨海新区经济技术开发区服务中心",
    organiser: "滨海新区工业和信息化局",
    capacity: 80,
    description: "面向计划排程、仓储物流与能耗管理需求，欢迎企业和服务商报名。",
  });
  for (const e of ents.slice(6, 9)) await register(db, actor, audit, next.id, { enterpriseId: e.id });
  for (const p of provs.slice(0, 3)) await register(db, actor, audit, next.id, { providerId: p.id });
  return { solutions: rows.length };
}
