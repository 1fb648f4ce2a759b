import { AWARD_STATUSES, JOB_STATUSES } from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  districtCode,
  editedRowColumns,
  timestamptz,
  timestamptzNow,
  uuidPrimaryKey,
  uuidRef,
  versionedDefinitionTable,
} from "./columns";
import { districts } from "./reference";
import { enterpriseRef, optionalUserRef, userRef } from "./references";
import { oneOf } from "./types";

/**
 * Policies (政策) as versioned data (packages/db/policies/*.json), loaded at every start like the
 * instruments. Every version ever loaded stays, because an award keeps the id + version it was
 * computed with; `current` marks the versions present in the files now.
 */
export const policies = versionedDefinitionTable("policies");

/**
 * 专项资金预算池: one payer's budget for one year. `code` is the id a policy's funding names
 * (budgetPoolId); a district payer's share is reserved from the pool of the same code in the
 * enterprise's district, other payers from the pool without a district. The CHECKs make an
 * over-committed or negative pool impossible whatever the application does.
 */
export const budgetPools = pgTable(
  "budget_pools",
  {
    id: uuidPrimaryKey(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** central | province | city | district */
    payer: text("payer").notNull(),
    districtCode: districtCode().references(() => districts.code),
    year: smallint("year").notNull(),
    totalFen: bigint("total_fen", { mode: "number" }).notNull(),
    /** Confirmed awards not yet paid. */
    reservedFen: bigint("reserved_fen", { mode: "number" }).notNull().default(0),
    paidFen: bigint("paid_fen", { mode: "number" }).notNull().default(0),
    note: text("note"),
    createdBy: optionalUserRef("created_by"),
    ...editedRowColumns(),
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
    id: uuidPrimaryKey(),
    policyId: text("policy_id").notNull(),
    policyVersion: text("policy_version").notNull(),
    enterpriseId: enterpriseRef(),
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
    identifiedAt: timestamptzNow("identified_at"),
    identifiedBy: optionalUserRef("identified_by"),
    districtConfirmedAt: timestamptz("district_confirmed_at"),
    districtConfirmedBy: optionalUserRef("district_confirmed_by"),
    enterpriseConfirmedAt: timestamptz("enterprise_confirmed_at"),
    enterpriseConfirmedBy: optionalUserRef("enterprise_confirmed_by"),
    paidAt: timestamptz("paid_at"),
    closedAt: timestamptz("closed_at"),
    closedBy: optionalUserRef("closed_by"),
    closeReason: text("close_reason"),
    updatedAt: timestamptzNow("updated_at"),
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
    id: uuidPrimaryKey(),
    awardId: uuidRef("award_id", () => policyAwards.id),
    tranche: smallint("tranche").notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    voucherNo: text("voucher_no"),
    paidAt: timestamptzNow("paid_at"),
    paidBy: userRef("paid_by"),
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
    id: uuidPrimaryKey(),
    policyId: text("policy_id").notNull(),
    policyVersion: text("policy_version").notNull(),
    /** null = the whole city. */
    districtCode: districtCode(),
    /** Who started it; null = the scheduled 免申即享 job. */
    userId: optionalUserRef("user_id"),
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
    createdAt: timestamptzNow("created_at"),
    finishedAt: timestamptz("finished_at"),
    /**
     * The running node's lease: renewed with every batch. A "running" sweep whose lease is older than
     * SWEEP_LEASE_MS lost its node; the next sweep request for the same policy and scope takes over.
     */
    heartbeatAt: timestamptzNow("heartbeat_at"),
  },
  (t) => [check("policy_sweeps_status_check", oneOf(t.status, JOB_STATUSES))],
);
