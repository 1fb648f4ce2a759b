import type { CreateRoundRequest, RoundDetail, RoundItem, RoundListQuery } from "@dxcenter/contracts";
import {
  certificationApplications,
  certificationObjections,
  certificationRounds,
  certifications,
  type Database,
  districts,
  type Executor,
  programmeDefinitions,
} from "@dxcenter/db";
import {
  type Actor,
  addDays,
  mayApply,
  mayReadCertifications,
  ROUND_STATUS_LABELS,
  type RoundFacts,
  type RoundStatus,
  type RoundStep,
  roundPermissions,
  roundWorkflow,
} from "@dxcenter/domain";
import { and, count, eq, inArray, like, sql } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, forbidden, notFound } from "../../errors";
import { shanghaiToday } from "../../lib/dates";
import { listOrder, pageOfSelect, searchAny } from "../../lib/list-query";
import { assertVersion } from "../../lib/optimistic-lock";
import { assertStep, runStep, type WorkflowTexts } from "../../lib/workflow";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { programmeVersion } from "./certification.queries";
import { termEnd } from "./certification-steps";

/**
 * 认定批次: the city opens a round for one programme level (only levels run as rounds here), closes
 * applications, publishes the 公示 (its dates from today for the round's notice days) and 认定 —
 * certificates numbered {prefix}{level rank}-{year}-{serial} for every approved application, valid
 * from today for the level's years. Rounds are read by the city, the districts and enterprises.
 */

const STALE = "该认定批次已被他人更新，请刷新后重试";
type ListQuery = z.output<typeof RoundListQuery>;

export function assertReadRounds(actor: Actor): void {
  if (!mayReadCertifications(actor)) throw forbidden("查看认定批次");
}

const NEEDS: Record<RoundStep, string> = {
  close: "只有申报中的批次可以截止申报",
  publish: "只有评审中且推荐的申报已全部审定的批次可以发布公示",
  recognise: "只有公示期满且异议已全部处理的批次可以认定发证",
};
const TEXTS: WorkflowTexts<RoundStep, RoundStatus> = {
  entity: "certification_round",
  action: { close: "截止申报", publish: "发布公示", recognise: "认定发证" },
  conflict: (step, status) => `${NEEDS[step]}（当前：${ROUND_STATUS_LABELS[status]}）`,
};

type Round = typeof certificationRounds.$inferSelect;

