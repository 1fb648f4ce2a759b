import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Condition } from "../policy/policy";
import { evaluatePrerequisites, externalLevelText } from "./prerequisites";
import { CATALOGUE, cert, external, holds, NOW, subject } from "./test-support";
import type { Prerequisite, TierSubject } from "./types";

const evalOne = (p: Prerequisite, s: TierSubject, at: Date = NOW) =>
  evaluatePrerequisites([p], s, at, CATALOGUE);

describe("evaluatePrerequisites golden table", () => {
  const cases: [string, Prerequisite, TierSubject, string | null][] = [
    ["valid 基础级 held", holds("basic"), subject({ certifications: [cert()] }), null],
    [
      "a higher level counts",
      holds("basic"),
      subject({ certifications: [cert({ level: "advanced" })] }),
      null,
    ],
    ["nothing held", holds("basic"), subject(), "需持有有效的智能工厂（基础级）认定"],
    [
      "expired",
      holds("basic"),
      subject({ certifications: [cert({ validTo: "2025-12-31" })] }),
      "需持有有效的智能工厂（基础级）认定（现有认定已于2025-12-31到期）",
    ],
    [
      "revoked",
      holds("basic"),
      subject({ certifications: [cert({ status: "revoked" })] }),
      "需持有有效的智能工厂（基础级）认定（现有认定已被撤销）",
    ],
    [
      "suspended",
      holds("basic"),
      subject({ certifications: [cert({ status: "suspended" })] }),
      "需持有有效的智能工厂（基础级）认定（现有认定已暂停）",
    ],
    [
      "not yet valid",
      holds("basic"),
      subject({ certifications: [cert({ validFrom: "2026-07-01" })] }),
      "需持有有效的智能工厂（基础级）认定（现有认定自2026-07-01起生效）",
    ],
    [
      "an unverified claim never counts",
      holds("basic"),
      subject({ certifications: [cert({ source: "claim", certificateNo: null })] }),
      "需持有有效的智能工厂（基础级）认定（企业自报的认定尚待区级确认）",
    ],
    [
      "a middle level says 及以上 and names what is held",
      holds("advanced"),
      subject({ certifications: [cert()] }),
      "需持有有效的智能工厂（先进级及以上）认定（现持有基础级）",
    ],
    [
      "expired higher level named",
      holds("advanced"),
      subject({ certifications: [cert(), cert({ level: "excellent", validTo: "2026-03-31" })] }),
      "需持有有效的智能工厂（先进级及以上）认定（现有卓越级认定已于2026-03-31到期）",
    ],
    ["the top level has no 及以上", holds("leading"), subject(), "需持有有效的智能工厂（领航级）认定"],
    ["any level", holds(), subject({ certifications: [cert({ level: "leading" })] }), null],
    ["any level, none", holds(), subject(), "需持有有效的智能工厂认定"],
    [
      "another programme does not count",
      holds("basic"),
      subject({ certifications: [cert({ programme: "digital-workshop", level: "city" })] }),
      "需持有有效的智能工厂（基础级）认定",
    ],
    [
      "CMMM ≥ 3 with a valid level-3 certificate",
      { kind: "external", scheme: "cmmm", minLevel: 3, confirmed: true },
      subject({ externalCertificates: [external()] }),
      null,
    ],
    [
      "CMMM ≥ 3 with level 2",
      { kind: "external", scheme: "cmmm", minLevel: 3, confirmed: true },
      subject({ externalCertificates: [external({ level: 2 })] }),
      "需CMMM成熟度三级及以上有效证书（现有证书为二级）",
    ],
    [
      "CMMM ≥ 3 expired",
      { kind: "external", scheme: "cmmm", minLevel: 3, confirmed: true },
      subject({ externalCertificates: [external({ level: 4, validTo: "2026-05-31" })] }),
      "需CMMM成熟度三级及以上有效证书（现有证书已于2026-05-31到期）",
    ],
    [
      "a DCMM certificate is not a CMMM one",
      { kind: "external", scheme: "cmmm", minLevel: 3, confirmed: true },
      subject({ externalCertificates: [external({ scheme: "dcmm", level: 5 })] }),
      "需CMMM成熟度三级及以上有效证书",
    ],
    [
      "DCMM without level",
      { kind: "external", scheme: "dcmm", confirmed: true },
      subject(),
      "需DCMM有效证书",
    ],
    [
      "两化融合 AA",
      { kind: "external", scheme: "itf", minLevel: 2, confirmed: true },
      subject({ externalCertificates: [external({ scheme: "itf", level: 1 })] }),
      "需两化融合管理体系贯标AA级及以上有效证书（现有证书为一级）",
    ],
    [
      "assessment not submitted",
      { kind: "assessment", instrumentId: "smart-factory-basic", minLevel: 1, confirmed: true },
      subject(),
      "最新提交的“智能工厂基础级自评估”需达到一级及以上（尚未提交）",
    ],
    [
      "the latest assessment decides, not the best",
      { kind: "assessment", instrumentId: "cmmm-gbt39116", minLevel: 2, confirmed: true },
      subject({
        assessments: [
          { instrumentId: "cmmm-gbt39116", level: 3, submittedOn: "2025-01-10" },
          { instrumentId: "cmmm-gbt39116", level: 1, levelName: "规划级", submittedOn: "2026-02-01" },
        ],
      }),
      "最新提交的“智能制造能力成熟度自评估”需达到二级及以上（2026-02-01提交的评估为一级（规划级））",
    ],
    [
      "an assessment submitted after asOf is not yet there",
      { kind: "assessment", instrumentId: "cmmm-gbt39116", minLevel: 2, confirmed: true },
      subject({
        assessments: [
          { instrumentId: "cmmm-gbt39116", level: 2, submittedOn: "2026-01-10" },
          { instrumentId: "cmmm-gbt39116", level: 0, submittedOn: "2026-06-02" },
        ],
      }),
      null,
    ],
    [
      "level 0",
      { kind: "assessment", instrumentId: "x-instrument", minLevel: 1, confirmed: true },
      subject({ assessments: [{ instrumentId: "x-instrument", level: 0, submittedOn: "2026-01-10" }] }),
      "最新提交的“x-instrument”需达到一级及以上（2026-01-10提交的评估未达到一级）",
    ],
    [
      "fact condition met",
      { kind: "fact", condition: { op: "=", fact: "aboveScale", value: true }, confirmed: true },
      subject({ facts: { aboveScale: true } }),
      null,
    ],
    [
      "fact condition failed, in the policy engine's words",
      { kind: "fact", condition: { op: "=", fact: "aboveScale", value: true }, confirmed: true },
      subject({ facts: { aboveScale: false } }),
      "规上企业：否（需为“是”）",
    ],
    [
      "fact not recorded",
      { kind: "fact", condition: { op: "=", fact: "aboveScale", value: true }, confirmed: true },
      subject(),
      "尚未提供规上企业，无法判断是否为“是”",
    ],
    [
      "all-of: each failing leaf named",
      {
        kind: "fact",
        condition: {
          op: "all",
          of: [
            { op: "=", fact: "aboveScale", value: true },
            { op: ">=", fact: "dcmmLevel", value: 3 },
            { op: "=", fact: "cloudAdopted", value: true },
          ],
        },
        confirmed: true,
      },
      subject({ facts: { aboveScale: false, dcmmLevel: 2, cloudAdopted: true } }),
      "规上企业：否（需为“是”）；DCMM 数据管理能力成熟度等级 2级（受管理级），低于 3级（稳健级）门槛（需 ≥ 3级（稳健级））",
    ],
  ];
  it.each(cases)("%s", (_name, p, s, message) => {
    const r = evalOne(p, s);
    expect(r.eligible).toBe(message === null);
    expect(r.failures.map((f) => f.message)).toEqual(message === null ? [] : [message]);
    expect(r.unconfirmed).toEqual([]);
  });

  it("an unknown fact is reported as unknown, a failing one as fail", () => {
    const p: Prerequisite = {
      kind: "fact",
      condition: { op: "=", fact: "aboveScale", value: true },
      confirmed: true,
    };
    expect(evalOne(p, subject()).failures[0]?.outcome).toBe("unknown");
    expect(evalOne(p, subject({ facts: { aboveScale: false } })).failures[0]?.outcome).toBe("fail");
  });

  it("validity is judged on the Shanghai day of asOf (23:59 and 00:00 +08)", () => {
    const s = subject({ certifications: [cert({ validTo: "2025-12-31" })] });
    expect(evalOne(holds("basic"), s, new Date("2025-12-31T15:59:59.999Z")).eligible).toBe(true);
    expect(evalOne(holds("basic"), s, new Date("2025-12-31T16:00:00.000Z")).eligible).toBe(false);
  });

  it("unconfirmed prerequisites never refuse; each is reported with its outcome", () => {
    const prereqs: Prerequisite[] = [
      holds("basic"),
      {
        kind: "fact",
        condition: { op: "=", fact: "aboveScale", value: true },
        confirmed: false,
        source: "市级规则",
      },
      { kind: "external", scheme: "cmmm", minLevel: 2, confirmed: false },
    ];
    const r = evaluatePrerequisites(
      prereqs,
      subject({ certifications: [cert()], externalCertificates: [external({ level: 2 })] }),
      NOW,
      CATALOGUE,
    );
    expect(r.eligible).toBe(true);
    expect(r.failures).toEqual([]);
    expect(r.unconfirmed.map((u) => [u.outcome, u.message])).toEqual([
      ["unknown", "尚未提供规上企业，无法判断是否为“是”"],
      ["pass", "需CMMM成熟度二级及以上有效证书"],
    ]);
  });

  it("failures keep the definition's order and name every missing prerequisite", () => {
    const excellent = CATALOGUE.programmes[0]?.levels[2]?.prerequisites ?? [];
    const r = evaluatePrerequisites(excellent, subject({ facts: { aboveScale: true } }), NOW, CATALOGUE);
    expect(r.failures.map((f) => f.message)).toEqual([
      "需持有有效的智能工厂（先进级及以上）认定",
      "需CMMM成熟度三级及以上有效证书",
    ]);
  });

  it("external level texts", () => {
    expect(externalLevelText("cmmm", 5)).toBe("CMMM成熟度五级");
    expect(externalLevelText("dcmm", 2)).toBe("DCMM成熟度二级及以上");
    expect(externalLevelText("itf", 3)).toBe("两化融合管理体系贯标AAA级");
    expect(externalLevelText("itf")).toBe("两化融合管理体系贯标");
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const dayArb = fc.constantFrom("2023-01-01", "2025-12-31", "2026-06-01", "2026-06-02", "2027-12-31");
const certArb = fc
  .record({
    level: fc.constantFrom("basic", "advanced", "excellent", "leading"),
    status: fc.constantFrom("valid" as const, "revoked" as const, "suspended" as const),
    validFrom: fc.constantFrom("2023-01-01", "2026-06-01", "2026-06-02"),
    validTo: fc.constantFrom("2025-12-31", "2026-06-01", "2027-12-31", null),
    source: fc.constantFrom("round" as const, "imported" as const, "claim" as const),
  })
  .map((p) => cert(p));
const externalArb = fc
  .record({
    scheme: fc.constantFrom("cmmm" as const, "dcmm" as const, "itf" as const),
    level: fc.integer({ min: 1, max: 5 }),
    status: fc.constantFrom("valid" as const, "revoked" as const),
    validTo: fc.constantFrom("2025-12-31", "2027-12-31", null),
  })
  .map((p) => external(p));
const subjectArb: fc.Arbitrary<TierSubject> = fc.record({
  certifications: fc.array(certArb, { maxLength: 4 }),
  externalCertificates: fc.array(externalArb, { maxLength: 3 }),
  assessments: fc.array(
    fc.record({
      instrumentId: fc.constantFrom("smart-factory-basic", "cmmm-gbt39116"),
      level: fc.integer({ min: 0, max: 5 }),
      submittedOn: dayArb,
    }),
    { maxLength: 3 },
  ),
  facts: fc.record(
    { aboveScale: fc.boolean(), dcmmLevel: fc.integer({ min: 0, max: 5 }) },
    { requiredKeys: [] },
  ),
});
const prereqArb: fc.Arbitrary<Prerequisite> = fc.oneof(
  fc
    .record({
      level: fc.option(fc.constantFrom("basic", "advanced", "excellent", "leading"), { nil: undefined }),
      confirmed: fc.boolean(),
    })
    .map(({ level, confirmed }) => holds(level, confirmed)),
  fc.record({
    kind: fc.constant("external" as const),
    scheme: fc.constantFrom("cmmm" as const, "dcmm" as const, "itf" as const),
    minLevel: fc.integer({ min: 1, max: 3 }),
    confirmed: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("assessment" as const),
    instrumentId: fc.constantFrom("smart-factory-basic", "cmmm-gbt39116"),
    minLevel: fc.integer({ min: 1, max: 4 }),
    confirmed: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("fact" as const),
    condition: fc.constantFrom(
      { op: "=" as const, fact: "aboveScale", value: true },
      { op: ">=" as const, fact: "dcmmLevel", value: 3 },
    ),
    confirmed: fc.boolean(),
  }),
);
const instantArb = fc
  .integer({ min: Date.UTC(2022, 0, 1), max: Date.UTC(2028, 0, 1) })
  .map((t) => new Date(t));

describe("evaluatePrerequisites properties", () => {
  it("eligible ⇔ no failures; failures are confirmed, unconfirmed are all the unconfirmed ones, with messages", () => {
    fc.assert(
      fc.property(fc.array(prereqArb, { maxLength: 6 }), subjectArb, instantArb, (ps, s, t) => {
        const r = evaluatePrerequisites(ps, s, t, CATALOGUE);
        expect(r.eligible).toBe(r.failures.length === 0);
        expect(r.failures.every((f) => f.prerequisite.confirmed && f.message.length > 0)).toBe(true);
        expect(r.unconfirmed.map((u) => u.prerequisite)).toEqual(ps.filter((p) => !p.confirmed));
        expect(r.failures.length).toBeLessThanOrEqual(ps.filter((p) => p.confirmed).length);
      }),
    );
  });

  it("marking a prerequisite unconfirmed never turns eligible into refused", () => {
    fc.assert(
      fc.property(fc.array(prereqArb, { maxLength: 6 }), subjectArb, instantArb, fc.nat(), (ps, s, t, k) => {
        if (ps.length === 0) return;
        const i = k % ps.length;
        const relaxed = ps.map((p, j) => (j === i ? { ...p, confirmed: false } : p));
        const before = evaluatePrerequisites(ps, s, t, CATALOGUE);
        const after = evaluatePrerequisites(relaxed, s, t, CATALOGUE);
        expect(after.failures.length).toBeLessThanOrEqual(before.failures.length);
        if (before.eligible) expect(after.eligible).toBe(true);
      }),
    );
  });

  it("adding a certification or certificate never adds a failure", () => {
    fc.assert(
      fc.property(
        fc.array(prereqArb, { maxLength: 6 }),
        subjectArb,
        certArb,
        externalArb,
        instantArb,
        (ps, s, c, e, t) => {
          const before = evaluatePrerequisites(ps, s, t, CATALOGUE);
          const more = {
            ...s,
            certifications: [...s.certifications, c],
            externalCertificates: [...s.externalCertificates, e],
          };
          const after = evaluatePrerequisites(ps, more, t, CATALOGUE);
          expect(after.failures.length).toBeLessThanOrEqual(before.failures.length);
        },
      ),
    );
  });
});

describe("fact prerequisites cache", () => {
  it("a shared condition (cached) answers exactly like a fresh copy (uncached), whatever the facts", () => {
    const condition = (): Condition => ({
      op: "any",
      of: [
        { op: "=", fact: "aboveScale", value: true },
        { op: ">=", fact: "dcmmLevel", value: 3 },
      ],
    });
    const shared: Prerequisite = { kind: "fact", condition: condition(), confirmed: true };
    const factsArb = fc.record(
      {
        aboveScale: fc.oneof(fc.boolean(), fc.constant(null), fc.constant("是")),
        dcmmLevel: fc.oneof(fc.integer({ min: -1, max: 6 }), fc.constant("3")),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(factsArb, (facts) => {
        const s = subject({ facts });
        const fresh = evalOne({ ...shared, condition: condition() }, s);
        expect(evalOne(shared, s)).toEqual({
          ...fresh,
          failures: fresh.failures.map((f) => ({ ...f, prerequisite: shared })),
        });
      }),
    );
  });
});
