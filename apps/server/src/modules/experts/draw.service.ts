import { randomBytes } from "node:crypto";
import type {
  DrawRequestBody,
  ExpertAssignmentItem,
  ExpertAssignmentListQuery,
  ExpertDrawDetail,
  ExpertDrawItem,
  ExpertDrawListQuery,
} from "@dxcenter/contracts";
import {
  type Database,
  diagnosisTeam,
  type Executor,
  expertAssignments,
  expertDraws,
  experts,
  poolApplications,
  poolReviewScores,
  providerMembers,
  providers,
  users,
} from "@dxcenter/db";
import {
  type Actor,
  canAnswerInvitation,
  DEFAULT_AVOIDANCE,
  type DrawRequest,
  type DrawResult,
  drawExperts,
  type Expert,
  type ExpertHistory,
  monthsBefore,
  PROVIDER_CATEGORY_LABELS,
  type ProviderCategory,
  replaceExpert,
} from "@dxcenter/domain";
import { and, asc, count, desc, eq, gte, ilike, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, conflict, forbidden, notFound } from "../../errors";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { escapeLike } from "../users/user.service";
import { expertOfUser, requireExpertManager, toDomainExpert } from "./expert.service";

type Body = z.output<typeof DrawRequestBody>;
/** The contracts' (mutable) shape of a domain result; the same JSON. */
type Mutable<T> = {
  -readonly [K in keyof T]: T[K] extends readonly (infer U)[]
    ? Mutable<U>[]
    : T[K] extends object
      ? Mutable<T[K]>
      : T[K];
};
type Purpose = Body["purpose"];

/** The whole pool, in id order (the snapshot a draw stores). */
export async function loadPool(db: Executor): Promise<Expert[]> {
  const rows = await db.select().from(experts).orderBy(asc(experts.id));
  return rows.map(toDomainExpert);
}

const dayOf = (col: unknown) =>
  sql<string>`to_char((${col} at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD')`;

/**
 * The history the avoidance rules read, from the database:
 * - services to the applicant within serviceMonths: experts who reviewed an earlier application of
 *   the same provider (invited or accepted, not declined), and experts who sat on a diagnosis team
 *   together with one of the provider's member accounts (they worked with the applicant);
 * - past draws within max(togetherMonths, workloadMonths): each draw's current panel.
 * Service records carry the provider id as `enterpriseId` (the applicant key of a pool review).
 */
export async function loadHistory(
  db: Executor,
  providerId: string,
  today: string,
  avoidance: { serviceMonths: number; togetherMonths: number; workloadMonths: number },
): Promise<ExpertHistory> {
  const serviceSince = monthsBefore(today, Math.max(avoidance.serviceMonths, 0));
  const drawSince = monthsBefore(today, Math.max(avoidance.togetherMonths, avoidance.workloadMonths, 0));
  const reviews = db
    .select({ expertId: expertAssignments.expertId, date: dayOf(expertAssignments.createdAt) })
    .from(expertAssignments)
    .innerJoin(poolApplications, sql`${poolApplications.id}::text = ${expertAssignments.subjectId}`)
    .where(
      and(
        eq(expertAssignments.purpose, "pool_review"),
        eq(poolApplications.providerId, providerId),
        sql`${expertAssignments.status} <> 'declined'`,
        sql`(${expertAssignments.createdAt} at time zone 'Asia/Shanghai')::date >= ${serviceSince}::date`,
      ),
    );
  const teamed = db.execute<{ expertId: string; date: string }>(sql`
    select e.id as "expertId", to_char((te.assigned_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as date
    from ${diagnosisTeam} te
    join ${experts} e on e.user_id = te.user_id
    join ${diagnosisTeam} tp on tp.diagnosis_id = te.diagnosis_id
    join ${providerMembers} m on m.user_id = tp.user_id and m.provider_id = ${providerId}
    where (te.assigned_at at time zone 'Asia/Shanghai')::date >= ${serviceSince}::date`);
  const draws = db
    .select({ id: expertDraws.id, date: expertDraws.drawDate, expertIds: expertDraws.selectedIds })
    .from(expertDraws)
    .where(gte(expertDraws.drawDate, drawSince))
    .orderBy(asc(expertDraws.drawDate), asc(expertDraws.id));
  // One after another: inside a transaction the queries share one connection.
  const r = await reviews;
  const t = await teamed;
  const d = await draws;
  const tRows = (Array.isArray(t) ? t : (t as { rows: { expertId: string; date: string }[] }).rows) as {
    expertId: string;
    date: string;
  }[];
  const services = [...r, ...tRows]
    .map((x) => ({ expertId: x.expertId, enterpriseId: providerId, date: x.date }))
    .sort((a, b) => (a.expertId + a.date < b.expertId + b.date ? -1 : 1));
  return { services, draws: d.map((x) => ({ id: x.id, date: x.date, expertIds: x.expertIds })) };
}

