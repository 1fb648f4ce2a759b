import { createHash, randomBytes } from "node:crypto";
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
  diagnoses,
  diagnosisTeam,
  districts,
  type Executor,
  enterprises,
  expertAssignments,
  expertDraws,
  expertPoolSnapshots,
  experts,
  poolApplications,
  poolReviewScores,
  projectReviews,
  projects,
  providerMembers,
  providers,
  users,
} from "@dxcenter/db";
import {
  type Actor,
  canAnswerInvitation,
  canDrawFor,
  canRateAssignment,
  canReadDraw,
  DEFAULT_AVOIDANCE,
  type DrawPurpose,
  type DrawRequest,
  type DrawResult,
  drawExperts,
  drawListScope,
  type Expert,
  type ExpertHistory,
  manualPickConflicts,
  monthsBefore,
  type PackedHistory,
  PROVIDER_CATEGORY_LABELS,
  type ProviderCategory,
  packHistory,
  replaceExpert,
  unpackHistory,
} from "@dxcenter/domain";
import { and, asc, count, desc, eq, gte, ilike, inArray, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, conflict, forbidden, notFound } from "../../errors";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { escapeLike } from "../users/user.service";
import { expertOfUser, toDomainExpert } from "./expert.service";

type Body = z.output<typeof DrawRequestBody>;
/** The contracts' (mutable) shape of a domain result; the same JSON. */
type Mutable<T> = {
  -readonly [K in keyof T]: T[K] extends readonly (infer U)[]
    ? Mutable<U>[]
    : T[K] extends object
      ? Mutable<T[K]>
      : T[K];
};
type Purpose = DrawPurpose;

/**
 * The pool a draw reads, in id order. A diagnosis team member or a project reviewer acts through a
 * login (the team and the review sheets are per user), so those draws read only experts with an
 * enabled expert account; a pool review reads the whole pool.
 */
export async function loadPool(db: Executor, opts: { accountsOnly?: boolean } = {}): Promise<Expert[]> {
  const rows = opts.accountsOnly
    ? (
        await db
          .select({ e: experts })
          .from(experts)
          .innerJoin(users, eq(users.id, experts.userId))
          .where(and(eq(users.role, "expert"), eq(users.disabled, false)))
          .orderBy(asc(experts.id))
      ).map((r) => r.e)
    : await db.select().from(experts).orderBy(asc(experts.id));
  return rows.map(toDomainExpert);
}

/** SHA-256 of the canonical JSON of a pool snapshot: its storage key and its checksum. */
export function poolHash(pool: readonly Expert[]): string {
  return createHash("sha256").update(canonical(pool)).digest("hex");
}

/** Stores a pool snapshot once per distinct content; returns its hash. */
async function storePool(tx: Executor, pool: readonly Expert[]): Promise<string> {
  const hash = poolHash(pool);
  const [have] = await tx
    .select({ hash: expertPoolSnapshots.hash })
    .from(expertPoolSnapshots)
    .where(eq(expertPoolSnapshots.hash, hash));
  if (!have)
    await tx
      .insert(expertPoolSnapshots)
      .values({ hash, experts: pool, size: pool.length })
      .onConflictDoNothing();
  return hash;
}

/** The request as stored: the history reduced to what the rules read, against the pool snapshot. */
function storedRequest(pool: readonly Expert[], request: DrawRequest) {
  const { history: _full, ...rest } = request;
  return { ...rest, historyPacked: packHistory(pool, request) };
}

/** The request a stored draw ran with (history unpacked; inline for records stored before 0015). */
function requestOf(stored: unknown, pool: readonly Expert[]): DrawRequest {
  const r = stored as DrawRequest & { historyPacked?: PackedHistory };
  if (!r.historyPacked) return r;
  const { historyPacked, ...rest } = r;
  try {
    return { ...rest, history: unpackHistory(pool, rest.applicant, historyPacked) };
  } catch (e) {
    // A snapshot that lost experts (tampered): shown as such, never re-run (verify checks `intact`).
    if (e instanceof RangeError) return { ...rest, history: {} };
    throw e;
  }
}

