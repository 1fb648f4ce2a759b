/**
 * The facts policy conditions and formulas may name, with their Chinese label and unit, so that
 * every explanation ("项目总投资 900万元，低于 1,000万元门槛") is generated from data and a policy
 * file that names an unknown fact, or compares a fact with the wrong kind of value, is refused by
 * validatePolicy instead of silently never matching.
 *
 * Keys follow the registry where the registry has the field (districtCode, industryCode, aboveScale,
 * size, srdiTier, cloudAdopted, itfCertified, dcmmLevel, cmmmLevel — see contracts/enterprise.ts) so the
 * server can pass enterprise columns through unchanged. Levels are 0 for "未获评".
 */
import { ENTERPRISE_SIZE_LABELS, SRDI_TIER_LABELS } from "../enterprise/enums";

export type FactType =
  /** Integer 分 ≥ 0; shown as 万元 or 元. */
  | "money"
  /** Whole number ≥ 0 with a unit (个, 次/日, 家). */
  | "count"
  /** Whole number of months ≥ 0. */
  | "months"
  /** Whole number 0..maxLevel; 0 = 未获评. */
  | "level"
  | "boolean"
  /** One of `values`. */
  | "enum"
  /** A code (GB/T 2260 district, GB/T 4754 division); compared with = and in. */
  | "code"
  /** Several of `values` (certifications); tested with includes. */
  | "set"
  /** "YYYY-MM-DD" (Asia/Shanghai). */
  | "date";

export type FactSubject = "enterprise" | "project";

export interface FactValueOption {
  readonly key: string;
  readonly label: string;
}

export interface FactDefinition {
  readonly id: string;
  readonly label: string;
  /** Where the server reads it: the enterprise record (and its assessments) or the project. */
  readonly subject: FactSubject;
  readonly type: FactType;
  /** Display unit of count facts. */
  readonly unit?: string;
  readonly values?: readonly FactValueOption[];
  readonly maxLevel?: number;
  /** Names of levels 1..maxLevel, e.g. DCMM 稳健级; index 0 is level 1. */
  readonly levelNames?: readonly string[];
  readonly help?: string;
}

export type FactValue = number | string | boolean | readonly string[];
/** Facts of one enterprise (and, for project policies, one of its projects), keyed by fact id. Absent or null = unknown. */
export type Facts = Readonly<Record<string, FactValue | null | undefined>>;

const options = (labels: Record<string, string>): FactValueOption[] =>
  Object.entries(labels).map(([key, label]) => ({ key, label }));

export const PROJECT_TYPE_LABELS = {
  tech_upgrade: "技术改造",
  equipment_renewal: "设备更新",
  digital_transformation: "数字化转型",
  industrial_internet: "工业互联网",
  cloud: "上云上平台",
  other: "其他",
} as const;
export type ProjectType = keyof typeof PROJECT_TYPE_LABELS;

export const CERTIFICATION_LABELS = {
  high_tech_enterprise: "高新技术企业",
  tech_sme: "科技型中小企业",
  itf_aaa: "两化融合管理体系评定（AAA）",
  smart_factory: "智能工厂",
  digital_workshop: "数字化车间",
  green_factory: "绿色工厂",
  five_g_factory: "5G全连接工厂",
} as const;

