import type { ProviderCategory } from "@dxcenter/domain";

/**
 * The made-up provider market of the demo: names, where they serve, what they do (scene and
 * sub-dimension ids of the MIIT instrument, GB/T 4754 divisions, technology tags), reference
 * customers. Shared by the provider and expert pool seeds.
 */

export const ALL_DISTRICTS = [
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
export const SCENES = [
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
export const SUBDOMAINS = ["op-lifecycle", "op-production", "op-supply-chain", "op-decision"];
export const INDUSTRIES = [
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
export const TECH = [
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
export const NAMES = [
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
export const CATEGORY_ROTATION: ProviderCategory[][] = [
  ["system_solution"],
  ["sme_quick_light"],
  ["consulting_diagnosis"],
  ["green_manufacturing"],
  ["system_solution", "consulting_diagnosis"],
  ["sme_quick_light", "system_solution"],
];
export const CUSTOMERS = [
  "某汽车零部件企业",
  "某通用设备企业",
  "某医药制造企业",
  "某化工企业",
  "某电子元件企业",
  "某食品加工企业",
  "某金属制品企业",
  "某纺织企业",
];

/** k distinct items of a list, spread by i (deterministic, so every demo database is the same). */
export function pick<T>(arr: readonly T[], i: number, k: number): T[] {
  const out = new Set<T>();
  for (let j = 0; out.size < Math.min(k, arr.length); j++)
    out.add(arr[(i * 7 + j * 5 + j * j) % arr.length]!);
  return [...out];
}
