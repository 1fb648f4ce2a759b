import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { enterpriseLadder, programmeStep } from "./ladder";
import { CATALOGUE, cert, external, NOW, SMART_FACTORY, subject } from "./test-support";
import type { TierSubject } from "./types";

const step = (s: TierSubject, at: Date = NOW) => programmeStep(SMART_FACTORY, s, at, CATALOGUE);

describe("enterpriseLadder", () => {
  it("one step per programme, in catalogue order", () => {
    expect(enterpriseLadder(CATALOGUE, subject(), NOW).map((s) => s.programmeName)).toEqual([
      "智能工厂",
      "数字化车间",
    ]);
  });

  it("nothing held: next is the lowest level with what it needs", () => {
    const s = step(subject());
    expect(s.held).toBeNull();
    expect(s.claimed).toBeNull();
    expect(s.next).toMatchObject({ level: "basic", levelName: "基础级", eligible: false });
    expect(s.next?.failures.map((f) => f.message)).toEqual([
      "最新提交的“智能工厂基础级自评估”需达到一级及以上（尚未提交）",
    ]);
  });

  it("valid 基础级: held since/until with 复核 date, next 先进级 eligible with the unconfirmed 规上 rule reported", () => {
    const s = step(subject({ certifications: [cert()] }));
    expect(s.held).toEqual({
      level: "basic",
      levelName: "基础级",
      since: "2024-01-01",
      until: "2026-12-31",
      state: "valid",
      certificateNo: "TJZN-2024-001",
      reviewDue: "2026-10-02",
    });
    expect(s.next?.level).toBe("advanced");
    expect(s.next?.eligible).toBe(true);
    expect(s.next?.unconfirmed.map((u) => [u.outcome, u.message])).toEqual([
      ["unknown", "尚未提供规上企业，无法判断是否为“是”"],
    ]);
  });

  it("the highest valid level is held; next 卓越级 names CMMM and 规上", () => {
    const s = step(
      subject({
        certifications: [cert(), cert({ level: "advanced", validFrom: "2025-03-01", validTo: "2028-02-29" })],
        externalCertificates: [external({ level: 2 })],
        facts: { aboveScale: false },
      }),
    );
    expect(s.held?.level).toBe("advanced");
    expect(s.next?.failures.map((f) => f.message)).toEqual([
      "需CMMM成熟度三级及以上有效证书（现有证书为二级）",
      "规上企业：否（需为“是”）",
    ]);
  });

  it("a renewal after 复核 continues the run: since is the first start", () => {
    const s = step(
      subject({
        certifications: [
          cert({ validFrom: "2020-01-01", validTo: "2022-12-31", certificateNo: "A" }),
          cert({ validFrom: "2023-01-01", validTo: "2025-12-31", certificateNo: "B" }),
          cert({ validFrom: "2026-01-01", validTo: "2028-12-31", certificateNo: "C" }),
        ],
      }),
    );
    expect(s.held).toMatchObject({ since: "2020-01-01", until: "2028-12-31", certificateNo: "C" });
  });

  it("a gap in validity starts a new run", () => {
    const s = step(
      subject({
        certifications: [
          cert({ validFrom: "2020-01-01", validTo: "2022-12-31" }),
          cert({ validFrom: "2023-02-01", validTo: "2026-12-31" }),
        ],
      }),
    );
    expect(s.held?.since).toBe("2023-02-01");
  });

  it("only expired: shown with its state; next is the lowest level again", () => {
    const s = step(subject({ certifications: [cert({ level: "advanced", validTo: "2026-05-31" })] }));
    expect(s.held).toMatchObject({ level: "advanced", state: "expired", until: "2026-05-31" });
    expect(s.next?.level).toBe("basic");
  });

  it("expiry is judged in Shanghai: 23:59 +08 valid, 00:00 +08 expired", () => {
    const s = subject({ certifications: [cert({ validTo: "2026-05-31" })] });
    expect(step(s, new Date("2026-05-31T23:59:00+08:00")).held?.state).toBe("valid");
    expect(step(s, new Date("2026-06-01T00:00:00+08:00")).held?.state).toBe("expired");
  });

  it("the top level held: no next", () => {
    const s = step(subject({ certifications: [cert({ level: "leading", validTo: null })] }));
    expect(s.held).toMatchObject({ level: "leading", until: null, reviewDue: null });
    expect(s.next).toBeNull();
  });

  it("a claim is not held but shown as claimed", () => {
    const s = step(
      subject({ certifications: [cert({ level: "advanced", source: "claim", certificateNo: null })] }),
    );
    expect(s.held).toBeNull();
    expect(s.claimed).toEqual({ level: "advanced", levelName: "先进级" });
  });
});

const certArb = fc
  .record({
    level: fc.constantFrom("basic", "advanced", "excellent", "leading"),
    status: fc.constantFrom("valid" as const, "revoked" as const, "suspended" as const),
    validFrom: fc.constantFrom("2020-01-01", "2023-01-01", "2026-01-01", "2026-07-01"),
    validTo: fc.constantFrom("2022-12-31", "2025-12-31", "2026-05-31", "2028-12-31", null),
    source: fc.constantFrom("round" as const, "imported" as const, "claim" as const),
  })
  .filter((c) => c.validTo === null || c.validFrom <= c.validTo)
  .map((p) => cert(p));

describe("ladder properties", () => {
  it("held valid ⇒ next is the level right above it; held level is never below a valid certification", () => {
    fc.assert(
      fc.property(fc.array(certArb, { maxLength: 5 }), (certs) => {
        const s = step(subject({ certifications: certs }));
        const order = SMART_FACTORY.levels.map((l) => l.code);
        const validLevels = certs
          .filter(
            (c) =>
              c.source !== "claim" &&
              c.status === "valid" &&
              c.validFrom <= "2026-06-01" &&
              (c.validTo ?? "9999") >= "2026-06-01",
          )
          .map((c) => order.indexOf(c.level));
        const top = validLevels.length === 0 ? -1 : Math.max(...validLevels);
        if (top >= 0) {
          expect(s.held?.state).toBe("valid");
          expect(order.indexOf(s.held?.level ?? "")).toBe(top);
        } else expect(s.held === null || s.held.state !== "valid").toBe(true);
        expect(s.next?.level ?? null).toBe(order[top + 1] ?? null);
        if (s.held) expect(s.held.since <= (s.held.until ?? "9999-12-31")).toBe(true);
      }),
    );
  });
});
