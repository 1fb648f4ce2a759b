import type { ExpertAssignmentItem, ExpertAssignmentListQuery } from "@dxcenter/contracts";
import {
  type Database,
  diagnoses,
  type Executor,
  expertAssignments,
  expertDraws,
  experts,
  poolApplications,
  poolReviewScores,
  projectReviews,
  projects,
} from "@dxcenter/db";
import {
  type Actor,
  ASSIGNMENT_WORKFLOW,
  type AssignmentFacts,
  type AssignmentStatus,
  canReadDraw,
  type DrawPurpose,
  decideStep,
  drawSubjectOpen,
  replaceExpert,
} from "@dxcenter/domain";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { conflict, forbidden, notFound, stateConflict } from "../../errors";
import { countRows, listOrder, pageOfSelect } from "../../lib/list-query";
import { assertStep, type WorkflowTexts } from "../../lib/workflow";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { currentOf, poolOfDraw, requestOf } from "./draw-pool";
import {
  passLead,
  requireDrawer,
  SUBJECT_ENTITY,
  seat,
  subjectStatusOf,
  touchSubject,
  unseat,
} from "./draw-subjects";
import { expertOfUser } from "./expert.service";

/**
 * Invitations (专家邀请) of drawn experts: an expert's own list, accepting, declining (the system draws
 * the replacement from the stored seed), and the organiser's rating of an expert's work (专家评价).
 * Who may take which step in which status: ASSIGNMENT_WORKFLOW (domain/access/draw-access.ts).
 */

type Purpose = DrawPurpose;

const ANSWER_TEXTS: WorkflowTexts<"accept" | "decline" | "rate", AssignmentStatus> = {
  entity: "expert_assignment",
  action: { accept: "答复评审邀请", decline: "答复评审邀请", rate: "评价专家" },
  conflict: () => "该邀请已答复，不能重复答复",
};

/** The subject's status as the expert's list shows it (a subquery per purpose). */
const subjectStatusSql = sql<string | null>`(case "expert_assignments"."purpose"
  when 'pool_review' then (select pa.status from ${poolApplications} pa where pa.id::text = "expert_assignments"."subject_id")
  when 'project_review' then (select p.status from ${projects} p where p.id::text = "expert_assignments"."subject_id")
  else (select d.status from ${diagnoses} d where d.id::text = "expert_assignments"."subject_id") end)`;

/** Whether the expert (account `userId`) has handed in its score sheet for the subject. */
const scoredSql = (userId: string) => sql<boolean>`(case "expert_assignments"."purpose"
  when 'pool_review' then exists (select 1 from ${poolReviewScores} s where s.application_id::text = "expert_assignments"."subject_id" and s.expert_id = "expert_assignments"."expert_id")
  when 'project_review' then exists (select 1 from ${projectReviews} r where r.project_id::text = "expert_assignments"."subject_id" and r.stage = 'expert' and r.reviewer_id = ${userId} and r.submitted_at is not null)
  else false end)`;

export async function listMyAssignments(
  db: Database,
  actor: Actor,
  q: z.output<typeof ExpertAssignmentListQuery>,
) {
  if (actor.role !== "expert") throw forbidden("查看评审邀请");
  const me = await expertOfUser(db, actor.id);
  if (!me) return { items: [] as ExpertAssignmentItem[], total: 0, page: q.page, pageSize: q.pageSize };
  const where = and(
    eq(expertAssignments.expertId, me.id),
    q.status ? eq(expertAssignments.status, q.status) : undefined,
  );
  return pageOfSelect(
    q,
    db
      .select({
        a: expertAssignments,
        subjectLabel: expertDraws.subjectLabel,
        subjectStatus: subjectStatusSql,
        scored: scoredSql(actor.id),
      })
      .from(expertAssignments)
      .innerJoin(expertDraws, eq(expertDraws.id, expertAssignments.drawId))
      .where(where)
      .orderBy(
        ...listOrder({ createdAt: expertAssignments.createdAt }, q.sort, q.order, expertAssignments.id),
      ),
    countRows(db, expertAssignments, where),
    (r): ExpertAssignmentItem => ({
      id: r.a.id,
      drawId: r.a.drawId,
      purpose: r.a.purpose as Purpose,
      subjectId: r.a.subjectId,
      subjectLabel: r.subjectLabel,
      round: r.a.round,
      status: r.a.status as ExpertAssignmentItem["status"],
      subjectStatus: r.subjectStatus,
      answerable: r.a.status === "invited" && drawSubjectOpen(r.a.purpose as Purpose, r.subjectStatus),
      scored: Boolean(r.scored),
      createdAt: r.a.createdAt.toISOString(),
      respondedAt: r.a.respondedAt?.toISOString() ?? null,
    }),
  );
}

/**
 * Reads (and locks) an invitation for its expert to answer: another expert's invitation is not found
 * (anyone else is refused), an answered one or one whose subject no longer takes answers is a 409.
 */
async function ownAssignment(tx: Executor, actor: Actor, id: string, step: "accept" | "decline") {
  const [row] = await tx
    .select({ a: expertAssignments, userId: experts.userId, expertName: experts.name })
    .from(expertAssignments)
    .innerJoin(experts, eq(experts.id, expertAssignments.expertId))
    .where(eq(expertAssignments.id, id))
    .for("update", { of: expertAssignments });
  const facts: AssignmentFacts | undefined = row && {
    status: row.a.status,
    purpose: row.a.purpose as Purpose,
    districtCode: null,
    expertUserId: row.userId,
  };
  // Someone else's invitation: not found for an expert, refused for anyone else.
  if (!row || !facts || !ASSIGNMENT_WORKFLOW[step].who(actor, facts)) {
    if (actor.role !== "expert") throw forbidden("答复评审邀请");
    throw notFound("评审邀请");
  }
  assertStep(ASSIGNMENT_WORKFLOW, ANSWER_TEXTS, actor, facts, step);
  const purpose = facts.purpose;
  const subjectStatus = await subjectStatusOf(tx, purpose, row.a.subjectId);
  if (!drawSubjectOpen(purpose, subjectStatus))
    throw stateConflict(
      SUBJECT_ENTITY[purpose],
      subjectStatus ?? "",
      purpose === "diagnosis" ? "该诊断的现场评定已提交或已结束，无需答复" : "该事项的评审已结束，无需答复",
      { step },
    );
  return row;
}

