import type {
  AssessmentSummary,
  CreateDiagnosisRequest,
  DiagnosisDetail,
  DiagnosisItem,
  DiagnosisListQuery,
} from "@dxcenter/contracts";
import {
  assessments,
  type Database,
  diagnoses,
  diagnosisPlans,
  diagnosisTeam,
  districts,
  type Executor,
  enterprises,
  instruments,
  users,
} from "@dxcenter/db";
import {
  type Actor,
  type Answers,
  canRequestDiagnosis,
  type DiagnosisStatus,
  diagnosisPermissions,
  diagnosisReadScope,
  diffAnswers,
  listQuestions,
  scoreAssessment,
  validateAnswers,
} from "@dxcenter/domain";
import { and, asc, count, desc, eq, ilike, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { badRequest, conflict, forbidden, notFound } from "../../errors";
import { allPages } from "../../lib/pages";
import { loadDefinition } from "../assessments/assessment.service";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { readCondition, scopeCondition } from "../enterprises/enterprise.policy";
import { drawnUsersOf, droppedDrawnMessage, isDrawnSql, manualPickRefusal } from "../experts/draw.service";
import { shanghaiToday } from "../policies/policy.repository";
import { escapeLike } from "../users/user.service";

type ListQuery = z.output<typeof DiagnosisListQuery>;

const onsite = alias(assessments, "onsite");
const requester = alias(users, "requester");
const closer = alias(users, "closer");

/** Visit date passed (calendar day in Asia/Shanghai) and the on-site assessment not yet submitted. */
export const overdueSql = sql<boolean>`(${diagnoses.status} in ('scheduled', 'in_progress') and ${diagnoses.visitDate} < (now() at time zone 'Asia/Shanghai')::date)`;

const teamSql = sql<DiagnosisItem["team"]>`coalesce((
  select json_agg(json_build_object('userId', u.id, 'displayName', u.display_name, 'organization', u.organization,
    'role', u.role, 'lead', t.lead, 'drawn', ${isDrawnSql("diagnosis", sql`${diagnoses.id}`, sql`u.id`)})
    order by t.lead desc, u.display_name)
  from ${diagnosisTeam} t join ${users} u on u.id = t.user_id where t.diagnosis_id = ${diagnoses.id}), '[]'::json)`;

const columns = {
  d: diagnoses,
  enterpriseName: enterprises.name,
  districtCode: enterprises.districtCode,
  districtName: districts.name,
  planName: diagnosisPlans.name,
  instrumentName: sql<
    string | null
  >`(select i.name from ${instruments} i where i.id = ${diagnoses.instrumentId} and i.current)`,
  requestedByName: requester.displayName,
  closedByName: closer.displayName,
  onsiteId: onsite.id,
  team: teamSql,
  overdue: overdueSql,
};

function base(db: Executor) {
  return db
    .select(columns)
    .from(diagnoses)
    .innerJoin(enterprises, eq(enterprises.id, diagnoses.enterpriseId))
    .innerJoin(districts, eq(districts.code, enterprises.districtCode))
    .innerJoin(requester, eq(requester.id, diagnoses.requestedBy))
    .leftJoin(closer, eq(closer.id, diagnoses.closedBy))
    .leftJoin(diagnosisPlans, eq(diagnosisPlans.id, diagnoses.planId))
    .leftJoin(onsite, eq(onsite.diagnosisId, diagnoses.id));
}
type Row = Awaited<ReturnType<ReturnType<typeof base>["limit"]>>[number];

/** Lists: city all, district its enterprises, the enterprise its own, a provider/expert its assignments. */
export function diagnosisScopeCondition(actor: Actor): SQL {
  const scope = diagnosisReadScope(actor);
  if (scope.kind === "team") {
    return sql`exists (select 1 from ${diagnosisTeam} t where t.diagnosis_id = ${diagnoses.id} and t.user_id = ${scope.userId})`;
  }
  return scopeCondition(scope);
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toItem(r: Row): DiagnosisItem {
  const d = r.d;
  return {
    id: d.id,
    enterpriseId: d.enterpriseId,
    enterpriseName: r.enterpriseName,
    districtCode: r.districtCode,
    districtName: r.districtName,
    instrumentId: d.instrumentId,
    instrumentName: r.instrumentName,
    status: d.status as DiagnosisStatus,
    source: d.source as DiagnosisItem["source"],
    requestNote: d.requestNote,
    requestedAt: d.requestedAt.toISOString(),
    requestedByName: r.requestedByName,
    planId: d.planId,
    planName: r.planName,
    visitDate: d.visitDate,
    overdue: Boolean(r.overdue),
    team: r.team,
    onsiteAssessmentId: r.onsiteId,
    visitedAt: iso(d.visitedAt),
    closedAt: iso(d.closedAt),
    updatedAt: d.updatedAt.toISOString(),
    version: d.version,
  };
}

function permissionsOf(actor: Actor, r: Row) {
  return diagnosisPermissions(actor, {
    enterpriseId: r.d.enterpriseId,
    districtCode: r.districtCode,
    status: r.d.status as DiagnosisStatus,
    teamUserIds: r.team.map((m) => m.userId),
  });
}

export async function listDiagnoses(db: Database, actor: Actor, q: ListQuery) {
  if (diagnosisReadScope(actor).kind === "none") throw forbidden("查看诊断服务");
  const where: SQL[] = [diagnosisScopeCondition(actor)];
  if (q.status) where.push(eq(diagnoses.status, q.status));
  if (q.districtCode) where.push(eq(enterprises.districtCode, q.districtCode));
  if (q.planId) where.push(eq(diagnoses.planId, q.planId));
  if (q.enterpriseId) where.push(eq(diagnoses.enterpriseId, q.enterpriseId));
  if (q.overdue === true) where.push(overdueSql);
  if (q.overdue === false) where.push(sql`not ${overdueSql}`);
  if (q.q) where.push(ilike(enterprises.name, `%${escapeLike(q.q)}%`));
  const cond = and(...where);
  const order =
    q.sort === "visitDate"
      ? sql`${diagnoses.visitDate} ${sql.raw(q.order)} nulls last`
      : (q.order === "asc" ? asc : desc)(
          q.sort === "updatedAt" ? diagnoses.updatedAt : diagnoses.requestedAt,
        );
  const [rows, [total]] = await Promise.all([
    base(db)
      .where(cond)
      .orderBy(order, asc(diagnoses.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(diagnoses)
      .innerJoin(enterprises, eq(enterprises.id, diagnoses.enterpriseId))
      .where(cond),
  ]);
  return { items: rows.map(toItem), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

export async function* iterateDiagnosesForExport(
  db: Database,
  actor: Actor,
  q: Omit<ListQuery, "page" | "pageSize">,
) {
  yield* allPages((page, pageSize) => listDiagnoses(db, actor, { ...q, page, pageSize }), 1000);
}

async function findRow(db: Executor, actor: Actor, id: string): Promise<Row> {
  const [row] = await base(db)
    .where(and(diagnosisScopeCondition(actor), eq(diagnoses.id, id)))
    .limit(1);
  if (!row) throw notFound("诊断服务单");
  return row;
}

async function summary(db: Executor, id: string | null): Promise<z.infer<typeof AssessmentSummary> | null> {
  if (!id) return null;
  const [a] = await db.select().from(assessments).where(eq(assessments.id, id));
  if (!a) return null;
  let total = a.total === null ? null : Number(a.total);
  let maxTotal = a.maxTotal === null ? null : Number(a.maxTotal);
  let levelName = a.levelName;
  if (a.status === "draft") {
    // A draft's score is a live preview (unanswered questions count as 0).
    const def = await loadDefinition(db, a.instrumentId, a.instrumentVersion);
    const outcome = def
      ? scoreAssessment(def, a.answers as Answers, { allowMissing: true, improvements: false })
      : null;
    if (outcome?.ok) {
      total = outcome.result.total;
      maxTotal = outcome.result.maxTotal;
      levelName = outcome.result.levelName;
    }
  }
  return {
    id: a.id,
    status: a.status as "draft" | "submitted",
    instrumentVersion: a.instrumentVersion,
    total,
    maxTotal,
    levelName,
    progress: a.progress,
    submittedAt: iso(a.submittedAt),
  };
}

async function toDetail(db: Executor, actor: Actor, row: Row): Promise<DiagnosisDetail> {
  const d = row.d;
  const [self, onsiteSummary] = await Promise.all([
    summary(db, d.selfAssessmentId),
    summary(db, row.onsiteId),
  ]);
  let differences: DiagnosisDetail["differences"] = [];
  if (self && onsiteSummary && self.instrumentVersion === onsiteSummary.instrumentVersion) {
    const pair = await db
      .select({ id: assessments.id, answers: assessments.answers })
      .from(assessments)
      .where(inArray(assessments.id, [self.id, onsiteSummary.id]));
    const answersOf = (id: string) => (pair.find((p) => p.id === id)?.answers ?? {}) as Answers;
    const def = await loadDefinition(db, d.instrumentId, self.instrumentVersion);
    if (def) differences = diffAnswers(def, answersOf(self.id), answersOf(onsiteSummary.id));
  }
  const p = permissionsOf(actor, row);
  return {
    ...toItem(row),
    conclusion: d.conclusion,
    cancelReason: d.cancelReason,
    closedByName: row.closedByName,
    selfAssessment: self,
    // The enterprise sees the verified result once the team has submitted it.
    onsiteAssessment:
      actor.role === "enterprise" && onsiteSummary?.status !== "submitted" ? null : onsiteSummary,
    differences: actor.role === "enterprise" && onsiteSummary?.status !== "submitted" ? [] : differences,
    permissions: {
      schedule: p.schedule,
      assign: p.assign,
      start: p.start,
      record: p.record,
      close: p.close,
      cancel: p.cancel,
    },
  };
}

export async function getDiagnosis(db: Database, actor: Actor, id: string) {
  return toDetail(db, actor, await findRow(db, actor, id));
}

const OPEN = ["requested", "scheduled", "in_progress", "verified"] as const;

export async function requestDiagnosis(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  input: z.output<typeof CreateDiagnosisRequest>,
) {
  const enterpriseId = actor.role === "enterprise" ? actor.enterpriseId : input.enterpriseId;
  if (!enterpriseId) throw badRequest("请选择申请诊断的企业", "enterpriseId");
  const [ent] = await db
    .select({ id: enterprises.id, districtCode: enterprises.districtCode, name: enterprises.name })
    .from(enterprises)
    .where(and(readCondition(actor), eq(enterprises.id, enterpriseId)));
  if (!ent) throw notFound("企业");
  if (!canRequestDiagnosis(actor, ent)) throw forbidden("为该企业申请诊断");
  const [instrument] = await db
    .select({ id: instruments.id })
    .from(instruments)
    .where(and(eq(instruments.id, input.instrumentId), eq(instruments.current, true)));
  if (!instrument) throw badRequest(`评估量表“${input.instrumentId}”不存在`, "instrumentId");
  const id = await db.transaction(async (tx) => {
    // One open diagnosis per enterprise: a second request would only split the visit.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`diagnosis:${ent.id}`}))`);
    const [open] = await tx
      .select({ id: diagnoses.id })
      .from(diagnoses)
      .where(and(eq(diagnoses.enterpriseId, ent.id), inArray(diagnoses.status, [...OPEN])));
    if (open) {
      throw conflict(
        "DIAGNOSIS_OPEN",
        `“${ent.name}”已有进行中的诊断服务单，请在该服务单中跟进`,
        "enterpriseId",
      );
    }
    const source =
      actor.role === "enterprise" ? "enterprise" : actor.role === "city_admin" ? "city" : "district";
    const [row] = await tx
      .insert(diagnoses)
      .values({
        enterpriseId: ent.id,
        instrumentId: instrument.id,
        source,
        requestNote: input.requestNote || null,
        requestedBy: actor.id,
      })
      .returning({ id: diagnoses.id });
    await recordAudit(tx, auditActor, {
      action: "diagnosis.request",
      entityType: "diagnosis",
      entityId: row!.id,
      districtCode: ent.districtCode,
      after: {
        enterpriseId: ent.id,
        instrumentId: instrument.id,
        source,
        requestNote: input.requestNote ?? null,
      },
    });
    return row!.id;
  });
  return getDiagnosis(db, actor, id);
}

type Permission = keyof ReturnType<typeof permissionsOf>;
const ACTION_NAMES: Record<Exclude<Permission, "read">, string> = {
  schedule: "安排该诊断的走访",
  assign: "指派该诊断的团队",
  start: "开始该诊断的现场评定",
  record: "填写该现场评定",
  close: "办结该诊断",
  cancel: "取消该诊断",
};
const STATE_HINT: Record<Exclude<Permission, "read">, string> = {
  schedule: "只有待纳入计划或已排期的诊断可以排期",
  assign: "诊断已提交现场评定或已结束，不能再调整团队",
  start: "须先排期并指派团队，且尚未开始现场评定",
  record: "只有现场评定中的诊断可以填写",
  close: "须在现场评定提交后办结",
  cancel: "该诊断当前状态不能取消",
};

/**
 * Runs one workflow step: re-reads the diagnosis in the transaction, checks the permission (403 for
 * the wrong role, 409 for the wrong state), checks the version, applies the step and bumps the version.
 */
async function step(
  db: Database,
  actor: Actor,
  id: string,
  version: number,
  permission: Exclude<Permission, "read">,
  apply: (tx: Executor, row: Row) => Promise<void>,
) {
  await db.transaction(async (tx) => {
    const row = await findRow(tx, actor, id);
    if (!permissionsOf(actor, row)[permission]) {
      // Would the role be allowed in another state? Then it is a state problem, not a rights problem.
      const anyState = (["requested", "scheduled", "in_progress", "verified"] as const).some(
        (status) =>
          diagnosisPermissions(actor, {
            enterpriseId: row.d.enterpriseId,
            districtCode: row.districtCode,
            status,
            teamUserIds: row.team.length ? row.team.map((m) => m.userId) : [actor.id],
          })[permission],
      );
      if (!anyState) throw forbidden(ACTION_NAMES[permission]);
      throw conflict("STATE_CONFLICT", `${STATE_HINT[permission]}（当前：${statusLabel(row.d.status)}）`);
    }
    if (row.d.version !== version) {
      throw conflict("VERSION_CONFLICT", "该诊断服务单已被他人更新，请刷新后重试", "version");
    }
    await apply(tx, row);
    const bumped = await tx
      .update(diagnoses)
      .set({ updatedAt: new Date(), version: sql`${diagnoses.version} + 1` })
      .where(and(eq(diagnoses.id, id), eq(diagnoses.version, version)))
      .returning({ id: diagnoses.id });
    if (bumped.length === 0) {
      throw conflict("VERSION_CONFLICT", "该诊断服务单已被他人更新，请刷新后重试", "version");
    }
  });
  return getDiagnosis(db, actor, id);
}

const STATUS_LABELS: Record<string, string> = {
  requested: "待纳入计划",
  scheduled: "已排期",
  in_progress: "现场评定中",
  verified: "待出具意见",
  closed: "已办结",
  cancelled: "已取消",
};
const statusLabel = (s: string) => STATUS_LABELS[s] ?? s;

export function scheduleDiagnosis(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { planId: string; visitDate: string; version: number },
) {
  return step(db, actor, id, input.version, "schedule", async (tx, row) => {
    const [plan] = await tx.select().from(diagnosisPlans).where(eq(diagnosisPlans.id, input.planId));
    if (!plan || plan.districtCode !== row.districtCode) {
      throw badRequest(`所选诊断计划不存在或不属于${row.districtName}`, "planId");
    }
    if (input.visitDate < plan.startDate || input.visitDate > plan.endDate) {
      throw badRequest(
        `走访日期须在计划“${plan.name}”的起止日期内（${plan.startDate} 至 ${plan.endDate}）`,
        "visitDate",
      );
    }
    await tx
      .update(diagnoses)
      .set({ status: "scheduled", planId: plan.id, visitDate: input.visitDate })
      .where(eq(diagnoses.id, id));
    await recordAudit(tx, auditActor, {
      action: "diagnosis.schedule",
      entityType: "diagnosis",
      entityId: id,
      districtCode: row.districtCode,
      before: { status: row.d.status, planId: row.d.planId, visitDate: row.d.visitDate },
      after: { status: "scheduled", planId: plan.id, planName: plan.name, visitDate: input.visitDate },
    });
  });
}

export function assignTeam(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { members: { userId: string; lead: boolean }[]; version: number },
) {
  return step(db, actor, id, input.version, "assign", async (tx, row) => {
    const ids = [...new Set(input.members.map((m) => m.userId))];
    if (ids.length !== input.members.length) throw badRequest("团队成员不能重复", "members");
    const leads = input.members.filter((m) => m.lead);
    if (leads.length > 1) throw badRequest("诊断团队只能有一名组长", "members");
    const found = await tx
      .select({ id: users.id, role: users.role, disabled: users.disabled, displayName: users.displayName })
      .from(users)
      .where(inArray(users.id, ids));
    for (const userId of ids) {
      const u = found.find((f) => f.id === userId);
      if (!u || !["provider", "expert"].includes(u.role)) {
        throw badRequest("团队成员只能是服务商或专家账号", "members");
      }
      if (u.disabled) throw badRequest(`账号“${u.displayName}”已停用，不能指派`, "members");
    }
    const dropped = droppedDrawnMessage(await drawnUsersOf(tx, "diagnosis", id), ids);
    if (dropped) throw badRequest(dropped, "members");
    const added = ids.filter((uid) => !row.team.some((m) => m.userId === uid));
    const conflicted = await manualPickRefusal(tx, row.d.enterpriseId, added, shanghaiToday());
    if (conflicted) throw badRequest(conflicted, "members");
    const leadId = leads[0]?.userId ?? ids[0]!;
    await tx.delete(diagnosisTeam).where(eq(diagnosisTeam.diagnosisId, id));
    await tx
      .insert(diagnosisTeam)
      .values(
        ids.map((userId) => ({ diagnosisId: id, userId, lead: userId === leadId, assignedBy: actor.id })),
      );
    const name = (uid: string) => found.find((f) => f.id === uid)?.displayName ?? uid;
    await recordAudit(tx, auditActor, {
      action: "diagnosis.team",
      entityType: "diagnosis",
      entityId: id,
      districtCode: row.districtCode,
      before: { team: row.team.map((m) => m.displayName) },
      after: { team: ids.map(name), lead: name(leadId) },
    });
  });
}

/**
 * Opens the on-site assessment (现场评定). It starts from the enterprise's latest submitted
 * self-assessment of the same instrument version, so the team checks each answer and changes
 * what it finds different; without one it starts empty. The self-assessment is recorded on the
 * diagnosis as the "reported" side of the comparison.
 */
export function startOnsite(db: Database, actor: Actor, auditActor: AuditActor, id: string, version: number) {
  return step(db, actor, id, version, "start", async (tx, row) => {
    const [instrument] = await tx
      .select({ id: instruments.id, version: instruments.version })
      .from(instruments)
      .where(and(eq(instruments.id, row.d.instrumentId), eq(instruments.current, true)));
    if (!instrument) throw badRequest(`评估量表“${row.d.instrumentId}”已停用`, "instrumentId");
    const [self] = await tx
      .select({ id: assessments.id, version: assessments.instrumentVersion, answers: assessments.answers })
      .from(assessments)
      .where(
        and(
          eq(assessments.enterpriseId, row.d.enterpriseId),
          eq(assessments.instrumentId, instrument.id),
          eq(assessments.kind, "self"),
          eq(assessments.status, "submitted"),
        ),
      )
      .orderBy(desc(assessments.submittedAt))
      .limit(1);
    const def = await loadDefinition(tx, instrument.id, instrument.version);
    if (!def) throw notFound("评估量表");
    let answers: Answers = {};
    if (self && self.version === instrument.version) {
      const prior = self.answers as Answers;
      if (validateAnswers(def, prior, { allowMissing: true }).length === 0) answers = prior;
    }
    const questions = listQuestions(def);
    const answered = questions.filter((q) => answers[q.question.id] !== undefined).length;
    const [created] = await tx
      .insert(assessments)
      .values({
        enterpriseId: row.d.enterpriseId,
        instrumentId: instrument.id,
        instrumentVersion: instrument.version,
        kind: "onsite",
        diagnosisId: id,
        answers,
        progress: questions.length ? Math.floor((answered / questions.length) * 100) : 100,
        createdBy: actor.id,
      })
      .returning({ id: assessments.id });
    await tx
      .update(diagnoses)
      .set({ status: "in_progress", selfAssessmentId: self?.id ?? null })
      .where(eq(diagnoses.id, id));
    await recordAudit(tx, auditActor, {
      action: "diagnosis.start",
      entityType: "diagnosis",
      entityId: id,
      districtCode: row.districtCode,
      after: {
        status: "in_progress",
        onsiteAssessmentId: created!.id,
        selfAssessmentId: self?.id ?? null,
        prefilled: Object.keys(answers).length > 0,
      },
    });
  });
}

export function closeDiagnosis(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { conclusion: string; version: number },
) {
  return step(db, actor, id, input.version, "close", async (tx, row) => {
    const now = new Date();
    await tx
      .update(diagnoses)
      .set({ status: "closed", conclusion: input.conclusion, closedAt: now, closedBy: actor.id })
      .where(eq(diagnoses.id, id));
    await recordAudit(tx, auditActor, {
      action: "diagnosis.close",
      entityType: "diagnosis",
      entityId: id,
      districtCode: row.districtCode,
      after: { status: "closed", conclusion: input.conclusion },
    });
  });
}

export function cancelDiagnosis(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { reason: string; version: number },
) {
  return step(db, actor, id, input.version, "cancel", async (tx, row) => {
    await tx
      .update(diagnoses)
      .set({ status: "cancelled", cancelReason: input.reason })
      .where(eq(diagnoses.id, id));
    await recordAudit(tx, auditActor, {
      action: "diagnosis.cancel",
      entityType: "diagnosis",
      entityId: id,
      districtCode: row.districtCode,
      before: { status: row.d.status },
      after: { status: "cancelled", reason: input.reason },
    });
  });
}

/** Provider and expert accounts that can be put on a team, with their open workload. */
export async function listAssignees(
  db: Database,
  actor: Actor,
  q: { q?: string; role?: "provider" | "expert" },
) {
  if (actor.role !== "city_admin" && !(actor.role === "district_admin" && actor.districtCode)) {
    throw forbidden("查看可指派的服务商和专家");
  }
  const where: SQL[] = [
    inArray(users.role, q.role ? [q.role] : ["provider", "expert"]),
    eq(users.disabled, false),
  ];
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    where.push(sql`(${users.displayName} ilike ${like} or ${users.organization} ilike ${like})`);
  }
  const rows = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      organization: users.organization,
      role: users.role,
      openAssignments: sql<number>`(select count(*)::int from ${diagnosisTeam} t join ${diagnoses} d on d.id = t.diagnosis_id
        where t.user_id = ${users.id} and d.status in ('requested', 'scheduled', 'in_progress', 'verified'))`,
    })
    .from(users)
    .where(and(...where))
    .orderBy(asc(users.role), asc(users.displayName))
    .limit(100);
  return rows.map((r) => ({
    ...r,
    role: r.role as "provider" | "expert",
    openAssignments: Number(r.openAssignments),
  }));
}
