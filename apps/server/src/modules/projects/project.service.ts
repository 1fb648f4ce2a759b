import { createHash } from "node:crypto";
import type {
  CoordinationTask,
  ProjectApplication,
  ProjectDetail,
  ProjectItem,
  ProjectListQuery,
  SubsidyPreview,
} from "@dxcenter/contracts";
import {
  awardPayments,
  type Database,
  districts,
  type Executor,
  enterprises,
  policyAwards,
  projectAttachments,
  projectReports,
  projectReviews,
  projects,
  users,
} from "@dxcenter/db";
import {
  type Actor,
  averageFromSum,
  averageScore,
  canApplyFor,
  checkApplication,
  checkProgressReport,
  type DistrictDecision,
  evaluateAll,
  FACT_CATALOGUE,
  type FactValue,
  formatFactValue,
  formatMoney,
  type MilestoneKind,
  type OverdueKind,
  type PolicyEvaluation,
  PROGRESS_REPORT_MAX_DAYS,
  PROJECT_STATUS_LABELS,
  type ProjectPermissions,
  type ProjectStatus,
  type ProjectType,
  parseWanYuanToFen,
  planTranches,
  projectFacts,
  projectPermissions,
  projectReadScope,
  type ScoreSheet,
  sheetTotal,
  trancheGate,
  validateScoreSheet,
} from "@dxcenter/domain";
import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { AppError, badRequest, conflict, forbidden, notFound } from "../../errors";
import { allPages } from "../../lib/pages";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { readCondition } from "../enterprises/enterprise.policy";
import {
  acceptByWork,
  drawnUsersOf,
  droppedDrawnMessage,
  isDrawnSql,
  manualPickRefusal,
} from "../experts/draw.service";
import { districtConfirm, recordPayment } from "../policies/award.service";
import { priorAwardsOf } from "../policies/calculator.service";
import { buildEnterpriseFacts } from "../policies/enterprise-facts";
import { currentPolicies, loadPolicyVersion, shanghaiToday } from "../policies/policy.repository";
import { escapeLike } from "../users/user.service";
import { listTasksOfProject } from "./task.service";

type ListQuery = z.output<typeof ProjectListQuery>;

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_MAX_PER_PROJECT = 20;

const shanghaiDate = sql`(now() at time zone 'Asia/Shanghai')::date`;
/** The three overdue rules of domain/projects/milestones.ts (overdueWarnings), in SQL so lists can filter. */
export const startLateSql = sql<boolean>`(${projects.status} = 'approved' and ${projects.plannedStartDate} < ${shanghaiDate})`;
export const finishLateSql = sql<boolean>`(${projects.status} = 'in_construction' and ${projects.plannedFinishDate} < ${shanghaiDate})`;
export const reportStaleSql = sql<boolean>`(${projects.status} = 'in_construction' and coalesce(${projects.lastReportOn}, ${projects.startedOn}) < ${shanghaiDate} - ${sql.raw(String(PROGRESS_REPORT_MAX_DAYS))})`;
export const overdueSql = sql<boolean>`(${startLateSql} or ${finishLateSql} or ${reportStaleSql})`;

const columns = {
  p: projects,
  enterpriseName: enterprises.name,
  districtName: districts.name,
  paidFen: sql<number>`coalesce(${policyAwards.paidFen}, 0)`,
  scoreSum: sql<number>`(select coalesce(sum(r.total), 0)::int from ${projectReviews} r where r.project_id = ${projects.id} and r.stage = 'expert' and r.submitted_at is not null)`,
  scoreCount: sql<number>`(select count(*)::int from ${projectReviews} r where r.project_id = ${projects.id} and r.stage = 'expert' and r.submitted_at is not null)`,
  reviewerIds: sql<
    string[]
  >`(select coalesce(json_agg(r.reviewer_id), '[]'::json) from ${projectReviews} r where r.project_id = ${projects.id} and r.stage = 'expert')`,
  startLate: startLateSql,
  finishLate: finishLateSql,
  reportStale: reportStaleSql,
};

function base(db: Executor) {
  return db
    .select(columns)
    .from(projects)
    .innerJoin(enterprises, eq(enterprises.id, projects.enterpriseId))
    .innerJoin(districts, eq(districts.code, projects.districtCode))
    .leftJoin(policyAwards, eq(policyAwards.id, projects.awardId));
}
type Row = Awaited<ReturnType<ReturnType<typeof base>["limit"]>>[number];

