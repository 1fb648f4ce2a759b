import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Certification } from "./types";
import {
  certificationStateOn,
  expiresWithin,
  isCertificationValidOn,
  isInReviewWindow,
  reviewDue,
  shanghaiDate,
} from "./validity";

const cert = (p: Partial<Certification> = {}): Certification => ({
  programme: "smart-factory",
  level: "advanced",
  status: "valid",
  validFrom: "2026-01-01",
  validTo: "2028-12-31",
  certificateNo: "ZN-2026-0001",
  source: "round",
  ...p,
});
const at = (iso: string) => new Date(iso);

describe("certificationStateOn: Asia/Shanghai day boundaries against UTC instants", () => {
  it.each([
    // validTo 2028-12-31 is valid through 23:59:59.999 +08 (15:59:59.999Z)
    ["2028-12-31T15:59:59.999Z", {}, "valid"],
    ["2028-12-31T23:59:00+08:00", {}, "valid"],
    ["2028-12-31T16:00:00.000Z", {}, "expired"],
    ["2029-01-01T00:00:00+08:00", {}, "expired"],
    // validFrom 2026-01-01 starts at 00:00 +08 (2025-12-31T16:00Z)
    ["2025-12-31T15:59:59.999Z", {}, "not_yet_valid"],
    ["2025-12-31T16:00:00.000Z", {}, "valid"],
    ["2026-01-01T00:00:00+08:00", {}, "valid"],
    // a UTC instant that is still the previous Shanghai day at 23:59 +08
    ["2026-06-30T15:59:00Z", { validTo: "2026-06-30" }, "valid"],
    ["2026-06-30T16:00:00Z", { validTo: "2026-06-30" }, "expired"],
    // no expiry
    ["2099-12-31T00:00:00Z", { validTo: null }, "valid"],
    // revoked and suspended win over dates
    ["2027-01-01T00:00:00Z", { status: "revoked" }, "revoked"],
    ["2030-01-01T00:00:00Z", { status: "revoked" }, "revoked"],
    ["2027-01-01T00:00:00Z", { status: "suspended" }, "suspended"],
    ["2020-01-01T00:00:00Z", { status: "suspended" }, "suspended"],
  ] as const)("%s %o → %s", (instant, patch, state) => {
    expect(certificationStateOn(cert(patch), at(instant))).toBe(state);
    expect(isCertificationValidOn(cert(patch), at(instant))).toBe(state === "valid");
  });

  it("refuses an invalid instant", () => {
    expect(() => shanghaiDate(new Date("nope"))).toThrow("无效的时间");
  });
});

describe("reviewDue and the 复核 window (90 days before validTo)", () => {
  it.each([
    ["2028-12-31", "2028-10-02"],
    ["2028-03-01", "2027-12-02"], // across 2028-02-29
    ["2027-03-01", "2026-12-01"], // across a 28-day February
    ["2026-01-15", "2025-10-17"],
  ])("validTo %s → 复核 opens %s", (validTo, due) => {
    expect(reviewDue(cert({ validTo }))).toBe(due);
  });

  it("a certification without expiry has no 复核 date and no window", () => {
    expect(reviewDue(cert({ validTo: null }))).toBeNull();
    expect(isInReviewWindow(cert({ validTo: null }), at("2028-12-01T00:00:00Z"))).toBe(false);
  });

  it.each([
    ["2028-10-01T15:59:59.999Z", {}, false], // 10-01 23:59 +08, the day before
    ["2028-10-01T16:00:00.000Z", {}, true], // 10-02 00:00 +08
    ["2028-12-31T15:59:59.999Z", {}, true], // last valid minute
    ["2028-12-31T16:00:00.000Z", {}, false], // expired
    ["2028-11-01T00:00:00Z", { status: "revoked" }, false],
    ["2028-11-01T00:00:00Z", { status: "suspended" }, true],
  ] as const)("%s %o → in window %s", (instant, patch, inWindow) => {
    expect(isInReviewWindow(cert(patch), at(instant))).toBe(inWindow);
  });
});

describe("expiresWithin", () => {
  it.each([
    ["2028-12-31T12:00:00+08:00", 0, true],
    ["2028-12-30T23:59:00+08:00", 0, false],
    ["2028-12-30T23:59:00+08:00", 1, true],
    ["2028-10-02T00:00:00+08:00", 90, true],
    ["2028-10-01T23:59:00+08:00", 90, false],
    ["2029-01-01T00:00:00+08:00", 365, false], // already expired
  ] as const)("at %s within %d days → %s", (instant, days, expected) => {
    expect(expiresWithin(cert(), days, at(instant))).toBe(expected);
  });

  it("never for a certification without expiry or one revoked", () => {
    expect(expiresWithin(cert({ validTo: null }), 10_000, at("2028-12-31T00:00:00Z"))).toBe(false);
    expect(expiresWithin(cert({ status: "revoked" }), 30, at("2028-12-20T00:00:00Z"))).toBe(false);
  });

  it("refuses a negative or fractional number of days", () => {
    expect(() => expiresWithin(cert(), -1, at("2028-12-20T00:00:00Z"))).toThrow("天数");
    expect(() => expiresWithin(cert(), 1.5, at("2028-12-20T00:00:00Z"))).toThrow("天数");
  });
});

// ---------------------------------------------------------------------------------------------
// Properties, against the platform's own time-zone database as an independent reference

const SHANGHAI = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const MIN = Date.UTC(2000, 0, 1);
const MAX = Date.UTC(2060, 0, 1);
const instant = fc.integer({ min: MIN, max: MAX }).map((t) => new Date(t));
const day = fc.integer({ min: MIN, max: MAX }).map((t) => new Date(t).toISOString().slice(0, 10));
const certArb = fc
  .record({
    status: fc.constantFrom("valid" as const, "revoked" as const, "suspended" as const),
    a: day,
    b: fc.option(day, { nil: null }),
  })
  .map(({ status, a, b }) => {
    const [from, to] = b !== null && b < a ? [b, a] : [a, b];
    return cert({ status, validFrom: from, validTo: to });
  });

describe("validity properties", () => {
  it("shanghaiDate agrees with Intl's Asia/Shanghai calendar day", () => {
    fc.assert(fc.property(instant, (t) => shanghaiDate(t) === SHANGHAI.format(t)));
  });

  it("valid exactly when not revoked/suspended and validFrom ≤ Shanghai day ≤ validTo", () => {
    fc.assert(
      fc.property(certArb, instant, (c, t) => {
        const d = SHANGHAI.format(t);
        const expected = c.status === "valid" && c.validFrom <= d && (c.validTo === null || d <= c.validTo);
        return (certificationStateOn(c, t) === "valid") === expected;
      }),
    );
  });

  it("expiresWithin is monotone in days and implies validity; the 复核 window of a valid one is within 90 days", () => {
    fc.assert(
      fc.property(certArb, instant, fc.nat(400), fc.nat(400), (c, t, x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        if (expiresWithin(c, lo, t) && !expiresWithin(c, hi, t)) return false;
        if (expiresWithin(c, hi, t) && certificationStateOn(c, t) !== "valid") return false;
        if (c.status === "valid" && isInReviewWindow(c, t) && !expiresWithin(c, 90, t)) return false;
        return true;
      }),
    );
  });
});
