import { PROJECT_STATUSES, REVIEW_DECISIONS, TASK_STATUSES } from "@dxcenter/domain";
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
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
  editedRowColumns,
  storedFileColumns,
  timestamptz,
  timestamptzNow,
  uuidPrimaryKey,
  uuidRef,
} from "./columns";
import { policyAwards } from "./policies";
import { districtRef, enterpriseRef, optionalUserRef, userRef } from "./references";
import { oneOf } from "./types";

/**
 * 技改项目库: one enterprise's industrial-investment / technical-upgrade project, from application to
 * 竣工验收. draft/returned → district_review → expert_review → approved → in_construction →
 * acceptance → completed; rejected ends it (rules: domain/access/project-access.ts). Money in 分.
 * The district is the enterprise's at application time (the bureau in charge of the project).
 * Progress columns (started_on … last_report_on) mirror the latest report for lists and overdue SQL.
 */
export const projects = pgTable(
  "projects",
  {
    id: uuidPrimaryKey(),
    enterpriseId: enterpriseRef(),
    districtCode: districtRef(),
    name: text("name").notNull(),
    /** PROJECT_TYPES (= the policy fact projectType). */
    type: text("type").notNull(),
    totalInvestmentFen: bigint("total_investment_fen", { mode: "number" }).notNull(),
    equipmentInvestmentFen: bigint("equipment_investment_fen", { mode: "number" }).notNull().default(0),
    softwareInvestmentFen: bigint("software_investment_fen", { mode: "number" }).notNull().default(0),
    /** 核定设备投资, set at the district review (null = the declared equipment investment). */
    approvedEquipmentFen: bigint("approved_equipment_fen", { mode: "number" }),
    loanPrincipalFen: bigint("loan_principal_fen", { mode: "number" }),
    loanMonths: integer("loan_months"),
    /** 入选市级示范项目 (e.g. 工业互联网市级示范项目), declared with the application. */
    cityDemonstration: boolean("city_demonstration").notNull().default(false),
    /** The loan is within the scope of 科技创新和技术改造再贷款 (bank / NDRC list). */
    reloanSupported: boolean("reloan_supported").notNull().default(false),
    plannedStartDate: date("planned_start_date").notNull(),
    plannedFinishDate: date("planned_finish_date").notNull(),
    expectedOutcomes: text("expected_outcomes").notNull().default(""),
    status: text("status", { enum: PROJECT_STATUSES }).notNull().default("draft"),
    submittedAt: timestamptz("submitted_at"),
    /** 开工 / 竣工 dates as reported (Shanghai days). */
    startedOn: date("started_on"),
    finishedOn: date("finished_on"),
    percentComplete: smallint("percent_complete").notNull().default(0),
    investmentCompletedFen: bigint("investment_completed_fen", { mode: "number" }).notNull().default(0),
    lastReportOn: date("last_report_on"),
    acceptedAt: timestamptz("accepted_at"),
    /** 核定补助 (the award's amount) and the policy it was computed with. */
    approvedAmountFen: bigint("approved_amount_fen", { mode: "number" }),
    policyId: text("policy_id"),
    policyVersion: text("policy_version"),
    awardId: uuid("award_id").references(() => policyAwards.id),
    approvedAt: timestamptz("approved_at"),
    approvedBy: optionalUserRef("approved_by"),
    createdBy: userRef("created_by"),
    ...editedRowColumns(),
  },
  (t) => [
    check("projects_status_check", oneOf(t.status, PROJECT_STATUSES)),
    index("projects_district_status_idx").on(t.districtCode, t.status),
    index("projects_enterprise_idx").on(t.enterpriseId, t.createdAt),
    index("projects_status_start_idx").on(t.status, t.plannedStartDate),
    check(
      "projects_amounts",
      sql`${t.totalInvestmentFen} > 0 and ${t.equipmentInvestmentFen} >= 0 and ${t.softwareInvestmentFen} >= 0 and ${t.equipmentInvestmentFen} + ${t.softwareInvestmentFen} <= ${t.totalInvestmentFen} and coalesce(${t.approvedAmountFen}, 0) >= 0 and coalesce(${t.loanPrincipalFen}, 0) >= 0`,
    ),
    check(
      "projects_progress",
      sql`${t.percentComplete} between 0 and 100 and ${t.investmentCompletedFen} between 0 and ${t.totalInvestmentFen}`,
    ),
    check("projects_dates", sql`${t.plannedFinishDate} >= ${t.plannedStartDate}`),
  ],
);

