import {
  type PoolAdmitRequest,
  type PoolApplicationDetail,
  type PoolApplicationItem,
  type PoolApplicationListQuery,
  type PoolApplyRequest,
  type PoolDecisionRequest,
  type PoolHandleObjectionRequest,
  type PoolNoticeListQuery,
  type PoolObjectionRequest,
  type PoolScoreRequest,
  REVIEW_SHEET,
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
  type ApplicationStatus,
  applicationListScope,
  applicationPermissions,
  canObject,
  type MaybeActor,
  type ProviderCategory,
  type ProviderStatus,
  providerPermissions,
} from "@dxcenter/domain";
import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, conflict, forbidden, notFound } from "../../errors";
import { allPages } from "../../lib/pages";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { panelOf } from "../experts/draw.service";
import { expertOfUser } from "../experts/expert.service";
import { escapeLike } from "../users/user.service";
import { memberIds, providerIdOfUser, transitionProvider } from "./provider.service";

const OPEN: ApplicationStatus[] = ["submitted", "under_review", "in_notice"];

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
    status: a.status as ApplicationStatus,
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

export async function listApplications(
  db: Database,
  actor: Actor,
  q: z.output<typeof PoolApplicationListQuery>,
) {
  const where: SQL[] = [scopeCondition(actor)];
  if (q.status) where.push(eq(poolApplications.status, q.status));
  if (q.category) where.push(eq(poolApplications.category, q.category));
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    where.push(or(ilike(providers.name, like), ilike(providers.uscc, like))!);
  }
  const cond = and(...where);
  const order =
    q.sort === "averageScore"
      ? sql`${scoreAvg} ${sql.raw(q.order)} nulls last`
      : (q.order === "asc" ? asc : desc)(
          q.sort === "updatedAt" ? poolApplications.updatedAt : poolApplications.submittedAt,
        );
  const [rows, [total]] = await Promise.all([
    base(db)
      .where(cond)
      .orderBy(order, asc(poolApplications.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(poolApplications)
      .innerJoin(providers, eq(providers.id, poolApplications.providerId))
      .where(cond),
  ]);
  return { items: rows.map(toItem), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function* iterateApplicationsForExport(
  db: Database,
  actor: Actor,
  q: Omit<z.output<typeof PoolApplicationListQuery>, "page" | "pageSize">,
) {
  yield* allPages((page, pageSize) => listApplications(db, actor, { ...q, page, pageSize }), 200);
}

async function load(db: Executor, id: string, lock = false) {
  const q = base(db).where(eq(poolApplications.id, id)).limit(1);
  const [row] = lock ? await q.for("update", { of: poolApplications }) : await q;
  if (!row) throw notFound("入库申请");
  // Sequential: `load` also runs inside transactions (one connection).
  const members = await memberIds(db, row.a.providerId);
  const panel = await panelOf(db, "pool_review", id);
  return { row, members, panel };
}

function permissionsOf(actor: MaybeActor, l: Awaited<ReturnType<typeof load>>) {
  const active = l.panel.filter((p) => p.status !== "declined");
  return applicationPermissions(actor, {
    status: l.row.a.status as ApplicationStatus,
    providerMemberUserIds: l.members,
    panelUserIds: l.panel.map((p) => p.userId).filter((u): u is string => !!u),
    acceptedUserIds: active
      .filter((p) => p.status === "accepted")
      .map((p) => p.userId)
      .filter((u): u is string => !!u),
  });
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
  const l = await load(db, id);
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

/** Checks a step: 403 when the caller could never take it, 409 when only the status is wrong. */
function guard(allowed: boolean, actor: Actor, cityStep: boolean, what: string) {
  if (allowed) return;
  if (cityStep ? actor.role !== "city_admin" : false) throw forbidden(what);
  throw conflict("STATE_CONFLICT", `当前状态下不能${what}`);
}

function checkVersion(a: { version: number }, version: number) {
  if (a.version !== version)
    throw conflict("VERSION_CONFLICT", "该申请已被他人处理，请刷新后重试", "version");
}

const bump = () => ({ updatedAt: new Date(), version: sql`${poolApplications.version} + 1` });

export async function applyToPool(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  input: z.output<typeof PoolApplyRequest>,
) {
  if (actor.role !== "provider") throw forbidden("提交入库申请");
  const providerId = await providerIdOfUser(db, actor.id);
  if (!providerId) throw conflict("NO_ORGANIZATION", "请先在“我的机构”登记机构信息");
  const id = await db.transaction(async (tx) => {
    const [p] = await tx.select().from(providers).where(eq(providers.id, providerId)).for("update");
    const perm = providerPermissions(actor, {
      status: p!.status as ProviderStatus,
      memberUserIds: [actor.id],
    });
    const [open] = await tx
      .select({ n: count() })
      .from(poolApplications)
      .where(and(eq(poolApplications.providerId, providerId), inArray(poolApplications.status, OPEN)));
    if ((open?.n ?? 0) > 0)
      throw conflict("OPEN_APPLICATION", "已有一份入库申请正在办理中，办结后方可再次申请");
    if (!perm.apply)
      throw conflict(
        "STATE_CONFLICT",
        p!.status === "admitted" ? "机构已在资源池中，无需再次申请" : "机构当前状态不能申请入库",
      );
    const [row] = await tx
      .insert(poolApplications)
      .values({
        providerId,
        category: input.category,
        materials: input.materials,
        statement: input.statement,
        submittedBy: actor.id,
      })
      .returning({ id: poolApplications.id });
    await transitionProvider(tx, providerId, "apply", actor.id, "提交入库申请");
    await recordAudit(tx, auditActor, {
      action: "pool_application.submit",
      entityType: "pool_application",
      entityId: row!.id,
      after: { providerId, category: input.category, materials: input.materials.length },
    });
    return row!.id;
  });
  return getApplication(db, actor, id);
}

async function step(
  db: Database,
  actor: Actor,
  id: string,
  fn: (
    tx: Executor,
    l: Awaited<ReturnType<typeof load>>,
    perm: ReturnType<typeof permissionsOf>,
  ) => Promise<void>,
) {
  await db.transaction(async (tx) => {
    const l = await load(tx, id, true);
    const perm = permissionsOf(actor, l);
    if (!perm.read && actor.role !== "city_admin") {
      if (actor.role === "provider" || actor.role === "expert") throw notFound("入库申请");
      throw forbidden("办理入库申请");
    }
    await fn(tx, l, perm);
  });
  return getApplication(db, actor, id);
}

export async function withdrawApplication(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  version: number,
) {
  return step(db, actor, id, async (tx, l, perm) => {
    if (actor.role !== "provider") throw forbidden("撤回入库申请");
    guard(perm.withdraw, actor, false, "撤回申请（评审已启动）");
    checkVersion(l.row.a, version);
    await tx
      .update(poolApplications)
      .set({ status: "withdrawn", closedAt: new Date(), closedReason: "申请人撤回", ...bump() })
      .where(eq(poolApplications.id, id));
    await transitionProvider(tx, l.row.a.providerId, "withdraw", actor.id, "撤回入库申请");
    await recordAudit(tx, auditActor, {
      action: "pool_application.withdraw",
      entityType: "pool_application",
      entityId: id,
    });
  });
}

export async function openReview(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  version: number,
) {
  return step(db, actor, id, async (tx, l, perm) => {
    guard(perm.openReview, actor, true, "启动评审");
    checkVersion(l.row.a, version);
    await tx
      .update(poolApplications)
      .set({ status: "under_review", reviewOpenedAt: new Date(), ...bump() })
      .where(eq(poolApplications.id, id));
    await transitionProvider(tx, l.row.a.providerId, "review", actor.id, "启动入库评审");
    await recordAudit(tx, auditActor, {
      action: "pool_application.review_open",
      entityType: "pool_application",
      entityId: id,
    });
  });
}

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
  return step(db, actor, id, async (tx, l, perm) => {
    if (!perm.score) {
      const mine = l.panel.find((p) => p.userId === actor.id);
      if (mine?.status === "invited") throw conflict("NOT_ACCEPTED", "请先接受评审邀请，再填写打分表");
      throw conflict("STATE_CONFLICT", "该申请当前不在评审阶段，不能打分");
    }
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
  });
}

export async function decide(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: z.output<typeof PoolDecisionRequest>,
  today: string,
) {
  return step(db, actor, id, async (tx, l, perm) => {
    guard(perm.decide, actor, true, "作出入库决定");
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

export async function admitAfterNotice(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: z.output<typeof PoolAdmitRequest>,
  today: string,
) {
  return step(db, actor, id, async (tx, l, perm) => {
    guard(perm.admit, actor, true, "认定入库");
    checkVersion(l.row.a, input.version);
    const a = l.row.a;
    if (!a.noticeEnd || today <= a.noticeEnd)
      throw conflict("NOTICE_RUNNING", `公示期至 ${a.noticeEnd} 结束，期满后方可认定入库`);
    const [open] = await tx
      .select({ n: count() })
      .from(poolObjections)
      .where(and(eq(poolObjections.applicationId, id), eq(poolObjections.status, "open")));
    if ((open?.n ?? 0) > 0) throw conflict("OBJECTIONS_OPEN", `尚有 ${open!.n} 条公示异议未处理`);
    await tx
      .update(poolApplications)
      .set({ status: "admitted", closedAt: new Date(), closedReason: "公示期满无异议，认定入库", ...bump() })
      .where(eq(poolApplications.id, id));
    const [p] = await tx
      .select({ categories: providers.categories })
      .from(providers)
      .where(eq(providers.id, a.providerId));
    const categories = [...new Set([...(p?.categories ?? []), a.category])];
    await transitionProvider(tx, a.providerId, "admit", actor.id, "公示期满无异议，认定入库", {
      admittedAt: new Date(),
      categories,
      exitedAt: null,
      exitReason: null,
    });
    await recordAudit(tx, auditActor, {
      action: "pool_application.admit",
      entityType: "pool_application",
      entityId: id,
      after: { providerId: a.providerId },
    });
  });
}

// --- public notices and objections ---------------------------------------------------------

export async function listNotices(db: Database, q: z.output<typeof PoolNoticeListQuery>, today: string) {
  const where: SQL[] = [eq(poolApplications.status, "in_notice")];
  if (q.category) where.push(eq(poolApplications.category, q.category));
  if (q.q) where.push(ilike(providers.name, `%${escapeLike(q.q)}%`));
  const cond = and(...where);
  const dir = q.order === "asc" ? asc : desc;
  const key =
    q.sort === "name"
      ? providers.name
      : q.sort === "noticeEnd"
        ? poolApplications.noticeEnd
        : poolApplications.noticeStart;
  const [rows, [total]] = await Promise.all([
    base(db)
      .where(cond)
      .orderBy(dir(key), asc(poolApplications.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(poolApplications)
      .innerJoin(providers, eq(providers.id, poolApplications.providerId))
      .where(cond),
  ]);
  return {
    items: rows.map((r) => ({
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
    })),
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function fileObjection(
  db: Database,
  actor: MaybeActor,
  auditActor: AuditActor,
  applicationId: string,
  input: z.output<typeof PoolObjectionRequest>,
  today: string,
) {
  return db.transaction(async (tx) => {
    const [a] = await tx.select().from(poolApplications).where(eq(poolApplications.id, applicationId));
    if (a?.status !== "in_notice") throw notFound("公示");
    if (!canObject(today, { status: a.status as ApplicationStatus, start: a.noticeStart, end: a.noticeEnd }))
      throw conflict("NOTICE_CLOSED", `公示期为 ${a.noticeStart} 至 ${a.noticeEnd}，当前不在公示期内`);
    const [row] = await tx
      .insert(poolObjections)
      .values({
        applicationId,
        content: input.content,
        contactName: input.contactName ?? null,
        contactPhone: input.contactPhone,
        filedBy: actor?.id ?? null,
      })
      .returning({ id: poolObjections.id });
    await recordAudit(tx, auditActor, {
      action: "pool_objection.file",
      entityType: "pool_objection",
      entityId: row!.id,
      after: { applicationId, anonymous: !actor },
    });
    return { id: row!.id, message: "异议已提交，市工信局将在核实后处理并与您联系" };
  });
}

export async function handleObjection(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  objectionId: string,
  input: z.output<typeof PoolHandleObjectionRequest>,
) {
  if (actor.role !== "city_admin") throw forbidden("处理公示异议");
  const [o] = await db.select().from(poolObjections).where(eq(poolObjections.id, objectionId));
  if (!o) throw notFound("公示异议");
  return step(db, actor, o.applicationId, async (tx, l, perm) => {
    guard(perm.handleObjections, actor, true, "处理公示异议");
    const [cur] = await tx
      .select({ status: poolObjections.status })
      .from(poolObjections)
      .where(eq(poolObjections.id, objectionId))
      .for("update");
    if (cur?.status !== "open") throw conflict("STATE_CONFLICT", "该异议已处理");
    await tx
      .update(poolObjections)
      .set({ status: input.outcome, handlingNote: input.note, handledBy: actor.id, handledAt: new Date() })
      .where(eq(poolObjections.id, objectionId));
    if (input.outcome === "upheld") {
      await tx
        .update(poolApplications)
        .set({
          status: "rejected",
          closedAt: new Date(),
          closedReason: `公示异议成立：${input.note}`,
          ...bump(),
        })
        .where(eq(poolApplications.id, l.row.a.id));
      await transitionProvider(tx, l.row.a.providerId, "reject", actor.id, `公示异议成立：${input.note}`);
    }
    await recordAudit(tx, auditActor, {
      action: "pool_objection.handle",
      entityType: "pool_objection",
      entityId: objectionId,
      after: { outcome: input.outcome, note: input.note, applicationId: l.row.a.id },
    });
  });
}
