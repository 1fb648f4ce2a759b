/**
 * Service providers (服务商资源池): the profile the pool admits, the solution catalogue entries they
 * offer, and the few facts matching and the annual evaluation read. Types and constants only.
 *
 * Codes are the ones the registry uses: scenes and sub-domains are instrument ids (MIIT scene
 * questions such as "S08" 设备管理, or sub-dimension ids such as "op-production"), industries are
 * GB/T 4754-2017 divisions written "C34", districts are GB/T 2260 codes ("120104"). Money is integer 分.
 */

export const PROVIDER_CATEGORIES = [
  "system_solution",
  "sme_quick_light",
  "consulting_diagnosis",
  "green_manufacturing",
] as const;
export type ProviderCategory = (typeof PROVIDER_CATEGORIES)[number];
export const PROVIDER_CATEGORY_LABELS: Record<ProviderCategory, string> = {
  system_solution: "系统解决方案",
  sme_quick_light: "“小快轻准”产品",
  consulting_diagnosis: "咨询诊断服务",
  green_manufacturing: "绿色制造解决方案",
};

/**
 * 登记 → 申请 → 评审 → 公示 → 入库 → 暂停 / 出库. Only admitted providers are public and matched.
 * "registered": the organisation's profile exists but it has no open application (also after a
 * rejected one); "in_notice": the city decided to admit and the public notice (公示) runs.
 */
export const PROVIDER_STATUSES = [
  "registered",
  "applied",
  "under_review",
  "in_notice",
  "admitted",
  "suspended",
  "exited",
] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];
export const PROVIDER_STATUS_LABELS: Record<ProviderStatus, string> = {
  registered: "已登记",
  applied: "已申请",
  under_review: "评审中",
  in_notice: "公示中",
  admitted: "已入库",
  suspended: "已暂停",
  exited: "已出库",
};

export const PROVIDER_ACTIONS = [
  "apply",
  "withdraw",
  "review",
  "notice",
  "admit",
  "reject",
  "suspend",
  "reinstate",
  "exit",
] as const;
export type ProviderAction = (typeof PROVIDER_ACTIONS)[number];

// "成熟一个认定一个": admission is one provider at a time, always through a public notice. A rejected
// applicant is back to "registered" and may apply again; an exited provider applies afresh (a new
// application row), its history kept.
const TRANSITIONS: Record<ProviderStatus, Partial<Record<ProviderAction, ProviderStatus>>> = {
  registered: { apply: "applied" },
  applied: { review: "under_review", reject: "registered", withdraw: "registered" },
  under_review: { notice: "in_notice", reject: "registered" },
  in_notice: { admit: "admitted", reject: "registered" },
  admitted: { suspend: "suspended", exit: "exited" },
  suspended: { reinstate: "admitted", exit: "exited" },
  exited: { apply: "applied" },
};

/** The statuses in which `action` is a transition (what the provider workflow table opens it in). */
export function providerActionFrom(action: ProviderAction): ProviderStatus[] {
  return PROVIDER_STATUSES.filter((s) => TRANSITIONS[s][action] !== undefined);
}

/** The status after `action`, or null when the action is not allowed in `status`. */
export function nextProviderStatus(status: ProviderStatus, action: ProviderAction): ProviderStatus | null {
  return TRANSITIONS[status][action] ?? null;
}

export interface ProviderCase {
  readonly id: string;
  /** The served customer as published (may be masked, e.g. "某通用设备企业"). */
  readonly customer: string;
  /** Registry id when the customer is an enterprise of the platform. */
  readonly enterpriseId?: string;
  /** GB/T 4754 division of the customer, e.g. "C34". */
  readonly industry: string;
  readonly sceneIds: readonly string[];
  /** What the project achieved, in the provider's words. */
  readonly result: string;
  readonly year?: number;
}

/** Before/after change of the served enterprises' assessments (T1 − T0 total points). */
export interface MeasuredOutcome {
  /** Mean total-score change in points. */
  readonly meanDelta: number;
  /** Number of served enterprises with both a T0 and a T1 assessment. */
  readonly enterprises: number;
}

/** Aggregate of enterprise ratings (1–5) given after services. */
export interface RatingSummary {
  readonly average: number;
  readonly count: number;
}

export interface Provider {
  readonly id: string;
  readonly name: string;
  readonly status: ProviderStatus;
  readonly categories: readonly ProviderCategory[];
  /** Scenes and sub-domains served. */
  readonly sceneIds: readonly string[];
  /** GB/T 4754 divisions served. */
  readonly industries: readonly string[];
  readonly technologyFields: readonly string[];
  /**
   * GB/T 2260 codes of the service area. A code ending in zero pairs covers everything under it:
   * "120000" (天津市) covers every Tianjin district.
   */
  readonly serviceDistricts: readonly string[];
  readonly cases: readonly ProviderCase[];
  readonly staffCount?: number;
  readonly rating?: RatingSummary;
  readonly outcome?: MeasuredOutcome;
  readonly completedProjects?: number;
}

/** A catalogue entry (解决方案 / 产品), always offered by one provider. */
export interface Solution {
  readonly id: string;
  readonly providerId: string;
  readonly name: string;
  readonly category: ProviderCategory;
  readonly sceneIds: readonly string[];
  /** Industries the solution is built for; empty = general purpose. */
  readonly industries?: readonly string[];
  /** Price range in 分; absent = 面议. */
  readonly priceMinFen?: number;
  readonly priceMaxFen?: number;
  /** Narrower than the provider's area when given. */
  readonly serviceDistricts?: readonly string[];
  /** Outcomes measured for this solution alone (preferred over the provider's when present). */
  readonly outcome?: MeasuredOutcome;
  readonly rating?: RatingSummary;
}

/** Does a GB/T 2260 service-area code cover a district code? ("120000" covers "120104"). */
export function areaCovers(areaCode: string, districtCode: string): boolean {
  let prefix = areaCode;
  while (prefix.length > 2 && prefix.endsWith("00")) prefix = prefix.slice(0, -2);
  return districtCode.startsWith(prefix);
}
