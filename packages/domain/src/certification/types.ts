/**
 * 梯度培育 (tiered cultivation and certification): programmes with ordered levels, the prerequisites of
 * each level, certifications an enterprise holds, externally certified levels (CMMM, DCMM, 两化融合贯标),
 * round quotas and district recommendations, published-list matching, the ladder and the cultivation
 * pool (后备库) with its funnel. Types and constants only; the functions live beside this file.
 *
 * Dates are Asia/Shanghai calendar dates "YYYY-MM-DD"; validity ranges are inclusive at both ends
 * ("有效期至2028年12月31日" is valid through the whole of that day in Shanghai). Instants are JS `Date`s.
 */
import type { Facts } from "../policy/fact-catalogue";
import type { CalendarDate, Condition } from "../policy/policy";

/** Stable slug of a programme, e.g. "smart-factory", "digital-workshop", "green-factory", "srdi". */
export type ProgrammeId = string;
/** Code of a level within its programme, e.g. "basic" | "advanced" | "excellent" | "leading" for 智能工厂. */
export type ProgrammeLevel = string;

/** Who issues (认定) a level: 区 / 市 / 省 / 国家. */
export const ISSUING_LEVELS = ["district", "city", "province", "national"] as const;
export type IssuingLevel = (typeof ISSUING_LEVELS)[number];
export const ISSUING_LEVEL_LABELS: Record<IssuingLevel, string> = {
  district: "区级",
  city: "市级",
  province: "省级",
  national: "国家级",
};

// ---------------------------------------------------------------------------------------------
// External certification schemes (accredited bodies issue them; a recorded certificate is the fact)

export const EXTERNAL_SCHEMES = ["cmmm", "dcmm", "itf"] as const;
export type ExternalScheme = (typeof EXTERNAL_SCHEMES)[number];
export const EXTERNAL_SCHEME_LABELS: Record<ExternalScheme, string> = {
  cmmm: "CMMM",
  dcmm: "DCMM",
  itf: "两化融合管理体系贯标",
};
/**
 * Level names 1..n of each scheme (index 0 is level 1). CMMM per GB/T 39116, DCMM per GB/T 36073 (the
 * same names as the policy fact catalogue); 两化融合管理体系评定 grades A / AA / AAA (GB/T 23001).
 */
export const EXTERNAL_SCHEME_LEVEL_NAMES: Record<ExternalScheme, readonly string[]> = {
  cmmm: ["规划级", "规范级", "集成级", "优化级", "引领级"],
  dcmm: ["初始级", "受管理级", "稳健级", "量化管理级", "优化级"],
  itf: ["A级", "AA级", "AAA级"],
};

// ---------------------------------------------------------------------------------------------
// Prerequisites

interface PrerequisiteBase {
  /**
   * false: the sources do not state this prerequisite (the city's own rule or a reading). An
   * unconfirmed prerequisite never refuses an application; its outcome is reported.
   */
  readonly confirmed: boolean;
  /** Citation text of the rule (document, clause), shown beside it. */
  readonly source?: string;
}

export type Prerequisite = PrerequisiteBase &
  (
    | {
        /** A currently valid certification of `programme` at `minLevel` or above (any level when absent). */
        readonly kind: "holds";
        readonly programme: ProgrammeId;
        readonly minLevel?: ProgrammeLevel;
      }
    | {
        /** A currently valid recorded external certificate of the scheme at `minLevel` (1-based) or above. */
        readonly kind: "external";
        readonly scheme: ExternalScheme;
        readonly minLevel?: number;
      }
    | {
        /** The latest submitted self-assessment of the instrument reached `minLevel` or above. */
        readonly kind: "assessment";
        /** Instrument id, e.g. "smart-factory-basic", "cmmm-gbt39116", "miit-2024-manufacturing". */
        readonly instrumentId: string;
        readonly minLevel: number;
      }
    | {
        /**
         * A condition over the enterprise facts of the policy engine's fact catalogue (the same
         * condition language and evaluator as policies; policy parameters are not available here).
         */
        readonly kind: "fact";
        readonly condition: Condition;
      }
  );
export type PrerequisiteKind = Prerequisite["kind"];

// ---------------------------------------------------------------------------------------------
// Programmes

export interface ProgrammeLevelDefinition {
  readonly code: ProgrammeLevel;
  /** "基础级", "先进级", "市级绿色工厂", "专精特新中小企业". */
  readonly name: string;
  readonly issuingLevel: IssuingLevel;
  /** All must hold (unconfirmed ones only reported). */
  readonly prerequisites: readonly Prerequisite[];
  /** Years a certification of this level is valid; null = no expiry. */
  readonly validityYears: number | null;
}

/**
 * The part of a programme definition the domain functions read. The data files (packages/db) carry
 * more (form fields, evidence, review sheet, route, 复核 rule) and may extend this interface.
 */
