import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  varchar,
} from "drizzle-orm/pg-core";
import { districtCode, editedRowColumns, textArray, uuidPrimaryKey, uuidRef } from "./columns";
import { districts, industries } from "./reference";

/** 企业库. Money is integer 分; the latest year's figures are copied here for sorting/filtering. */
export const enterprises = pgTable(
  "enterprises",
  {
    id: uuidPrimaryKey(),
    uscc: varchar("uscc", { length: 18 }).notNull().unique(),
    name: text("name").notNull(),
    districtCode: districtCode()
      .notNull()
      .references(() => districts.code),
    industryCode: varchar("industry_code", { length: 3 })
      .notNull()
      .references(() => industries.code),
    /** 规模以上工业企业 (规上) */
    aboveScale: boolean("above_scale").notNull().default(false),
    /** large | medium | small | micro (大型/中型/小型/微型, 统计上大中小微型企业划分办法) */
    size: text("size").notNull(),
    /** none | innovative_sme | srdi_sme | little_giant (创新型中小企业/专精特新中小企业/专精特新“小巨人”) */
    srdiTier: text("srdi_tier").notNull().default("none"),
    contactName: text("contact_name"),
    contactPhone: text("contact_phone"),
    address: text("address"),
    tags: textArray("tags"),
    // Key digital indicators (关键数字化指标)
    /** 数字化研发设计工具普及 */
    digitalRdTools: boolean("digital_rd_tools"),
    /** 关键工序数控化率, percent 0–100 */
    keyProcessNcRate: numeric("key_process_nc_rate", { precision: 5, scale: 2 }),
    /** 上云 */
    cloudAdopted: boolean("cloud_adopted"),
    /** 两化融合管理体系贯标 */
    itfCertified: boolean("itf_certified"),
    /** DCMM 数据管理能力成熟度 level 1–5 */
    dcmmLevel: smallint("dcmm_level"),
    /** 智能制造能力成熟度 CMMM level 1–5 */
    cmmmLevel: smallint("cmmm_level"),
    latestYear: smallint("latest_year"),
    latestRevenueFen: bigint("latest_revenue_fen", { mode: "number" }),
    latestEmployees: integer("latest_employees"),
    ...editedRowColumns(),
  },
  (t) => [
    index("enterprises_district_idx").on(t.districtCode, t.name),
    index("enterprises_industry_idx").on(t.industryCode),
    // City-wide pages sorted by name: walk the index in order and stop after one page, even when a
    // short search term (two Chinese characters cannot use the trigram index) matches many rows.
    index("enterprises_name_idx").on(t.name, t.id),
    // Serve "largest first" pages (DESC NULLS LAST) city-wide and per district straight from an index.
    index("enterprises_district_revenue_idx").on(t.districtCode, t.latestRevenueFen.desc().nullsLast(), t.id),
    index("enterprises_revenue_idx").on(t.latestRevenueFen.desc().nullsLast(), t.id),
    // Exact page counts of the common filters as index-only scans.
    index("enterprises_district_scale_idx").on(t.districtCode, t.aboveScale),
    index("enterprises_name_trgm_idx").using("gin", sql`${t.name} gin_trgm_ops`),
    index("enterprises_tags_idx").using("gin", t.tags),
  ],
);

/** 营业收入 and 从业人员 per year. */
export const enterpriseAnnual = pgTable(
  "enterprise_annual",
  {
    enterpriseId: uuidRef("enterprise_id", () => enterprises.id, { onDelete: "cascade" }),
    year: smallint("year").notNull(),
    revenueFen: bigint("revenue_fen", { mode: "number" }),
    employees: integer("employees"),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.year] })],
);
