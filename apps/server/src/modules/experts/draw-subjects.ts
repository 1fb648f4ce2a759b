import type { StateEntity } from "@dxcenter/contracts";
import {
  diagnoses,
  diagnosisTeam,
  districts,
  type Executor,
  enterprises,
  experts,
  poolApplications,
  projectReviews,
  projects,
  providers,
} from "@dxcenter/db";
import {
  type Actor,
  canDrawFor,
  type DrawPurpose,
  drawListScope,
  drawSubjectOpen,
  PROVIDER_CATEGORY_LABELS,
  type ProviderCategory,
} from "@dxcenter/domain";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { conflict, forbidden, notFound, stateConflict } from "../../errors";
import type { HistoryKey } from "./draw-history";

/**
 * What a draw is for — a pool application's review, a diagnosis team, a project's expert review —
 * and how a panel reaches it: reading (and locking) the subject, seating drawn experts where its
 * workflow reads them, taking a declining expert off, passing a diagnosis team's lead.
 */

type Purpose = DrawPurpose;

/** The record kind a purpose draws for (params.entity of its state conflicts). */
export const SUBJECT_ENTITY: Record<Purpose, StateEntity> = {
  pool_review: "pool_application",
  project_review: "project",
  diagnosis: "diagnosis",
};

/**
 * 409 STATE_CONFLICT naming the subject and its status (on the draw form's subject field): the
 * subject is not in a status that takes a panel (DRAW_OPEN_STATUSES).
 */
function notOpenForDraw(purpose: Purpose, status: string, message: string) {
  return conflict("STATE_CONFLICT", message, "subjectId", {
    entity: SUBJECT_ENTITY[purpose],
    status,
    step: "draw",
  });
}

/** A role that can draw for no purpose at all is refused before anything is read. */
export function requireDrawer(actor: Actor) {
  if (drawListScope(actor).kind === "none") throw forbidden("抽取专家");
}

export interface Subject {
  label: string;
  applicant: { enterpriseId: string; organization: string };
  history: HistoryKey;
  /** The diagnosed / project enterprise's district (null for pool reviews). */
  districtCode: string | null;
  /** Team members and project reviewers act through their login. */
  accountsOnly: boolean;
}

/** Reads (and locks) the subject of a draw; checks it is in a state that takes a panel. */
export async function subjectOf(
  db: Executor,
  actor: Actor,
  purpose: Purpose,
  subjectId: string,
): Promise<Subject> {
  if (purpose === "pool_review") {
    if (!canDrawFor(actor, { purpose, districtCode: null })) throw forbidden("抽取入库评审专家");
    const [a] = await db
      .select({
        status: poolApplications.status,
        category: poolApplications.category,
        providerId: providers.id,
        name: providers.name,
      })
      .from(poolApplications)
      .innerJoin(providers, eq(providers.id, poolApplications.providerId))
      .where(eq(poolApplications.id, subjectId))
      .for("update", { of: poolApplications });
    if (!a) throw notFound("入库申请");
    if (!drawSubjectOpen(purpose, a.status))
      throw notOpenForDraw(purpose, a.status, "该申请尚未启动评审或评审已结束，不能抽取专家");
    return {
      label: `${a.name}（${PROVIDER_CATEGORY_LABELS[a.category as ProviderCategory]}）入库评审`,
      applicant: { enterpriseId: a.providerId, organization: a.name },
      history: { kind: "provider", id: a.providerId },
      districtCode: null,
      accountsOnly: false,
    };
  }
  if (purpose === "project_review") {
    if (!canDrawFor(actor, { purpose, districtCode: null })) throw forbidden("抽取项目评审专家");
    const [p] = await db
      .select({
        status: projects.status,
        name: projects.name,
        enterpriseId: enterprises.id,
        enterpriseName: enterprises.name,
        districtCode: projects.districtCode,
      })
      .from(projects)
      .innerJoin(enterprises, eq(enterprises.id, projects.enterpriseId))
      .where(eq(projects.id, subjectId))
      .for("update", { of: projects });
    if (!p) throw notFound("项目");
    if (!drawSubjectOpen(purpose, p.status))
      throw notOpenForDraw(purpose, p.status, "只有专家评审阶段的项目可以抽取评审专家");
    return {
      label: `${p.enterpriseName}“${p.name}”项目评审`,
      applicant: { enterpriseId: p.enterpriseId, organization: p.enterpriseName },
      history: { kind: "enterprise", id: p.enterpriseId },
      districtCode: p.districtCode,
      accountsOnly: true,
    };
  }
  if (actor.role !== "city_admin" && actor.role !== "district_admin") throw forbidden("抽取诊断专家");
  const [d] = await db
    .select({
      status: diagnoses.status,
      enterpriseId: enterprises.id,
      enterpriseName: enterprises.name,
      districtCode: enterprises.districtCode,
      districtName: districts.name,
    })
    .from(diagnoses)
    .innerJoin(enterprises, eq(enterprises.id, diagnoses.enterpriseId))
    .leftJoin(districts, eq(districts.code, enterprises.districtCode))
    .where(eq(diagnoses.id, subjectId))
    .for("update", { of: diagnoses });
  // Another district's diagnosis is not found, as everywhere in district scoping.
  if (!d || !canDrawFor(actor, { purpose, districtCode: d.districtCode })) throw notFound("诊断");
  if (!drawSubjectOpen(purpose, d.status))
    throw notOpenForDraw(purpose, d.status, "诊断已提交现场评定或已结束，不能再抽取专家");
  return {
    label: `${d.enterpriseName}现场诊断（${d.districtName ?? d.districtCode}）`,
    applicant: { enterpriseId: d.enterpriseId, organization: d.enterpriseName },
    history: { kind: "enterprise", id: d.enterpriseId },
    districtCode: d.districtCode,
    accountsOnly: true,
  };
}