async function itemOf(db: Executor, r: Round, applications: number): Promise<RoundItem> {
  const p = await programmeVersion(db, r.programmeId, r.programmeVersion);
  return {
    id: r.id,
    name: r.name,
    programmeId: r.programmeId,
    programmeName: p.name,
    levelId: r.levelId,
    levelName: p.levels.find((l) => l.id === r.levelId)?.name ?? r.levelId,
    status: r.status,
    applyFrom: r.applyFrom,
    applyTo: r.applyTo,
    noticeDays: r.noticeDays,
    noticeFrom: r.noticeFrom,
    noticeTo: r.noticeTo,
    applications,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}

const appCount = sql<number>`(select count(*)::int from certification_applications ca where ca.round_id = "certification_rounds"."id")`;
const SORT = {
  createdAt: certificationRounds.createdAt,
  applyTo: certificationRounds.applyTo,
  name: certificationRounds.name,
};

export async function listRounds(db: Executor, actor: Actor, q: ListQuery) {
  assertReadRounds(actor);
  const cond = and(
    q.programme ? eq(certificationRounds.programmeId, q.programme) : undefined,
    q.status ? eq(certificationRounds.status, q.status) : undefined,
    searchAny(q.q, certificationRounds.name),
  );
  const page = await pageOfSelect(
    q,
    db
      .select({ r: certificationRounds, n: appCount })
      .from(certificationRounds)
      .where(cond)
      .orderBy(...listOrder(SORT, q.sort, q.order, certificationRounds.id)),
    db
      .select({ n: count() })
      .from(certificationRounds)
      .where(cond)
      .then((rows) => rows[0]?.n ?? 0),
  );
  const items: RoundItem[] = [];
  for (const x of page.items) items.push(await itemOf(db, x.r, Number(x.n)));
  return { ...page, items };
}

export async function findRound(db: Executor, id: string, lock = false): Promise<Round> {
  const q = db.select().from(certificationRounds).where(eq(certificationRounds.id, id));
  const [r] = await (lock ? q.for("update") : q);
  if (!r) throw notFound("认定批次");
  return r;
}

async function roundFacts(db: Executor, r: Round): Promise<RoundFacts> {
  const [undecided] = await db
    .select({ n: count() })
    .from(certificationApplications)
    .where(
      and(eq(certificationApplications.roundId, r.id), eq(certificationApplications.status, "recommended")),
    );
  const [open] = await db
    .select({ n: count() })
    .from(certificationObjections)
    .innerJoin(
      certificationApplications,
      eq(certificationApplications.id, certificationObjections.applicationId),
    )
    .where(and(eq(certificationApplications.roundId, r.id), eq(certificationObjections.status, "open")));
  return {
    status: r.status,
    allDecided: (undecided?.n ?? 0) === 0,
    noticeEnded: r.noticeTo !== null && r.noticeTo < shanghaiToday(),
    openObjections: open?.n ?? 0,
  };
}

export async function getRound(db: Executor, actor: Actor, id: string): Promise<RoundDetail> {
  assertReadRounds(actor);
  const r = await findRound(db, id);
  const byDistrict = await db
    .select({
      districtCode: certificationApplications.districtCode,
      applied: count(),
      recommended: sql<number>`count(*) filter (where ${certificationApplications.status} in ('recommended','approved','recognised'))::int`,
    })
    .from(certificationApplications)
    .where(eq(certificationApplications.roundId, id))
    .groupBy(certificationApplications.districtCode);
  const codes = Object.keys(r.quotas);
  const names = codes.length
    ? await db
        .select({ code: districts.code, name: districts.name })
        .from(districts)
        .where(inArray(districts.code, codes))
    : [];
  const visible = (code: string) =>
    actor.role === "city_admin" || (actor.role === "district_admin" && actor.districtCode === code);
  const facts = await roundFacts(db, r);
  let applied = false;
  if (actor.role === "enterprise" && actor.enterpriseId) {
    const [a] = await db
      .select({ id: certificationApplications.id })
      .from(certificationApplications)
      .where(
        and(
          eq(certificationApplications.roundId, id),
          eq(certificationApplications.enterpriseId, actor.enterpriseId),
        ),
      );
    applied = !!a;
  }
  const today = shanghaiToday();
  const total = byDistrict.reduce((a, d) => a + Number(d.applied), 0);
  return {
    ...(await itemOf(db, r, total)),
    quotas: codes.filter(visible).map((code) => {
      const d = byDistrict.find((x) => x.districtCode === code);
      return {
        districtCode: code,
        districtName: names.find((n) => n.code === code)?.name ?? code,
        quota: r.quotas[code] ?? 0,
        applied: Number(d?.applied ?? 0),
        recommended: Number(d?.recommended ?? 0),
      };
    }),
    openObjections: actor.role === "city_admin" ? facts.openObjections : 0,
    canApply: mayApply(actor, r.status) && !applied && today >= r.applyFrom && today <= r.applyTo,
    permissions: roundPermissions(actor, facts),
  };
}

export async function createRound(db: Database, actor: Actor, audit: AuditActor, body: CreateRoundRequest) {
  if (actor.role !== "city_admin") throw forbidden("开设认定批次");
  const id = await db.transaction(async (tx) => {
    const [def] = await tx
      .select({ version: programmeDefinitions.version })
      .from(programmeDefinitions)
      .where(and(eq(programmeDefinitions.id, body.programmeId), eq(programmeDefinitions.current, true)));
    if (!def) throw badRequest(`认定项目：不存在“${body.programmeId}”`, "programmeId");
    const p = await programmeVersion(tx, body.programmeId, def.version);
    const level = p.levels.find((l) => l.id === body.levelId);
    if (!level) throw badRequest(`认定等级：${p.name}没有“${body.levelId}”这一等级`, "levelId");
    if (level.obtainedBy !== "round" || level.publicNoticeDays === null)
      throw badRequest(`认定等级：${p.name}${level.name}不在本平台开展认定批次`, "levelId");
    const codes = Object.keys(body.quotas);
    const known = await tx
      .select({ code: districts.code })
      .from(districts)
      .where(inArray(districts.code, codes));
    const unknown = codes.filter((c) => !known.some((k) => k.code === c));
    if (unknown.length) throw badRequest(`推荐名额：区划代码 ${unknown.join("、")} 不存在`, "quotas");
    const [row] = await tx
      .insert(certificationRounds)
      .values({
        name: body.name,
        programmeId: p.id,
        programmeVersion: def.version,
        levelId: level.id,
        applyFrom: body.applyFrom,
        applyTo: body.applyTo,
        quotas: body.quotas,
        noticeDays: body.noticeDays ?? level.publicNoticeDays,
        createdBy: actor.id,
      })
      .returning({ id: certificationRounds.id });
    await recordAudit(tx, audit, {
      action: "certification_round.create",
      entityType: "certification_round",
      entityId: row!.id,
      after: { ...body, programmeVersion: def.version },
    });
    return row!.id;
  });
  return getRound(db, actor, id);
}

/** The next serial of certificate numbers {prefix}{rank}-{year}-NNNN (inside the caller's transaction). */
async function nextSerial(tx: Executor, stem: string): Promise<number> {
  const [row] = await tx
    .select({
      n: sql<number>`coalesce(max(substring(${certifications.certificateNo} from '[0-9]+$')::int), 0)`,
    })
    .from(certifications)
    .where(like(certifications.certificateNo, `${stem}-%`));
  return Number(row?.n ?? 0) + 1;
}

export async function roundStep(
  db: Database,
  actor: Actor,
  audit: AuditActor,
  id: string,
  step: RoundStep,
  version: number,
): Promise<RoundDetail> {
  assertReadRounds(actor);
  await runStep(db, {
    load: async (tx) => {
      const r = await findRound(tx, id, true);
      return { r, facts: await roundFacts(tx, r) };
    },
    guard: ({ r, facts }) => {
      assertStep(roundWorkflow, TEXTS, actor, facts, step);
      assertVersion(r.version, version, STALE);
    },
    change: async (tx, { r }) => {
      const today = shanghaiToday();
      const bump = { version: sql`${certificationRounds.version} + 1`, updatedAt: new Date() };
      if (step === "close") {
        await tx
          .update(certificationRounds)
          .set({ status: "reviewing", ...bump })
          .where(eq(certificationRounds.id, id));
        return { status: "reviewing" };
      }
      if (step === "publish") {
        const noticeTo = addDays(today, r.noticeDays - 1);
        await tx
          .update(certificationRounds)
          .set({ status: "in_notice", noticeFrom: today, noticeTo, ...bump })
          .where(eq(certificationRounds.id, id));
        return { status: "in_notice", noticeFrom: today, noticeTo };
      }
      const p = await programmeVersion(tx, r.programmeId, r.programmeVersion);
      const level = p.levels.find((l) => l.id === r.levelId)!;
      const approved = await tx
        .select({ a: certificationApplications })
        .from(certificationApplications)
        .where(
          and(eq(certificationApplications.roundId, id), eq(certificationApplications.status, "approved")),
        )
        .orderBy(
          certificationApplications.districtCode,
          certificationApplications.districtRank,
          certificationApplications.id,
        );
      const stem = `${p.certificatePrefix}${level.rank}-${today.slice(0, 4)}`;
      let serial = await nextSerial(tx, stem);
      const validTo = level.validity.years === null ? null : termEnd(today, level.validity.years);
      const issued: string[] = [];
      for (const { a } of approved) {
        const no = `${stem}-${String(serial++).padStart(4, "0")}`;
        const [c] = await tx
          .insert(certifications)
          .values({
            enterpriseId: a.enterpriseId,
            programmeId: r.programmeId,
            programmeVersion: r.programmeVersion,
            levelId: level.id,
            levelRank: level.rank,
            status: "valid",
            source: "round",
            validFrom: today,
            validTo,
            certificateNo: no,
            issuingBody: "天津市工业和信息化局",
            recordedBy: actor.id,
          })
          .returning({ id: certifications.id });
        await tx
          .update(certificationApplications)
          .set({
            status: "recognised",
            certificationId: c!.id,
            version: sql`${certificationApplications.version} + 1`,
          })
          .where(eq(certificationApplications.id, a.id));
        issued.push(no);
      }
      await tx
        .update(certificationRounds)
        .set({ status: "recognised", recognisedAt: new Date(), ...bump })
        .where(eq(certificationRounds.id, id));
      return { status: "recognised", issued };
    },
    audit: (tx, { r }, after) =>
      recordAudit(tx, audit, {
        action: `certification_round.${step}`,
        entityType: "certification_round",
        entityId: id,
        before: { status: r.status, version: r.version },
        after,
      }),
  });
  return getRound(db, actor, id);
}
