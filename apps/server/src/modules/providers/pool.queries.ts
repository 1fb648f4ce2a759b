import type {
  PoolApplicationDetail,
  PoolApplicationItem,
  PoolApplicationListQuery,
  PoolNoticeListQuery,
} from "@dxcenter/contracts";
import {
  type Database,
  type Executor,
  experts,
  poolApplications,
  poolObjections,
  poolReviewScores,
  providerMembers,
  providers,
} from "@dxcenter/db";
import {
  type Actor,
  type ApplicationFacts,
  applicationListScope,
  applicationPermissions,
  canObject,
  type MaybeActor,
  type ProviderCategory,
} from "@dxcenter/domain";
import { and, asc, count, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { forbidden, notFound } from "../../errors";
import { listOrder, pageOfSelect, searchAny } from "../../lib/list-query";
import { expertOfUser } from "../experts/expert.service";
import { panelOf } from "../experts/panel";
import { memberIds } from "./provider-members";

/**
 * Reading pool applications: the scoped list and its export pages, one application in full (panel,
 * scores, objections, the steps the caller may take), the scores of a provider, the public notices.
 */

const scoreAvg = sql<
  number | null
>`(select round(avg(s.total)::numeric, 1)::float8 from ${poolReviewScores} s where s.application_id = "pool_applications"."id")`;
const scoreCount = sql<number>`(select count(*)::int from ${poolReviewScores} s where s.application_id = "pool_applications"."id")`;

function base(db: Executor) {
  return db
    .select({ a: poolApplications, providerName: providers.name, uscc: providers.uscc, scoreAvg, scoreCount })
    .from(poolApplications)
    .innerJoin(providers, eq(providers.id, poolApplications.providerId));
}
type Row = Awaited<ReturnType<ReturnType<typeof base>["limit"]>>[number];

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toItem(r: Row): PoolApplicationItem {
  const a = r.a;
  return {
    id: a.id,
    providerId: a.providerId,
    providerName: r.providerName,
    category: a.category as ProviderCategory,
    status: a.status,
    submittedAt: a.submittedAt.toISOString(),
    averageScore:
      a.averageScore !== null ? Number(a.averageScore) : r.scoreAvg === null ? null : Number(r.scoreAvg),
    scoreCount: Number(r.scoreCount ?? 0),
    decision: (a.decision as "admit" | "reject" | null) ?? null,
    noticeStart: a.noticeStart,
    noticeEnd: a.noticeEnd,
    updatedAt: a.updatedAt.toISOString(),
    version: a.version,
  };
}

export async function applicationItems(db: Executor, where: SQL) {
  const rows = await base(db).where(where).orderBy(desc(poolApplications.submittedAt)).limit(100);
  return rows.map(toItem);
}

function scopeCondition(actor: MaybeActor): SQL {
  const s = applicationListScope(actor);
  if (s.kind === "all") return sql`true`;
  if (s.kind === "provider")
    return sql`exists (select 1 from ${providerMembers} m where m.provider_id = "pool_applications"."provider_id" and m.user_id = ${s.userId})`;
  if (s.kind === "panel")
    return sql`exists (select 1 from expert_assignments x join ${experts} e on e.id = x.expert_id
      where x.purpose = 'pool_review' and x.subject_id = "pool_applications"."id"::text and e.user_id = ${s.userId})`;
  throw forbidden("查看入库申请");
}

/** The number of applications (joined with their provider, as the lists filter on it) under a condition. */
async function countApplications(db: Executor, where: SQL | undefined) {
  const [r] = await db
    .select({ n: count() })
    .from(poolApplications)
    .innerJoin(providers, eq(providers.id, poolApplications.providerId))
    .where(where);
  return r?.n ?? 0;
}

export async function listApplications(
  db: Database,
  actor: Actor,
  q: z.output<typeof PoolApplicationListQuery>,
) {
  const where = and(
    scopeCondition(actor),
    q.status ? eq(poolApplications.status, q.status) : undefined,
    q.category ? eq(poolApplications.category, q.category) : undefined,
    searchAny(q.q, providers.name, providers.uscc),
  );
  // Unscored applications come last in both directions.
  const order =
    q.sort === "averageScore"
      ? [sql`${scoreAvg} ${sql.raw(q.order)} nulls last`, asc(poolApplications.id)]
      : listOrder(
          { submittedAt: poolApplications.submittedAt, updatedAt: poolApplications.updatedAt },
          q.sort,
          q.order,
          poolApplications.id,
        );
  return pageOfSelect(
    q,
    base(db)
      .where(where)
      .orderBy(...order),
    countApplications(db, where),
    toItem,
  );
}

export async function loadApplication(db: Executor, id: string, lock = false) {
  const q = base(db).where(eq(poolApplications.id, id)).limit(1);
  const [row] = lock ? await q.for("update", { of: poolApplications }) : await q;
  if (!row) throw notFound("入库申请");
  // Sequential: it also runs inside transactions (one connection).
  const members = await memberIds(db, row.a.providerId);
  const panel = await panelOf(db, "pool_review", id);
  return { row, members, panel };
}

/** The facts the application workflow table reads, from a loaded application. */
export function applicationFacts(l: Awaited<ReturnType<typeof loadApplication>>): ApplicationFacts {
  const userIds = (panel: typeof l.panel) => panel.map((p) => p.userId).filter((u): u is string => !!u);
  return {
    status: l.row.a.status,
    providerMemberUserIds: l.members,
    panelUserIds: userIds(l.panel),
    acceptedUserIds: userIds(l.panel.filter((p) => p.status === "accepted")),
  };
}

export function permissionsOf(actor: MaybeActor, l: Awaited<ReturnType<typeof loadApplication>>) {
  return applicationPermissions(actor, applicationFacts(l));
}

async function scoresOf(db: Executor, where: SQL) {
  const rows = await db
    .select({ s: poolReviewScores, expertName: experts.name })
    .from(poolReviewScores)
    .innerJoin(experts, eq(experts.id, poolReviewScores.expertId))
    .where(where)
    .orderBy(asc(poolReviewScores.submittedAt));
  return rows.map((r) => ({
    applicationId: r.s.applicationId,
    expertId: r.s.expertId,
    expertName: r.expertName,
    items: r.s.items,
    total: Number(r.s.total),
    comment: r.s.comment,
    recommendation: (r.s.recommendation as "admit" | "reject" | null) ?? null,
    submittedAt: r.s.submittedAt.toISOString(),
  }));
}

export async function scoresOfProvider(db: Executor, providerId: string) {
  return scoresOf(
    db,
    inArray(
      poolReviewScores.applicationId,
      db
        .select({ id: poolApplications.id })
        .from(poolApplications)
        .where(eq(poolApplications.providerId, providerId)),
    ),
  );
}

export async function getApplication(
  db: Executor,
  actor: MaybeActor,
  id: string,
): Promise<PoolApplicationDetail> {
  const l = await loadApplication(db, id);
  const perm = permissionsOf(actor, l);
  if (!perm.read) {
    if (!actor) throw notFound("入库申请");
    if (actor.role === "city_admin" || actor.role === "provider" || actor.role === "expert")
      throw notFound("入库申请");
    throw forbidden("查看入库申请");
  }
  let scores = await scoresOf(db, eq(poolReviewScores.applicationId, id));
  if (!perm.readReview) {
    const me = actor?.role === "expert" ? await expertOfUser(db, actor.id) : null;
    scores = me ? scores.filter((s) => s.expertId === me.id) : [];
  }
  const scored = new Set(scores.map((s) => s.expertId));
  const objections = perm.readReview
    ? await db
        .select()
        .from(poolObjections)
        .where(eq(poolObjections.applicationId, id))
        .orderBy(asc(poolObjections.filedAt))
    : [];
  const a = l.row.a;
  const panelVisible = perm.readReview || actor?.role === "expert";
  return {
    ...toItem(l.row),
    materials: a.materials,
    statement: a.statement,
    decisionReason: a.decisionReason,
    decidedAt: iso(a.decidedAt),
    noticeText: a.noticeText,
    closedReason: a.closedReason,
    panel: panelVisible
      ? l.panel
          .filter((p) => perm.readReview || p.userId === actor?.id)
          .map((p) => ({
            assignmentId: p.assignmentId,
            drawId: p.drawId,
            expertId: p.expertId,
            expertName: p.expertName,
            organization: p.organization,
            round: p.round,
            status: p.status as "invited" | "accepted" | "declined",
            scored: scored.has(p.expertId),
          }))
      : [],
    scores: scores.map(({ applicationId: _a, ...s }) => s),
    objections: objections.map((o) => ({
      id: o.id,
      content: o.content,
      contactName: o.contactName,
      contactPhone: o.contactPhone,
      anonymous: o.filedBy === null,
      filedAt: o.filedAt.toISOString(),
      status: o.status as "open" | "upheld" | "dismissed",
      handlingNote: o.handlingNote,
      handledAt: iso(o.handledAt),
    })),
    permissions: {
      withdraw: perm.withdraw,
      openReview: perm.openReview,
      draw: perm.draw,
      score: perm.score,
      decide: perm.decide,
      handleObjections: perm.handleObjections,
      admit: perm.admit,
    },
  };
}

export async function listNotices(db: Database, q: z.output<typeof PoolNoticeListQuery>, today: string) {
  const where = and(
    eq(poolApplications.status, "in_notice"),
    q.category ? eq(poolApplications.category, q.category) : undefined,
    searchAny(q.q, providers.name),
  );
  const sorts = {
    name: providers.name,
    noticeStart: poolApplications.noticeStart,
    noticeEnd: poolApplications.noticeEnd,
  };
  return pageOfSelect(
    q,
    base(db)
      .where(where)
      .orderBy(...listOrder(sorts, q.sort, q.order, poolApplications.id)),
    countApplications(db, where),
    (r) => ({
      applicationId: r.a.id,
      providerId: r.a.providerId,
      providerName: r.providerName,
      uscc: r.uscc,
      category: r.a.category as ProviderCategory,
      averageScore: r.a.averageScore === null ? null : Number(r.a.averageScore),
      noticeStart: r.a.noticeStart!,
      noticeEnd: r.a.noticeEnd!,
      noticeText: r.a.noticeText,
      open: canObject(today, { status: "in_notice", start: r.a.noticeStart, end: r.a.noticeEnd }),
    }),
  );
}
