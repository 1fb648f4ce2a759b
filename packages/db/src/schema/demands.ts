import { DEMAND_STATUSES, LEAD_STATUSES } from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { assessments } from "./assessments-diagnoses";
import {
  jsonbArray,
  textArray,
  timestamptz,
  timestamptzNow,
  uuidArray,
  uuidPrimaryKey,
  uuidRef,
} from "./columns";
import { providers } from "./providers";
import { enterpriseRef, optionalUserRef, userRef } from "./references";
import { solutions } from "./solutions";
import { oneOf } from "./types";

export interface DemandGapSourceRow {
  sceneId: string;
  name: string;
  improvementIds: string[];
  improvementTitles: string[];
}

/**
 * 企业需求: posted by the enterprise (or its bureau), or generated from an assessment's gap list
 * (source "assessment", with the improvement items behind each scene). open → matched (a lead
 * exists) → closed. `matched_provider_ids` is the providers of the top-N ranked solutions when the
 * matches were last computed: what lets a provider see the demands matched to it, and only those.
 */
export const demands = pgTable(
  "demands",
  {
    id: uuidPrimaryKey(),
    enterpriseId: enterpriseRef(),
    title: text("title").notNull(),
    sceneIds: textArray("scene_ids"),
    budgetFen: bigint("budget_fen", { mode: "number" }),
    timingStart: date("timing_start"),
    timingEnd: date("timing_end"),
    description: text("description"),
    /** posted | assessment */
    source: text("source").notNull(),
    assessmentId: uuid("assessment_id").references(() => assessments.id),
    gapSources: jsonbArray<DemandGapSourceRow>("gap_sources"),
    /** open | matched | closed */
    status: text("status", { enum: DEMAND_STATUSES }).notNull().default("open"),
    matchedProviderIds: uuidArray("matched_provider_ids"),
    matchedAt: timestamptz("matched_at"),
    createdBy: userRef("created_by"),
    createdAt: timestamptzNow("created_at"),
    updatedAt: timestamptzNow("updated_at"),
    closedAt: timestamptz("closed_at"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    check("demands_status_check", oneOf(t.status, DEMAND_STATUSES)),
    index("demands_enterprise_idx").on(t.enterpriseId, t.createdAt),
    index("demands_status_idx").on(t.status, t.createdAt),
    index("demands_matched_providers_idx").using("gin", t.matchedProviderIds),
  ],
);

/**
 * 对接线索: one solution (and its provider) the enterprise shortlisted for a demand.
 * shortlisted → contacted → contracted, or declined; who and when per step.
 */
export const demandLeads = pgTable(
  "demand_leads",
  {
    id: uuidPrimaryKey(),
    demandId: uuidRef("demand_id", () => demands.id, { onDelete: "cascade" }),
    solutionId: uuid("solution_id").references(() => solutions.id),
    providerId: uuidRef("provider_id", () => providers.id),
    /** shortlisted | contacted | contracted | declined */
    status: text("status", { enum: LEAD_STATUSES }).notNull().default("shortlisted"),
    score: numeric("score", { precision: 5, scale: 1 }),
    note: text("note"),
    shortlistedBy: optionalUserRef("shortlisted_by"),
    shortlistedAt: timestamptzNow("shortlisted_at"),
    contactedBy: optionalUserRef("contacted_by"),
    contactedAt: timestamptz("contacted_at"),
    contractedBy: optionalUserRef("contracted_by"),
    contractedAt: timestamptz("contracted_at"),
    declinedBy: optionalUserRef("declined_by"),
    declinedAt: timestamptz("declined_at"),
    updatedAt: timestamptzNow("updated_at"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    check("demand_leads_status_check", oneOf(t.status, LEAD_STATUSES)),
    uniqueIndex("demand_leads_solution_unique").on(t.demandId, t.solutionId),
    // A provider-only lead (no solution) at most once per demand.
    uniqueIndex("demand_leads_provider_unique")
      .on(t.demandId, t.providerId)
      .where(sql`${t.solutionId} is null`),
    index("demand_leads_provider_idx").on(t.providerId),
  ],
);
