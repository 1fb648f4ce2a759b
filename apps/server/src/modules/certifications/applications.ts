import type {
  ApplicationDetail,
  ApplicationItem,
  ApplicationListQuery,
  ObjectionItem,
  PublicNotice,
} from "@dxcenter/contracts";
import {
  assessments,
  certificationApplications,
  certificationObjections,
  certificationRounds,
  certifications,
  type Database,
  districts,
  type Executor,
  enterprises,
} from "@dxcenter/db";
import {
  type Actor,
  CERT_APPLICATION_STATUS_LABELS,
  type CertApplicationFacts,
  type CertApplicationStatus,
  type CertApplicationStep,
  certApplicationPermissions,
  certApplicationWorkflow,
  checkRecommendations,
  mayApply,
} from "@dxcenter/domain";
import { and, asc, count, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import { AppError, badRequest, conflict, forbidden, notFound, stateConflict } from "../../errors";
import { shanghaiToday } from "../../lib/dates";
import { listOrder, pageOfSelect, searchAny } from "../../lib/list-query";
import { assertVersion } from "../../lib/optimistic-lock";
import { assertStep, runStep, type WorkflowTexts } from "../../lib/workflow";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { readCondition } from "../enterprises/enterprise.policy";
import { programmeVersion } from "./certification.queries";
import { assertReadRounds, findRound } from "./rounds";
import { evaluateLevel, type LevelFinding, loadTierSubject, tierCatalogue } from "./tier-subject";

/**
 * 认定申报: an enterprise applies in an open round (its latest submitted assessment attaches, the
 * level's prerequisites are evaluated by the domain and a confirmed one not met refuses with the exact
 * Chinese reasons; required form fields checked); its district recommends within the quota
 * (checkRecommendations) or returns it; the city approves or rejects. Each step locks the row, runs
 * the domain's certApplicationWorkflow (403 / 409), checks the version and is audited. Objections during
 * 公示 are lodged by anyone and handled by the city (upheld → the application is rejected).
 */

const STALE = "该申报已被他人更新，请刷新后重试";
type ListQuery = z.output<typeof ApplicationListQuery>;

const NEEDS: Record<CertApplicationStep, string> = {
  recommend: "只有待区级推荐的申报可以推荐（批次须在申报或评审中）",
  return: "只有待推荐或已推荐的申报可以退回（批次须在申报或评审中）",
  approve: "只有已推荐且批次在评审中的申报可以审定",
  reject: "只有已推荐且批次在评审中的申报可以审定",
};
const TEXTS: WorkflowTexts<CertApplicationStep, CertApplicationStatus> = {
  entity: "certification_application",
  action: { recommend: "推荐该申报", return: "退回该申报", approve: "审定该申报", reject: "审定该申报" },
  conflict: (step, status) => `${NEEDS[step]}（当前：${CERT_APPLICATION_STATUS_LABELS[status]}）`,
};

const columns = {
  a: certificationApplications,
  r: certificationRounds,
  enterpriseName: enterprises.name,
  districtName: districts.name,
  certificateNo: certifications.certificateNo,
  assessmentLevel: assessments.level,
};
function base(db: Executor) {
  return db
    .select(columns)
    .from(certificationApplications)
    .innerJoin(certificationRounds, eq(certificationRounds.id, certificationApplications.roundId))
    .innerJoin(enterprises, eq(enterprises.id, certificationApplications.enterpriseId))
    .innerJoin(districts, eq(districts.code, certificationApplications.districtCode))
    .leftJoin(certifications, eq(certifications.id, certificationApplications.certificationId))
    .leftJoin(assessments, eq(assessments.id, certificationApplications.assessmentId));
}
type Row = Awaited<ReturnType<ReturnType<typeof base>["where"]>>[number];

async function itemOf(db: Executor, x: Row): Promise<ApplicationItem> {
  const p = await programmeVersion(db, x.r.programmeId, x.r.programmeVersion);
  return {
    id: x.a.id,
    roundId: x.r.id,
    roundName: x.r.name,
    programmeName: p.name,
    levelName: p.levels.find((l) => l.id === x.r.levelId)?.name ?? x.r.levelId,
    roundStatus: x.r.status,
    enterpriseId: x.a.enterpriseId,
    enterpriseName: x.enterpriseName,
    districtCode: x.a.districtCode,
    districtName: x.districtName,
    status: x.a.status,
    districtRank: x.a.districtRank,
    assessmentLevel: x.assessmentLevel,
    certificateNo: x.certificateNo,
    createdAt: x.a.createdAt.toISOString(),
    version: x.a.version,
  };
}

const SORT = {
  createdAt: certificationApplications.createdAt,
  rank: certificationApplications.districtRank,
  enterprise: enterprises.name,
};

export async function listApplications(db: Executor, actor: Actor, q: ListQuery) {
  assertReadRounds(actor);
  const cond = and(
    readCondition(actor),
    q.round ? eq(certificationApplications.roundId, q.round) : undefined,
    q.status ? eq(certificationApplications.status, q.status) : undefined,
    q.district ? eq(certificationApplications.districtCode, q.district) : undefined,
    searchAny(q.q, enterprises.name),
  );
  const page = await pageOfSelect(
    q,
    base(db)
      .where(cond)
      .orderBy(...listOrder(SORT, q.sort, q.order, certificationApplications.id)),
    db
      .select({ n: count() })
      .from(certificationApplications)
      .innerJoin(enterprises, eq(enterprises.id, certificationApplications.enterpriseId))
      .where(cond)
      .then((rows) => rows[0]?.n ?? 0),
  );
  const items: ApplicationItem[] = [];
  for (const x of page.items) items.push(await itemOf(db, x));
  return { ...page, items };
}

async function findApplication(db: Executor, actor: Actor, id: string, lock = false) {
  assertReadRounds(actor);
  const q = base(db).where(and(eq(certificationApplications.id, id), readCondition(actor)));
  const [x] = await (lock ? q.for("update", { of: certificationApplications }) : q);
  if (!x) throw notFound("认定申报");
  return x;
}

const factsOf = (x: Row): CertApplicationFacts => ({
  status: x.a.status,
  districtCode: x.a.districtCode,
  roundStatus: x.r.status,
});

function objectionItem(
  o: typeof certificationObjections.$inferSelect,
  enterpriseName: string,
): ObjectionItem {
  return {
    id: o.id,
    applicationId: o.applicationId,
    enterpriseName,
    lodgerName: o.lodgerName,
    lodgerContact: o.lodgerContact,
    content: o.content,
    status: o.status,
    handlingNote: o.handlingNote,
    createdAt: o.createdAt.toISOString(),
    handledAt: o.handledAt?.toISOString() ?? null,
  };
}

export async function getApplication(db: Executor, actor: Actor, id: string): Promise<ApplicationDetail> {
  const x = await findApplication(db, actor, id);
  const p = await programmeVersion(db, x.r.programmeId, x.r.programmeVersion);
  const level = p.levels.find((l) => l.id === x.r.levelId);
  // Objections name who lodged them: the city and the district see them, the enterprise does not.
  const objections =
    actor.role === "enterprise"
      ? []
      : await db
          .select()
          .from(certificationObjections)
          .where(eq(certificationObjections.applicationId, id))
          .orderBy(asc(certificationObjections.createdAt));
  return {
    ...(await itemOf(db, x)),
    form: x.a.form,
    fields: (level?.form.fields ?? []).map((f) => ({ id: f.id, label: f.label, unit: f.unit })),
    findings: x.a.findings as LevelFinding[],
    assessmentId: x.a.assessmentId,
    districtNote: x.a.districtNote,
    decisionReason: x.a.decisionReason,
    decidedAt: x.a.decidedAt?.toISOString() ?? null,
    objections: objections.map((o) => objectionItem(o, x.enterpriseName)),
    permissions: certApplicationPermissions(actor, factsOf(x)),
  };
}

export async function apply(
  db: Database,
  actor: Actor,
  audit: AuditActor,
  roundId: string,
  form: Record<string, string | number | boolean | null>,
): Promise<ApplicationDetail> {
  assertReadRounds(actor);
  const id = await db.transaction(async (tx) => {
    const r = await findRound(tx, roundId, true);
    if (actor.role !== "enterprise" || !actor.enterpriseId) throw forbidden("申报认定");
    const today = shanghaiToday();
    if (!mayApply(actor, r.status) || today < r.applyFrom || today > r.applyTo)
      throw conflict("APPLICATION_CLOSED", `本批次申报时间为${r.applyFrom}至${r.applyTo}，当前不接受申报`);
    const enterpriseId = actor.enterpriseId;
    const [ent] = await tx
      .select({ districtCode: enterprises.districtCode })
      .from(enterprises)
      .where(eq(enterprises.id, enterpriseId));
    if (!ent) throw notFound("企业");
    const [dup] = await tx
      .select({ id: certificationApplications.id })
      .from(certificationApplications)
      .where(
        and(
          eq(certificationApplications.roundId, roundId),
          eq(certificationApplications.enterpriseId, enterpriseId),
        ),
      );
    if (dup) throw conflict("DUPLICATE", "本企业已在本批次申报");
    if (!(ent.districtCode in r.quotas))
      throw conflict("QUOTA_EXCEEDED", "本批次未给本企业所在区分配推荐名额，不能申报");
    const p = await programmeVersion(tx, r.programmeId, r.programmeVersion);
    const level = p.levels.find((l) => l.id === r.levelId)!;
    for (const f of level.form.fields) {
      const v = form[f.id];
      if (f.required && (v === undefined || v === null || (typeof v === "string" && v.trim() === "")))
        throw badRequest(`${f.label}：必填`, `form.${f.id}`);
      if (f.type === "number" && v !== undefined && v !== null && typeof v !== "number")
        throw badRequest(`${f.label}：应为数字`, `form.${f.id}`);
      if (f.type === "select" && typeof v === "string" && !(f.options ?? []).includes(v))
        throw badRequest(`${f.label}：应为${(f.options ?? []).join("、")}之一`, `form.${f.id}`);
    }
    const unknownField = Object.keys(form).find((k) => !level.form.fields.some((f) => f.id === k));
    if (unknownField) throw badRequest(`申报表：没有“${unknownField}”这一项`, `form.${unknownField}`);
    const { catalogue } = await tierCatalogue(tx);
    const evaluation = evaluateLevel(level, await loadTierSubject(tx, enterpriseId), catalogue);
    if (!evaluation.eligible) {
      const reasons = evaluation.findings
        .filter((f) => f.confirmed && f.outcome !== "pass")
        .map((f) => f.message);
      throw new AppError(
        409,
        "PREREQUISITES_UNMET",
        `不满足${p.name}${level.name}的申报条件：${reasons.join("；")}`,
        undefined,
        {
          reasons: reasons.join("；"),
        },
      );
    }
    const [latest] = await tx
      .select({ id: assessments.id })
      .from(assessments)
      .where(and(eq(assessments.enterpriseId, enterpriseId), eq(assessments.status, "submitted")))
      .orderBy(desc(assessments.submittedAt))
      .limit(1);
    const [row] = await tx
      .insert(certificationApplications)
      .values({
        roundId,
        enterpriseId,
        districtCode: ent.districtCode,
        form,
        assessmentId: latest?.id ?? null,
        findings: evaluation.findings,
        submittedBy: actor.id,
      })
      .returning({ id: certificationApplications.id });
    await recordAudit(tx, audit, {
      action: "certification_application.apply",
      entityType: "certification_application",
      entityId: row!.id,
      districtCode: ent.districtCode,
      after: { roundId, form, assessmentId: latest?.id ?? null, findings: evaluation.findings },
    });
    return row!.id;
  });
  return getApplication(db, actor, id);
}

export async function applicationStep(
  db: Database,
  actor: Actor,
  audit: AuditActor,
  id: string,
  step: CertApplicationStep,
  body: { version: number; rank?: number; note?: string; reason?: string },
): Promise<ApplicationDetail> {
  await runStep(db, {
    load: async (tx) => {
      const x = await findApplication(tx, actor, id);
      // The round first, then the application (every step locks in this order): recommendations of
      // one round serialise on the round row, so two cannot both take the last place of a quota.
      await findRound(tx, x.r.id, true);
      return findApplication(tx, actor, id, true);
    },
    guard: (x) => {
      assertStep(certApplicationWorkflow, TEXTS, actor, factsOf(x), step);
      assertVersion(x.a.version, body.version, STALE);
    },
    change: async (tx, x) => {
      const now = new Date();
      const bump = { version: sql`${certificationApplications.version} + 1`, updatedAt: now };
      let set: Partial<typeof certificationApplications.$inferInsert>;
      if (step === "recommend") {
        const others = await tx
          .select({ id: certificationApplications.id, rank: certificationApplications.districtRank })
          .from(certificationApplications)
          .where(
            and(
              eq(certificationApplications.roundId, x.r.id),
              eq(certificationApplications.districtCode, x.a.districtCode),
              inArray(certificationApplications.status, ["recommended", "approved", "recognised"]),
              ne(certificationApplications.id, id),
            ),
          );
        const recs = [...others, { id, rank: body.rank ?? 0 }].map((o) => ({
          applicationId: o.id,
          districtCode: x.a.districtCode,
          rank: o.rank ?? 0,
        }));
        const check = checkRecommendations(x.r.quotas, recs, { [x.a.districtCode]: x.districtName });
        const problem = check.problems.find((pr) => pr.kind !== "rank_gap");
        if (problem)
          throw conflict(
            problem.kind === "over_quota" || problem.kind === "no_quota" ? "QUOTA_EXCEEDED" : "DUPLICATE",
            problem.message,
            problem.kind === "over_quota" || problem.kind === "no_quota" ? undefined : "rank",
          );
        set = { status: "recommended", districtRank: body.rank ?? null, districtNote: body.note || null };
      } else if (step === "return")
        set = { status: "returned", districtRank: null, districtNote: body.note ?? null };
      else if (step === "approve") set = { status: "approved", decidedAt: now, decidedBy: actor.id };
      else
        set = {
          status: "rejected",
          decisionReason: body.reason ?? null,
          decidedAt: now,
          decidedBy: actor.id,
        };
      await tx
        .update(certificationApplications)
        .set({ ...set, ...bump })
        .where(eq(certificationApplications.id, id));
      return set;
    },
    audit: (tx, x, after) =>
      recordAudit(tx, audit, {
        action: `certification_application.${step}`,
        entityType: "certification_application",
        entityId: id,
        districtCode: x.a.districtCode,
        before: { status: x.a.status, version: x.a.version },
        after,
      }),
  });
  return getApplication(db, actor, id);
}

/** Anyone lodges an objection on an approved application while its round's 公示 runs. */
export async function lodgeObjection(
  db: Database,
  userId: string | null,
  audit: AuditActor,
  body: { applicationId: string; name: string; contact: string; content: string },
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const [x] = await tx
      .select({ a: certificationApplications, r: certificationRounds })
      .from(certificationApplications)
      .innerJoin(certificationRounds, eq(certificationRounds.id, certificationApplications.roundId))
      .where(eq(certificationApplications.id, body.applicationId));
    if (!x) throw notFound("公示中的申报");
    if (x.r.status !== "in_notice" || x.a.status !== "approved") throw notFound("公示中的申报");
    const today = shanghaiToday();
    if (x.r.noticeFrom === null || x.r.noticeTo === null || today < x.r.noticeFrom || today > x.r.noticeTo)
      throw conflict("NOTICE_CLOSED", `公示期为${x.r.noticeFrom}至${x.r.noticeTo}，当前不受理异议`);
    const [row] = await tx
      .insert(certificationObjections)
      .values({
        applicationId: x.a.id,
        lodgedBy: userId,
        lodgerName: body.name,
        lodgerContact: body.contact,
        content: body.content,
      })
      .returning({ id: certificationObjections.id });
    await recordAudit(tx, audit, {
      action: "certification_objection.lodge",
      entityType: "certification_objection",
      entityId: row!.id,
      districtCode: x.a.districtCode,
      after: { applicationId: x.a.id, name: body.name, content: body.content },
    });
    return { id: row!.id };
  });
}