/** Lists: city all, district its district's projects, the enterprise its own, an expert those assigned to them. */
export function projectScopeCondition(actor: Actor): SQL {
  const scope = projectReadScope(actor);
  switch (scope.kind) {
    case "all":
      return sql`true`;
    case "district":
      return eq(projects.districtCode, scope.districtCode);
    case "self":
      return eq(projects.enterpriseId, scope.enterpriseId);
    case "reviewer":
      return sql`exists (select 1 from ${projectReviews} r where r.project_id = ${projects.id} and r.stage = 'expert' and r.reviewer_id = ${scope.userId})`;
    case "none":
      throw forbidden("查看技改项目");
  }
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function overdueOf(r: Row): OverdueKind[] {
  const out: OverdueKind[] = [];
  if (r.startLate) out.push("start_late");
  if (r.finishLate) out.push("finish_late");
  if (r.reportStale) out.push("report_stale");
  return out;
}

function toItem(r: Row): ProjectItem {
  const p = r.p;
  const n = Number(r.scoreCount);
  return {
    id: p.id,
    enterpriseId: p.enterpriseId,
    enterpriseName: r.enterpriseName,
    districtCode: p.districtCode,
    districtName: r.districtName,
    name: p.name,
    type: p.type as ProjectType,
    status: p.status as ProjectStatus,
    totalInvestmentFen: p.totalInvestmentFen,
    equipmentInvestmentFen: p.equipmentInvestmentFen,
    softwareInvestmentFen: p.softwareInvestmentFen,
    plannedStartDate: p.plannedStartDate,
    plannedFinishDate: p.plannedFinishDate,
    percentComplete: p.percentComplete,
    investmentCompletedFen: p.investmentCompletedFen,
    startedOn: p.startedOn,
    finishedOn: p.finishedOn,
    lastReportOn: p.lastReportOn,
    approvedAmountFen: p.approvedAmountFen,
    paidFen: Number(r.paidFen),
    expertScore: averageFromSum(Number(r.scoreSum), n),
    overdue: overdueOf(r),
    submittedAt: iso(p.submittedAt),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    version: p.version,
  };
}

function permissionsOf(actor: Actor, r: Row): ProjectPermissions {
  return projectPermissions(actor, {
    enterpriseId: r.p.enterpriseId,
    districtCode: r.p.districtCode,
    status: r.p.status as ProjectStatus,
    reviewerIds: r.reviewerIds ?? [],
  });
}

export async function listProjects(db: Executor, actor: Actor, q: ListQuery) {
  const where: SQL[] = [projectScopeCondition(actor)];
  if (q.status) where.push(eq(projects.status, q.status));
  if (q.type) where.push(eq(projects.type, q.type));
  if (q.districtCode) where.push(eq(projects.districtCode, q.districtCode));
  if (q.enterpriseId) where.push(eq(projects.enterpriseId, q.enterpriseId));
  if (q.year) where.push(sql`extract(year from ${projects.plannedStartDate}) = ${q.year}`);
  if (q.overdue === true) where.push(overdueSql);
  if (q.overdue === false) where.push(sql`not ${overdueSql}`);
  if (q.toScore && actor.role === "expert")
    where.push(
      sql`${projects.status} = 'expert_review' and exists (select 1 from ${projectReviews} r where r.project_id = ${projects.id} and r.stage = 'expert' and r.reviewer_id = ${actor.id} and r.submitted_at is null)`,
    );
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    where.push(or(ilike(projects.name, like), ilike(enterprises.name, like))!);
  }
  const cond = and(...where);
  const dir = q.order === "asc" ? asc : desc;
  const sortCol = {
    createdAt: projects.createdAt,
    plannedStartDate: projects.plannedStartDate,
    totalInvestmentFen: projects.totalInvestmentFen,
    updatedAt: projects.updatedAt,
  }[q.sort];
  const [rows, [total]] = await Promise.all([
    base(db)
      .where(cond)
      .orderBy(dir(sortCol), asc(projects.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(projects)
      .innerJoin(enterprises, eq(enterprises.id, projects.enterpriseId))
      .where(cond),
  ]);
  return { items: rows.map(toItem), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function* iterateProjectsForExport(
  db: Database,
  actor: Actor,
  q: Omit<ListQuery, "page" | "pageSize">,
) {
  yield* allPages((page, pageSize) => listProjects(db, actor, { ...q, page, pageSize }), 1000);
}

async function findRow(db: Executor, actor: Actor, id: string, lock = false): Promise<Row> {
  const q = base(db)
    .where(and(projectScopeCondition(actor), eq(projects.id, id)))
    .limit(1);
  const [row] = lock ? await q.for("update", { of: projects }) : await q;
  if (!row) throw notFound("技改项目");
  return row;
}

const reviewer = alias(users, "reviewer");

async function toDetail(db: Executor, actor: Actor, r: Row): Promise<ProjectDetail> {
  const p = r.p;
  const [reviews, reports, attachments, tasks, payments] = await Promise.all([
    db
      .select({
        r: projectReviews,
        name: reviewer.displayName,
        org: reviewer.organization,
        drawn: isDrawnSql(
          "project_review",
          sql`${projectReviews.projectId}`,
          sql`${projectReviews.reviewerId}`,
        ),
      })
      .from(projectReviews)
      .innerJoin(reviewer, eq(reviewer.id, projectReviews.reviewerId))
      .where(eq(projectReviews.projectId, p.id))
      .orderBy(asc(projectReviews.createdAt)),
    db
      .select({ r: projectReports, name: users.displayName })
      .from(projectReports)
      .innerJoin(users, eq(users.id, projectReports.reportedBy))
      .where(eq(projectReports.projectId, p.id))
      .orderBy(asc(projectReports.reportDate), asc(projectReports.reportedAt)),
    db
      .select({
        id: projectAttachments.id,
        filename: projectAttachments.filename,
        mime: projectAttachments.mime,
        size: projectAttachments.size,
        uploadedAt: projectAttachments.uploadedAt,
        name: users.displayName,
      })
      .from(projectAttachments)
      .innerJoin(users, eq(users.id, projectAttachments.uploadedBy))
      .where(eq(projectAttachments.projectId, p.id))
      .orderBy(asc(projectAttachments.uploadedAt)),
    actor.role === "expert" ? Promise.resolve([] as CoordinationTask[]) : listTasksOfProject(db, actor, p.id),
    p.awardId
      ? db
          .select({ p: awardPayments, name: users.displayName })
          .from(awardPayments)
          .innerJoin(users, eq(users.id, awardPayments.paidBy))
          .where(eq(awardPayments.awardId, p.awardId))
          .orderBy(asc(awardPayments.tranche))
      : Promise.resolve([]),
  ]);
  const perms = permissionsOf(actor, r);
  // Experts review independently: each sees only their own sheet; the enterprise sees the decisions, not the sheets.
  const visibleReviews = reviews.filter((x) => {
    if (x.r.stage !== "expert") return true;
    if (actor.role === "expert") return x.r.reviewerId === actor.id;
    return actor.role === "city_admin" || actor.role === "district_admin";
  });
  let evaluation: PolicyEvaluation | null = null;
  let policyName: string | null = null;
  if (p.awardId) {
    const [a] = await db
      .select({ evaluation: policyAwards.evaluation })
      .from(policyAwards)
      .where(eq(policyAwards.id, p.awardId));
    evaluation = (a?.evaluation as PolicyEvaluation) ?? null;
  }
  if (p.policyId && p.policyVersion)
    policyName = (await loadPolicyVersion(db, p.policyId, p.policyVersion))?.name ?? null;
  const status = p.status as ProjectStatus;
  const plan = p.approvedAmountFen ? planTranches(p.approvedAmountFen) : [];
  const paidCount = payments.length;
  const tranches = plan.map((t) => {
    const paid = payments.find((x) => x.p.tranche === t.tranche);
    const gate = trancheGate(plan, t.tranche, status, paidCount);
    return {
      tranche: t.tranche,
      milestone: t.milestone,
      amountFen: t.amountFen,
      payable: !paid && gate.ok,
      blockedReason: paid || gate.ok ? null : gate.message,
      paid: paid
        ? {
            amountFen: paid.p.amountFen,
            paidAt: paid.p.paidAt.toISOString(),
            paidByName: paid.name,
            voucherNo: paid.p.voucherNo,
          }
        : null,
    };
  });
  return {
    ...toItem(r),
    expectedOutcomes: p.expectedOutcomes,
    approvedEquipmentFen: p.approvedEquipmentFen,
    loanPrincipalFen: p.loanPrincipalFen,
    loanMonths: p.loanMonths,
    cityDemonstration: p.cityDemonstration,
    reloanSupported: p.reloanSupported,
    policyId: p.policyId,
    policyVersion: p.policyVersion,
    policyName,
    awardId: p.awardId,
    approvedAt: iso(p.approvedAt),
    acceptedAt: iso(p.acceptedAt),
    evaluation: evaluation as ProjectDetail["evaluation"],
    reviews: visibleReviews.map((x) => ({
      id: x.r.id,
      stage: x.r.stage as "district" | "expert" | "city",
      reviewerId: x.r.reviewerId,
      reviewerName: x.name,
      reviewerOrganization: x.org,
      scores: (x.r.scores as Record<string, number> | null) ?? null,
      total: x.r.total,
      opinion: x.r.opinion,
      decision: x.r.decision,
      createdAt: x.r.createdAt.toISOString(),
      submittedAt: iso(x.r.submittedAt),
      drawn: x.r.stage === "expert" && Boolean(x.drawn),
    })),
    reports: reports.map((x) => ({
      id: x.r.id,
      kind: x.r.kind as MilestoneKind,
      reportDate: x.r.reportDate,
      percent: x.r.percent,
      investmentCompletedFen: x.r.investmentCompletedFen,
      note: x.r.note,
      reportedByName: x.name,
      reportedAt: x.r.reportedAt.toISOString(),
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      filename: a.filename,
      mime: a.mime,
      size: a.size,
      uploadedByName: a.name,
      uploadedAt: a.uploadedAt.toISOString(),
    })),
    tasks,
    tranches,
    permissions: {
      edit: perms.edit,
      submit: perms.submit,
      districtReview: perms.districtReview,
      assignReviewers: perms.assignReviewers,
      score: perms.score,
      decide: perms.decide,
      report: perms.report,
      accept: perms.accept,
      attach: perms.attach,
      coordinate: perms.coordinate,
      pay: perms.pay && !!p.awardId,
    },
  };
}

export async function getProject(db: Executor, actor: Actor, id: string) {
  return toDetail(db, actor, await findRow(db, actor, id));
}

// ---------------------------------------------------------------------------------------------
// Application

function wanToFen(value: string | undefined, field: string, label: string): number | null {
  if (value === undefined || value === "") return null;
  const fen = parseWanYuanToFen(value);
  if (fen === null)
    throw badRequest(`${label}：请输入以万元为单位的金额，如 1200 或 85.5（最小到分）`, field);
  if (fen < 0) throw badRequest(`${label}：金额不能为负数`, field);
  return fen;
}

function applicationValues(input: Omit<z.output<typeof ProjectApplication>, "enterpriseId">) {
  const total = wanToFen(input.totalInvestmentWan, "totalInvestmentWan", "项目总投资") ?? 0;
  const equipment = wanToFen(input.equipmentInvestmentWan, "equipmentInvestmentWan", "设备投资") ?? 0;
  const software = wanToFen(input.softwareInvestmentWan, "softwareInvestmentWan", "软硬件工具投资") ?? 0;
  const loan = wanToFen(input.loanPrincipalWan, "loanPrincipalWan", "贷款本金");
  const bad = checkApplication({
    totalInvestmentFen: total,
    equipmentInvestmentFen: equipment,
    softwareInvestmentFen: software,
    plannedStartDate: input.plannedStartDate,
    plannedFinishDate: input.plannedFinishDate,
    loanPrincipalFen: loan,
    loanMonths: input.loanMonths ?? null,
    reloanSupported: input.reloanSupported ?? false,
  });
  if (bad) throw badRequest(bad.message, bad.field);
  return {
    name: input.name,
    type: input.type,
    totalInvestmentFen: total,
    equipmentInvestmentFen: equipment,
    softwareInvestmentFen: software,
    loanPrincipalFen: loan,
    loanMonths: input.loanMonths ?? null,
    cityDemonstration: input.cityDemonstration ?? false,
    reloanSupported: input.reloanSupported ?? false,
    plannedStartDate: input.plannedStartDate,
    plannedFinishDate: input.plannedFinishDate,
    expectedOutcomes: input.expectedOutcomes ?? "",
  };
}

export async function createProject(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  input: z.output<typeof ProjectApplication>,
) {
  if (!["enterprise", "city_admin", "district_admin"].includes(actor.role)) throw forbidden("申报技改项目");
  const enterpriseId = actor.role === "enterprise" ? actor.enterpriseId : input.enterpriseId;
  if (!enterpriseId) throw badRequest("所属企业：请选择申报项目的企业", "enterpriseId");
  const [ent] = await db
    .select({ id: enterprises.id, districtCode: enterprises.districtCode })
    .from(enterprises)
    .where(and(readCondition(actor), eq(enterprises.id, enterpriseId)));
  if (!ent) throw notFound("企业");
  if (!canApplyFor(actor, ent)) throw forbidden("为该企业申报技改项目");
  const values = applicationValues(input);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(projects)
      .values({ ...values, enterpriseId: ent.id, districtCode: ent.districtCode, createdBy: actor.id })
      .returning({ id: projects.id });
    await recordAudit(tx, auditActor, {
      action: "project.create",
      entityType: "project",
      entityId: row!.id,
      districtCode: ent.districtCode,
      after: { enterpriseId: ent.id, ...values },
    });
    return row!.id;
  });
  return getProject(db, actor, id);
}

type Permission = Exclude<keyof ProjectPermissions, "read">;
const ACTION_NAMES: Record<Permission, string> = {
  edit: "修改该项目申报",
  submit: "提交该项目",
  districtReview: "对该项目进行区级初审",
  assignReviewers: "指派该项目的评审专家",
  score: "为该项目评分",
  decide: "审定该项目",
  report: "报告该项目进度",
  accept: "对该项目进行竣工验收",
  attach: "上传该项目的附件",
  coordinate: "为该项目发起协同任务",
  pay: "为该项目登记拨付",
};
const STATE_HINT: Record<Permission, string> = {
  edit: "只有草稿或退回修改的项目可以修改",
  submit: "只有草稿或退回修改的项目可以提交",
  districtReview: "只有待区级初审的项目可以初审",
  assignReviewers: "只有专家评审阶段的项目可以指派专家",
  score: "只有专家评审阶段的项目可以评分",
  decide: "只有专家评审阶段的项目可以审定",
  report: "只有已立项或建设中的项目可以报告进度",
  accept: "只有已报告竣工的项目可以验收",
  attach: "该项目已结束，不能再上传附件",
  coordinate: "该项目当前状态不能发起协同任务",
  pay: "只有已立项的项目可以拨付",
};
const ALL_STATES: ProjectStatus[] = [
  "draft",
  "returned",
  "district_review",
  "expert_review",
  "approved",
  "in_construction",
  "acceptance",
  "completed",
];

/** 403 when the role could never take the step on this project, 409 when only the status is wrong. */
function assertPermission(actor: Actor, row: Row, permission: Permission) {
  if (permissionsOf(actor, row)[permission]) return;
  const anyState = ALL_STATES.some(
    (status) =>
      projectPermissions(actor, {
        enterpriseId: row.p.enterpriseId,
        districtCode: row.p.districtCode,
        status,
        reviewerIds: row.reviewerIds ?? [],
      })[permission],
  );
  if (!anyState) throw forbidden(ACTION_NAMES[permission]);
  throw conflict(
    "STATE_CONFLICT",
    `${STATE_HINT[permission]}（当前：${PROJECT_STATUS_LABELS[row.p.status as ProjectStatus] ?? row.p.status}）`,
  );
}

/**
 * One workflow step: locks and re-reads the project in the transaction, checks the permission and
 * (when given) the version, applies the step and bumps the version.
 */
async function step<T = void>(
  db: Database,
  actor: Actor,
  id: string,
  version: number | null,
  permission: Permission,
  apply: (tx: Executor, row: Row) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const row = await findRow(tx, actor, id, true);
    assertPermission(actor, row, permission);
    if (version !== null && row.p.version !== version)
      throw conflict("VERSION_CONFLICT", "该项目已被他人更新，请刷新后重试", "version");
    const out = await apply(tx, row);
    await tx
      .update(projects)
      .set({ updatedAt: new Date(), version: sql`${projects.version} + 1` })
      .where(eq(projects.id, id));
    return out;
  });
}

