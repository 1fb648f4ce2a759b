import { describe, expect, it } from "vitest";
import { AWARD_STATUSES } from "../statuses";
import {
  AWARD_STEPS,
  type AwardFacts,
  type AwardStep,
  awardPermissions,
  awardWorkflow,
} from "./award-access";
import type { Actor, Role } from "./roles";
import { decideStep } from "./workflow";

const BINHAI = "120116";
const HEPING = "120101";
const actor = (
  role: Role,
  districtCode: string | null = null,
  enterpriseId: string | null = null,
): Actor => ({
  id: `u-${role}-${districtCode ?? enterpriseId ?? ""}`,
  role,
  districtCode,
  enterpriseId,
});
/** The award belongs to enterprise E1 of 滨海新区. */
const award = (status: AwardFacts["status"]): AwardFacts => ({
  enterpriseId: "E1",
  districtCode: BINHAI,
  status,
});

const ACTORS = {
  city: actor("city_admin"),
  "district (own)": actor("district_admin", BINHAI),
  "district (other)": actor("district_admin", HEPING),
  "district (unbound)": actor("district_admin"),
  "enterprise (own)": actor("enterprise", null, "E1"),
  "enterprise (other)": actor("enterprise", null, "E2"),
  provider: actor("provider"),
  expert: actor("expert"),
  department: actor("department"),
};
type Who = keyof typeof ACTORS;

// One cell per status, in the order identified, district_confirmed, enterprise_confirmed, paid,
// declined, withdrawn: ✓ allowed, 403 never this actor's step, 409 this actor's step but not now.
const NEVER = "403 403 403 403 403 403";
const BUREAU = {
  districtConfirm: "✓ 409 409 409 409 409",
  enterpriseConfirm: NEVER,
  decline: NEVER,
  withdraw: "✓ ✓ 409 409 409 409",
};
const EXPECTED: Record<Who, Record<AwardStep, string>> = {
  city: { ...BUREAU, pay: "409 409 ✓ 409 409 409" },
  "district (own)": { ...BUREAU, pay: NEVER },
  "district (other)": {
    districtConfirm: NEVER,
    enterpriseConfirm: NEVER,
    decline: NEVER,
    withdraw: NEVER,
    pay: NEVER,
  },
  "district (unbound)": {
    districtConfirm: NEVER,
    enterpriseConfirm: NEVER,
    decline: NEVER,
    withdraw: NEVER,
    pay: NEVER,
  },
  "enterprise (own)": {
    districtConfirm: NEVER,
    enterpriseConfirm: "409 ✓ 409 409 409 409",
    decline: "409 ✓ ✓ 409 409 409",
    withdraw: NEVER,
    pay: NEVER,
  },
  "enterprise (other)": {
    districtConfirm: NEVER,
    enterpriseConfirm: NEVER,
    decline: NEVER,
    withdraw: NEVER,
    pay: NEVER,
  },
  provider: { districtConfirm: NEVER, enterpriseConfirm: NEVER, decline: NEVER, withdraw: NEVER, pay: NEVER },
  expert: { districtConfirm: NEVER, enterpriseConfirm: NEVER, decline: NEVER, withdraw: NEVER, pay: NEVER },
  department: {
    districtConfirm: NEVER,
    enterpriseConfirm: NEVER,
    decline: NEVER,
    withdraw: NEVER,
    pay: NEVER,
  },
};

const rows = (Object.keys(ACTORS) as Who[]).flatMap((who) =>
  AWARD_STEPS.flatMap((step) => {
    const cells = EXPECTED[who][step].split(" ");
    return AWARD_STATUSES.map((status, i) => [who, step, status, cells[i]!] as const);
  }),
);

describe("who may take which award step in which status", () => {
  it.each(rows)("%s → %s on %s: %s", (who, step, status, expected) => {
    const decision = decideStep(awardWorkflow, ACTORS[who], award(status), step);
    const got = decision.ok ? "✓" : decision.refusal === "role" ? "403" : "409";
    expect(got).toBe(expected);
  });

  it("the permissions the web gets are the table's allowed steps", () => {
    expect(awardPermissions(ACTORS["enterprise (own)"], award("district_confirmed"))).toEqual({
      districtConfirm: false,
      enterpriseConfirm: true,
      decline: true,
      withdraw: false,
      pay: false,
    });
    expect(awardPermissions(ACTORS.city, award("identified"))).toEqual({
      districtConfirm: true,
      enterpriseConfirm: false,
      decline: false,
      withdraw: true,
      pay: false,
    });
  });
});
