import { type PoolDecisionRequest, type PoolScoreRequest, REVIEW_SHEET } from "@dxcenter/contracts";
import { type Database, poolApplications, poolReviewScores } from "@dxcenter/db";
import type { Actor } from "@dxcenter/domain";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, conflict, forbidden, stateConflict } from "../../errors";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { expertOfUser } from "../experts/expert.service";
import { applicationStep, bump, checkVersion, POOL_TEXTS } from "./pool-step";
import { transitionProvider } from "./provider-status";

/** 入库评审: the panel's score sheets and the city's decision (不予入库, or 拟入库 with its public notice). */

/** Validates a sheet against REVIEW_SHEET: every item present, 0..max; returns the total. */
export function sheetTotal(items: Record<string, number>): number {
  let total = 0;
  for (const it of REVIEW_SHEET.items) {
    const v = items[it.id];
    if (v === undefined) throw badRequest(`请为“${it.label}”打分`, `items.${it.id}`);
    if (!(v >= 0 && v <= it.max))
      throw badRequest(`“${it.label}”的得分应在 0–${it.max} 分之间`, `items.${it.id}`);
    if (Math.round(v * 2) !== v * 2)
      throw badRequest(`“${it.label}”的得分最小单位为 0.5 分`, `items.${it.id}`);
    total += v;
  }
  for (const k of Object.keys(items))
    if (!REVIEW_SHEET.items.some((it) => it.id === k))
      throw badRequest(`打分表中没有评分项 ${k}`, `items.${k}`);
  return Math.round(total * 10) / 10;
}

export async function submitScore(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: z.output<typeof PoolScoreRequest>,
) {
  if (actor.role !== "expert") throw forbidden("提交评审打分");
  return applicationStep(
    db,
    actor,
    id,
    "score",
    async (tx) => {
      const me = await expertOfUser(tx, actor.id);
      const total = sheetTotal(input.items);
      const [prev] = await tx
        .select({ id: poolReviewScores.id })
        .from(poolReviewScores)
        .where(and(eq(poolReviewScores.applicationId, id), eq(poolReviewScores.expertId, me!.id)));
      const values = {
        sheetVersion: REVIEW_SHEET.version,
        items: input.items,
        total: String(total),
        comment: input.comment,
        recommendation: input.recommendation,
        submittedAt: new Date(),
      };
      if (prev) await tx.update(poolReviewScores).set(values).where(eq(poolReviewScores.id, prev.id));
      else await tx.insert(poolReviewScores).values({ applicationId: id, expertId: me!.id, ...values });
      await recordAudit(tx, auditActor, {
        action: "pool_application.score",
        entityType: "pool_application",
        entityId: id,
        after: { expertId: me!.id, total, recommendation: input.recommendation },
      });
    },
    (l, perm) => {
      if (perm.score) return;
      const mine = l.panel.find((p) => p.userId === actor.id);
      if (mine?.status === "invited") throw conflict("NOT_ACCEPTED", "请先接受评审邀请，再填写打分表");
      // Any other panel expert who has not accepted (declined): the same refusal as a closed review.
      if (l.row.a.status === "under_review")
        throw stateConflict(
          "pool_application",
          l.row.a.status,
          POOL_TEXTS.conflict("score", "under_review"),
          {
            step: "score",
          },
        );
    },
  );
}

export async function decide(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: z.output<typeof PoolDecisionRequest>,
  today: string,
) {
  return applicationStep(db, actor, id, "decide", async (tx, l) => {
    checkVersion(l.row.a, input.version);
    const accepted = l.panel.filter((p) => p.status === "accepted");
    const scores = await tx
      .select({ e: poolReviewScores.expertId, t: poolReviewScores.total })
      .from(poolReviewScores)
      .where(eq(poolReviewScores.applicationId, id));
    if (scores.length === 0) throw conflict("NO_SCORES", "尚无专家提交打分表，不能作出决定");
    const missing = accepted.filter((p) => !scores.some((s) => s.e === p.expertId));
    if (missing.length)
      throw conflict(
        "SCORES_MISSING",
        `尚有专家未提交打分表：${missing.map((m) => m.expertName).join("、")}`,
      );
    if (l.panel.some((p) => p.status === "invited"))
      throw conflict("INVITATIONS_OPEN", "尚有专家未答复评审邀请");
    const avg = Math.round((scores.reduce((s, x) => s + Number(x.t), 0) / scores.length) * 10) / 10;
    const a = l.row.a;
    if (input.decision === "reject") {
      await tx
        .update(poolApplications)
        .set({
          status: "rejected",
          decision: "reject",
          decisionReason: input.reason,
          averageScore: String(avg),
          decidedBy: actor.id,
          decidedAt: new Date(),
          closedAt: new Date(),
          closedReason: input.reason,
          ...bump(),
        })
        .where(eq(poolApplications.id, id));
      await transitionProvider(tx, a.providerId, "reject", actor.id, `评审未通过：${input.reason}`);
    } else {
      if (avg < REVIEW_SHEET.passScore)
        throw badRequest(
          `专家平均分 ${avg} 分，低于入库线 ${REVIEW_SHEET.passScore} 分，不能决定入库`,
          "decision",
        );
      const start = input.noticeStart ?? today;
      const end = input.noticeEnd;
      if (!end) throw badRequest("请填写公示结束日期", "noticeEnd");
      if (start < today) throw badRequest("公示开始日期不能早于今天", "noticeStart");
      if (end < start) throw badRequest("公示结束日期不能早于开始日期", "noticeEnd");
      const text = `经专家评审（平均 ${avg} 分），拟将${l.row.providerName}认定为服务商资源池成员，现予公示。公示期 ${start} 至 ${end}，如有异议请在公示期内通过本平台提出。`;
      await tx
        .update(poolApplications)
        .set({
          status: "in_notice",
          decision: "admit",
          decisionReason: input.reason,
          averageScore: String(avg),
          decidedBy: actor.id,
          decidedAt: new Date(),
          noticeStart: start,
          noticeEnd: end,
          noticeText: text,
          ...bump(),
        })
        .where(eq(poolApplications.id, id));
      await transitionProvider(tx, a.providerId, "notice", actor.id, `拟入库，公示 ${start} 至 ${end}`);
    }
    await recordAudit(tx, auditActor, {
      action: "pool_application.decide",
      entityType: "pool_application",
      entityId: id,
      after: {
        decision: input.decision,
        averageScore: avg,
        reason: input.reason,
        noticeStart: input.noticeStart,
        noticeEnd: input.noticeEnd,
      },
    });
  });
}
