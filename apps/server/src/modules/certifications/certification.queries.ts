import type {
  CertificationItem,
  CertificationListQuery,
  CertificationViewState,
  Programme,
} from "@dxcenter/contracts";
import { Programme as ProgrammeSchema } from "@dxcenter/contracts";
import { certifications, districts, type Executor, enterprises, programmeDefinitions } from "@dxcenter/db";
import { type Actor, certificationStateOnDate, mayReadCertifications, reviewDue } from "@dxcenter/domain";
import { and, count, eq, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import { forbidden, notFound } from "../../errors";
import { shanghaiToday } from "../../lib/dates";
import { listOrder, pageOfSelect, searchAny } from "../../lib/list-query";
import { readCondition } from "../enterprises/enterprise.policy";

/**
 * 梯度培育 certification reads: the row shape (certification + enterprise + district), the read scope
 * (the registry's: city all, district its enterprises, enterprise its own), the state of the day
 * (the domain's certificationStateOnDate, mirrored in SQL for the state filter), list and detail.
 */

type ListQuery = z.output<typeof CertificationListQuery>;

/** Programme versions are immutable once loaded: cached by id@version for names and families. */
const definitionCache = new Map<string, Programme>();
export async function programmeVersion(db: Executor, id: string, version: string): Promise<Programme> {
  const key = `${id}@${version}`;
  const hit = definitionCache.get(key);
  if (hit) return hit;
  const [row] = await db
    .select({ definition: programmeDefinitions.definition })
    .from(programmeDefinitions)
    .where(and(eq(programmeDefinitions.id, id), eq(programmeDefinitions.version, version)));
  if (!row) throw notFound("认定项目");
  const p = ProgrammeSchema.parse(row.definition);
  definitionCache.set(key, p);
  return p;
}

export function assertReadCertifications(actor: Actor): void {
  if (!mayReadCertifications(actor)) throw forbidden("查看认定证书");
}

/** The state of the day as SQL (same rules as the domain's certificationStateOnDate; claims apart). */
export function stateSql(today: string): SQL<CertificationViewState> {
  const c = certifications;
  return sql<CertificationViewState>`case
    when ${c.status} = 'revoked' then 'revoked'
    when ${c.status} = 'suspended' then 'suspended'
    when ${c.source} = 'claim' then 'claimed'
    when ${c.validFrom} > ${today}::date then 'not_yet_valid'
    when ${c.validTo} is not null and ${c.validTo} < ${today}::date then 'expired'
    else 'valid' end`;
}

const columns = {
  c: certifications,
  enterpriseName: enterprises.name,
  districtCode: enterprises.districtCode,
  districtName: districts.name,
};

function base(db: Executor) {
  return db
    .select(columns)
    .from(certifications)
    .innerJoin(enterprises, eq(enterprises.id, certifications.enterpriseId))
    .innerJoin(districts, eq(districts.code, enterprises.districtCode));
}
type Row = Awaited<ReturnType<ReturnType<typeof base>["where"]>>[number];

/** The view state of a row on a Shanghai day. */
export function viewState(
  c: Pick<typeof certifications.$inferSelect, "status" | "source" | "validFrom" | "validTo">,
  today: string,
): CertificationViewState {
  if (c.status === "valid" && c.source === "claim") return "claimed";
  return certificationStateOnDate(c, today);
}

export async function toItem(db: Executor, r: Row, today: string): Promise<CertificationItem> {
  const c = r.c;
  const p = await programmeVersion(db, c.programmeId, c.programmeVersion);
  const level = p.levels.find((l) => l.id === c.levelId);
  return {
    id: c.id,
    enterpriseId: c.enterpriseId,
    enterpriseName: r.enterpriseName,
    districtCode: r.districtCode,
    districtName: r.districtName,
    programmeId: c.programmeId,
    programmeName: p.name,
    family: p.family,
    levelId: c.levelId,
    levelName: level?.name ?? c.levelId,
    levelRank: c.levelRank,
    status: c.status,
    source: c.source,
    state: viewState(c, today),
    validFrom: c.validFrom,
    validTo: c.validTo,
    reviewDue: reviewDue(c),
    certificateNo: c.certificateNo,
    issuingBody: c.issuingBody,
    note: c.note,
    revokedReason: c.revokedReason,
    revokedAt: c.revokedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    version: c.version,
  };
}

const SORT = {
  validTo: certifications.validTo,
  validFrom: certifications.validFrom,
  enterprise: enterprises.name,
  createdAt: certifications.createdAt,
};

export async function listCertifications(db: Executor, actor: Actor, q: ListQuery) {
  assertReadCertifications(actor);
  const today = shanghaiToday();
  const cond = and(
    readCondition(actor),
    q.programme ? eq(certifications.programmeId, q.programme) : undefined,
    q.level ? eq(certifications.levelId, q.level) : undefined,
    q.source ? eq(certifications.source, q.source) : undefined,
    q.state ? sql`${stateSql(today)} = ${q.state}` : undefined,
    q.district ? eq(enterprises.districtCode, q.district) : undefined,
    q.enterpriseId ? eq(certifications.enterpriseId, q.enterpriseId) : undefined,
    searchAny(q.q, enterprises.name, certifications.certificateNo),
  );
  const page = await pageOfSelect(
    q,
    base(db)
      .where(cond)
      .orderBy(...listOrder(SORT, q.sort, q.order, certifications.id)),
    db
      .select({ n: count() })
      .from(certifications)
      .innerJoin(enterprises, eq(enterprises.id, certifications.enterpriseId))
      .where(cond)
      .then((rows) => rows[0]?.n ?? 0),
  );
  const items: CertificationItem[] = [];
  for (const r of page.items) items.push(await toItem(db, r, today));
  return { ...page, items };
}

/** One certification in the caller's scope (404 outside it); `lock` takes the row FOR UPDATE. */
export async function findCertification(db: Executor, actor: Actor, id: string, lock = false) {
  assertReadCertifications(actor);
  const q = base(db).where(and(eq(certifications.id, id), readCondition(actor)));
  const [r] = await (lock ? q.for("update", { of: certifications }) : q);
  if (!r) throw notFound("认定");
  return r;
}

export async function getCertification(db: Executor, actor: Actor, id: string): Promise<CertificationItem> {
  return toItem(db, await findCertification(db, actor, id), shanghaiToday());
}

/** The public check: a certificate by its number, claims never; nothing but the public fields. */
export async function publicCertificate(db: Executor, no: string) {
  const [r] = await base(db).where(
    and(eq(certifications.certificateNo, no), sql`${certifications.source} <> 'claim'`),
  );
  if (!r) throw notFound("证书");
  const p = await programmeVersion(db, r.c.programmeId, r.c.programmeVersion);
  const today = shanghaiToday();
  return {
    certificateNo: no,
    programmeName: p.name,
    levelName: p.levels.find((l) => l.id === r.c.levelId)?.name ?? r.c.levelId,
    enterpriseName: r.enterpriseName,
    issuingBody: r.c.issuingBody,
    validFrom: r.c.validFrom,
    validTo: r.c.validTo,
    state: certificationStateOnDate(r.c, today),
  };
}
