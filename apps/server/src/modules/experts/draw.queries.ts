import type { ExpertDrawDetail, ExpertDrawItem, ExpertDrawListQuery } from "@dxcenter/contracts";
import { type Database, type Executor, expertAssignments, expertDraws, experts, users } from "@dxcenter/db";
import {
  type Actor,
  canRateAssignment,
  canReadDraw,
  type DrawPurpose,
  type DrawResult,
  drawExperts,
  drawListScope,
  replaceExpert,
} from "@dxcenter/domain";
import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { forbidden, notFound } from "../../errors";
import { countRows, listOrder, pageOfSelect, searchAny } from "../../lib/list-query";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { canonical, currentOf, type Mutable, poolOfDraw, requestOf } from "./draw-pool";
import { requireDrawer } from "./draw-subjects";

/** Draw records: the list, one record in full, and its verification (re-run from the stored inputs). */

type Purpose = DrawPurpose;

const drawer = sql<string>`(select u.display_name from ${users} u where u.id = "expert_draws"."drawn_by")`;

type DrawRowLite = Pick<
  typeof expertDraws.$inferSelect,
  | "id"
  | "purpose"
  | "subjectId"
  | "subjectLabel"
  | "drawDate"
  | "seed"
  | "algorithm"
  | "result"
  | "current"
  | "drawnAt"
>;

function toDrawItem(d: DrawRowLite, drawnByName: string, excludedCount?: number): ExpertDrawItem {
  const cur = currentOf(d);
  return {
    id: d.id,
    purpose: d.purpose as Purpose,
    subjectId: d.subjectId,
    subjectLabel: d.subjectLabel,
    drawDate: d.drawDate,
    seed: d.seed,
    algorithm: d.algorithm,
    requested: cur.requested,
    selectedNames: cur.selected.map((s) => s.name),
    poolSize: cur.poolSize,
    eligibleCount: cur.eligibleCount,
    excludedCount: excludedCount ?? cur.excluded.length,
    round: cur.round,
    drawnByName,
    drawnAt: d.drawnAt.toISOString(),
  };
}

/** The list never reads the pool/request snapshots (they can be megabytes), nor the excluded lists. */
const listColumns = {
  id: expertDraws.id,
  purpose: expertDraws.purpose,
  subjectId: expertDraws.subjectId,
  subjectLabel: expertDraws.subjectLabel,
  drawDate: expertDraws.drawDate,
  seed: expertDraws.seed,
  algorithm: expertDraws.algorithm,
  result: sql<unknown>`${expertDraws.result} - 'excluded'`,
  current: sql<unknown>`${expertDraws.current} - 'excluded'`,
  excludedCount: sql<number>`jsonb_array_length(coalesce(${expertDraws.current}, ${expertDraws.result})->'excluded')`,
  drawnAt: expertDraws.drawnAt,
  drawnByName: drawer,
};

export async function listDraws(db: Database, actor: Actor, q: z.output<typeof ExpertDrawListQuery>) {
  const scope = drawListScope(actor);
  if (scope.kind === "none") throw forbidden("查看专家抽取记录");
  const where = and(
    scope.kind === "district" ? eq(expertDraws.purpose, "diagnosis") : undefined,
    scope.kind === "district" ? eq(expertDraws.districtCode, scope.districtCode) : undefined,
    q.purpose ? eq(expertDraws.purpose, q.purpose) : undefined,
    q.subjectId ? eq(expertDraws.subjectId, q.subjectId) : undefined,
    searchAny(q.q, expertDraws.subjectLabel),
  );
  return pageOfSelect(
    q,
    db
      .select(listColumns)
      .from(expertDraws)
      .where(where)
      .orderBy(...listOrder({ drawnAt: expertDraws.drawnAt }, q.sort, q.order, expertDraws.id)),
    countRows(db, expertDraws, where),
    (r) => toDrawItem(r, r.drawnByName, Number(r.excludedCount)),
  );
}

/** Reads a draw row for whoever may read it: others' district records are not found. */
async function readableDraw(db: Executor, actor: Actor, id: string) {
  requireDrawer(actor);
  const [d] = await db
    .select({ d: expertDraws, drawnByName: drawer })
    .from(expertDraws)
    .where(eq(expertDraws.id, id));
  if (!d || !canReadDraw(actor, { purpose: d.d.purpose as Purpose, districtCode: d.d.districtCode }))
    throw notFound("专家抽取记录");
  return d;
}

