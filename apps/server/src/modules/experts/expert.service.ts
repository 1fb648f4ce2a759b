import type {
  CreateExpertRequest,
  ExpertItem,
  ExpertListQuery,
  UpdateExpertRequest,
  UpdateMyAvailabilityRequest,
} from "@dxcenter/contracts";
import { type Database, type Executor, expertAssignments, expertDraws, experts, users } from "@dxcenter/db";
import {
  type Actor,
  availabilityProblem,
  canEditOwnAvailability,
  canManageExperts,
  type Expert,
  type ExpertStatus,
  sortAvailability,
} from "@dxcenter/domain";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, conflict, forbidden, notFound } from "../../errors";
import { countRows, listOrder, pageOfSelect, searchAny } from "../../lib/list-query";
import { assertVersion } from "../../lib/optimistic-lock";
import { type AuditActor, insertAudited, recordAudit } from "../audit/audit.service";

type ListQuery = z.output<typeof ExpertListQuery>;
type Create = z.output<typeof CreateExpertRequest>;
type Update = z.output<typeof UpdateExpertRequest>;

export function requireExpertManager(actor: Actor | null) {
  if (!canManageExperts(actor)) throw forbidden("管理专家库");
}

/** Panels on the current result of draws in the last 12 months (Asia/Shanghai days). */
const workloadSql = sql<number>`(select count(*)::int from ${expertDraws} d
  where "experts"."id" = any(d.selected_ids)
  and d.draw_date >= ((now() at time zone 'Asia/Shanghai')::date - interval '12 months'))`;
const acceptedSql = sql<number>`(select count(*)::int from ${expertAssignments} a where a.expert_id = "experts"."id" and a.status = 'accepted')`;
const declinedSql = sql<number>`(select count(*)::int from ${expertAssignments} a where a.expert_id = "experts"."id" and a.status = 'declined')`;
/** 专家评价: the average of the organisers' ratings, one decimal (numeric, exact), and their count. */
const ratingSql = sql<
  string | null
>`(select round(avg(a.rating)::numeric, 1) from ${expertAssignments} a where a.expert_id = "experts"."id" and a.rating is not null)`;
const ratingCountSql = sql<number>`(select count(*)::int from ${expertAssignments} a where a.expert_id = "experts"."id" and a.rating is not null)`;

function base(db: Executor) {
  return db
    .select({
      e: experts,
      workload: workloadSql,
      accepted: acceptedSql,
      declined: declinedSql,
      rating: ratingSql,
      ratingCount: ratingCountSql,
    })
    .from(experts);
}
type Row = Awaited<ReturnType<ReturnType<typeof base>["limit"]>>[number];

const toItem = (r: Row): ExpertItem => ({
  id: r.e.id,
  userId: r.e.userId,
  name: r.e.name,
  organization: r.e.organization,
  title: r.e.title,
  fields: r.e.fields,
  availability: r.e.availability,
  conflicts: r.e.conflicts,
  status: r.e.status,
  phone: r.e.phone,
  note: r.e.note,
  workload: Number(r.workload ?? 0),
  accepted: Number(r.accepted ?? 0),
  declined: Number(r.declined ?? 0),
  rating: r.rating === null || r.rating === undefined ? null : Number(r.rating),
  ratingCount: Number(r.ratingCount ?? 0),
  updatedAt: r.e.updatedAt.toISOString(),
  version: r.e.version,
});

/** The domain's Expert (what drawExperts reads), as stored in a draw's pool snapshot. */
export function toDomainExpert(e: typeof experts.$inferSelect): Expert {
  const out: {
    id: string;
    name: string;
    status: ExpertStatus;
    organization: string;
    fields: string[];
    title?: string;
    availability?: { from: string; to: string }[];
    declaredConflicts?: { enterpriseId?: string; organization?: string; note?: string }[];
  } = {
    id: e.id,
    name: e.name,
    status: e.status,
    organization: e.organization,
    fields: e.fields,
  };
  if (e.title) out.title = e.title;
  if (e.availability.length) out.availability = e.availability;
  if (e.conflicts.length) out.declaredConflicts = e.conflicts;
  return out;
}

export async function listExperts(db: Database, actor: Actor, q: ListQuery) {
  requireExpertManager(actor);
  const where = and(
    q.status ? eq(experts.status, q.status) : undefined,
    q.field ? sql`${q.field} = any(${experts.fields})` : undefined,
    searchAny(q.q, experts.name, experts.organization, experts.title),
  );
  const sorts = {
    name: experts.name,
    organization: experts.organization,
    workload: workloadSql,
    rating: sql`coalesce(${ratingSql}, 0)`, // unrated sorts as the lowest
    updatedAt: experts.updatedAt,
  };
  return pageOfSelect(
    q,
    base(db)
      .where(where)
      .orderBy(...listOrder(sorts, q.sort, q.order, experts.id)),
    countRows(db, experts, where),
    toItem,
  );
}

