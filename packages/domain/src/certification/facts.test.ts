import { describe, expect, it } from "vitest";
import { certificationFacts, checkLevelApplication, heldLevel } from "./facts";
import { CATALOGUE, cert, DIGITAL_WORKSHOP, external, NOW, SMART_FACTORY, subject } from "./test-support";
import type { ProgrammeDefinition, TierCatalogue } from "./types";

const SRDI: ProgrammeDefinition = {
  id: "srdi",
  name: "专精特新",
  levelFact: { fact: "srdiTier", none: "none" },
  levels: [
    {
      code: "innovative_sme",
      name: "创新型中小企业",
      issuingLevel: "province",
      validityYears: 3,
      prerequisites: [],
    },
    {
      code: "srdi_sme",
      name: "专精特新中小企业",
      issuingLevel: "province",
      validityYears: 3,
      prerequisites: [],
    },
    {
      code: "little_giant",
      name: "专精特新“小巨人”",
      issuingLevel: "national",
      validityYears: 3,
      prerequisites: [],
    },
  ],
};
const FULL: TierCatalogue = {
  ...CATALOGUE,
  programmes: [
    { ...SMART_FACTORY, policyFactKey: "smart_factory" },
    { ...DIGITAL_WORKSHOP, policyFactKey: "digital_workshop" },
    SRDI,
  ],
};

describe("heldLevel", () => {
  it("the highest valid level; expired, revoked and claimed ones do not count", () => {
    const s = subject({
      certifications: [
        cert(),
        cert({ level: "advanced", validTo: "2026-05-31" }),
        cert({ level: "excellent", status: "revoked" }),
        cert({ level: "leading", source: "claim" }),
      ],
    });
    expect(heldLevel(SMART_FACTORY, s, NOW)).toBe("basic");
    expect(heldLevel(SMART_FACTORY, s, new Date("2026-05-31T15:59:00Z"))).toBe("advanced");
    expect(heldLevel(SMART_FACTORY, subject(), NOW)).toBeNull();
  });
});

describe("certificationFacts", () => {
  it("derives the policy engine's certification facts from valid records only", () => {
    const s = subject({
      certifications: [
        cert(),
        cert({ programme: "digital-workshop", level: "city", validTo: "2026-05-31" }),
        cert({ programme: "srdi", level: "srdi_sme" }),
        cert({ programme: "srdi", level: "little_giant", source: "claim" }),
      ],
      externalCertificates: [
        external({ scheme: "cmmm", level: 3 }),
        external({ scheme: "cmmm", level: 4, status: "revoked" }),
        external({ scheme: "dcmm", level: 2, validTo: "2026-01-31" }),
        external({ scheme: "itf", level: 3 }),
      ],
    });
    expect(certificationFacts(FULL, s, NOW)).toEqual({
      certifications: ["smart_factory", "itf_aaa"],
      srdiTier: "srdi_sme",
      cmmmLevel: 3,
      dcmmLevel: 0,
      itfCertified: true,
    });
  });

  it("nothing recorded: empty set, levels 0, srdiTier none", () => {
    expect(certificationFacts(FULL, subject(), NOW)).toEqual({
      certifications: [],
      srdiTier: "none",
      cmmmLevel: 0,
      dcmmLevel: 0,
      itfCertified: false,
    });
  });

  it("an expiry at 00:00 +08 removes the fact at once", () => {
    const s = subject({ certifications: [cert({ validTo: "2026-05-31" })] });
    expect(certificationFacts(FULL, s, new Date("2026-05-31T23:59:59+08:00")).certifications).toEqual([
      "smart_factory",
    ]);
    expect(certificationFacts(FULL, s, new Date("2026-06-01T00:00:00+08:00")).certifications).toEqual([]);
  });
});

describe("checkLevelApplication", () => {
  it("refuses a missing prerequisite with its reason", () => {
    const r = checkLevelApplication(CATALOGUE, "smart-factory", "advanced", subject(), NOW);
    expect(r.eligible).toBe(false);
    expect(r.alreadyHeld).toBeNull();
    expect(r.failures.map((f) => f.message)).toEqual(["需持有有效的智能工厂（基础级）认定"]);
  });

  it("accepts with the prerequisites met", () => {
    const r = checkLevelApplication(
      CATALOGUE,
      "smart-factory",
      "advanced",
      subject({ certifications: [cert()] }),
      NOW,
    );
    expect(r).toMatchObject({ eligible: true, alreadyHeld: null, failures: [] });
  });

  it("refuses an enterprise that already holds the level or a higher one", () => {
    const s = subject({ certifications: [cert(), cert({ level: "excellent", validTo: "2027-06-30" })] });
    const r = checkLevelApplication(CATALOGUE, "smart-factory", "advanced", s, NOW);
    expect(r.eligible).toBe(false);
    expect(r.alreadyHeld).toBe("已持有有效的智能工厂（卓越级）认定，有效期至2027-06-30，无需申报先进级");
  });

  it("an expired holder may apply again", () => {
    const s = subject({ certifications: [cert(), cert({ level: "advanced", validTo: "2026-05-31" })] });
    expect(checkLevelApplication(CATALOGUE, "smart-factory", "advanced", s, NOW).eligible).toBe(true);
  });

  it("throws for an undefined level", () => {
    expect(() => checkLevelApplication(CATALOGUE, "smart-factory", "gold", subject(), NOW)).toThrow(
      RangeError,
    );
  });
});