export async function updateProject(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: Omit<z.output<typeof ProjectApplication>, "enterpriseId"> & { version: number },
) {
  const values = applicationValues(input);
  await step(db, actor, id, input.version, "edit", async (tx, row) => {
    await tx.update(projects).set(values).where(eq(projects.id, id));
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) {
      const old = (row.p as Record<string, unknown>)[k];
      if (old !== v) {
        before[k] = old;
        after[k] = v;
      }
    }
    await recordAudit(tx, auditActor, {
      action: "project.update",
      entityType: "project",
      entityId: id,
      districtCode: row.p.districtCode,
      before,
      after,
    });
  });
  return getProject(db, actor, id);
}

export async function submitProject(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  version: number,
) {
  await step(db, actor, id, version, "submit", async (tx, row) => {
    await tx
      .update(projects)
      .set({ status: "district_review", submittedAt: new Date() })
      .where(eq(projects.id, id));
    await recordAudit(tx, auditActor, {
      action: "project.submit",
      entityType: "project",
      entityId: id,
      districtCode: row.p.districtCode,
      before: { status: row.p.status },
      after: { status: "district_review" },
    });
  });
  return getProject(db, actor, id);
}

const DISTRICT_NEXT: Record<DistrictDecision, ProjectStatus> = {
  approve: "expert_review",
  return: "returned",
  reject: "rejected",
};