export const FACT_CATALOGUE: readonly FactDefinition[] = [
  // Enterprise
  { id: "districtCode", label: "所属区", subject: "enterprise", type: "code", help: "GB/T 2260 六位代码" },
  {
    id: "industryCode",
    label: "所属行业",
    subject: "enterprise",
    type: "code",
    help: "GB/T 4754-2017 制造业大类，如 C34",
  },
  { id: "aboveScale", label: "规上企业", subject: "enterprise", type: "boolean" },
  {
    id: "size",
    label: "企业规模",
    subject: "enterprise",
    type: "enum",
    values: options(ENTERPRISE_SIZE_LABELS),
  },
  {
    id: "srdiTier",
    label: "专精特新梯度",
    subject: "enterprise",
    type: "enum",
    values: options(SRDI_TIER_LABELS),
  },
  {
    id: "certifications",
    label: "已获认定",
    subject: "enterprise",
    type: "set",
    values: options(CERTIFICATION_LABELS),
  },
  { id: "cloudAdopted", label: "已上云", subject: "enterprise", type: "boolean" },
  { id: "itfCertified", label: "通过两化融合管理体系评定", subject: "enterprise", type: "boolean" },
  {
    id: "dcmmLevel",
    label: "DCMM 数据管理能力成熟度等级",
    subject: "enterprise",
    type: "level",
    maxLevel: 5,
    levelNames: ["初始级", "受管理级", "稳健级", "量化管理级", "优化级"],
    help: "GB/T 36073 贯标认定等级；0 = 未获评",
  },
  {
    id: "miitLevel",
    label: "中小企业数字化水平等级",
    subject: "enterprise",
    type: "level",
    maxLevel: 4,
    help: "工信部《中小企业数字化水平评测指标（2024年版）》；0 = 未达到一级",
  },
  {
    id: "cmmmLevel",
    label: "智能制造能力成熟度等级",
    subject: "enterprise",
    type: "level",
    maxLevel: 5,
    levelNames: ["规划级", "规范级", "集成级", "优化级", "引领级"],
    help: "GB/T 39116；0 = 未获评",
  },
  {
    id: "usesLocalIdentifierNode",
    label: "使用本地工业互联网标识解析二级节点",
    subject: "enterprise",
    type: "boolean",
  },
  { id: "identifiersRegistered", label: "标识注册总量", subject: "enterprise", type: "count", unit: "个" },
  { id: "resolutionsPerDay", label: "日均标识解析量", subject: "enterprise", type: "count", unit: "次" },
  { id: "innovativeCases", label: "标识创新应用案例", subject: "enterprise", type: "count", unit: "个" },
  { id: "cloudSpendFen", label: "购买上云上平台产品费用", subject: "enterprise", type: "money" },
  // Project
  {
    id: "projectType",
    label: "项目类型",
    subject: "project",
    type: "enum",
    values: options(PROJECT_TYPE_LABELS),
  },
  { id: "totalInvestmentFen", label: "项目总投资", subject: "project", type: "money" },
  { id: "equipmentInvestmentFen", label: "先进设备投资", subject: "project", type: "money" },
  { id: "softwareInvestmentFen", label: "软硬件工具投资", subject: "project", type: "money" },
  {
    id: "approvedEquipmentInvestmentFen",
    label: "核定设备投资",
    subject: "project",
    type: "money",
    help: "经审核认定的设备购置投资额",
  },
  { id: "actualInvestmentFen", label: "实际投资额", subject: "project", type: "money" },
  { id: "cityDemonstration", label: "入选市级示范项目", subject: "project", type: "boolean" },
  { id: "completionAccepted", label: "通过竣工验收", subject: "project", type: "boolean" },
  { id: "loanPrincipalFen", label: "贷款本金", subject: "project", type: "money" },
  { id: "loanMonths", label: "贷款期限", subject: "project", type: "months" },
  {
    id: "reloanSupported",
    label: "贷款纳入科技创新和技术改造再贷款支持范围",
    subject: "project",
    type: "boolean",
  },
  { id: "startDate", label: "开工日期", subject: "project", type: "date" },
  { id: "finishDate", label: "竣工日期", subject: "project", type: "date" },
];

const BY_ID = new Map(FACT_CATALOGUE.map((f) => [f.id, f]));

export function findFact(id: string): FactDefinition | undefined {
  return BY_ID.get(id);
}

export const ORDERED_FACT_TYPES: readonly FactType[] = ["money", "count", "months", "level", "date"];

/** Types whose values have an order (≥, >, ≤, <). */
export function isOrdered(type: FactType): boolean {
  return ORDERED_FACT_TYPES.includes(type);
}
export function isWholeNumber(type: FactType): boolean {
  return type === "money" || type === "count" || type === "months" || type === "level";
}