interface Subject {
  label: string;
  applicant: { enterpriseId: string; organization: string };
  providerId: string;
}

async function subjectOf(db: Executor, purpose: Purpose, subjectId: string): Promise<Subject> {
  if (purpose !== "pool_review")
    throw badRequest(
      "目前仅支持服务商入库评审的专家抽取（现场诊断、项目评审抽取将在后续版本开放）",
      "purpose",
    );
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
  if (a.status !== "under_review")
    throw conflict("WRONG_STATUS", "该申请尚未启动评审或评审已结束，不能抽取专家", "subjectId");
  return {
    label: `${a.name}（${PROVIDER_CATEGORY_LABELS[a.category as ProviderCategory]}）入库评审`,
    applicant: { enterpriseId: a.providerId, organization: a.name },
    providerId: a.providerId,
  };
}

/** JSON with object keys sorted, so a stored (jsonb) result and a re-run compare exactly. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

export async function createDraw(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  body: Body,
  today: string,
  opts: { seed?: string } = {},
) {
  requireExpertManager(actor);
  const id = await db.transaction(async (tx) => {
    const subject = await subjectOf(tx, body.purpose, body.subjectId);
    const [open] = await tx
      .select({ n: count() })
      .from(expertAssignments)
      .where(
        and(
          eq(expertAssignments.purpose, body.purpose),
          eq(expertAssignments.subjectId, body.subjectId),
          sql`${expertAssignments.status} <> 'declined'`,
        ),
      );
    if ((open?.n ?? 0) > 0)
      throw conflict("ALREADY_DRAWN", "该申请已抽取评审专家；专家谢绝时系统自动补抽", "subjectId");
    const avoidance = { ...DEFAULT_AVOIDANCE, ...body.avoidance };
    const pool = await loadPool(tx);
    const history = await loadHistory(tx, subject.providerId, today, avoidance);
    const request: DrawRequest = {
      n: body.n,
      fields: body.fields,
      preferFieldCoverage: body.preferFieldCoverage,
      applicant: subject.applicant,
      today,
      ...(body.period ? { period: body.period } : {}),
      avoidance,
      history,
    };
    const seed = opts.seed ?? randomBytes(16).toString("hex");
    let result: DrawResult;
    try {
      result = drawExperts(pool, request, seed);
    } catch (e) {
      if (e instanceof RangeError) throw badRequest(e.message);
      throw e;
    }
    if (result.insufficient)
      throw conflict("INSUFFICIENT_POOL", `${result.insufficient.message}，请调整专业领域或回避设置`, "n");
    const [row] = await tx
      .insert(expertDraws)
      .values({
        purpose: body.purpose,
        subjectId: body.subjectId,
        subjectLabel: subject.label,
        drawDate: today,
        seed,
        algorithm: result.algorithm,
        request,
        pool,
        result,
        current: result,
        selectedIds: result.selected.map((s) => s.expertId),
        drawnBy: actor.id,
      })
      .returning({ id: expertDraws.id });
    await tx.insert(expertAssignments).values(
      result.selected.map((s) => ({
        drawId: row!.id,
        expertId: s.expertId,
        purpose: body.purpose,
        subjectId: body.subjectId,
        round: 0,
      })),
    );
    await recordAudit(tx, auditActor, {
      action: "expert_draw.create",
      entityType: "expert_draw",
      entityId: row!.id,
      after: {
        purpose: body.purpose,
        subjectId: body.subjectId,
        seed,
        algorithm: result.algorithm,
        selected: result.selected.map((s) => s.expertId),
        excluded: result.excluded.length,
      },
    });
    return row!.id;
  });
  return getDraw(db, actor, id);
}

const drawer = sql<string>`(select u.display_name from ${users} u where u.id = "expert_draws"."drawn_by")`;

type DrawRowLite = Pick<
  typeof expertDraws.$inferSelect,
  "id" | "purpose" | "subjectId" | "subjectLabel" | "drawDate" | "seed" | "algorithm" | "current" | "drawnAt"
>;

function toDrawItem(d: DrawRowLite, drawnByName: string): ExpertDrawItem {
  const cur = d.current as DrawResult;
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
    excludedCount: cur.excluded.length,
    round: cur.round,
    drawnByName,
    drawnAt: d.drawnAt.toISOString(),
  };
}

export async function listDraws(db: Database, actor: Actor, q: z.output<typeof ExpertDrawListQuery>) {
  requireExpertManager(actor);
  const where: SQL[] = [];
  if (q.purpose) where.push(eq(expertDraws.purpose, q.purpose));
  if (q.subjectId) where.push(eq(expertDraws.subjectId, q.subjectId));
  if (q.q) where.push(ilike(expertDraws.subjectLabel, `%${escapeLike(q.q)}%`));
  const cond = where.length ? and(...where) : undefined;
  // The list never reads the pool/request snapshots (they can be megabytes).
  const cols = {
    id: expertDraws.id,
    purpose: expertDraws.purpose,
    subjectId: expertDraws.subjectId,
    subjectLabel: expertDraws.subjectLabel,
    drawDate: expertDraws.drawDate,
    seed: expertDraws.seed,
    algorithm: expertDraws.algorithm,
    current: expertDraws.current,
    drawnAt: expertDraws.drawnAt,
    drawnByName: drawer,
  };
  const [rows, [total]] = await Promise.all([
    db
      .select(cols)
      .from(expertDraws)
      .where(cond)
      .orderBy((q.order === "asc" ? asc : desc)(expertDraws.drawnAt), asc(expertDraws.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(expertDraws).where(cond),
  ]);
  return {
    items: rows.map((r) => toDrawItem(r, r.drawnByName)),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getDraw(db: Executor, actor: Actor, id: string): Promise<ExpertDrawDetail> {
  requireExpertManager(actor);
  const [d] = await db
    .select({ d: expertDraws, drawnByName: drawer })
    .from(expertDraws)
    .where(eq(expertDraws.id, id));
  if (!d) throw notFound("专家抽取记录");
  const req = d.d.request as DrawRequest;
  const pool = d.d.pool as Expert[];
  const result = d.d.result as DrawResult;
  const current = d.d.current as DrawResult;
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
    result: result as Mutable<DrawResult>,
    current: current as Mutable<DrawResult>,
    names,
    assignments: assignments.map((a) => ({ ...a, status: a.status as "invited" | "accepted" | "declined" })),
  };
}

/** Re-runs the stored draw (and every replacement in order) from the stored inputs and compares. */
export async function verifyDraw(db: Database, actor: Actor, auditActor: AuditActor, id: string) {
  requireExpertManager(actor);
  const [d] = await db.select().from(expertDraws).where(eq(expertDraws.id, id));
  if (!d) throw notFound("专家抽取记录");
  const pool = d.pool as Expert[];
  const request = d.request as DrawRequest;
  const stored = d.result as DrawResult;
  const current = d.current as DrawResult;
  const first = drawExperts(pool, request, d.seed);
  const initialMatches = canonical(first) === canonical(stored);
  let rerun = first;
  for (const x of current.declined) rerun = replaceExpert(rerun, x.expertId, pool, request);
  const matches = initialMatches && canonical(rerun) === canonical(current);
  await recordAudit(db, auditActor, {
    action: "expert_draw.verify",
    entityType: "expert_draw",
    entityId: id,
    after: { matches, seed: d.seed, algorithm: d.algorithm, replacements: current.declined.length },
  });
  return {
    matches,
    initialMatches,
    replacementsReplayed: current.declined.length,
    rerun: rerun as Mutable<DrawResult>,
    message: matches
      ? `复核一致：以种子 ${d.seed} 和记录的专家库、回避历史重新抽取${current.declined.length ? `并依次补抽 ${current.declined.length} 次` : ""}，结果与记录完全相同`
      : "复核不一致：重新抽取的结果与记录不同，请核查",
  };
}