/** Bumps the subject's version: an open form showing the old team / reviewers is then refused. */
export async function touchSubject(tx: Executor, purpose: Purpose, subjectId: string) {
  if (purpose === "project_review")
    await tx
      .update(projects)
      .set({ version: sql`${projects.version} + 1`, updatedAt: new Date() })
      .where(eq(projects.id, subjectId));
  else if (purpose === "diagnosis")
    await tx
      .update(diagnoses)
      .set({ version: sql`${diagnoses.version} + 1`, updatedAt: new Date() })
      .where(eq(diagnoses.id, subjectId));
}

/**
 * Puts drawn experts where the subject's workflow reads them: a project's expert review sheets
 * (project_reviews) or the diagnosis team. A pool review reads its panel from the assignments.
 */
export async function seat(
  tx: Executor,
  purpose: Purpose,
  subjectId: string,
  expertIds: readonly string[],
  by: string,
) {
  if (purpose === "pool_review" || expertIds.length === 0) return;
  const accounts = await tx
    .select({ id: experts.id, userId: experts.userId })
    .from(experts)
    .where(inArray(experts.id, [...expertIds]));
  const userIds = expertIds
    .map((id) => accounts.find((a) => a.id === id)?.userId)
    .filter((u): u is string => !!u);
  if (userIds.length === 0) return;
  if (purpose === "project_review") {
    await tx
      .insert(projectReviews)
      .values(
        userIds.map((reviewerId) => ({ projectId: subjectId, stage: "expert", reviewerId, assignedBy: by })),
      )
      .onConflictDoNothing();
    return;
  }
  const [hasLead] = await tx
    .select({ n: count() })
    .from(diagnosisTeam)
    .where(and(eq(diagnosisTeam.diagnosisId, subjectId), eq(diagnosisTeam.lead, true)));
  await tx
    .insert(diagnosisTeam)
    .values(
      userIds.map((userId, i) => ({
        diagnosisId: subjectId,
        userId,
        lead: (hasLead?.n ?? 0) === 0 && i === 0,
        assignedBy: by,
      })),
    )
    .onConflictDoNothing();
}

/** Takes a declining expert off the subject (the replacement is seated by `seat`). */
export async function unseat(tx: Executor, purpose: Purpose, subjectId: string, userId: string | null) {
  if (purpose === "pool_review" || !userId) return { wasLead: false };
  if (purpose === "project_review") {
    const [r] = await tx
      .select({ id: projectReviews.id, submittedAt: projectReviews.submittedAt })
      .from(projectReviews)
      .where(
        and(
          eq(projectReviews.projectId, subjectId),
          eq(projectReviews.stage, "expert"),
          eq(projectReviews.reviewerId, userId),
        ),
      );
    // The expert did the work: its invitation can no longer be declined.
    if (r?.submittedAt)
      throw stateConflict("expert_assignment", "invited", "您已提交该项目的评分，不能再谢绝", {
        step: "decline",
      });
    if (r) await tx.delete(projectReviews).where(eq(projectReviews.id, r.id));
    return { wasLead: false };
  }
  const [m] = await tx
    .delete(diagnosisTeam)
    .where(and(eq(diagnosisTeam.diagnosisId, subjectId), eq(diagnosisTeam.userId, userId)))
    .returning({ lead: diagnosisTeam.lead });
  return { wasLead: !!m?.lead };
}

/** After a lead declined: the replacement (or else the earliest remaining member) leads. */
export async function passLead(tx: Executor, diagnosisId: string, replacementUserId: string | null) {
  const [next] = replacementUserId
    ? [{ userId: replacementUserId }]
    : await tx
        .select({ userId: diagnosisTeam.userId })
        .from(diagnosisTeam)
        .where(eq(diagnosisTeam.diagnosisId, diagnosisId))
        .orderBy(asc(diagnosisTeam.assignedAt), asc(diagnosisTeam.userId))
        .limit(1);
  if (next)
    await tx
      .update(diagnosisTeam)
      .set({ lead: true })
      .where(and(eq(diagnosisTeam.diagnosisId, diagnosisId), eq(diagnosisTeam.userId, next.userId)));
}

export async function subjectStatusOf(tx: Executor, purpose: Purpose, subjectId: string) {
  const table =
    purpose === "pool_review" ? poolApplications : purpose === "project_review" ? projects : diagnoses;
  const [row] = await tx
    .select({ status: table.status })
    .from(table)
    .where(sql`${table.id}::text = ${subjectId}`);
  return row?.status ?? null;
}
