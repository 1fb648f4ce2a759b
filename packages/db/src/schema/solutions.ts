import { SOLUTION_STATUSES } from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, pgTable, text } from "drizzle-orm/pg-core";
import { editedRowColumns, jsonbArray, textArray, timestamptz, uuidPrimaryKey, uuidRef } from "./columns";
import { providers } from "./providers";
import { optionalUserRef } from "./references";
import { oneOf } from "./types";

export interface SolutionReferenceRow {
  customer: string;
  result: string;
}

/**
 * 解决方案目录: a catalogue entry offered by one provider. `kind` is the product kind
 * (cloud_product 上云产品 | industrial_app 工业APP | industrial_software 工业软件 | sme_package “小快轻准”
 * | system_solution 系统解决方案) and `category` the domain category it ranks as. Scenes are
 * instrument ids ("S08" or a sub-domain "op-production"); industries GB/T 4754 divisions ("C34");
 * money integer 分. Only published entries of admitted providers are public and matched.
 */
export const solutions = pgTable(
  "solutions",
  {
    id: uuidPrimaryKey(),
    providerId: uuidRef("provider_id", () => providers.id),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    category: text("category").notNull(),
    summary: text("summary"),
    sceneIds: textArray("scene_ids"),
    /** Empty = general purpose. */
    industries: textArray("industries"),
    priceMinFen: bigint("price_min_fen", { mode: "number" }),
    priceMaxFen: bigint("price_max_fen", { mode: "number" }),
    /** 补贴标准 as published (e.g. 上云上平台产品目录: "按合同额 30% 补贴，最高 5 万元"). */
    subsidyText: text("subsidy_text"),
    subsidyFen: bigint("subsidy_fen", { mode: "number" }),
    /** saas | private | hybrid */
    deployment: text("deployment").notNull(),
    /** 首版次 (industrial software first edition). */
    firstEdition: boolean("first_edition").notNull().default(false),
    /** Narrower than the provider's service area when not empty. */
    serviceDistricts: textArray("service_districts"),
    references: jsonbArray<SolutionReferenceRow>("references"),
    /** draft | published | withdrawn */
    status: text("status", { enum: SOLUTION_STATUSES }).notNull().default("draft"),
    publishedAt: timestamptz("published_at"),
    createdBy: optionalUserRef("created_by"),
    ...editedRowColumns(),
  },
  (t) => [
    check("solutions_status_check", oneOf(t.status, SOLUTION_STATUSES)),
    check(
      "solutions_price_range",
      sql`${t.priceMinFen} is null or ${t.priceMaxFen} is null or ${t.priceMinFen} <= ${t.priceMaxFen}`,
    ),
    // Matching prefilters published entries by scene overlap (scene_ids && $1): a GIN index on the array.
    index("solutions_scenes_idx").using("gin", t.sceneIds),
    index("solutions_provider_idx").on(t.providerId, t.status),
    index("solutions_status_updated_idx").on(t.status, t.updatedAt),
  ],
);