// --- invitations (experts see only their own) ---------------------------------------------

export async function listMyAssignments(
  db: Database,
  actor: Actor,
  q: z.output<typeof ExpertAssignmentListQuery>,
) {
  if (actor.role !== "expert") throw forbidden("查看评审邀请");
  const me = await expertOfUser(db, actor.id);
  if (!me) return { items: [] as ExpertAssignmentItem[], total: 0, page: q.page, pageSize: q.pageSize };
  const where: SQL[] = [eq(expertAssignments.expertId, me.id)];
  if (q.status) where.push(eq(expertAssignments.status, q.status));
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        a: expertAssignments,
        subjectLabel: expertDraws.subjectLabel,
        subjectStatus: sql<
          string | null
        >`(select pa.status from ${poolApplications} pa where pa.id::text = "expert_assignments"."subject_id")`,
        scored: sql<boolean>`exists (select 1 from ${poolReviewScores} s where s.application_id::text = "expert_assignments"."subject_id" and s.expert_id = "expert_assignments"."expert_id")`,
      })
      .from(expertAssignments)
      .innerJoin(expertDraws, eq(expertDraws.id, expertAssignments.drawId))
      .where(cond)
      .orderBy((q.order === "asc" ? asc : desc)(expertAssignments.createdAt), asc(expertAssignments.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(expertAssignments).where(cond),
  ]);
  return {
    items: rows.map(
      (r): ExpertAssignmentItem => ({
        id: r.a.id,
        drawId: r.a.drawId,
        purpose: r.a.purpose as Purpose,
        subjectId: r.a.subjectId,
        subjectLabel: r.subjectLabel,
        round: r.a.round,
        status: r.a.status as ExpertAssignmentItem["status"],
        subjectStatus: r.subjectStatus,
        scored: Boolean(r.scored),
        createdAt: r.a.createdAt.toISOString(),
        respondedAt: r.a.respondedAt?.toISOString() ?? null,
      }),
    ),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function ownAssignment(tx: Executor, actor: Actor, id: string) {
  const [row] = await tx
    .select({ a: expertAssignments, userId: experts.userId, expertName: experts.name })
    .from(expertAssignments)
    .innerJoin(experts, eq(experts.id, expertAssignments.expertId))
    .where(eq(expertAssignments.id, id))
    .for("update", { of: expertAssignments });
  if (!row || !canAnswerInvitation(actor, row.userId)) {
    if (actor.role !== "expert") throw forbidden("答复评审邀请");
    throw notFound("评审邀请");
  }
  if (row.a.status !== "invited") throw conflict("WRONG_STATUS", "该邀请已答复，不能重复答复");
  if (row.a.purpose === "pool_review") {
    const [app] = await tx
      .select({ status: poolApplications.status })
      .from(poolApplications)
      .where(sql`${poolApplications.id}::text = ${row.a.subjectId}`);
    if (app?.status !== "under_review") throw conflict("WRONG_STATUS", "该申请的评审已结束，无需答复");
  }
  return row;
}

export async function acceptAssignment(db: Database, actor: Actor, auditActor: AuditActor, id: string) {
  await db.transaction(async (tx) => {
    const row = await ownAssignment(tx, actor, id);
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
    const row = await ownAssignment(tx, actor, id);
    const [d] = await tx.select().from(expertDraws).where(eq(expertDraws.id, row.a.drawId)).for("update");
    const pool = d!.pool as Expert[];
    const request = d!.request as DrawRequest;
    const next = replaceExpert(d!.current as DrawResult, row.a.expertId, pool, request);
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
    if (picked)
      await tx.insert(expertAssignments).values({
        drawId: d!.id,
        expertId: picked.expertId,
        purpose: row.a.purpose,
        subjectId: row.a.subjectId,
        round: next.round,
      });
    await recordAudit(tx, auditActor, {
      action: "expert_assignment.decline",
      entityType: "expert_assignment",
      entityId: id,
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

/** Experts (ids) currently on the panel of a subject, with their assignment status. */
export async function panelOf(db: Executor, purpose: Purpose, subjectId: string) {
  return db
    .select({
      assignmentId: expertAssignments.id,
      drawId: expertAssignments.drawId,
      expertId: expertAssignments.expertId,
      expertName: experts.name,
      organization: experts.organization,
      userId: experts.userId,
      round: expertAssignments.round,
      status: expertAssignments.status,
    })
    .from(expertAssignments)
    .innerJoin(experts, eq(experts.id, expertAssignments.expertId))
    .where(and(eq(expertAssignments.purpose, purpose), eq(expertAssignments.subjectId, subjectId)))
    .orderBy(asc(expertAssignments.round), asc(expertAssignments.createdAt));
}
