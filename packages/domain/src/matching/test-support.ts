/**
 * Deterministic synthetic market (providers, solutions, demands) and expert pool for tests and
 * benchmarks. Uses the domain's own seeded generator so a benchmark's data are the same every run.
 */
import type { Expert, ExpertHistory, PastDraw, ServiceRecord } from "../experts/expert";
import { createRng, type Rng } from "../experts/rng";
import { PROVIDER_CATEGORIES, type Provider, type Solution } from "../providers/provider";
import type { Demand } from "./demand";

/** MIIT 2024 scene questions and their sub-dimensions (packages/db/instruments/miit-2024-manufacturing.json). */
export const SCENE_NAMES: Readonly<Record<string, string>> = {
  S01: "产品设计",
  S02: "工艺设计",
  S03: "营销管理",
  S04: "售后服务",
  S05: "计划排程",
  S06: "生产管控",
  S07: "质量管理",
  S08: "设备管理",
  S09: "安全生产",
  S10: "能耗管理",
  S11: "采购管理",
  S12: "仓储物流",
  S13: "财务管理",
  S14: "人力资源",
  S15: "协同办公",
  S16: "决策支持",
  "op-lifecycle": "产品生命周期数字化",
  "op-production": "生产执行数字化",
  "op-supply-chain": "供应链数字化",
  "op-decision": "管理决策数字化",
  "equipment-systems": "设备系统",
  "data-collection": "数据采集",
};
export const SCENE_IDS = Object.keys(SCENE_NAMES).filter((k) => /^S\d\d$/.test(k));
export const SCENE_GROUPS: Readonly<Record<string, string>> = Object.fromEntries(
  SCENE_IDS.map((s) => {
    const n = Number(s.slice(1));
    const g =
      n <= 4 ? "op-lifecycle" : n <= 10 ? "op-production" : n <= 12 ? "op-supply-chain" : "op-decision";
    return [s, g];
  }),
);
export const INDUSTRY_NAMES: Readonly<Record<string, string>> = {
  C26: "化学原料和化学制品制造业",
  C29: "橡胶和塑料制品业",
  C33: "金属制品业",
  C34: "通用设备制造业",
  C35: "专用设备制造业",
  C36: "汽车制造业",
  C38: "电气机械和器材制造业",
  C39: "计算机、通信和其他电子设备制造业",
};
export const INDUSTRY_CODES = Object.keys(INDUSTRY_NAMES);
export const DISTRICT_NAMES: Readonly<Record<string, string>> = {
  "120101": "和平区",
  "120102": "河东区",
  "120103": "河西区",
  "120104": "南开区",
  "120105": "河北区",
  "120106": "红桥区",
  "120110": "东丽区",
  "120111": "西青区",
  "120112": "津南区",
  "120113": "北辰区",
  "120114": "武清区",
  "120115": "宝坻区",
  "120116": "滨海新区",
  "120117": "宁河区",
  "120118": "静海区",
  "120119": "蓟州区",
};
export const DISTRICT_CODES = Object.keys(DISTRICT_NAMES);
export const EXPERT_FIELDS = [
  "智能制造",
  "工业互联网",
  "数据管理",
  "工业软件",
  "绿色制造",
  "网络安全",
  "精益管理",
  "财务",
];

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.nextInt(xs.length)]!;
function some<T>(rng: Rng, xs: readonly T[], min: number, max: number): T[] {
  const k = min + rng.nextInt(max - min + 1);
  const copy = [...xs];
  const out: T[] = [];
  for (let i = 0; i < k && copy.length > 0; i++) out.push(copy.splice(rng.nextInt(copy.length), 1)[0]!);
  return out;
}
const pad = (n: number, w: number) => String(n).padStart(w, "0");