/** The city handles an open objection: upheld → the application is rejected with the note. */
export async function handleObjection(
  db: Database,
  actor: Actor,
  audit: AuditActor,
  id: string,
  body: { outcome: "upheld" | "dismissed"; note: string },
): Promise<ObjectionItem> {
  if (actor.role !== "city_admin") throw forbidden("处理公示异议");
  return db.transaction(async (tx) => {
    const [o] = await tx
      .select({ o: certificationObjections, enterpriseName: enterprises.name, a: certificationApplications })
      .from(certificationObjections)
      .innerJoin(
        certificationApplications,
        eq(certificationApplications.id, certificationObjections.applicationId),
      )
      .innerJoin(enterprises, eq(enterprises.id, certificationApplications.enterpriseId))
      .where(eq(certificationObjections.id, id))
      .for("update", { of: certificationObjections });
    if (!o) throw notFound("公示异议");
    if (o.o.status !== "open")
      throw stateConflict("certification_objection", o.o.status, "该异议已处理", { step: "handle" });
    const now = new Date();
    const [updated] = await tx
      .update(certificationObjections)
      .set({ status: body.outcome, handledAt: now, handledBy: actor.id, handlingNote: body.note })
      .where(eq(certificationObjections.id, id))
      .returning();
    if (body.outcome === "upheld")
      await tx
        .update(certificationApplications)
        .set({
          status: "rejected",
          decisionReason: `公示异议成立：${body.note}`,
          decidedAt: now,
          decidedBy: actor.id,
          version: sql`${certificationApplications.version} + 1`,
        })
        .where(
          and(eq(certificationApplications.id, o.a.id), eq(certificationApplications.status, "approved")),
        );
    await recordAudit(tx, audit, {
      action: "certification_objection.handle",
      entityType: "certification_objection",
      entityId: id,
      districtCode: o.a.districtCode,
      before: { status: "open" },
      after: { status: body.outcome, note: body.note, applicationId: o.a.id },
    });
    return objectionItem(updated!, o.enterpriseName);
  });
}