export interface ProgrammeDefinition {
  readonly id: ProgrammeId;
  /** "智能工厂", "数字化车间", "5G全连接工厂", "绿色工厂", "专精特新". */
  readonly name: string;
  /** Ordered from the lowest to the highest level. */
  readonly levels: readonly ProgrammeLevelDefinition[];
  /**
   * The key this programme adds to the policy fact `certifications` (CERTIFICATION_LABELS, e.g.
   * "smart_factory") while any level is validly held.
   */
  readonly policyFactKey?: string;
  /**
   * An enum policy fact whose value is the code of the validly held level (level codes are the fact's
   * values), `none` when no level is held: 专精特新 writes "srdiTier" (none: "none").
   */
  readonly levelFact?: { readonly fact: string; readonly none: string };
}

// ---------------------------------------------------------------------------------------------
// Certifications held

export const CERTIFICATION_STATUSES = ["valid", "revoked", "suspended"] as const;
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];
export const CERTIFICATION_STATUS_LABELS: Record<CertificationStatus, string> = {
  valid: "有效",
  revoked: "已撤销",
  suspended: "已暂停",
};

/**
 * round: recognised in a round on the platform; imported: from a historical published list;
 * external: recognised elsewhere (another province, the ministry) and recorded;
 * claim: an unverified claim (the registry import's 专精特新 column) — it never counts as held until a
 * district confirms it (which records it under another source).
 */
export const CERTIFICATION_SOURCES = ["round", "imported", "external", "claim"] as const;
export type CertificationSource = (typeof CERTIFICATION_SOURCES)[number];
export const CERTIFICATION_SOURCE_LABELS: Record<CertificationSource, string> = {
  round: "平台认定",
  imported: "历史名单导入",
  external: "外部认定录入",
  claim: "企业自报（待确认）",
};

export interface Certification {
  readonly programme: ProgrammeId;
  readonly level: ProgrammeLevel;
  readonly status: CertificationStatus;
  readonly validFrom: CalendarDate;
  /** Last valid day (inclusive, Asia/Shanghai); null = no expiry. */
  readonly validTo: CalendarDate | null;
  /** null for claims and imported rows without a number. */
  readonly certificateNo: string | null;
  readonly source: CertificationSource;
}

export interface ExternalCertificate {
  readonly scheme: ExternalScheme;
  /** 1-based level of the scheme (EXTERNAL_SCHEME_LEVEL_NAMES). */
  readonly level: number;
  /** The accredited certifying body (评估机构). */
  readonly body: string;
  readonly certificateNo: string;
  readonly status: CertificationStatus;
  readonly validFrom: CalendarDate;
  readonly validTo: CalendarDate | null;
}

/** What a certification or certificate is on a given instant. */
export const CERTIFICATION_STATES = ["valid", "expired", "revoked", "suspended", "not_yet_valid"] as const;
export type CertificationState = (typeof CERTIFICATION_STATES)[number];
export const CERTIFICATION_STATE_LABELS: Record<CertificationState, string> = {
  valid: "有效",
  expired: "已过期",
  revoked: "已撤销",
  suspended: "已暂停",
  not_yet_valid: "尚未生效",
};

/** Days before the end of validity at which a 复核 opens. */
export const REVIEW_WINDOW_DAYS = 90;

// ---------------------------------------------------------------------------------------------
// Prerequisite evaluation

/** The latest submitted self-assessment of one instrument. */
export interface LatestAssessment {
  readonly instrumentId: string;
  readonly level: number;
  readonly levelName?: string;
  readonly submittedOn: CalendarDate;
}

/** Everything prerequisites read about one enterprise. */
export interface TierSubject {
  readonly certifications: readonly Certification[];
  readonly externalCertificates: readonly ExternalCertificate[];
  readonly assessments: readonly LatestAssessment[];
  /** Enterprise facts keyed by the policy fact catalogue's ids. */
  readonly facts: Facts;
}

/**
 * The names prerequisite messages need: programmes (for "holds") and instruments (for "assessment").
 * An instrument without a name is shown as its id.
 */
export interface TierCatalogue {
  readonly programmes: readonly ProgrammeDefinition[];
  readonly instrumentNames?: Readonly<Record<string, string>>;
}

export interface PrerequisiteFinding {
  readonly prerequisite: Prerequisite;
  /** fail: not met; unknown: a fact it needs is not recorded (also blocks eligibility). */
  readonly outcome: "fail" | "unknown";
  /** Chinese, naming exactly what is missing: "需持有有效的智能工厂（基础级）认定". */
  readonly message: string;
}

export interface UnconfirmedFinding {
  readonly prerequisite: Prerequisite;
  readonly outcome: "pass" | "fail" | "unknown";
  readonly message: string;
}