export function generateMarket(
  seed: string,
  counts: { providers: number; solutions: number },
): { providers: Provider[]; solutions: Solution[]; providersById: Map<string, Provider> } {
  const rng = createRng(seed);
  const providers: Provider[] = [];
  for (let i = 0; i < counts.providers; i++) {
    const id = `P${pad(i, 5)}`;
    const industries = some(rng, INDUSTRY_CODES, 1, 3);
    const cases = Array.from({ length: rng.nextInt(9) }, (_, k) => ({
      id: `${id}-K${k}`,
      customer: `某${INDUSTRY_NAMES[pick(rng, industries)]}企业`,
      industry: rng.nextInt(4) === 0 ? pick(rng, INDUSTRY_CODES) : pick(rng, industries),
      sceneIds: some(rng, SCENE_IDS, 1, 3),
      result: "生产效率提升",
    }));
    const rated = rng.nextInt(30);
    const assessed = rng.nextInt(10);
    providers.push({
      id,
      name: `服务商${i}`,
      status: rng.nextInt(20) === 0 ? "suspended" : "admitted",
      categories: some(rng, PROVIDER_CATEGORIES, 1, 2),
      sceneIds: some(rng, SCENE_IDS, 1, 5),
      industries,
      technologyFields: some(rng, EXPERT_FIELDS, 1, 3),
      serviceDistricts: rng.nextInt(3) === 0 ? ["120000"] : some(rng, DISTRICT_CODES, 1, 6),
      cases,
      staffCount: 5 + rng.nextInt(300),
      ...(rated > 0 ? { rating: { average: 2 + rng.nextInt(301) / 100, count: rated } } : {}),
      ...(assessed > 0
        ? { outcome: { meanDelta: (rng.nextInt(200) - 40) / 10, enterprises: assessed } }
        : {}),
      completedProjects: rng.nextInt(20),
    });
  }
  const solutions: Solution[] = [];
  for (let i = 0; i < counts.solutions; i++) {
    const p = providers[rng.nextInt(providers.length)]!;
    const min = (5 + rng.nextInt(200)) * 1_000_000;
    const priced = rng.nextInt(8) !== 0;
    solutions.push({
      id: `S${pad(i, 6)}`,
      providerId: p.id,
      name: `解决方案${i}`,
      category: pick(rng, p.categories),
      sceneIds: rng.nextInt(6) === 0 ? [SCENE_GROUPS[pick(rng, SCENE_IDS)]!] : some(rng, SCENE_IDS, 1, 4),
      ...(rng.nextInt(2) === 0 ? { industries: some(rng, INDUSTRY_CODES, 1, 2) } : {}),
      ...(priced ? { priceMinFen: min, priceMaxFen: min + rng.nextInt(200) * 1_000_000 } : {}),
    });
  }
  return { providers, solutions, providersById: new Map(providers.map((p) => [p.id, p])) };
}

export function generateDemands(seed: string, n: number): Demand[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: `D${pad(i, 5)}`,
    sceneIds: some(rng, SCENE_IDS, 1, 4),
    ...(rng.nextInt(5) !== 0 ? { budgetFen: (10 + rng.nextInt(300)) * 1_000_000 } : {}),
    ...(rng.nextInt(5) !== 0 ? { industry: pick(rng, INDUSTRY_CODES) } : {}),
    ...(rng.nextInt(5) !== 0 ? { districtCode: pick(rng, DISTRICT_CODES) } : {}),
    source: "posted" as const,
  }));
}

const ORGS = [
  "天津大学",
  "南开大学",
  "河北工业大学",
  "天津理工大学",
  "某研究院",
  "某咨询公司",
  "某设计院",
  "某集团",
];

export function generateExperts(seed: string, n: number, orgCount = 200): Expert[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const org = i < ORGS.length ? ORGS[i]! : `${pick(rng, ORGS)}${rng.nextInt(orgCount)}`;
    const windows =
      rng.nextInt(4) === 0 ? [{ from: "2025-01-01", to: `2025-${pad(3 + rng.nextInt(10), 2)}-28` }] : [];
    return {
      id: `E${pad(i, 5)}`,
      name: `专家${i}`,
      status: rng.nextInt(25) === 0 ? ("suspended" as const) : ("active" as const),
      title: pick(rng, ["正高级工程师", "高级工程师", "教授", "副教授"]),
      organization: org,
      fields: some(rng, EXPERT_FIELDS, 1, 3),
      ...(windows.length > 0 ? { availability: windows } : {}),
      ...(rng.nextInt(30) === 0 ? { declaredConflicts: [{ enterpriseId: `ENT${rng.nextInt(50)}` }] } : {}),
    };
  });
}

export function generateHistory(
  seed: string,
  experts: readonly Expert[],
  draws: number,
  services: number,
): ExpertHistory {
  const rng = createRng(seed);
  const day = () => `2024-${pad(1 + rng.nextInt(12), 2)}-${pad(1 + rng.nextInt(28), 2)}`;
  const ids = experts.map((e) => e.id);
  const pastDraws: PastDraw[] = Array.from({ length: draws }, (_, i) => ({
    id: `R${i}`,
    date: day(),
    expertIds: some(rng, ids, 3, 5),
  }));
  const serviceRecords: ServiceRecord[] = Array.from({ length: services }, () => ({
    expertId: pick(rng, ids),
    enterpriseId: `ENT${rng.nextInt(50)}`,
    date: day(),
  }));
  return { draws: pastDraws, services: serviceRecords };
}