export async function districtReview(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: {
    version: number;
    decision: DistrictDecision;
    opinion: string;
    approvedEquipmentWan?: string | undefined;
  },
) {
  await step(db, actor, id, input.version, "districtReview", async (tx, row) => {
    const next = DISTRICT_NEXT[input.decision];
    let approvedEquipmentFen = row.p.approvedEquipmentFen;
    if (input.decision === "approve" && input.approvedEquipmentWan) {
      approvedEquipmentFen = wanToFen(input.approvedEquipmentWan, "approvedEquipmentWan", "核定设备投资");
      if (approvedEquipmentFen !== null && approvedEquipmentFen > row.p.equipmentInvestmentFen)
        throw badRequest(
          `核定设备投资不能超过申报的设备投资 ${formatMoney(row.p.equipmentInvestmentFen)}`,
          "approvedEquipmentWan",
        );
    }
    await tx.update(projects).set({ status: next, approvedEquipmentFen }).where(eq(projects.id, id));
    await tx.insert(projectReviews).values({
      projectId: id,
      stage: "district",
      reviewerId: actor.id,
      decision: input.decision,
      opinion: input.opinion,
      submittedAt: new Date(),
    });
    await recordAudit(tx, auditActor, {
      action: "project.district_review",
      entityType: "project",
      entityId: id,
      districtCode: row.p.districtCode,
      before: { status: row.p.status, approvedEquipmentFen: row.p.approvedEquipmentFen },
      after: { status: next, decision: input.decision, opinion: input.opinion, approvedEquipmentFen },
    });
  });
  return getProject(db, actor, id);
}

