/** Fixtures for certification tests: a small programme catalogue and builders. */
import type {
  Certification,
  ExternalCertificate,
  Prerequisite,
  ProgrammeDefinition,
  TierCatalogue,
  TierSubject,
} from "./types";

export const SMART_FACTORY: ProgrammeDefinition = {
  id: "smart-factory",
  name: "智能工厂",
  levels: [
    {
      code: "basic",
      name: "基础级",
      issuingLevel: "city",
      validityYears: 3,
      prerequisites: [
        { kind: "assessment", instrumentId: "smart-factory-basic", minLevel: 1, confirmed: true },
      ],
    },
    {
      code: "advanced",
      name: "先进级",
      issuingLevel: "province",
      validityYears: 3,
      prerequisites: [
        { kind: "holds", programme: "smart-factory", minLevel: "basic", confirmed: true },
        { kind: "fact", condition: { op: "=", fact: "aboveScale", value: true }, confirmed: false },
      ],
    },
    {
      code: "excellent",
      name: "卓越级",
      issuingLevel: "national",
      validityYears: 3,
      prerequisites: [
        { kind: "holds", programme: "smart-factory", minLevel: "advanced", confirmed: true },
        { kind: "external", scheme: "cmmm", minLevel: 3, confirmed: true },
        { kind: "fact", condition: { op: "=", fact: "aboveScale", value: true }, confirmed: true },
      ],
    },
    {
      code: "leading",
      name: "领航级",
      issuingLevel: "national",
      validityYears: null,
      prerequisites: [{ kind: "holds", programme: "smart-factory", minLevel: "excellent", confirmed: true }],
    },
  ],
};

export const DIGITAL_WORKSHOP: ProgrammeDefinition = {
  id: "digital-workshop",
  name: "数字化车间",
  levels: [
    { code: "city", name: "市级数字化车间", issuingLevel: "city", validityYears: 3, prerequisites: [] },
  ],
};

export const CATALOGUE: TierCatalogue = {
  programmes: [SMART_FACTORY, DIGITAL_WORKSHOP],
  instrumentNames: {
    "smart-factory-basic": "智能工厂基础级自评估",
    "cmmm-gbt39116": "智能制造能力成熟度自评估",
  },
};

export const cert = (p: Partial<Certification> = {}): Certification => ({
  programme: "smart-factory",
  level: "basic",
  status: "valid",
  validFrom: "2024-01-01",
  validTo: "2026-12-31",
  certificateNo: "TJZN-2024-001",
  source: "round",
  ...p,
});

export const external = (p: Partial<ExternalCertificate> = {}): ExternalCertificate => ({
  scheme: "cmmm",
  level: 3,
  body: "测试评估机构",
  certificateNo: "CMMM-2025-0001",
  status: "valid",
  validFrom: "2025-01-01",
  validTo: "2027-12-31",
  ...p,
});

export const subject = (p: Partial<TierSubject> = {}): TierSubject => ({
  certifications: [],
  externalCertificates: [],
  assessments: [],
  facts: {},
  ...p,
});

/** 2026-06-01 12:00 in Shanghai. */
export const NOW = new Date("2026-06-01T04:00:00Z");

export const holds = (minLevel?: string, confirmed = true): Prerequisite => ({
  kind: "holds",
  programme: "smart-factory",
  ...(minLevel ? { minLevel } : {}),
  confirmed,
});
