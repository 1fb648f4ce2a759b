import { DEMAND_STATUSES, LEAD_STATUSES, MATCH_CRITERIA } from "@dxcenter/domain";
import { z } from "zod";
import {
  districtCodeFilter,
  enterpriseFields,
  OPTIONAL_WAN_TEXT,
  PageQuery,
  searchText,
  sortParams,
} from "./common";
import { DateOnly } from "./diagnosis";
import { SolutionItem } from "./solution";

/** 供需对接: demands posted by (or generated for) enterprises, ranked matches, and leads. */
export { DEMAND_STATUSES, LEAD_STATUSES };

export const GapSourceItem = z.object({
  sceneId: z.string(),
  name: z.string(),
  /** The assessment's improvement items that led to this scene, in priority order. */
  improvementIds: z.array(z.string()),
  improvementTitles: z.array(z.string()),
});

export const LeadItem = z.object({
  id: z.uuid(),
  demandId: z.uuid(),
  solutionId: z.uuid().nullable(),
  solutionName: z.string().nullable(),
  providerId: z.uuid(),
  providerName: z.string(),
  status: z.enum(LEAD_STATUSES),
  /** Match score when shortlisted (0–100). */
  score: z.number().nullable(),
  note: z.string().nullable(),
  shortlistedAt: z.string(),
  shortlistedByName: z.string().nullable(),
  contactedAt: z.string().nullable(),
  contactedByName: z.string().nullable(),
  contractedAt: z.string().nullable(),
  contractedByName: z.string().nullable(),
  declinedAt: z.string().nullable(),
  declinedByName: z.string().nullable(),
  version: z.number().int(),
});
export type LeadItem = z.infer<typeof LeadItem>;

export const DemandItem = z.object({
  id: z.uuid(),
  ...enterpriseFields(),
  industryCode: z.string(),
  title: z.string(),
  sceneIds: z.array(z.string()),
  sceneNames: z.array(z.string()),
  budgetFen: z.number().int().nullable(),
  timingStart: z.string().nullable(),
  timingEnd: z.string().nullable(),
  description: z.string().nullable(),
  source: z.enum(["posted", "assessment"]),
  assessmentId: z.uuid().nullable(),
  status: z.enum(DEMAND_STATUSES),
  leadCount: z.number().int(),
  /** The furthest step any lead reached: shortlisted < contacted < contracted. */
  furthestLead: z.enum(LEAD_STATUSES).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type DemandItem = z.infer<typeof DemandItem>;

export const DemandDetail = DemandItem.extend({
  gapSources: z.array(GapSourceItem),
  leads: z.array(LeadItem),
  permissions: z.object({
    /** Shortlist, move leads, close: the enterprise or its bureau. */
    manage: z.boolean(),
    /** A provider may mark its own leads contacted. */
    providerContact: z.boolean(),
  }),
});
export type DemandDetail = z.infer<typeof DemandDetail>;

export const DemandListQuery = PageQuery.extend({
  q: searchText(),
  status: z.enum(DEMAND_STATUSES).optional(),
  source: z.enum(["posted", "assessment"]).optional(),
  districtCode: districtCodeFilter(),
  enterpriseId: z.uuid().optional(),
  sceneId: z.string().trim().max(40).optional(),
  ...sortParams(["createdAt", "budget", "updatedAt"], "createdAt"),
});

export const CreateDemandRequest = z.object({
  /** Bureau staff name the enterprise; an enterprise account always posts for itself. */
  enterpriseId: z.uuid().optional(),
  title: z.string().trim().min(2, "需求标题至少 2 个字").max(100, "需求标题不能超过 100 字"),
  sceneIds: z
    .array(z.string().trim().min(1).max(40))
    .min(1, "请至少选择一个需求场景")
    .max(10, "需求场景最多 10 个"),
  /** 万元 as typed ("35.5"), converted exactly to 分. */
  budgetWan: z.string().trim().max(20).meta(OPTIONAL_WAN_TEXT).nullable().optional(),
  timingStart: DateOnly.nullable().optional(),
  timingEnd: DateOnly.nullable().optional(),
  description: z.string().trim().max(2000, "需求描述不能超过 2000 字").nullable().optional(),
});

export const DemandFromAssessmentRequest = z.object({
  enterpriseId: z.uuid().optional(),
  budgetWan: z.string().trim().max(20).meta(OPTIONAL_WAN_TEXT).nullable().optional(),
  timingStart: DateOnly.nullable().optional(),
  timingEnd: DateOnly.nullable().optional(),
  /** Most scenes to ask for (default 5). */
  maxScenes: z.number().int().min(1).max(10).default(5),
});

export const UpdateDemandRequest = z.object({
  status: z.enum(["open", "closed"]).optional(),
  description: z.string().trim().max(2000, "需求描述不能超过 2000 字").nullable().optional(),
  version: z.number().int().min(1),
});

export const MatchCriterionItem = z.object({
  criterion: z.enum(MATCH_CRITERIA),
  label: z.string(),
  applicable: z.boolean(),
  weight: z.number(),
  value: z.number(),
  points: z.number(),
  reason: z.string(),
});

export const SolutionMatch = z.object({
  rank: z.number().int(),
  score: z.number(),
  coversDemand: z.boolean(),
  coveredSceneIds: z.array(z.string()),
  missingSceneIds: z.array(z.string()),
  breakdown: z.array(MatchCriterionItem),
  reasons: z.array(z.string()),
  solution: SolutionItem,
  /** The lead on this solution, if the enterprise shortlisted it. */
  leadId: z.uuid().nullable(),
  leadStatus: z.enum(LEAD_STATUSES).nullable(),
});
export type SolutionMatch = z.infer<typeof SolutionMatch>;

export const ProviderMatch = z.object({
  rank: z.number().int(),
  score: z.number(),
  coversDemand: z.boolean(),
  coveredSceneIds: z.array(z.string()),
  breakdown: z.array(MatchCriterionItem),
  reasons: z.array(z.string()),
  providerId: z.uuid(),
  providerName: z.string(),
});

export const MatchQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const DemandMatches = z.object({
  demandId: z.uuid(),
  weights: z.record(z.string(), z.number()),
  /** Published solutions of admitted providers sharing a scene with the demand (the SQL prefilter). */
  candidates: z.number().int(),
  solutions: z.array(SolutionMatch),
  providers: z.array(ProviderMatch),
  timings: z.object({ prefilterMs: z.number(), rankMs: z.number() }),
});
export type DemandMatches = z.infer<typeof DemandMatches>;

export const ShortlistRequest = z.object({
  solutionId: z.uuid({ error: "请选择要加入意向的解决方案" }).optional(),
  providerId: z.uuid().optional(),
  note: z.string().trim().max(500, "备注不能超过 500 字").nullable().optional(),
});

export const LeadStepRequest = z.object({
  status: z.enum(["contacted", "contracted", "declined"], { error: "请选择对接进展" }),
  note: z.string().trim().max(500, "备注不能超过 500 字").nullable().optional(),
  version: z.number().int().min(1),
});

export const LeadParams = z.object({ id: z.uuid(), leadId: z.uuid() });

export const FunnelQuery = z.object({
  districtCode: districtCodeFilter(),
  from: DateOnly.optional(),
  to: DateOnly.optional(),
});

export const FunnelRow = z.object({
  districtCode: z.string(),
  districtName: z.string(),
  demands: z.number().int(),
  shortlisted: z.number().int(),
  contacted: z.number().int(),
  contracted: z.number().int(),
});
export const Funnel = z.object({ rows: z.array(FunnelRow), total: FunnelRow });
export type Funnel = z.infer<typeof Funnel>;
