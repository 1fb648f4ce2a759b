import { describe, expect, it } from "vitest";
import {
  canRequestDiagnosis,
  DIAGNOSIS_STATUSES,
  type DiagnosisFacts,
  type DiagnosisPermissions,
  type DiagnosisStatus,
  diagnosisPermissions,
  diagnosisReadScope,
} from "./diagnosis-access";
import type { Actor } from "./roles";

const ENT = "e-1";
const BINHAI = "120116";
const city: Actor = { id: "u-city", role: "city_admin", districtCode: null, enterpriseId: null };
const district: Actor = { id: "u-d", role: "district_admin", districtCode: BINHAI, enterpriseId: null };
const otherDistrict: Actor = {
  id: "u-d2",
  role: "district_admin",
  districtCode: "120101",
  enterpriseId: null,
};
const enterprise: Actor = { id: "u-e", role: "enterprise", districtCode: null, enterpriseId: ENT };
const otherEnterprise: Actor = { id: "u-e2", role: "enterprise", districtCode: null, enterpriseId: "e-2" };
const provider: Actor = { id: "u-p", role: "provider", districtCode: null, enterpriseId: null };
const expert: Actor = { id: "u-x", role: "expert", districtCode: null, enterpriseId: null };
const strangerExpert: Actor = { id: "u-x2", role: "expert", districtCode: null, enterpriseId: null };
const department: Actor = { id: "u-dep", role: "department", districtCode: null, enterpriseId: null };

const facts = (status: DiagnosisStatus, team = ["u-p", "u-x"]): DiagnosisFacts => ({
  enterpriseId: ENT,
  districtCode: BINHAI,
  status,
  teamUserIds: team,
});

type Flags = Omit<DiagnosisPermissions, "read">;
const none: Flags = {
  schedule: false,
  assign: false,
  start: false,
  record: false,
  close: false,
  cancel: false,
};

// What the bureau may do in each status (team assigned).
const BUREAU: Record<DiagnosisStatus, Flags> = {
  requested: { ...none, schedule: true, assign: true, cancel: true },
  scheduled: { ...none, schedule: true, assign: true, start: true, cancel: true },
  in_progress: { ...none, assign: true, record: true, cancel: true },
  verified: { ...none, close: true },
  closed: none,
  cancelled: none,
};
const TEAM: Record<DiagnosisStatus, Flags> = {
  requested: none,
  scheduled: { ...none, start: true },
  in_progress: { ...none, record: true },
  verified: { ...none, close: true },
  closed: none,
  cancelled: none,
};
const OWN: Record<DiagnosisStatus, Flags> = {
  requested: { ...none, cancel: true },
  scheduled: none,
  in_progress: none,
  verified: none,
  closed: none,
  cancelled: none,
};

describe("diagnosisPermissions", () => {
  for (const status of DIAGNOSIS_STATUSES) {
    it(`${status}: bureau, team and the enterprise get exactly their actions`, () => {
      for (const a of [city, district])
        expect(diagnosisPermissions(a, facts(status))).toEqual({ read: true, ...BUREAU[status] });
      for (const a of [provider, expert])
        expect(diagnosisPermissions(a, facts(status))).toEqual({ read: true, ...TEAM[status] });
      expect(diagnosisPermissions(enterprise, facts(status))).toEqual({ read: true, ...OWN[status] });
    });
    it(`${status}: outsiders see nothing`, () => {
      for (const a of [otherDistrict, otherEnterprise, strangerExpert, department])
        expect(diagnosisPermissions(a, facts(status))).toEqual({ read: false, ...none });
    });
  }
  it("an on-site visit cannot start without a team", () => {
    expect(diagnosisPermissions(district, facts("scheduled", [])).start).toBe(false);
  });
  it("a district account without a district is nobody's bureau", () => {
    const unbound: Actor = { ...district, districtCode: null };
    expect(diagnosisPermissions(unbound, facts("requested")).read).toBe(false);
  });
});

describe("canRequestDiagnosis / diagnosisReadScope", () => {
  const ent = { id: ENT, districtCode: BINHAI };
  it.each([
    [city, true],
    [district, true],
    [otherDistrict, false],
    [enterprise, true],
    [otherEnterprise, false],
    [provider, false],
    [expert, false],
    [department, false],
  ] as const)("%o may request: %s", (actor, expected) => {
    expect(canRequestDiagnosis(actor, ent)).toBe(expected);
  });
  it("team roles list only their assignments; others follow the registry scope", () => {
    expect(diagnosisReadScope(provider)).toEqual({ kind: "team", userId: "u-p" });
    expect(diagnosisReadScope(district)).toEqual({ kind: "district", districtCode: BINHAI });
    expect(diagnosisReadScope(department)).toEqual({ kind: "none" });
  });
});
