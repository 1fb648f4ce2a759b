import { assessments, type Executor, enterprises } from "@dxcenter/db";
import { CERTIFICATION_LABELS, type FactValue } from "@dxcenter/domain";
import { and, eq, inArray, sql } from "drizzle-orm";
import { shanghaiDay } from "../../lib/dates";

/** Which submitted assessment gives which level fact (when the registry holds no certified level). */
export const LEVEL_INSTRUMENTS: Record<string, "miitLevel" | "dcmmLevel" | "cmmmLevel"> = {
  "miit-2024-manufacturing": "miitLevel",
  "dcmm-gbt36073": "dcmmLevel",
  "cmmm-gbt39116": "cmmmLevel",
};

const TAG_TO_CERTIFICATION = new Map<string, string>(
  Object.entries(CERTIFICATION_LABELS).map(([key, label]) => [label, key]),
);

export interface FactOrigin {
  source: "registry" | "assessment" | "input";
  sourceText: string;
}
export interface EnterpriseFacts {
  enterpriseId: string;
  districtCode: string;
  facts: Record<string, FactValue>;
  origins: Record<string, FactOrigin>;
}

type EnterpriseRow = {
  id: string;
  districtCode: string;
  industryCode: string;
  aboveScale: boolean;
  size: string;
  srdiTier: string;
  tags: string[];
  cloudAdopted: boolean | null;
  itfCertified: boolean | null;
  dcmmLevel: number | null;
  cmmmLevel: number | null;
};

export const enterpriseFactColumns = {
  id: enterprises.id,
  districtCode: enterprises.districtCode,
  industryCode: enterprises.industryCode,
  aboveScale: enterprises.aboveScale,
  size: enterprises.size,
  srdiTier: enterprises.srdiTier,
  tags: enterprises.tags,
  cloudAdopted: enterprises.cloudAdopted,
  itfCertified: enterprises.itfCertified,
  dcmmLevel: enterprises.dcmmLevel,
  cmmmLevel: enterprises.cmmmLevel,
};

export interface LatestLevel {
  enterpriseId: string;
  instrumentId: string;
  level: number | null;
  submittedAt: Date | null;
}

/** The latest submitted assessment (self or on-site) per enterprise and level instrument. */
export async function latestLevels(db: Executor, enterpriseIds: string[]): Promise<LatestLevel[]> {
  if (enterpriseIds.length === 0) return [];
  return db
    .selectDistinctOn([assessments.enterpriseId, assessments.instrumentId], {
      enterpriseId: assessments.enterpriseId,
      instrumentId: assessments.instrumentId,
      level: assessments.level,
      submittedAt: assessments.submittedAt,
    })
    .from(assessments)
    .where(
      and(
        eq(assessments.status, "submitted"),
        inArray(assessments.instrumentId, Object.keys(LEVEL_INSTRUMENTS)),
        inArray(assessments.enterpriseId, enterpriseIds),
      ),
    )
    .orderBy(assessments.enterpriseId, assessments.instrumentId, sql`${assessments.submittedAt} desc`);
}

/**
 * The fact map of the domain catalogue for one enterprise, from the registry and its latest submitted
 * assessments. Only what is recorded becomes a fact: a registry column that is empty (null) stays
 * unknown, so a policy that needs it answers "missing", never "ineligible". Certified levels in the
 * registry win over self-assessed ones.
 */
export function factsOf(e: EnterpriseRow, levels: LatestLevel[]): EnterpriseFacts {
  const facts: Record<string, FactValue> = {};
  const origins: Record<string, FactOrigin> = {};
  const reg = (k: string, v: FactValue | null | undefined) => {
    if (v === null || v === undefined) return;
    facts[k] = v;
    origins[k] = { source: "registry", sourceText: "企业库" };
  };
  reg("districtCode", e.districtCode);
  reg("industryCode", e.industryCode);
  reg("aboveScale", e.aboveScale);
  reg("size", e.size);
  reg("srdiTier", e.srdiTier);
  reg("cloudAdopted", e.cloudAdopted);
  reg("itfCertified", e.itfCertified);
  reg("dcmmLevel", e.dcmmLevel);
  reg("cmmmLevel", e.cmmmLevel);
  // Certifications are recorded as registry tags; without any such tag the set stays unknown
  // (an empty tag list does not prove the enterprise holds none).
  const certs = e.tags.map((t) => TAG_TO_CERTIFICATION.get(t)).filter((x): x is string => !!x);
  if (certs.length > 0) reg("certifications", [...new Set(certs)].sort());
  for (const l of levels) {
    if (l.enterpriseId !== e.id || l.level === null) continue;
    const fact = LEVEL_INSTRUMENTS[l.instrumentId];
    if (!fact || fact in facts) continue;
    facts[fact] = l.level;
    const day = l.submittedAt ? shanghaiDay(l.submittedAt) : "";
    origins[fact] = { source: "assessment", sourceText: `最近一次提交的评估（${day}）` };
  }
  return { enterpriseId: e.id, districtCode: e.districtCode, facts, origins };
}

export async function buildEnterpriseFacts(
  db: Executor,
  enterpriseId: string,
): Promise<EnterpriseFacts | null> {
  const [e] = await db
    .select(enterpriseFactColumns)
    .from(enterprises)
    .where(eq(enterprises.id, enterpriseId));
  if (!e) return null;
  return factsOf(e, await latestLevels(db, [e.id]));
}