/** The pool a stored draw read, with whether it still matches its recorded hash. */
async function poolOfDraw(
  db: Executor,
  d: { pool: unknown; poolHash: string | null },
): Promise<{ pool: Expert[]; intact: boolean }> {
  if (!d.poolHash) return { pool: d.pool as Expert[], intact: true };
  const [snap] = await db
    .select({ experts: expertPoolSnapshots.experts })
    .from(expertPoolSnapshots)
    .where(eq(expertPoolSnapshots.hash, d.poolHash));
  const pool = (snap?.experts ?? []) as Expert[];
  return { pool, intact: !!snap && poolHash(pool) === d.poolHash };
}

const dayOf = (col: unknown) =>
  sql<string>`to_char((${col} at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD')`;

/** Whose history the avoidance rules read: a provider (pool review) or an enterprise. */
export type HistoryKey = { kind: "provider"; id: string } | { kind: "enterprise"; id: string };

type HistoryRow = { expertId: string; date: string };
const rowsOf = (t: unknown) => (Array.isArray(t) ? t : (t as { rows: HistoryRow[] }).rows) as HistoryRow[];

/**
 * The history the avoidance rules read, from the database:
 * - services to the applicant within serviceMonths.
 *   A provider (pool review): experts who reviewed an earlier application of the same provider
 *   (invited or accepted, not declined), and experts who sat on a diagnosis team together with one of
 *   the provider's member accounts (they worked with the applicant).
 *   An enterprise (diagnosis, project review): experts who sat on a diagnosis team of the enterprise
 *   and experts who reviewed one of its projects (the reviewer accounts of project_reviews).
 * - past draws within max(togetherMonths, workloadMonths): each draw's current panel.
 * Service records carry the applicant's id as `enterpriseId` (the applicant key of the request).
 */
export async function loadHistory(
  db: Executor,
  key: HistoryKey,
  today: string,
  avoidance: { serviceMonths: number; togetherMonths: number; workloadMonths: number },
): Promise<ExpertHistory> {
  const serviceSince = monthsBefore(today, Math.max(avoidance.serviceMonths, 0));
  const drawSince = monthsBefore(today, Math.max(avoidance.togetherMonths, avoidance.workloadMonths, 0));
  const found: HistoryRow[] = [];
  // One after another: inside a transaction the queries share one connection.
  if (key.kind === "provider") {
    found.push(
      ...(await db
        .select({ expertId: expertAssignments.expertId, date: dayOf(expertAssignments.createdAt) })
        .from(expertAssignments)
        .innerJoin(poolApplications, sql`${poolApplications.id}::text = ${expertAssignments.subjectId}`)
        .where(
          and(
            eq(expertAssignments.purpose, "pool_review"),
            eq(poolApplications.providerId, key.id),
            sql`${expertAssignments.status} <> 'declined'`,
            sql`(${expertAssignments.createdAt} at time zone 'Asia/Shanghai')::date >= ${serviceSince}::date`,
          ),
        )),
    );
    found.push(
      ...rowsOf(
        await db.execute(sql`
    select e.id as "expertId", to_char((te.assigned_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as date
    from ${diagnosisTeam} te
    join ${experts} e on e.user_id = te.user_id
    join ${diagnosisTeam} tp on tp.diagnosis_id = te.diagnosis_id
    join ${providerMembers} m on m.user_id = tp.user_id and m.provider_id = ${key.id}
    where (te.assigned_at at time zone 'Asia/Shanghai')::date >= ${serviceSince}::date`),
      ),
    );
  } else {
    found.push(
      ...rowsOf(
        await db.execute(sql`
    select e.id as "expertId", to_char((te.assigned_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as date
    from ${diagnosisTeam} te
    join ${diagnoses} d on d.id = te.diagnosis_id and d.enterprise_id = ${key.id}
    join ${experts} e on e.user_id = te.user_id
    where (te.assigned_at at time zone 'Asia/Shanghai')::date >= ${serviceSince}::date`),
      ),
      ...rowsOf(
        await db.execute(sql`
    select e.id as "expertId", to_char((r.created_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as date
    from ${projectReviews} r
    join ${projects} p on p.id = r.project_id and p.enterprise_id = ${key.id}
    join ${experts} e on e.user_id = r.reviewer_id
    where r.stage = 'expert' and (r.created_at at time zone 'Asia/Shanghai')::date >= ${serviceSince}::date`),
      ),
    );
  }
  const d = await db
    .select({ id: expertDraws.id, date: expertDraws.drawDate, expertIds: expertDraws.selectedIds })
    .from(expertDraws)
    .where(gte(expertDraws.drawDate, drawSince))
    .orderBy(asc(expertDraws.drawDate), asc(expertDraws.id));
  const services = found
    .map((x) => ({ expertId: x.expertId, enterpriseId: key.id, date: x.date }))
    .sort((a, b) =>
      a.expertId + a.date < b.expertId + b.date ? -1 : a.expertId + a.date > b.expertId + b.date ? 1 : 0,
    );
  return { services, draws: d.map((x) => ({ id: x.id, date: x.date, expertIds: x.expertIds })) };
}