/** 公示 and 认定名单: rounds in notice or recognised (latest first), with the enterprises on them. */
export async function publicNotices(db: Executor): Promise<PublicNotice[]> {
  const rounds = await db
    .select()
    .from(certificationRounds)
    .where(inArray(certificationRounds.status, ["in_notice", "recognised"]))
    .orderBy(desc(certificationRounds.noticeFrom), asc(certificationRounds.id))
    .limit(50);
  const today = shanghaiToday();
  const out: PublicNotice[] = [];
  for (const r of rounds) {
    const p = await programmeVersion(db, r.programmeId, r.programmeVersion);
    const entries = await db
      .select({
        applicationId: certificationApplications.id,
        enterpriseName: enterprises.name,
        districtName: districts.name,
        certificateNo: certifications.certificateNo,
      })
      .from(certificationApplications)
      .innerJoin(enterprises, eq(enterprises.id, certificationApplications.enterpriseId))
      .innerJoin(districts, eq(districts.code, certificationApplications.districtCode))
      .leftJoin(certifications, eq(certifications.id, certificationApplications.certificationId))
      .where(
        and(
          eq(certificationApplications.roundId, r.id),
          eq(certificationApplications.status, r.status === "in_notice" ? "approved" : "recognised"),
        ),
      )
      .orderBy(asc(districts.code), asc(certificationApplications.districtRank), asc(enterprises.name));
    out.push({
      roundId: r.id,
      roundName: r.name,
      programmeName: p.name,
      levelName: p.levels.find((l) => l.id === r.levelId)?.name ?? r.levelId,
      status: r.status === "in_notice" ? "in_notice" : "recognised",
      noticeFrom: r.noticeFrom,
      noticeTo: r.noticeTo,
      objectionsOpen:
        r.status === "in_notice" &&
        r.noticeFrom !== null &&
        r.noticeTo !== null &&
        today >= r.noticeFrom &&
        today <= r.noticeTo,
      entries,
    });
  }
  return out;
}
