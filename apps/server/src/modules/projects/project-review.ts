import { type Database, projectReviews, projects, users } from "@dxcenter/db";
import {
  type Actor,
  type DistrictDecision,
  formatMoney,
  type ProjectStatus,
  type ScoreSheet,
  sheetTotal,
  validateScoreSheet,
} from "@dxcenter/domain";
import { and, eq, inArray } from "drizzle-orm";
import { badRequest, forbidden } from "../../errors";
import type { AuditActor } from "../audit/audit.service";
import { acceptByWork, drawnUsersOf, droppedDrawnMessage, manualPickRefusal } from "../experts/panel";
import { shanghaiToday } from "../policies/policy.repository";
import { findProjectRow, insertDecision } from "./project.queries";
import { wanToFen } from "./project-application";
import { assertProjectStep, auditProjectStep, PROJECT_TEXTS, runProjectStep } from "./project-guard";
import { getProject } from "./project-read";

/** The reviews before the city decision: 区级初审, the expert reviewers, their score sheets. */

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
  await runProjectStep(db, actor, { id, version: input.version, step: "districtReview" }, async (tx, row) => {
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
    await insertDecision(tx, id, "district", actor.id, input.decision, input.opinion);
    await auditProjectStep(tx, auditActor, row, {
      action: "project.district_review",
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
  await runProjectStep(
    db,
    actor,
    { id, version: input.version, step: "assignReviewers" },
    async (tx, row) => {
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
      await auditProjectStep(tx, auditActor, row, {
        action: "project.assign_reviewers",
        before: { reviewers: current.map((c) => c.reviewerId) },
        after: { reviewers: ids.map(name), added: add.map(name), removed: drop.length },
      });
    },
  );
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
    const row = await findProjectRow(tx, actor, id, true);
    assertProjectStep(actor, row, "score");
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
    if (updated.length === 0) throw forbidden(PROJECT_TEXTS.action.score);
    await acceptByWork(tx, "project_review", id, actor.id);
    await auditProjectStep(tx, auditActor, row, {
      action: "project.score",
      after: { scores: input.scores, total, opinion: input.opinion },
    });
  });
  return getProject(db, actor, id);
}