/**
 * Reviews of a project. district: the 区级初审 decision (approve / return / reject) with its opinion;
 * expert: one row per assigned reviewer, created at assignment and filled when scored (scores per
 * item of EXPERT_SCORE_SHEET, total, opinion, submitted_at); city: the 市级审定 decision.
 */
export const projectReviews = pgTable(
  "project_reviews",
  {
    id: uuidPrimaryKey(),
    projectId: uuidRef("project_id", () => projects.id),
    stage: text("stage").notNull(),
    reviewerId: userRef("reviewer_id"),
    scores: jsonb("scores"),
    total: integer("total"),
    opinion: text("opinion"),
    /** A bureau's decision; null on an expert's score sheet. */
    decision: text("decision", { enum: REVIEW_DECISIONS }),
    assignedBy: optionalUserRef("assigned_by"),
    createdAt: timestamptzNow("created_at"),
    submittedAt: timestamptz("submitted_at"),
  },
  (t) => [
    index("project_reviews_project_idx").on(t.projectId, t.createdAt),
    uniqueIndex("project_reviews_expert_uq").on(t.projectId, t.reviewerId).where(sql`${t.stage} = 'expert'`),
    index("project_reviews_reviewer_idx").on(t.reviewerId, t.stage),
  ],
);

/** 进度报告: 开工 (start), 建设进度 (progress, % and cumulative investment), 竣工 (completion). */
export const projectReports = pgTable(
  "project_reports",
  {
    id: uuidPrimaryKey(),
    projectId: uuidRef("project_id", () => projects.id),
    kind: text("kind").notNull(),
    reportDate: date("report_date").notNull(),
    percent: smallint("percent").notNull(),
    investmentCompletedFen: bigint("investment_completed_fen", { mode: "number" }).notNull(),
    note: text("note"),
    reportedBy: userRef("reported_by"),
    reportedAt: timestamptzNow("reported_at"),
  },
  (t) => [
    index("project_reports_project_idx").on(t.projectId, t.reportDate),
    check(
      "project_reports_numbers",
      sql`${t.percent} between 0 and 100 and ${t.investmentCompletedFen} >= 0`,
    ),
  ],
);

/** Application documents (可研报告, 备案证明, 合同…): PDF/JPG/PNG by magic bytes, ≤ 10 MB, in the database. */
export const projectAttachments = pgTable(
  "project_attachments",
  {
    id: uuidPrimaryKey(),
    projectId: uuidRef("project_id", () => projects.id),
    ...storedFileColumns(),
    uploadedBy: userRef("uploaded_by"),
    uploadedAt: timestamptzNow("uploaded_at"),
  },
  (t) => [index("project_attachments_project_idx").on(t.projectId)],
);

/**
 * 协同任务: the bureau asks another department (用地、用能、施工许可、环评…) for something a project
 * needs. Assigned to a department account (department_user_id) or, without one, to an organisation by
 * name (every department account whose users.organization is that name). open → in_progress → done.
 */
export const coordinationTasks = pgTable(
  "coordination_tasks",
  {
    id: uuidPrimaryKey(),
    projectId: uuidRef("project_id", () => projects.id),
    departmentUserId: optionalUserRef("department_user_id"),
    departmentName: text("department_name").notNull(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    deadline: date("deadline").notNull(),
    status: text("status", { enum: TASK_STATUSES }).notNull().default("open"),
    response: text("response"),
    respondedAt: timestamptz("responded_at"),
    respondedBy: optionalUserRef("responded_by"),
    assignedBy: userRef("assigned_by"),
    ...editedRowColumns(),
  },
  (t) => [
    check("coordination_tasks_status_check", oneOf(t.status, TASK_STATUSES)),
    index("coordination_tasks_project_idx").on(t.projectId),
    index("coordination_tasks_department_idx").on(t.departmentUserId, t.status),
    index("coordination_tasks_department_name_idx").on(t.departmentName, t.status),
  ],
);