export interface PrerequisiteEvaluation {
  /** No confirmed prerequisite failed or is unknown. */
  readonly eligible: boolean;
  /** Confirmed prerequisites not met (or not decidable), in definition order. */
  readonly failures: readonly PrerequisiteFinding[];
  /** Every unconfirmed prerequisite with its outcome; never refuses. */
  readonly unconfirmed: readonly UnconfirmedFinding[];
}

// ---------------------------------------------------------------------------------------------
// Rounds: quota and district recommendations

/** District code (GB/T 2260) → how many applications that district may recommend in the round. */
export type RoundQuota = Readonly<Record<string, number>>;

export interface Recommendation {
  readonly applicationId: string;
  readonly districtCode: string;
  /** 1-based rank within the district. */
  readonly rank: number;
}

export type RecommendationProblemKind =
  | "over_quota"
  | "no_quota"
  | "duplicate_rank"
  | "rank_gap"
  | "invalid_rank"
  | "duplicate_application";

export interface RecommendationProblem {
  readonly kind: RecommendationProblemKind;
  readonly districtCode: string;
  readonly message: string;
  readonly applicationIds: readonly string[];
}

export interface RecommendationCheck {
  readonly ok: boolean;
  readonly problems: readonly RecommendationProblem[];
  /** Per district: recommended, quota and the accepted applications (best ranks, at most the quota). */
  readonly districts: readonly {
    readonly districtCode: string;
    readonly quota: number;
    readonly recommended: number;
    readonly accepted: readonly string[];
  }[];
}

// ---------------------------------------------------------------------------------------------
// Published lists (公示 / 认定名单) matched to the registry

export interface PublishedRow {
  readonly name?: string | null;
  readonly uscc?: string | null;
}

export interface RegistryEntry {
  readonly id: string;
  readonly name: string;
  readonly uscc: string;
}

export type RowMatch =
  | { readonly kind: "matched"; readonly id: string; readonly by: "uscc" | "name" }
  | { readonly kind: "ambiguous"; readonly candidates: readonly string[]; readonly message: string }
  | { readonly kind: "not_found"; readonly message: string }
  | { readonly kind: "invalid_uscc"; readonly message: string };
export type RowMatchKind = RowMatch["kind"];

// ---------------------------------------------------------------------------------------------
// Ladder and cultivation pool

export interface LadderHeld {
  readonly level: ProgrammeLevel;
  readonly levelName: string;
  readonly since: CalendarDate;
  readonly until: CalendarDate | null;
  readonly state: CertificationState;
  readonly certificateNo: string | null;
  readonly reviewDue: CalendarDate | null;
}

export interface LadderNext {
  readonly level: ProgrammeLevel;
  readonly levelName: string;
  readonly eligible: boolean;
  readonly failures: readonly PrerequisiteFinding[];
  readonly unconfirmed: readonly UnconfirmedFinding[];
}

export interface LadderStep {
  readonly programme: ProgrammeId;
  readonly programmeName: string;
  /** The highest level held validly (or, when none is valid, the latest held, with its state); null = never held. */
  readonly held: LadderHeld | null;
  /** The level above the held one; null when the top level is held. */
  readonly next: LadderNext | null;
  /** The highest level the enterprise claims without confirmation (source "claim"), if above the held one. */
  readonly claimed: { readonly level: ProgrammeLevel; readonly levelName: string } | null;
}

export interface CultivationEnterprise extends TierSubject {
  readonly id: string;
  readonly districtCode: string;
}

export interface CultivationCandidate {
  readonly enterpriseId: string;
  readonly districtCode: string;
  /** Confirmed prerequisites of the target level not met. */
  readonly unmet: number;
  /** Higher is closer; see rankCandidates for the formula. */
  readonly score: number;
  readonly failures: readonly PrerequisiteFinding[];
}

export const FUNNEL_STAGES = [
  "candidates",
  "applied",
  "recommended",
  "reviewed",
  "publicised",
  "recognised",
  "upward",
] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export const FUNNEL_STAGE_LABELS: Record<FunnelStage, string> = {
  candidates: "后备企业",
  applied: "已申报",
  recommended: "区级推荐",
  reviewed: "专家评审",
  publicised: "公示",
  recognised: "认定",
  upward: "向上推荐",
};

export type FunnelStageCounts = Readonly<Record<FunnelStage, number>>;

export interface FunnelRow {
  readonly stage: FunnelStage;
  readonly label: string;
  readonly count: number;
  /** count / previous stage's count in percent, one decimal; null for the first stage or a 0 previous. */
  readonly conversionPercent: number | null;
}

export interface Funnel {
  readonly rows: readonly FunnelRow[];
  readonly targetStage: FunnelStage;
  readonly target: number;
  readonly achieved: number;
  /** target − achieved, at least 0. */
  readonly gap: number;
  readonly monthsLeft: number;
  /** ceil(gap / monthsLeft); null when there is a gap and no month left. */
  readonly neededPerMonth: number | null;
}