export async function getDraw(db: Executor, actor: Actor, id: string): Promise<ExpertDrawDetail> {
  const d = await readableDraw(db, actor, id);
  const { pool, intact } = await poolOfDraw(db, d.d);
  const req = requestOf(d.d.request, pool);
  const result = d.d.result as DrawResult;
  const current = currentOf(d.d);
  const mentioned = new Set([
    ...result.excluded.map((x) => x.expertId),
    ...current.excluded.map((x) => x.expertId),
    ...current.declined.map((x) => x.expertId),
    ...current.selected.map((x) => x.expertId),
  ]);
  const names: Record<string, string> = {};
  for (const e of pool) if (mentioned.has(e.id)) names[e.id] = `${e.name}（${e.organization}）`;
  const assignments = await db
    .select({
      id: expertAssignments.id,
      expertId: expertAssignments.expertId,
      expertName: experts.name,
      round: expertAssignments.round,
      status: expertAssignments.status,
      declineReason: expertAssignments.declineReason,
      rating: expertAssignments.rating,
      ratingComment: expertAssignments.ratingComment,
    })
    .from(expertAssignments)
    .innerJoin(experts, eq(experts.id, expertAssignments.expertId))
    .where(eq(expertAssignments.drawId, id))
    .orderBy(asc(expertAssignments.round), asc(expertAssignments.createdAt));
  return {
    ...toDrawItem(d.d, d.drawnByName),
    request: {
      n: req.n,
      fields: [...(req.fields ?? [])],
      preferFieldCoverage: req.preferFieldCoverage !== false,
      applicant: { ...req.applicant },
      today: req.today,
      ...(req.period ? { period: req.period } : {}),
      avoidance: { ...(req.avoidance as Record<string, number>) },
    },
    historyCounts: { services: req.history?.services?.length ?? 0, draws: req.history?.draws?.length ?? 0 },
    pool: { hash: d.d.poolHash, size: pool.length, intact },
    result: result as Mutable<DrawResult>,
    current: current as Mutable<DrawResult>,
    names,
    assignments: assignments.map((a) => {
      const status = a.status as "invited" | "accepted" | "declined";
      const subject = { purpose: d.d.purpose as Purpose, districtCode: d.d.districtCode };
      return { ...a, status, canRate: canRateAssignment(actor, { ...subject, status }) };
    }),
  };
}

/** Re-runs the stored draw (and every replacement in order) from the stored inputs and compares. */
export async function verifyDraw(db: Database, actor: Actor, auditActor: AuditActor, id: string) {
  const { d } = await readableDraw(db, actor, id);
  const { pool, intact } = await poolOfDraw(db, d);
  const request = requestOf(d.request, pool);
  const stored = d.result as DrawResult;
  const current = currentOf(d);
  const first = intact ? drawExperts(pool, request, d.seed) : stored;
  const initialMatches = intact && canonical(first) === canonical(stored);
  let rerun = first;
  if (intact) for (const x of current.declined) rerun = replaceExpert(rerun, x.expertId, pool, request);
  const matches = initialMatches && canonical(rerun) === canonical(current);
  await recordAudit(db, auditActor, {
    action: "expert_draw.verify",
    entityType: "expert_draw",
    entityId: id,
    districtCode: d.districtCode,
    after: {
      matches,
      poolIntact: intact,
      seed: d.seed,
      algorithm: d.algorithm,
      replacements: current.declined.length,
    },
  });
  return {
    matches,
    initialMatches,
    replacementsReplayed: current.declined.length,
    rerun: rerun as Mutable<DrawResult>,
    message: !intact
      ? "复核不一致：记录的专家库快照与其校验值（SHA-256）不符，快照可能被改动，请核查"
      : matches
        ? `复核一致：以种子 ${d.seed} 和记录的专家库、回避历史重新抽取${current.declined.length ? `并依次补抽 ${current.declined.length} 次` : ""}，结果与记录完全相同`
        : "复核不一致：重新抽取的结果与记录不同，请核查",
  };
}