interface Subject {
  label: string;
  applicant: { enterpriseId: string; organization: string };
  history: HistoryKey;
  /** The diagnosed / project enterprise's district (null for pool reviews). */
  districtCode: string | null;
  /** Team members and project reviewers act through their login. */
  accountsOnly: boolean;
}

/** Diagnosis states in which the team may still change (the domain's `assign` permission). */
const TEAM_OPEN = ["requested", "scheduled", "in_progress"] as const;

/** Reads (and locks) the subject of a draw; checks it is in a state that takes a panel. */
async function subjectOf(db: Executor, actor: Actor, purpose: Purpose, subjectId: string): Promise<Subject> {
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
    if (a.status !== "under_review")
      throw conflict("STATE_CONFLICT", "该申请尚未启动评审或评审已结束，不能抽取专家", "subjectId");
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
    if (p.status !== "expert_review")
      throw conflict("STATE_CONFLICT", "只有专家评审阶段的项目可以抽取评审专家", "subjectId");
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
  if (!(TEAM_OPEN as readonly string[]).includes(d.status))
    throw conflict("STATE_CONFLICT", "诊断已提交现场评定或已结束，不能再抽取专家", "subjectId");
  return {
    label: `${d.enterpriseName}现场诊断（${d.districtName ?? d.districtCode}）`,
    applicant: { enterpriseId: d.enterpriseId, organization: d.enterpriseName },
    history: { kind: "enterprise", id: d.enterpriseId },
    districtCode: d.districtCode,
    accountsOnly: true,
  };
}