export async function acceptAssignment(db: Database, actor: Actor, auditActor: AuditActor, id: string) {
  await db.transaction(async (tx) => {
    const row = await ownAssignment(tx, actor, id, "accept");
    await tx
      .update(expertAssignments)
      .set({ status: "accepted", respondedAt: new Date() })
      .where(eq(expertAssignments.id, id));
    await recordAudit(tx, auditActor, {
      action: "expert_assignment.accept",
      entityType: "expert_assignment",
      entityId: id,
      after: { drawId: row.a.drawId, expertId: row.a.expertId },
    });
  });
  return { ok: true };
}

/**
 * Declining draws a replacement with replaceExpert: deterministic from the stored seed and the next
 * round, from the pool and request stored with the draw, never re-picking anyone who declined.
 */
export async function declineAssignment(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  reason: string,
) {
  return db.transaction(async (tx) => {
    const row = await ownAssignment(tx, actor, id, "decline");
    const purpose = row.a.purpose as Purpose;
    const [d] = await tx.select().from(expertDraws).where(eq(expertDraws.id, row.a.drawId)).for("update");
    const { pool } = await poolOfDraw(tx, d!);
    const request = requestOf(d!.request, pool);
    const { wasLead } = await unseat(tx, purpose, row.a.subjectId, row.userId);
    const next = replaceExpert(currentOf(d!), row.a.expertId, pool, request);
    const picked = next.selected.find((s) => s.round === next.round);
    await tx
      .update(expertDraws)
      .set({
        current: next,
        selectedIds: next.selected.map((s) => s.expertId),
        version: sql`${expertDraws.version} + 1`,
      })
      .where(eq(expertDraws.id, d!.id));
    await tx
      .update(expertAssignments)
      .set({ status: "declined", declineReason: reason, respondedAt: new Date() })
      .where(eq(expertAssignments.id, id));
    if (picked) {
      await tx.insert(expertAssignments).values({
        drawId: d!.id,
        expertId: picked.expertId,
        purpose: row.a.purpose,
        subjectId: row.a.subjectId,
        round: next.round,
      });
      await seat(tx, purpose, row.a.subjectId, [picked.expertId], d!.drawnBy);
    }
    await touchSubject(tx, purpose, row.a.subjectId);
    if (purpose === "diagnosis" && wasLead) {
      const [u] = picked
        ? await tx.select({ userId: experts.userId }).from(experts).where(eq(experts.id, picked.expertId))
        : [];
      await passLead(tx, row.a.subjectId, u?.userId ?? null);
    }
    await recordAudit(tx, auditActor, {
      action: "expert_assignment.decline",
      entityType: "expert_assignment",
      entityId: id,
      districtCode: d!.districtCode,
      after: { drawId: d!.id, reason, round: next.round, replacement: picked?.expertId ?? null },
    });
    return {
      replacement: picked ? { expertId: picked.expertId, name: picked.name } : null,
      message: picked
        ? `已谢绝，系统已按记录的种子补抽第 ${next.round} 轮`
        : (next.insufficient?.message ?? "已谢绝；没有可补抽的专家"),
    };
  });
}

/**
 * 专家评价: the organiser rates (1–5, with an optional comment) an expert who accepted and did the
 * work; a later rating replaces the earlier one, both audited. Rated experts' averages show in 专家库.
 */
export async function rateAssignment(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { rating: number; comment: string },
) {
  requireDrawer(actor);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ a: expertAssignments, districtCode: expertDraws.districtCode, expertName: experts.name })
      .from(expertAssignments)
      .innerJoin(expertDraws, eq(expertDraws.id, expertAssignments.drawId))
      .innerJoin(experts, eq(experts.id, expertAssignments.expertId))
      .where(eq(expertAssignments.id, id))
      .for("update", { of: expertAssignments });
    if (!row) throw notFound("专家邀请");
    const facts: AssignmentFacts = {
      status: row.a.status,
      purpose: row.a.purpose as Purpose,
      districtCode: row.districtCode,
      expertUserId: null,
    };
    // Whoever may not read the draw does not find its invitations; so only the status is left to refuse.
    if (!canReadDraw(actor, facts)) throw notFound("专家邀请");
    if (!decideStep(ASSIGNMENT_WORKFLOW, actor, facts, "rate").ok)
      throw conflict("STATE_CONFLICT", "只能评价已接受邀请并参与工作的专家", "rating", {
        entity: "expert_assignment",
        status: facts.status,
        step: "rate",
      });
    await tx
      .update(expertAssignments)
      .set({
        rating: input.rating,
        ratingComment: input.comment || null,
        ratedBy: actor.id,
        ratedAt: new Date(),
      })
      .where(eq(expertAssignments.id, id));
    await recordAudit(tx, auditActor, {
      action: "expert_assignment.rate",
      entityType: "expert_assignment",
      entityId: id,
      districtCode: row.districtCode,
      before: row.a.rating === null ? null : { rating: row.a.rating, comment: row.a.ratingComment },
      after: { expert: row.expertName, rating: input.rating, comment: input.comment || null },
    });
  });
  return { ok: true };
}
