import type { Programme, ProgrammeLevel } from "@dxcenter/contracts";
import { assessments, certifications, type Executor, instruments } from "@dxcenter/db";
import {
  type Certification,
  type ExternalCertificate,
  type ExternalScheme,
  evaluatePrerequisites,
  type Facts,
  type Prerequisite,
  type TierCatalogue,
  type ProgrammeDefinition as TierProgramme,
  type TierSubject,
} from "@dxcenter/domain";
import { and, eq, sql } from "drizzle-orm";
import { shanghaiDay } from "../../lib/dates";
import { buildEnterpriseFacts } from "../policies/enterprise-facts";
import { currentProgrammes } from "./programme-loader";

/**
 * The bridge between the programme data files and the domain's prerequisite evaluation: programmes
 * as the domain reads them (external programmes CMMM/DCMM/两化融合 become the domain's external
 * schemes), one enterprise as a TierSubject (its certifications, recorded external certificates,
 * latest submitted assessment per instrument and registry facts), and a level's prerequisites
 * evaluated with the exact Chinese reasons.
 */

/** Programme id of an external scheme → the domain's scheme. */
const EXTERNAL_SCHEME_OF: Readonly<Record<string, ExternalScheme>> = {
  cmmm: "cmmm",
  dcmm: "dcmm",
  iitm: "itf",
};

const ISSUER: Record<ProgrammeLevel["issuingLevel"], TierProgramme["levels"][number]["issuingLevel"]> = {
  enterprise_self: "city",
  district: "district",
  city: "city",
  province: "province",
  national: "national",
  certification_body: "national",
};

/** A data-file prerequisite as the domain evaluates it; declarations are the reviewers' (null). */
export function domainPrerequisite(p: ProgrammeLevel["prerequisites"][number]): Prerequisite | null {
  const base = {
    confirmed: p.confirmed,
    ...(p.source ? { source: `${p.source.file}:${p.source.line}` } : {}),
  };
  const c = p.condition;
  switch (c.type) {
    case "certification": {
      const scheme = EXTERNAL_SCHEME_OF[c.programme];
      if (scheme) {
        const rank = Number(c.minLevel.replace(/^level-/, ""));
        return {
          ...base,
          kind: "external",
          scheme,
          ...(Number.isInteger(rank) && rank > 0 ? { minLevel: rank } : {}),
        };
      }
      return { ...base, kind: "holds", programme: c.programme, minLevel: c.minLevel };
    }
    case "assessment":
      return { ...base, kind: "assessment", instrumentId: c.instrument, minLevel: c.minLevel };
    case "registry":
      return {
        ...base,
        kind: "fact",
        condition:
          c.fact === "aboveScale"
            ? { op: "=", fact: "aboveScale", value: true }
            : { op: "in", fact: "size", values: ["medium", "small", "micro"] },
      };
    case "declaration":
      return null;
  }
}

export function domainProgramme(p: Programme): TierProgramme {
  return {
    id: p.id,
    name: p.name,
    levels: p.levels.map((l) => ({
      code: l.id,
      name: l.name,
      issuingLevel: ISSUER[l.issuingLevel],
      prerequisites: l.prerequisites.map(domainPrerequisite).filter((x): x is Prerequisite => x !== null),
      validityYears: l.validity.years,
    })),
  };
}

export async function tierCatalogue(
  db: Executor,
): Promise<{ programmes: Programme[]; catalogue: TierCatalogue }> {
  const programmes = await currentProgrammes(db);
  const names = await db
    .select({ id: instruments.id, name: instruments.name })
    .from(instruments)
    .where(eq(instruments.current, true));
  return {
    programmes,
    catalogue: {
      programmes: programmes.map(domainProgramme),
      instrumentNames: Object.fromEntries(names.map((n) => [n.id, n.name])),
    },
  };
}

/** Everything prerequisites read about one enterprise. */
export async function loadTierSubject(db: Executor, enterpriseId: string): Promise<TierSubject> {
  const rows = await db.select().from(certifications).where(eq(certifications.enterpriseId, enterpriseId));
  const certs: Certification[] = [];
  const external: ExternalCertificate[] = [];
  for (const r of rows) {
    const scheme = EXTERNAL_SCHEME_OF[r.programmeId];
    if (scheme) {
      if (r.source !== "claim")
        external.push({
          scheme,
          level: r.levelRank,
          body: r.issuingBody,
          certificateNo: r.certificateNo ?? "",
          status: r.status,
          validFrom: r.validFrom,
          validTo: r.validTo,
        });
    } else
      certs.push({
        programme: r.programmeId,
        level: r.levelId,
        status: r.status,
        validFrom: r.validFrom,
        validTo: r.validTo,
        certificateNo: r.certificateNo,
        source: r.source,
      });
  }
  const latest = await db
    .selectDistinctOn([assessments.instrumentId], {
      instrumentId: assessments.instrumentId,
      level: assessments.level,
      submittedAt: assessments.submittedAt,
    })
    .from(assessments)
    .where(and(eq(assessments.enterpriseId, enterpriseId), eq(assessments.status, "submitted")))
    .orderBy(assessments.instrumentId, sql`${assessments.submittedAt} desc`);
  const facts: Facts = (await buildEnterpriseFacts(db, enterpriseId))?.facts ?? {};
  return {
    certifications: certs,
    externalCertificates: external,
    assessments: latest.flatMap((a) =>
      a.submittedAt
        ? [{ instrumentId: a.instrumentId, level: a.level ?? 0, submittedOn: shanghaiDay(a.submittedAt) }]
        : [],
    ),
    facts,
  };
}

export interface LevelFinding {
  outcome: "pass" | "fail" | "unknown";
  message: string;
  confirmed: boolean;
}

/**
 * A level's prerequisites for the subject today: eligible when no confirmed one fails; every
 * confirmed failure and every unconfirmed outcome, in Chinese. Declarations are not listed here
 * (the applicant affirms them on the form).
 */
export function evaluateLevel(
  level: ProgrammeLevel,
  subject: TierSubject,
  catalogue: TierCatalogue,
  asOf = new Date(),
): { eligible: boolean; findings: LevelFinding[] } {
  const prereqs = level.prerequisites.map(domainPrerequisite).filter((x): x is Prerequisite => x !== null);
  const r = evaluatePrerequisites(prereqs, subject, asOf, catalogue);
  const findings: LevelFinding[] = [
    ...r.failures.map((f) => ({ outcome: f.outcome, message: f.message, confirmed: true })),
    ...r.unconfirmed.map((f) => ({ outcome: f.outcome, message: f.message, confirmed: false })),
  ];
  return { eligible: r.eligible, findings };
}