export async function assignReviewers(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { version: number; reviewerIds: string[] },
) {
  await step(db, actor, id, input.version, "assignReviewers", async (tx, row) => {
    const ids = [...new Set(input.reviewerIds)];
    if (ids.length !== input.reviewerIds.length)
      throw badRequest("评审专家：不能重复指派同一人", "reviewerIds");
    const found = await tx
      .select({ id: users.id, role: users.role, disabled: users.disabled, name: users.displayName })
      .from(users)
      .where(inArray(users.id, ids));
    for (const uid of ids) {
      const u = found.find((f) => f.id === uid);
      if (u?.role !== "expert") throw badRequest("评审专家：只能指派专家账号", "reviewerIds");
      if (u.disabled) throw badRequest(`评审专家：账号“${u.name}”已停用`, "reviewerIds");
    }
    const current = await tx
      .select({
        id: projectReviews.id,
        reviewerId: projectReviews.reviewerId,
        submittedAt: projectReviews.submittedAt,
      })
      .from(projectReviews)
      .where(and(eq(projectReviews.projectId, id), eq(projectReviews.stage, "expert")));
    const dropped = droppedDrawnMessage(await drawnUsersOf(tx, "project_review", id), ids);
    if (dropped) throw badRequest(`评审专家：${dropped}`, "reviewerIds");
    // Scored sheets stay (they are part of the record); unscored assignments not in the new list are dropped.
    const drop = current.filter((c) => !ids.includes(c.reviewerId) && !c.submittedAt).map((c) => c.id);
    if (drop.length) await tx.delete(projectReviews).where(inArray(projectReviews.id, drop));
    const add = ids.filter((uid) => !current.some((c) => c.reviewerId === uid));
    const conflicted = await manualPickRefusal(tx, row.p.enterpriseId, add, shanghaiToday());
    if (conflicted) throw badRequest(`评审专家：${conflicted}`, "reviewerIds");
    if (add.length)
      await tx
        .insert(projectReviews)
        .values(
          add.map((uid) => ({ projectId: id, stage: "expert", reviewerId: uid, assignedBy: actor.id })),
        );
    const name = (uid: string) => found.find((f) => f.id === uid)?.name ?? uid;
    await recordAudit(tx, auditActor, {
      action: "project.assign_reviewers",
      entityType: "project",
      entityId: id,
      districtCode: row.p.districtCode,
      before: { reviewers: current.map((c) => c.reviewerId) },
      after: { reviewers: ids.map(name), added: add.map(name), removed: drop.length },
    });
  });
  return getProject(db, actor, id);
}