/** Bumps the subject's version: an open form showing the old team / reviewers is then refused. */
async function touchSubject(tx: Executor, purpose: Purpose, subjectId: string) {
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
async function seat(
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
async function unseat(tx: Executor, purpose: Purpose, subjectId: string, userId: string | null) {
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
    if (r?.submittedAt) throw conflict("STATE_CONFLICT", "您已提交该项目的评分，不能再谢绝");
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
async function passLead(tx: Executor, diagnosisId: string, replacementUserId: string | null) {
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

/** A role that can draw for no purpose at all is refused before anything is read. */
function requireDrawer(actor: Actor) {
  if (drawListScope(actor).kind === "none") throw forbidden("抽取专家");
}

export async function createDraw(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  body: Body,
  today: string,
  opts: { seed?: string } = {},
) {
  requireDrawer(actor);
  const id = await db.transaction(async (tx) => {
    const subject = await subjectOf(tx, actor, body.purpose, body.subjectId);
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
      throw conflict("ALREADY_DRAWN", "已为该事项抽取过专家；专家谢绝时系统自动补抽", "subjectId");
    const avoidance = { ...DEFAULT_AVOIDANCE, ...body.avoidance };
    const pool = await loadPool(tx, { accountsOnly: subject.accountsOnly });
    const history = await loadHistory(tx, subject.history, today, avoidance);
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
    const hash = await storePool(tx, pool);
    const [row] = await tx
      .insert(expertDraws)
      .values({
        purpose: body.purpose,
        subjectId: body.subjectId,
        subjectLabel: subject.label,
        districtCode: subject.districtCode,
        drawDate: today,
        seed,
        algorithm: result.algorithm,
        request: storedRequest(pool, request),
        poolHash: hash,
        result,
        current: null,
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
    await seat(
      tx,
      body.purpose,
      body.subjectId,
      result.selected.map((s) => s.expertId),
      actor.id,
    );
    await touchSubject(tx, body.purpose, body.subjectId);
    await recordAudit(tx, auditActor, {
      action: "expert_draw.create",
      entityType: "expert_draw",
      entityId: row!.id,
      districtCode: subject.districtCode,
      after: {
        purpose: body.purpose,
        subjectId: body.subjectId,
        seed,
        algorithm: result.algorithm,
        poolHash: hash,
        poolSize: pool.length,
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

/** The panel after the last replacement: `current` is stored only once somebody declined. */
const currentOf = (d: { result: unknown; current: unknown }) => (d.current ?? d.result) as DrawResult;

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

export async function listDraws(db: Database, actor: Actor, q: z.output<typeof ExpertDrawListQuery>) {
  const scope = drawListScope(actor);
  if (scope.kind === "none") throw forbidden("查看专家抽取记录");
  const where: SQL[] = [];
  if (scope.kind === "district")
    where.push(eq(expertDraws.purpose, "diagnosis"), eq(expertDraws.districtCode, scope.districtCode));
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
    // Only the small parts of result/current: the list never reads the excluded lists.
    result: sql<unknown>`${expertDraws.result} - 'excluded'`,
    current: sql<unknown>`${expertDraws.current} - 'excluded'`,
    excludedCount: sql<number>`jsonb_array_length(coalesce(${expertDraws.current}, ${expertDraws.result})->'excluded')`,
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
    items: rows.map((r) => toDrawItem(r, r.drawnByName, Number(r.excludedCount))),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
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
        subjectStatus: sql<string | null>`(case "expert_assignments"."purpose"
          when 'pool_review' then (select pa.status from ${poolApplications} pa where pa.id::text = "expert_assignments"."subject_id")
          when 'project_review' then (select p.status from ${projects} p where p.id::text = "expert_assignments"."subject_id")
          else (select d.status from ${diagnoses} d where d.id::text = "expert_assignments"."subject_id") end)`,
        scored: sql<boolean>`(case "expert_assignments"."purpose"
          when 'pool_review' then exists (select 1 from ${poolReviewScores} s where s.application_id::text = "expert_assignments"."subject_id" and s.expert_id = "expert_assignments"."expert_id")
          when 'project_review' then exists (select 1 from ${projectReviews} r where r.project_id::text = "expert_assignments"."subject_id" and r.stage = 'expert' and r.reviewer_id = ${actor.id} and r.submitted_at is not null)
          else false end)`,
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
        answerable: r.a.status === "invited" && subjectOpen(r.a.purpose as Purpose, r.subjectStatus),
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

/** Whether the subject still takes answers: the review is running / the team may still change. */
function subjectOpen(purpose: Purpose, status: string | null | undefined): boolean {
  if (purpose === "pool_review") return status === "under_review";
  if (purpose === "project_review") return status === "expert_review";
  return (TEAM_OPEN as readonly (string | null | undefined)[]).includes(status);
}

async function subjectStatusOf(tx: Executor, purpose: Purpose, subjectId: string) {
  const table =
    purpose === "pool_review" ? poolApplications : purpose === "project_review" ? projects : diagnoses;
  const [row] = await tx
    .select({ status: table.status })
    .from(table)
    .where(sql`${table.id}::text = ${subjectId}`);
  return row?.status ?? null;
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
  if (row.a.status !== "invited") throw conflict("STATE_CONFLICT", "该邀请已答复，不能重复答复");
  const purpose = row.a.purpose as Purpose;
  if (!subjectOpen(purpose, await subjectStatusOf(tx, purpose, row.a.subjectId)))
    throw conflict(
      "STATE_CONFLICT",
      purpose === "diagnosis" ? "该诊断的现场评定已提交或已结束，无需答复" : "该事项的评审已结束，无需答复",
    );
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

/**
 * SQL: the account `userId` belongs to an expert drawn onto the subject and not declined — the
 * 已随机抽取 mark of a team member or reviewer. The same rule as drawnUsersOf, for use inside a row query.
 */
export function isDrawnSql(purpose: Purpose, subjectId: SQL, userId: SQL) {
  return sql<boolean>`exists (select 1 from ${expertAssignments} a join ${experts} e on e.id = a.expert_id
    where a.purpose = ${purpose} and a.subject_id = ${subjectId}::text and a.status <> 'declined' and e.user_id = ${userId})`;
}

/** Accounts of experts drawn onto a subject and not declined: manual edits may not drop them. */
export async function drawnUsersOf(tx: Executor, purpose: Purpose, subjectId: string) {
  const rows = await tx
    .select({ userId: experts.userId, name: experts.name })
    .from(expertAssignments)
    .innerJoin(experts, eq(experts.id, expertAssignments.expertId))
    .where(
      and(
        eq(expertAssignments.purpose, purpose),
        eq(expertAssignments.subjectId, subjectId),
        sql`${expertAssignments.status} <> 'declined'`,
      ),
    );
  return rows.filter((r): r is { userId: string; name: string } => !!r.userId);
}

/** The Chinese refusal when a manual edit would drop drawn experts, or null. */
export function droppedDrawnMessage(
  drawn: readonly { userId: string; name: string }[],
  keptUserIds: readonly string[],
): string | null {
  const lost = drawn.filter((d) => !keptUserIds.includes(d.userId));
  if (!lost.length) return null;
  return `${lost.map((d) => d.name).join("、")}为随机抽取的专家，不能手动移除；专家本人谢绝后，系统按抽取记录自动补抽`;
}

/** A drawn expert who does the work (scores the project) has accepted the invitation. */
export async function acceptByWork(tx: Executor, purpose: Purpose, subjectId: string, userId: string) {
  await tx
    .update(expertAssignments)
    .set({ status: "accepted", respondedAt: new Date() })
    .where(
      and(
        eq(expertAssignments.purpose, purpose),
        eq(expertAssignments.subjectId, subjectId),
        eq(expertAssignments.status, "invited"),
        sql`${expertAssignments.expertId} in (select e.id from ${experts} e where e.user_id = ${userId})`,
      ),
    );
}

/**
 * 回避 for hand-picked experts (a diagnosis team member, a project reviewer): the Chinese refusal
 * naming each added expert account that fails a conflict-of-interest rule against the enterprise
 * (same organisation, declared conflict, served it within the default window, not in the pool as
 * active), or null. Accounts without an expert-pool profile (providers) are not checked here.
 */
export async function manualPickRefusal(
  tx: Executor,
  enterpriseId: string,
  addedUserIds: readonly string[],
  today: string,
): Promise<string | null> {
  if (!addedUserIds.length) return null;
  const rows = await tx
    .select()
    .from(experts)
    .where(inArray(experts.userId, [...addedUserIds]));
  if (!rows.length) return null;
  const [ent] = await tx
    .select({ name: enterprises.name })
    .from(enterprises)
    .where(eq(enterprises.id, enterpriseId));
  const applicant = { enterpriseId, organization: ent?.name ?? "" };
  const history = await loadHistory(tx, { kind: "enterprise", id: enterpriseId }, today, DEFAULT_AVOIDANCE);
  const request: DrawRequest = { n: 1, applicant, today, avoidance: DEFAULT_AVOIDANCE, history };
  const problems = rows
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((r) => {
      const why = manualPickConflicts(toDomainExpert(r), request);
      return why.length ? [`${r.name}（${why.join("；")}）`] : [];
    });
  return problems.length ? `按回避规则不能指派：${problems.join("，")}` : null;
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
    const subject = { purpose: row.a.purpose as Purpose, districtCode: row.districtCode };
    if (!canReadDraw(actor, subject)) throw notFound("专家邀请");
    const status = row.a.status as "invited" | "accepted" | "declined";
    if (!canRateAssignment(actor, { ...subject, status }))
      throw conflict("STATE_CONFLICT", "只能评价已接受邀请并参与工作的专家", "rating");
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