export async function getExpert(db: Executor, actor: Actor, id: string) {
  requireExpertManager(actor);
  const [row] = await base(db).where(eq(experts.id, id)).limit(1);
  if (!row) throw notFound("专家");
  return toItem(row);
}

async function checkUser(db: Executor, userId: string | null | undefined, selfId: string | null) {
  if (!userId) return;
  const [u] = await db.select({ role: users.role }).from(users).where(eq(users.id, userId));
  if (!u) throw badRequest("关联账号不存在", "userId");
  if (u.role !== "expert") throw badRequest("关联账号必须是专家角色", "userId");
  const [taken] = await db.select({ id: experts.id }).from(experts).where(eq(experts.userId, userId));
  if (taken && taken.id !== selfId) throw conflict("DUPLICATE", "该账号已关联其他专家", "userId");
}

function checkAvailability(windows: readonly { from: string; to: string }[]) {
  const p = availabilityProblem(windows);
  if (p) throw badRequest(p.message, `availability.${p.index}.${p.field}`);
}

function checkFields(input: Create) {
  for (const c of input.conflicts)
    if (!c.enterpriseId && !c.organization) throw badRequest("利益冲突申报须填写企业或单位", "conflicts");
  checkAvailability(input.availability);
}

const values = (input: Create) => ({
  name: input.name,
  organization: input.organization,
  title: input.title ?? null,
  fields: [...new Set(input.fields)],
  availability: sortAvailability(input.availability),
  conflicts: input.conflicts,
  status: input.status,
  phone: input.phone ?? null,
  userId: input.userId ?? null,
  note: input.note ?? null,
});

export async function createExpert(db: Database, actor: Actor, auditActor: AuditActor, input: Create) {
  requireExpertManager(actor);
  checkFields(input);
  const id = await db.transaction(async (tx) => {
    await checkUser(tx, input.userId, null);
    return insertAudited(tx, auditActor, experts, values(input), {
      action: "expert.create",
      entityType: "expert",
      after: { name: input.name, organization: input.organization, fields: input.fields },
    });
  });
  return getExpert(db, actor, id);
}

export async function updateExpert(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: Update,
) {
  requireExpertManager(actor);
  checkFields(input);
  await db.transaction(async (tx) => {
    const [cur] = await tx.select().from(experts).where(eq(experts.id, id)).for("update");
    if (!cur) throw notFound("专家");
    assertVersion(cur.version, input.version, "该专家信息已被他人修改，请刷新后重试");
    await checkUser(tx, input.userId, id);
    const next = values(input);
    await tx
      .update(experts)
      .set({ ...next, updatedAt: new Date(), version: sql`${experts.version} + 1` })
      .where(eq(experts.id, id));
    await recordAudit(tx, auditActor, {
      action: "expert.update",
      entityType: "expert",
      entityId: id,
      before: { name: cur.name, organization: cur.organization, fields: cur.fields, status: cur.status },
      after: { name: next.name, organization: next.organization, fields: next.fields, status: next.status },
    });
  });
  return getExpert(db, actor, id);
}

/** The expert's own pool profile (role expert, linked account). */
export async function getMyExpert(db: Executor, actor: Actor) {
  if (!canEditOwnAvailability(actor)) throw forbidden("查看专家本人档案");
  const [row] = await base(db).where(eq(experts.userId, actor.id)).limit(1);
  if (!row) throw notFound("本人的专家库档案");
  return toItem(row);
}

/** The expert edits its own 可用时间 (date ranges, start ≤ end, no overlaps); audited. */
export async function updateMyAvailability(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  input: z.output<typeof UpdateMyAvailabilityRequest>,
) {
  if (!canEditOwnAvailability(actor)) throw forbidden("修改专家可用时间");
  checkAvailability(input.availability);
  await db.transaction(async (tx) => {
    const [cur] = await tx.select().from(experts).where(eq(experts.userId, actor.id)).for("update");
    if (!cur) throw notFound("本人的专家库档案");
    assertVersion(cur.version, input.version, "可用时间已被修改，请刷新后重试");
    const availability = sortAvailability(input.availability);
    await tx
      .update(experts)
      .set({ availability, updatedAt: new Date(), version: sql`${experts.version} + 1` })
      .where(eq(experts.id, cur.id));
    await recordAudit(tx, auditActor, {
      action: "expert.availability_update",
      entityType: "expert",
      entityId: cur.id,
      before: { availability: cur.availability },
      after: { availability },
    });
  });
  return getMyExpert(db, actor);
}

/** The expert row of a role=expert account, if it has one. */
export async function expertOfUser(db: Executor, userId: string) {
  const [e] = await db.select().from(experts).where(eq(experts.userId, userId));
  return e ?? null;
}