/** An assigned expert fills in the score sheet (again, while the review is open). Does not bump the version. */
export async function scoreProject(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { scores: ScoreSheet; opinion: string },
) {
  await db.transaction(async (tx) => {
    const row = await findRow(tx, actor, id, true);
    assertPermission(actor, row, "score");
    const bad = validateScoreSheet(input.scores);
    if (bad) throw badRequest(bad.message, bad.field);
    const total = sheetTotal(input.scores);
    const updated = await tx
      .update(projectReviews)
      .set({ scores: input.scores, total, opinion: input.opinion, submittedAt: new Date() })
      .where(
        and(
          eq(projectReviews.projectId, id),
          eq(projectReviews.stage, "expert"),
          eq(projectReviews.reviewerId, actor.id),
        ),
      )
      .returning({ id: projectReviews.id });
    if (updated.length === 0) throw forbidden(ACTION_NAMES.score);
    await acceptByWork(tx, "project_review", id, actor.id);
    await recordAudit(tx, auditActor, {
      action: "project.score",
      entityType: "project",
      entityId: id,
      districtCode: row.p.districtCode,
      after: { scores: input.scores, total, opinion: input.opinion },
    });
  });
  return getProject(db, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Subsidy (policy engine) and the city decision

async function evaluateProject(db: Executor, row: Row, today: string, choices?: Record<string, string>) {
  const p = row.p;
  const [built, defs, prior] = await Promise.all([
    buildEnterpriseFacts(db, p.enterpriseId),
    currentPolicies(db),
    priorAwardsOf(db, p.enterpriseId),
  ]);
  const pFacts = projectFacts({
    type: p.type as ProjectType,
    status: p.status as ProjectStatus,
    totalInvestmentFen: p.totalInvestmentFen,
    equipmentInvestmentFen: p.equipmentInvestmentFen,
    softwareInvestmentFen: p.softwareInvestmentFen,
    approvedEquipmentInvestmentFen: p.approvedEquipmentFen,
    investmentCompletedFen: p.investmentCompletedFen,
    loanPrincipalFen: p.loanPrincipalFen,
    loanMonths: p.loanMonths,
    cityDemonstration: p.cityDemonstration,
    reloanSupported: p.reloanSupported,
    plannedStartDate: p.plannedStartDate,
    plannedFinishDate: p.plannedFinishDate,
    startedOn: p.startedOn,
    finishedOn: p.finishedOn,
  });
  const facts: Record<string, FactValue> = { ...(built?.facts ?? {}), ...pFacts };
  const projectDefs = defs.filter((d) => d.beneficiary === "project");
  // This project's own award (if re-evaluated after approval) must not exclude itself.
  const others = prior.filter((a) => a.projectId !== p.id);
  const all = evaluateAll(projectDefs, facts, {
    today,
    priorAwards: others,
    projectId: p.id,
    ...(choices ? { choices } : {}),
  });
  return { all, facts, projectDefs, origins: built?.origins ?? {} };
}

function defaultPolicy(all: ReturnType<typeof evaluateAll>) {
  let best: (typeof all.results)[number] | null = null;
  for (const r of all.results) if (r.granted && (!best || r.grantedFen > best.grantedFen)) best = r;
  return best;
}

export async function subsidyPreview(
  db: Database,
  actor: Actor,
  id: string,
  today = shanghaiToday(),
): Promise<SubsidyPreview> {
  const row = await findRow(db, actor, id);
  const { all, facts, origins } = await evaluateProject(db, row, today);
  const best = defaultPolicy(all);
  return {
    today,
    facts: FACT_CATALOGUE.filter((f) => facts[f.id] !== undefined).map((f) => ({
      fact: f.id,
      label: f.label,
      display: formatFactValue(f, facts[f.id]!),
      source: f.subject === "project" ? "项目申报" : (origins[f.id]?.sourceText ?? "企业库"),
    })),
    results: all.results as SubsidyPreview["results"],
    defaultPolicyId: best?.evaluation.policyId ?? null,
    tranchePlan: best ? planTranches(best.grantedFen) : [],
  };
}

/**
 * 市级审定. Approve: the policies are evaluated again in the transaction (facts as they are now), the
 * chosen policy (default: the engine's granted one) must be granted after non-cumulation, and its
 * award is created (source 'application', project_id) and confirmed through the policy module's
 * districtConfirm — the same atomic conditional UPDATE on every budget pool, so concurrent approvals
 * can never over-commit a pool. The enterprise's intent is its application, so the award moves on to
 * enterprise_confirmed and tranches can be paid as milestones are reached.
 */
export async function decideProject(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { version: number; decision: "approve" | "reject"; opinion: string; policyId?: string | undefined },
  today = shanghaiToday(),
) {
  await step(db, actor, id, input.version, "decide", async (tx, row) => {
    const sheets = await tx
      .select({ total: projectReviews.total, submittedAt: projectReviews.submittedAt })
      .from(projectReviews)
      .where(and(eq(projectReviews.projectId, id), eq(projectReviews.stage, "expert")));
    if (input.decision === "approve") {
      if (sheets.length === 0) throw conflict("NO_REVIEWERS", "请先指派评审专家并完成评分");
      const open = sheets.filter((s) => !s.submittedAt).length;
      if (open) throw conflict("REVIEW_OPEN", `还有 ${open} 位评审专家尚未评分`);
    }
    const avg = averageScore(sheets.filter((s) => s.submittedAt).map((s) => s.total ?? 0));
    if (input.decision === "reject") {
      await tx.update(projects).set({ status: "rejected" }).where(eq(projects.id, id));
      await tx.insert(projectReviews).values({
        projectId: id,
        stage: "city",
        reviewerId: actor.id,
        decision: "reject",
        opinion: input.opinion,
        submittedAt: new Date(),
      });
      await recordAudit(tx, auditActor, {
        action: "project.decide",
        entityType: "project",
        entityId: id,
        districtCode: row.p.districtCode,
        before: { status: row.p.status },
        after: { status: "rejected", decision: "reject", opinion: input.opinion, expertScore: avg },
      });
      return;
    }
    const first = await evaluateProject(tx, row, today);
    let chosen = input.policyId
      ? first.all.results.find((r) => r.evaluation.policyId === input.policyId)
      : defaultPolicy(first.all);
    if (input.policyId) {
      if (!chosen) throw badRequest(`政策“${input.policyId}”不是按项目支持的现行政策`, "policyId");
      const def = first.projectDefs.find((d) => d.id === input.policyId)!;
      if (def.nonCumulation && chosen.evaluation.status === "eligible") {
        const again = await evaluateProject(tx, row, today, { [def.nonCumulation.group]: def.id });
        chosen = again.all.results.find((r) => r.evaluation.policyId === input.policyId)!;
      }
      if (!chosen.granted)
        throw badRequest(
          `所选政策“${chosen.evaluation.policyName}”不能享受：${chosen.exclusion?.text ?? chosen.evaluation.summary}`,
          "policyId",
        );
    }
    let awardId: string | null = null;
    let amount = 0;
    let reservations: unknown = [];
    if (chosen && chosen.grantedFen > 0) {
      const ev = chosen.evaluation;
      const def = first.projectDefs.find((d) => d.id === ev.policyId)!;
      amount = chosen.grantedFen;
      const [award] = await tx
        .insert(policyAwards)
        .values({
          policyId: def.id,
          policyVersion: def.version,
          enterpriseId: row.p.enterpriseId,
          projectId: id,
          source: "application",
          status: "identified",
          nonCumulationGroup: def.nonCumulation?.group ?? null,
          amountFen: amount,
          shares: ev.shares.map((s) => ({
            payer: s.payer,
            payerLabel: s.payerLabel,
            budgetPoolCode: s.budgetPoolId,
            amountFen: s.amountFen,
          })),
          facts: first.facts,
          evaluation: ev,
          identifiedBy: actor.id,
        })
        .returning({ id: policyAwards.id });
      awardId = award!.id;
      // Budget reserved by the policy module's own confirmation (savepoint inside this transaction).
      const confirmed = await districtConfirm(tx, actor, auditActor, awardId, 1, today);
      reservations = confirmed.reservations;
      await tx
        .update(policyAwards)
        .set({
          status: "enterprise_confirmed",
          enterpriseConfirmedAt: new Date(),
          enterpriseConfirmedBy: row.p.createdBy,
          updatedAt: new Date(),
          version: sql`${policyAwards.version} + 1`,
        })
        .where(eq(policyAwards.id, awardId));
    }
    const evaluation = chosen?.evaluation ?? null;
    await tx
      .update(projects)
      .set({
        status: "approved",
        approvedAmountFen: amount,
        policyId: amount > 0 ? (evaluation?.policyId ?? null) : null,
        policyVersion: amount > 0 ? (evaluation?.policyVersion ?? null) : null,
        awardId,
        approvedAt: new Date(),
        approvedBy: actor.id,
      })
      .where(eq(projects.id, id));
    await tx.insert(projectReviews).values({
      projectId: id,
      stage: "city",
      reviewerId: actor.id,
      decision: "approve",
      opinion: input.opinion,
      submittedAt: new Date(),
    });
    await recordAudit(tx, auditActor, {
      action: "project.decide",
      entityType: "project",
      entityId: id,
      districtCode: row.p.districtCode,
      before: { status: row.p.status, approvedAmountFen: row.p.approvedAmountFen },
      after: {
        status: "approved",
        decision: "approve",
        opinion: input.opinion,
        expertScore: avg,
        approvedAmountFen: amount,
        policyId: amount > 0 ? evaluation?.policyId : null,
        policyVersion: amount > 0 ? evaluation?.policyVersion : null,
        awardId,
        formula: evaluation?.steps.map((s) => s.text) ?? [],
        facts: first.facts,
        shares: evaluation?.shares ?? [],
        reservations,
        tranchePlan: planTranches(amount),
      },
    });
  });
  return getProject(db, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Progress, acceptance

export async function reportProgress(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: {
    kind: MilestoneKind;
    reportDate: string;
    percent?: number | undefined;
    investmentCompletedWan?: string | undefined;
    note?: string | undefined;
  },
  today = shanghaiToday(),
) {
  await step(db, actor, id, null, "report", async (tx, row) => {
    const p = row.p;
    const invest = wanToFen(input.investmentCompletedWan, "investmentCompletedWan", "累计完成投资");
    const out = checkProgressReport(
      {
        status: p.status as ProjectStatus,
        totalInvestmentFen: p.totalInvestmentFen,
        startedOn: p.startedOn,
        lastPercent: p.percentComplete,
        lastInvestmentFen: p.investmentCompletedFen,
        lastReportOn: p.lastReportOn,
      },
      {
        kind: input.kind,
        reportDate: input.reportDate,
        percent: input.percent ?? null,
        investmentCompletedFen: invest,
      },
      today,
    );
    if (!out.ok) {
      if (out.state)
        throw conflict(
          "STATE_CONFLICT",
          `${out.message}（当前：${PROJECT_STATUS_LABELS[p.status as ProjectStatus]}）`,
          out.field,
        );
      throw badRequest(out.message, out.field);
    }
    await tx.insert(projectReports).values({
      projectId: id,
      kind: input.kind,
      reportDate: input.reportDate,
      percent: out.percent,
      investmentCompletedFen: out.investmentCompletedFen,
      note: input.note || null,
      reportedBy: actor.id,
    });
    await tx
      .update(projects)
      .set({
        status: out.nextStatus,
        percentComplete: out.percent,
        investmentCompletedFen: out.investmentCompletedFen,
        lastReportOn: input.reportDate,
        ...(input.kind === "start" ? { startedOn: input.reportDate } : {}),
        ...(input.kind === "completion" ? { finishedOn: input.reportDate } : {}),
      })
      .where(eq(projects.id, id));
    await recordAudit(tx, auditActor, {
      action: "project.report",
      entityType: "project",
      entityId: id,
      districtCode: p.districtCode,
      before: {
        status: p.status,
        percent: p.percentComplete,
        investmentCompletedFen: p.investmentCompletedFen,
      },
      after: {
        status: out.nextStatus,
        kind: input.kind,
        reportDate: input.reportDate,
        percent: out.percent,
        investmentCompletedFen: out.investmentCompletedFen,
        note: input.note ?? null,
      },
    });
  });
  return getProject(db, actor, id);
}

export async function acceptProject(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { version: number; opinion: string },
) {
  await step(db, actor, id, input.version, "accept", async (tx, row) => {
    await tx.update(projects).set({ status: "completed", acceptedAt: new Date() }).where(eq(projects.id, id));
    await tx.insert(projectReviews).values({
      projectId: id,
      stage: actor.role === "city_admin" ? "city" : "district",
      reviewerId: actor.id,
      decision: "accept",
      opinion: input.opinion,
      submittedAt: new Date(),
    });
    await recordAudit(tx, auditActor, {
      action: "project.accept",
      entityType: "project",
      entityId: id,
      districtCode: row.p.districtCode,
      before: { status: row.p.status },
      after: {
        status: "completed",
        opinion: input.opinion,
        investmentCompletedFen: row.p.investmentCompletedFen,
      },
    });
  });
  return getProject(db, actor, id);
}

/**
 * 竣工验收 退回整改: the bureau sends a reported-complete project back to 建设中 with a reason (kept as
 * a review row the enterprise sees). The completion date is cleared; progress and investment stay
 * (they only grow), so the enterprise reports progress again and then 竣工 again for re-acceptance.
 */
export async function rectifyProject(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { version: number; reason: string },
) {
  await step(db, actor, id, input.version, "accept", async (tx, row) => {
    await tx.update(projects).set({ status: "in_construction", finishedOn: null }).where(eq(projects.id, id));
    await tx.insert(projectReviews).values({
      projectId: id,
      stage: actor.role === "city_admin" ? "city" : "district",
      reviewerId: actor.id,
      decision: "rectify",
      opinion: input.reason,
      submittedAt: new Date(),
    });
    await recordAudit(tx, auditActor, {
      action: "project.rectify",
      entityType: "project",
      entityId: id,
      districtCode: row.p.districtCode,
      before: { status: row.p.status, finishedOn: row.p.finishedOn },
      after: {
        status: "in_construction",
        finishedOn: null,
        reason: input.reason,
        percentComplete: row.p.percentComplete,
        investmentCompletedFen: row.p.investmentCompletedFen,
      },
    });
  });
  return getProject(db, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Disbursement in tranches (award_payments of the project's award)

const fenToWanText = (fen: number) =>
  `${Math.trunc(fen / 1_000_000)}.${String(fen % 1_000_000).padStart(6, "0")}`;

/**
 * 分期拨付. The project row is locked first, so retries and double clicks serialize: a key already
 * used for this award returns the earlier payment (created: false) and pays nothing; otherwise the
 * tranche must be the next one and its milestone reached (domain trancheGate), and the payment is
 * recorded by the policy module's recordPayment (reserved → paid on the pools, UNIQUE idempotency key)
 * inside this transaction.
 */
export async function payTranche(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { tranche: number; voucherNo?: string | undefined; idempotencyKey?: string | undefined },
  headerKey: string | undefined,
) {
  const key = (headerKey ?? input.idempotencyKey ?? "").trim();
  if (key.length < 8 || key.length > 200)
    throw badRequest(
      "幂等键（Idempotency-Key）：必须提供 8–200 个字符，重试时使用同一个值",
      "idempotencyKey",
    );
  const result = await db.transaction(async (tx) => {
    const row = await findRow(tx, actor, id, true);
    assertPermission(actor, row, "pay");
    const p = row.p;
    if (!p.awardId || !p.approvedAmountFen) throw conflict("NO_AWARD", "该项目没有核定补助，无需拨付");
    const [existing] = await tx.select().from(awardPayments).where(eq(awardPayments.idempotencyKey, key));
    if (existing) {
      if (existing.awardId !== p.awardId)
        throw conflict(
          "IDEMPOTENCY_KEY_REUSED",
          "该幂等键已用于另一笔拨付，请使用新的幂等键",
          "idempotencyKey",
        );
      return { created: false, tranche: existing.tranche, amountFen: existing.amountFen };
    }
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(awardPayments)
      .where(eq(awardPayments.awardId, p.awardId));
    const plan = planTranches(p.approvedAmountFen);
    const gate = trancheGate(plan, input.tranche, p.status as ProjectStatus, n);
    if (!gate.ok) throw conflict("TRANCHE_NOT_DUE", gate.message, "tranche");
    const paid = await recordPayment(
      tx,
      actor,
      auditActor,
      p.awardId,
      {
        amountWan: fenToWanText(gate.tranche.amountFen),
        ...(input.voucherNo ? { voucherNo: input.voucherNo } : {}),
      },
      key,
    );
    if (paid.payment.tranche !== gate.tranche.tranche)
      throw new AppError(500, "TRANCHE_MISMATCH", "拨付批次与拨付计划不一致");
    await tx
      .update(projects)
      .set({ updatedAt: new Date(), version: sql`${projects.version} + 1` })
      .where(eq(projects.id, id));
    await recordAudit(tx, auditActor, {
      action: "project.pay",
      entityType: "project",
      entityId: id,
      districtCode: p.districtCode,
      before: { paidFen: Number(row.paidFen) },
      after: {
        tranche: gate.tranche.tranche,
        milestone: gate.tranche.milestone,
        amountFen: gate.tranche.amountFen,
        approvedAmountFen: p.approvedAmountFen,
        paidFen: Number(row.paidFen) + gate.tranche.amountFen,
        awardId: p.awardId,
        idempotencyKey: key,
        voucherNo: input.voucherNo ?? null,
        plan,
      },
    });
    return { created: true, tranche: gate.tranche.tranche, amountFen: gate.tranche.amountFen };
  });
  return { ...result, project: await getProject(db, actor, id) };
}

// ---------------------------------------------------------------------------------------------
// Attachments

export function detectAttachmentType(data: Buffer): "application/pdf" | "image/jpeg" | "image/png" | null {
  if (data.subarray(0, 5).toString("latin1") === "%PDF-") return "application/pdf";
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "image/jpeg";
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return "image/png";
  return null;
}

/** Checked before the upload is read, so an unauthorised caller never gets to send 10 MB. */
export async function assertCanAttach(db: Database, actor: Actor, id: string) {
  assertPermission(actor, await findRow(db, actor, id), "attach");
}

export async function addAttachment(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  file: { filename: string; data: Buffer },
) {
  return db.transaction(async (tx) => {
    const row = await findRow(tx, actor, id, true);
    assertPermission(actor, row, "attach");
    const mime = detectAttachmentType(file.data);
    if (!mime) throw new AppError(400, "INVALID_FILE", "附件只接受 PDF、JPG 或 PNG 文件", "file");
    const [c] = await tx
      .select({ n: count() })
      .from(projectAttachments)
      .where(eq(projectAttachments.projectId, id));
    if ((c?.n ?? 0) >= ATTACHMENT_MAX_PER_PROJECT)
      throw badRequest(`每个项目最多上传 ${ATTACHMENT_MAX_PER_PROJECT} 个附件`, "file");
    const sha256 = createHash("sha256").update(file.data).digest("hex");
    const filename = file.filename.slice(0, 200) || "附件";
    const [saved] = await tx
      .insert(projectAttachments)
      .values({
        projectId: id,
        filename,
        mime,
        size: file.data.length,
        sha256,
        content: file.data,
        uploadedBy: actor.id,
      })
      .returning({ id: projectAttachments.id, uploadedAt: projectAttachments.uploadedAt });
    await recordAudit(tx, auditActor, {
      action: "project.attachment_add",
      entityType: "project",
      entityId: id,
      districtCode: row.p.districtCode,
      after: { attachmentId: saved!.id, filename, mime, size: file.data.length, sha256 },
    });
    const [u] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, actor.id));
    return {
      id: saved!.id,
      filename,
      mime,
      size: file.data.length,
      uploadedByName: u?.name ?? "",
      uploadedAt: saved!.uploadedAt.toISOString(),
    };
  });
}

export async function readAttachment(db: Database, actor: Actor, id: string, attachmentId: string) {
  await findRow(db, actor, id);
  const [a] = await db
    .select()
    .from(projectAttachments)
    .where(and(eq(projectAttachments.id, attachmentId), eq(projectAttachments.projectId, id)));
  if (!a) throw notFound("附件");
  return a;
}

/** The uploader (or the bureau) removes an attachment while the application is still editable. */
export async function removeAttachment(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  attachmentId: string,
) {
  await db.transaction(async (tx) => {
    const row = await findRow(tx, actor, id, true);
    assertPermission(actor, row, "edit");
    const [a] = await tx
      .select({
        id: projectAttachments.id,
        filename: projectAttachments.filename,
        by: projectAttachments.uploadedBy,
      })
      .from(projectAttachments)
      .where(and(eq(projectAttachments.id, attachmentId), eq(projectAttachments.projectId, id)));
    if (!a) throw notFound("附件");
    await tx.delete(projectAttachments).where(eq(projectAttachments.id, attachmentId));
    await recordAudit(tx, auditActor, {
      action: "project.attachment_remove",
      entityType: "project",
      entityId: id,
      districtCode: row.p.districtCode,
      before: { attachmentId, filename: a.filename },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Pickers

export async function listReviewerOptions(db: Executor, actor: Actor, q?: string) {
  if (actor.role !== "city_admin") throw forbidden("查看可指派的评审专家");
  const where: SQL[] = [eq(users.role, "expert"), eq(users.disabled, false)];
  if (q) {
    const like = `%${escapeLike(q)}%`;
    where.push(sql`(${users.displayName} ilike ${like} or ${users.organization} ilike ${like})`);
  }
  const rows = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      organization: users.organization,
      openReviews: sql<number>`(select count(*)::int from ${projectReviews} r join ${projects} p on p.id = r.project_id
        where r.reviewer_id = "users"."id" and r.stage = 'expert' and r.submitted_at is null and p.status = 'expert_review')`,
    })
    .from(users)
    .where(and(...where))
    .orderBy(asc(users.displayName))
    .limit(100);
  return rows.map((r) => ({ ...r, openReviews: Number(r.openReviews) }));
}

export async function listDepartmentOptions(db: Executor, actor: Actor) {
  if (actor.role !== "city_admin" && !(actor.role === "district_admin" && actor.districtCode))
    throw forbidden("查看协同部门");
  return db
    .select({ id: users.id, displayName: users.displayName, organization: users.organization })
    .from(users)
    .where(and(eq(users.role, "department"), eq(users.disabled, false)))
    .orderBy(asc(users.organization), asc(users.displayName))
    .limit(200);
}

export { assertPermission as assertProjectPermission, findRow as findProjectRow };
