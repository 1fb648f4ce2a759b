import { PROVIDER_STATUSES } from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { diagnoses } from "./assessments-diagnoses";
import {
  editedRowColumns,
  jsonbArray,
  textArray,
  timestamptz,
  timestamptzNow,
  uuidPrimaryKey,
  uuidRef,
} from "./columns";
import { industries } from "./reference";
import { enterpriseRef, optionalEnterpriseRef, optionalUserRef, userRef } from "./references";
import { oneOf } from "./types";
import { users } from "./users";

/** A qualification the provider declares (资质), e.g. 两化融合管理体系贯标咨询服务机构. */
export interface ProviderQualification {
  name: string;
  issuer?: string;
  /** ISO day. */
  validUntil?: string;
}

/**
 * 服务商: one organisation (USCC unique). `status` follows the domain's PROVIDER_STATUSES:
 * registered (profile only) → applied → under_review → in_notice (公示) → admitted; suspended,
 * exited. Only admitted providers are public and matched. Tags are codes: scenes and sub-domains are
 * instrument ids, industries GB/T 4754 divisions ("C34"), districts GB/T 2260 codes.
 */
export const providers = pgTable(
  "providers",
  {
    id: uuidPrimaryKey(),
    uscc: varchar("uscc", { length: 18 }).notNull().unique(),
    name: text("name").notNull(),
    status: text("status", { enum: PROVIDER_STATUSES }).notNull().default("registered"),
    categories: textArray("categories"),
    sceneIds: textArray("scene_ids"),
    industries: textArray("industries"),
    technologyFields: textArray("technology_fields"),
    serviceDistricts: textArray("service_districts"),
    staffCount: integer("staff_count"),
    qualifications: jsonbArray<ProviderQualification>("qualifications"),
    contactName: text("contact_name"),
    contactPhone: text("contact_phone"),
    address: text("address"),
    website: text("website"),
    /** 机构简介. */
    profile: text("profile"),
    admittedAt: timestamptz("admitted_at"),
    exitedAt: timestamptz("exited_at"),
    exitReason: text("exit_reason"),
    ...editedRowColumns(),
  },
  (t) => [
    check("providers_status_check", oneOf(t.status, PROVIDER_STATUSES)),
    check("providers_uscc_len", sql`char_length(${t.uscc}) = 18`),
    check("providers_staff_nonneg", sql`${t.staffCount} is null or ${t.staffCount} >= 0`),
    index("providers_status_name_idx").on(t.status, t.name),
    index("providers_name_idx").on(t.name, t.id),
    index("providers_categories_idx").using("gin", t.categories),
    index("providers_scenes_idx").using("gin", t.sceneIds),
  ],
);

/** Links role=provider user accounts to their organisation (one organisation per account). */
export const providerMembers = pgTable(
  "provider_members",
  {
    providerId: uuidRef("provider_id", () => providers.id),
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id),
    createdAt: timestamptzNow("created_at"),
  },
  (t) => [index("provider_members_provider_idx").on(t.providerId)],
);

/** 服务案例: a served customer and what the project achieved. */
export const providerCases = pgTable(
  "provider_cases",
  {
    id: uuidPrimaryKey(),
    providerId: uuidRef("provider_id", () => providers.id, { onDelete: "cascade" }),
    customer: text("customer").notNull(),
    enterpriseId: optionalEnterpriseRef(),
    industry: varchar("industry", { length: 3 })
      .notNull()
      .references(() => industries.code),
    sceneIds: textArray("scene_ids"),
    result: text("result").notNull(),
    /** Measured change claimed for the case (assessment points), optional. */
    measuredChange: numeric("measured_change", { precision: 6, scale: 2 }),
    year: smallint("year"),
    createdAt: timestamptzNow("created_at"),
  },
  (t) => [index("provider_cases_provider_idx").on(t.providerId, t.year)],
);

/**
 * An enterprise rates a provider (1–5) after a service. The evidence of service is a diagnosis of
 * that enterprise whose team had a member of the provider; one rating per provider and diagnosis.
 */
export const providerRatings = pgTable(
  "provider_ratings",
  {
    id: uuidPrimaryKey(),
    providerId: uuidRef("provider_id", () => providers.id),
    enterpriseId: enterpriseRef(),
    diagnosisId: uuidRef("diagnosis_id", () => diagnoses.id),
    rating: smallint("rating").notNull(),
    comment: text("comment"),
    ratedBy: userRef("rated_by"),
    createdAt: timestamptzNow("created_at"),
  },
  (t) => [
    check("provider_ratings_range", sql`${t.rating} between 1 and 5`),
    uniqueIndex("provider_ratings_unique").on(t.providerId, t.diagnosisId),
    index("provider_ratings_provider_idx").on(t.providerId, t.createdAt),
  ],
);

/** 年度评价: one row per provider and year, with the inputs read and the domain's explained grade. */
export const providerEvaluations = pgTable(
  "provider_evaluations",
  {
    id: uuidPrimaryKey(),
    providerId: uuidRef("provider_id", () => providers.id),
    year: smallint("year").notNull(),
    /** excellent | good | pass | fail */
    grade: text("grade").notNull(),
    score: numeric("score", { precision: 5, scale: 1 }).notNull(),
    /** ProviderYearInputs as read from the database. */
    inputs: jsonb("inputs").notNull(),
    /** ProviderGrade (breakdown + Chinese reasons). */
    result: jsonb("result").notNull(),
    evaluatedBy: userRef("evaluated_by"),
    evaluatedAt: timestamptzNow("evaluated_at"),
  },
  (t) => [uniqueIndex("provider_evaluations_year").on(t.providerId, t.year)],
);

/** Every status change of a provider with its reason (history kept after exit). */
export const providerStatusEvents = pgTable(
  "provider_status_events",
  {
    id: uuidPrimaryKey(),
    providerId: uuidRef("provider_id", () => providers.id),
    fromStatus: text("from_status", { enum: PROVIDER_STATUSES }).notNull(),
    toStatus: text("to_status", { enum: PROVIDER_STATUSES }).notNull(),
    reason: text("reason"),
    actorId: optionalUserRef("actor_id"),
    at: timestamptzNow("at"),
  },
  (t) => [
    check("provider_status_events_from_status_check", oneOf(t.fromStatus, PROVIDER_STATUSES)),
    check("provider_status_events_to_status_check", oneOf(t.toStatus, PROVIDER_STATUSES)),
    index("provider_status_events_provider_idx").on(t.providerId, t.at),
  ],
);
