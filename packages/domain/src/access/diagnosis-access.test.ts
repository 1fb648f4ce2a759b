import { describe, expect, it } from "vitest";
import {
  cancelStepOf,
  canRequestDiagnosis,
  DIAGNOSIS_STATUSES,
  DIAGNOSIS_STEPS,
  type DiagnosisFacts,
  type DiagnosisPermissions,
  type DiagnosisStatus,
  type DiagnosisStep,
  diagnosisPermissions,
  diagnosisReadScope,
  diagnosisWorkflow,
} from "./diagnosis-access";
import type { Actor } from "./roles";
import {
  BINHAI,
  city,
  department,
  district,
  ENT,
  enterprise,
  expert,
  otherDistrict,
  otherEnterprise,
  provider,
  strangerExpert,
} from "./test-actors";
import { decideStep, type StepDecision } from "./workflow";

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

// The workflow table, step by step: ok = allowed, 403 = never this actor's step, 409 = not in this status.
type Outcome = "ok" | 403 | 409;
const decision: Record<Outcome, StepDecision> = {
  ok: { ok: true },
  403: { ok: false, refusal: "role" },
  409: { ok: false, refusal: "status" },
};
const F = 403 as const;
//                                   requested scheduled in_progress verified closed cancelled
const EXPECTED: Record<"bureau" | "team" | "own", Record<DiagnosisStep, Outcome[]>> = {
  bureau: {
    schedule: ["ok", "ok", 409, 409, 409, 409],
    assign: ["ok", "ok", "ok", 409, 409, 409],
    start: [409, "ok", 409, 409, 409, 409],
    record: [409, 409, "ok", 409, 409, 409],
    close: [409, 409, 409, "ok", 409, 409],
    cancel: ["ok", "ok", "ok", 409, 409, 409],
    withdraw: [F, F, F, F, F, F],
  },
  team: {
    schedule: [F, F, F, F, F, F],
    assign: [F, F, F, F, F, F],
    start: [409, "ok", 409, 409, 409, 409],
    record: [409, 409, "ok", 409, 409, 409],
    close: [409, 409, 409, "ok", 409, 409],
    cancel: [F, F, F, F, F, F],
    withdraw: [F, F, F, F, F, F],
  },
  own: {
    schedule: [F, F, F, F, F, F],
    assign: [F, F, F, F, F, F],
    start: [F, F, F, F, F, F],
    record: [F, F, F, F, F, F],
    close: [F, F, F, F, F, F],
    cancel: [F, F, F, F, F, F],
    withdraw: ["ok", 409, 409, 409, 409, 409],
  },
};
const GROUPS = {
  bureau: [city, district],
  team: [provider, expert],
  own: [enterprise],
} as const;
const rows = Object.entries(GROUPS).flatMap(([group, actors]) =>
  actors.flatMap((actor) =>
    DIAGNOSIS_STEPS.flatMap((step) =>
      DIAGNOSIS_STATUSES.map((status, i) => {
        const outcome = EXPECTED[group as keyof typeof GROUPS][step][i]!;
        return [`${actor.role} ${step} in ${status}: ${outcome}`, actor, status, step, outcome] as const;
      }),
    ),
  ),
);
const outsiders = [otherDistrict, otherEnterprise, strangerExpert, department].flatMap((actor) =>
  DIAGNOSIS_STEPS.flatMap((step) =>
    DIAGNOSIS_STATUSES.map(
      (status) => [`outsider ${actor.id} ${step} in ${status}: 403`, actor, status, step, F] as const,
    ),
  ),
);

describe("diagnosisWorkflow", () => {
  it.each([...rows, ...outsiders])("%s", (_name, actor, status, step, outcome) => {
    expect(decideStep(diagnosisWorkflow, actor, facts(status), step)).toEqual(decision[outcome]);
  });
  it("start without a team is a 409 for the bureau, whatever the status", () => {
    for (const status of DIAGNOSIS_STATUSES)
      expect(decideStep(diagnosisWorkflow, district, facts(status, []), "start")).toEqual(decision[409]);
  });
  it("the enterprise's cancel is a withdrawal; everyone else's a cancellation", () => {
    expect(cancelStepOf(enterprise)).toBe("withdraw");
    for (const a of [city, district, provider, expert, department]) expect(cancelStepOf(a)).toBe("cancel");
  });
});

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
