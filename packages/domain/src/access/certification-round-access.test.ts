import { describe, expect, it } from "vitest";
import {
  type CertApplicationFacts,
  certApplicationPermissions,
  mayApply,
  type RoundFacts,
  roundPermissions,
} from "./certification-round-access";
import type { Actor, Role } from "./roles";

const a = (role: Role, districtCode: string | null = null, enterpriseId: string | null = null): Actor => ({
  id: "u",
  role,
  districtCode,
  enterpriseId,
});
const city = a("city_admin");
const binhai = a("district_admin", "120116");
const heping = a("district_admin", "120101");
const ent = a("enterprise", null, "e1");

describe("round workflow", () => {
  const f = (over: Partial<RoundFacts>): RoundFacts => ({
    status: "open",
    allDecided: true,
    noticeEnded: false,
    openObjections: 0,
    ...over,
  });
  it.each([
    ["open", f({}), { close: true, publish: false, recognise: false }],
    [
      "reviewing, undecided",
      f({ status: "reviewing", allDecided: false }),
      { close: false, publish: false, recognise: false },
    ],
    ["reviewing, decided", f({ status: "reviewing" }), { close: false, publish: true, recognise: false }],
    ["notice running", f({ status: "in_notice" }), { close: false, publish: false, recognise: false }],
    [
      "notice ended, objection open",
      f({ status: "in_notice", noticeEnded: true, openObjections: 1 }),
      { close: false, publish: false, recognise: false },
    ],
    [
      "notice ended",
      f({ status: "in_notice", noticeEnded: true }),
      { close: false, publish: false, recognise: true },
    ],
  ] as const)("city, %s", (_n, facts, expected) => {
    expect(roundPermissions(city, facts)).toEqual(expected);
    expect(roundPermissions(binhai, facts)).toEqual({ close: false, publish: false, recognise: false });
  });
});

describe("application workflow", () => {
  const f = (
    status: CertApplicationFacts["status"],
    roundStatus: CertApplicationFacts["roundStatus"],
  ): CertApplicationFacts => ({
    status,
    districtCode: "120116",
    roundStatus,
  });
  it.each([
    [
      "its district, submitted, open round",
      binhai,
      f("submitted", "open"),
      { recommend: true, return: true, approve: false, reject: false },
    ],
    [
      "another district",
      heping,
      f("submitted", "open"),
      { recommend: false, return: false, approve: false, reject: false },
    ],
    [
      "its district, recommended, in review",
      binhai,
      f("recommended", "reviewing"),
      { recommend: false, return: true, approve: false, reject: false },
    ],
    [
      "its district, round in notice",
      binhai,
      f("submitted", "in_notice"),
      { recommend: false, return: false, approve: false, reject: false },
    ],
    [
      "city, recommended, in review",
      city,
      f("recommended", "reviewing"),
      { recommend: false, return: false, approve: true, reject: true },
    ],
    [
      "city, recommended, round still open",
      city,
      f("recommended", "open"),
      { recommend: false, return: false, approve: false, reject: false },
    ],
    [
      "city, approved",
      city,
      f("approved", "reviewing"),
      { recommend: false, return: false, approve: false, reject: false },
    ],
    [
      "enterprise",
      ent,
      f("submitted", "open"),
      { recommend: false, return: false, approve: false, reject: false },
    ],
  ] as const)("%s", (_n, actor, facts, expected) => {
    expect(certApplicationPermissions(actor, facts)).toEqual(expected);
  });
  it("only an enterprise account applies, and only while the round is open", () => {
    expect(mayApply(ent, "open")).toBe(true);
    expect(mayApply(ent, "reviewing")).toBe(false);
    expect(mayApply(binhai, "open")).toBe(false);
  });
});
