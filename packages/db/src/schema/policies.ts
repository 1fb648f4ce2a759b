import { AWARD_STATUSES, JOB_STATUSES } from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { enterprises } from "./enterprises";
import { districts } from "./reference";
import { oneOf } from "./types";
import { users } from "./users";

/**
 * Policies (政策) as versioned data (packages/db/policies/*.json), loaded at every start like the
 * instruments. Every version ever loaded stays, because an award keeps the id + version it was
 * computed with; `current` marks the versions present in the files now.
 */
export const policies = pgTable(
  "policies",
  {
    id: text("id").notNull(),
    version: text("version").notNull(),
    name: text("name").notNull(),
    /** sha256 of the definition; a changed definition under an unchanged version is refused. */
    checksum: text("checksum").notNull(),
    definition: jsonb("definition").notNull(),
    sourceFile: text("source_file").notNull(),
    current: boolean("current").notNull().default(true),
    loadedAt: timestamp("loaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.id, t.version] })],
);

/**
 * 专项资金预算池: one payer's budget for one year. `code` is the id a policy's funding names
 * (budgetPoolId); a district payer's share is reserved from the pool of the same code in the
 * enterprise's district, other payers from the pool without a district. The CHECKs make an
 * over-committed or negative pool impossible whatever the application does.
 */
export const budgetPools = pgTable(
  "budget_pools",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** central | province | city | district */
    payer: text("payer").notNull(),
    districtCode: varchar("district_code", { length: 6 }).references(() => districts.code),
    year: smallint("year").notNull(),
    totalFen: bigint("total_fen", { mode: "number" }).notNull(),
    /** Confirmed awards not yet paid. */
    reservedFen: bigint("reserved_fen", { mode: "number" }).notNull().default(0),
    paidFen: bigint("paid_fen", { mode: "number" }).notNull().default(0),
    note: text("note"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("budget_pools_code_district_year_uq").on(
      t.code,
      sql`coalesce(${t.districtCode}, '')`,
      t.year,
    ),
    check(
      "budget_pools_amounts_nonneg",
      sql`${t.totalFen} >= 0 and ${t.reservedFen} >= 0 and ${t.paidFen} >= 0`,
    ),
    check("budget_pools_within_total", sql`${t.reservedFen} + ${t.paidFen} <= ${t.totalFen}`),
  ],
);

/**
 * 政策兑现 (an award): one policy (id + version) for one enterprise — and, for project policies, one
 * project of the project library (project_id, referenced once that table exists). Facts and the
 * engine's evaluation (formula steps, shares) are snapshots of what the decision was based on.
 * identified (免申即享识别) → district_confirmed (区级确认, budget reserved) → enterprise_confirmed
 * (企业意愿确认) → paid (已拨付); declined (企业放弃) or withdrawn (撤销) end it early.
 */
export const policyAwards = pgTable(
  "policy_awards",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    policyId: text("policy_id").notNull(),
    policyVersion: text("policy_version").notNull(),
    enterpriseId: uuid("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    /** The 技改项目库 project, for project policies (no FK yet: the project table comes later). */
    projectId: uuid("project_id"),
    /** sweep (免申即享) | application (later) */
    source: text("source").notNull().default("sweep"),
    status: text("status", { enum: AWARD_STATUSES }).notNull().default("identified"),
    nonCumulationGroup: text("non_cumulation_group"),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    paidFen: bigint("paid_fen", { mode: "number" }).notNull().default(0),
    /** [{payer, payerLabel, budgetPoolCode, amountFen}] from the evaluation. */
    shares: jsonb("shares").notNull(),
    /** [{poolId, amountFen, paidFen}] once the district confirmed (what was reserved where). */
    reservations: jsonb("reservations").notNull().default(sql`'[]'::jsonb`),
    facts: jsonb("facts").notNull(),
    evaluation: jsonb("evaluation").notNull(),
    identifiedAt: timestamp("identified_at", { withTimezone: true }).notNull().defaultNow(),
    identifiedBy: uuid("identified_by").references(() => users.id),
    districtConfirmedAt: timestamp("district_confirmed_at", { withTimezone: true }),
    districtConfirmedBy: uuid("district_confirmed_by").references(() => users.id),
    enterpriseConfirmedAt: timestamp("enterprise_confirmed_at", { withTimezone: true }),
    enterpriseConfirmedBy: uuid("enterprise_confirmed_by").references(() => users.id),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: uuid("closed_by").references(() => users.id),
    closeReason: text("close_reason"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    check("policy_awards_status_check", oneOf(t.status, AWARD_STATUSES)),
    foreignKey({ columns: [t.policyId, t.policyVersion], foreignColumns: [policies.id, policies.version] }),
    // One open award per policy, enterprise and project: a re-run sweep or a double click cannot add a second.
    uniqueIndex("policy_awards_open_uq")
      .on(
        t.policyId,
        t.enterpriseId,
        sql`coalesce(${t.projectId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      )
      .where(sql`${t.status} in ('identified', 'district_confirmed', 'enterprise_confirmed')`),
    index("policy_awards_enterprise_idx").on(t.enterpriseId, t.status),
    index("policy_awards_policy_idx").on(t.policyId, t.status, t.identifiedAt),
    check(
      "policy_awards_amounts",
      sql`${t.amountFen} >= 0 and ${t.paidFen} >= 0 and ${t.paidFen} <= ${t.amountFen}`,
    ),
  ],
);

/** 拨付记录: one tranche of an award. The idempotency key makes a retried request pay once. */
export const awardPayments = pgTable(
  "award_payments",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    awardId: uuid("award_id")
      .notNull()
      .references(() => policyAwards.id),
    tranche: smallint("tranche").notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    voucherNo: text("voucher_no"),
    paidAt: timestamp("paid_at", { withTimezone: true }).notNull().defaultNow(),
    paidBy: uuid("paid_by")
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    uniqueIndex("award_payments_tranche_uq").on(t.awardId, t.tranche),
    check("award_payments_positive", sql`${t.amountFen} > 0`),
  ],
);

/**
 * A 免申即享 sweep: one policy over the enterprises in scope (a district, or the city). Progress and
 * counts live here so any app node can answer the polling client (the import/export job pattern).
 */
export const policySweeps = pgTable(
  "policy_sweeps",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    policyId: text("policy_id").notNull(),
    policyVersion: text("policy_version").notNull(),
    /** null = the whole city. */
    districtCode: varchar("district_code", { length: 6 }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** queued | running | done | failed */
    status: text("status", { enum: JOB_STATUSES }).notNull(),
    total: integer("total").notNull().default(0),
    done: integer("done").notNull().default(0),
    eligible: integer("eligible").notNull().default(0),
    identified: integer("identified").notNull().default(0),
    /** Eligible but an award of this policy already exists (re-run). */
    existing: integer("existing").notNull().default(0),
    ineligible: integer("ineligible").notNull().default(0),
    missing: integer("missing").notNull().default(0),
    identifiedFen: bigint("identified_fen", { mode: "number" }).notNull().default(0),
    errorMessage: text("error_message"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /**
     * The running node's lease: renewed with every batch. A "running" sweep whose lease is older than
     * SWEEP_LEASE_MS lost its node; the next sweep request for the same policy and scope takes over.
     */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("policy_sweeps_status_check", oneOf(t.status, JOB_STATUSES))],
);
