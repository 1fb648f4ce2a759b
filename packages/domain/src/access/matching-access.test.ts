import { describe, expect, it } from "vitest";
import {
  canManageEventIn,
  canReadSolution,
  canRegisterForEvent,
  type DEMAND_STATUSES,
  DEMAND_WORKFLOW,
  demandReadScope,
  demandStepFor,
  EVENT_STATUSES,
  EVENT_WORKFLOW,
  eventReadScope,
  eventStepFor,
  isDemandOwner,
  LEAD_STATUSES,
  LEAD_STEP_INTO,
  LEAD_WORKFLOW,
  SOLUTION_STATUSES,
  SOLUTION_WORKFLOW,
  solutionStatusAllowed,
  solutionStepFor,
} from "./matching-access";
import type { Actor } from "./roles";
import { decideStep, type StepDecision } from "./workflow";

const actor = (role: Actor["role"], extra: Partial<Actor> = {}): Actor => ({
  id: `u-${role}`,
  role,
  districtCode: role === "district_admin" ? "120116" : null,
  enterpriseId: role === "enterprise" ? "E1" : null,
  ...extra,
});

describe("matching access", () => {
  it("solutions: public only when published by an admitted provider; owners and staff always", () => {
    const draft = { providerId: "P1", status: "draft" as const, providerAdmitted: true };
    const pub = { ...draft, status: "published" as const };
    expect(canReadSolution(null, [], pub)).toBe(true);
    expect(canReadSolution(null, [], { ...pub, providerAdmitted: false })).toBe(false);
    expect(canReadSolution(null, [], draft)).toBe(false);
    expect(canReadSolution(actor("provider"), ["P1"], draft)).toBe(true);
    expect(canReadSolution(actor("provider"), ["P2"], draft)).toBe(false);
    expect(canReadSolution(actor("enterprise"), [], draft)).toBe(false);
    expect(canReadSolution(actor("city_admin"), [], draft)).toBe(true);
    expect(canReadSolution(actor("district_admin", { districtCode: "" }), [], draft)).toBe(false);
  });

  it("solution status: draft → published ⇄ withdrawn → draft, nothing else", () => {
    const allowed = SOLUTION_STATUSES.flatMap((a) =>
      SOLUTION_STATUSES.filter((b) => a !== b && solutionStatusAllowed(a, b)).map((b) => `${a}>${b}`),
    );
    expect(allowed.sort()).toEqual([
      "draft>published",
      "published>withdrawn",
      "withdrawn>draft",
      "withdrawn>published",
    ]);
  });

  it("demand scope by role; owners are the enterprise and its bureau", () => {
    expect(demandReadScope(actor("city_admin"), [])).toEqual({ kind: "all" });
    expect(demandReadScope(actor("district_admin"), [])).toEqual({
      kind: "district",
      districtCode: "120116",
    });
    expect(demandReadScope(actor("enterprise"), [])).toEqual({ kind: "self", enterpriseId: "E1" });
    expect(demandReadScope(actor("provider"), ["P1"])).toEqual({ kind: "provider", providerIds: ["P1"] });
    for (const r of ["expert", "department"] as const)
      expect(demandReadScope(actor(r), []).kind).toBe("none");
    const d = { enterpriseId: "E1", districtCode: "120116" };
    expect(isDemandOwner(actor("enterprise"), d)).toBe(true);
    expect(isDemandOwner(actor("enterprise", { enterpriseId: "E2" }), d)).toBe(false);
    expect(isDemandOwner(actor("district_admin"), d)).toBe(true);
    expect(isDemandOwner(actor("district_admin", { districtCode: "120101" }), d)).toBe(false);
    expect(isDemandOwner(actor("provider"), d)).toBe(false);
  });

  it("events: district staff manage only their district; enterprises and providers register while planned", () => {
    expect(canManageEventIn(actor("district_admin"), "120116")).toBe(true);
    expect(canManageEventIn(actor("district_admin"), "120101")).toBe(false);
    expect(canManageEventIn(actor("city_admin"), "120101")).toBe(true);
    expect(canManageEventIn(actor("enterprise"), "120116")).toBe(false);
    expect(eventReadScope(actor("district_admin"))).toEqual({ kind: "district", districtCode: "120116" });
    expect(eventReadScope(actor("expert")).kind).toBe("none");
    expect(canRegisterForEvent(actor("enterprise"), "planned")).toBe(true);
    expect(canRegisterForEvent(actor("provider"), "finished")).toBe(false);
    expect(canRegisterForEvent(actor("city_admin"), "planned")).toBe(false);
  });
});

/** allowed / 403 (never this actor here) / 409 (not in this status), as the server answers. */
type Outcome = "allowed" | 403 | 409;
const outcome = (d: StepDecision): Outcome => (d.ok ? "allowed" : d.refusal === "role" ? 403 : 409);

const ENT = actor("enterprise");
const BUREAU = actor("district_admin");
const OTHER_BUREAU = actor("district_admin", { districtCode: "120101" });
const CITY = actor("city_admin");
const PROV = actor("provider");
const EXPERT = actor("expert");

describe("solution workflow (owning organisation P1)", () => {
  const facts = (status: (typeof SOLUTION_STATUSES)[number], actorProviderIds: string[] = ["P1"]) => ({
    status,
    providerId: "P1",
    actorProviderIds,
  });
  it.each([
    ["member publishes a draft", PROV, "draft", "publish", "allowed"],
    ["member publishes a withdrawn entry again", PROV, "withdrawn", "publish", "allowed"],
    ["member publishes a published entry: nothing to move", PROV, "published", "publish", 409],
    ["member withdraws a published entry", PROV, "published", "withdraw", "allowed"],
    ["member withdraws a draft", PROV, "draft", "withdraw", 409],
    ["member puts a withdrawn entry back to draft", PROV, "withdrawn", "redraft", "allowed"],
    ["member puts a published entry back to draft", PROV, "published", "redraft", 409],
    ["member edits in any status", PROV, "published", "edit", "allowed"],
    ["staff never manage an organisation's entry", CITY, "draft", "publish", 403],
    ["an enterprise never does", ENT, "published", "edit", 403],
  ] as const)("%s", (_n, a, status, step, expected) => {
    expect(outcome(decideStep(SOLUTION_WORKFLOW, a, facts(status), step))).toBe(expected);
  });

  it("another organisation's member is refused in every status (403)", () => {
    for (const s of SOLUTION_STATUSES)
      expect(outcome(decideStep(SOLUTION_WORKFLOW, PROV, facts(s, ["P2"]), "withdraw"))).toBe(403);
  });

  it("a status change names its step; the same status is an edit", () => {
    expect(solutionStepFor("draft", undefined)).toBe("edit");
    expect(solutionStepFor("published", "published")).toBe("edit");
    expect(solutionStepFor("draft", "published")).toBe("publish");
    expect(solutionStepFor("published", "withdrawn")).toBe("withdraw");
    expect(solutionStepFor("withdrawn", "draft")).toBe("redraft");
  });
});

describe("demand workflow (enterprise E1 in 120116)", () => {
  const facts = (status: (typeof DEMAND_STATUSES)[number]) => ({
    status,
    enterpriseId: "E1",
    districtCode: "120116",
  });
  it.each([
    ["the enterprise shortlists while open", ENT, "open", "shortlist", "allowed"],
    ["its bureau shortlists while matched", BUREAU, "matched", "shortlist", "allowed"],
    ["the city shortlists for it", CITY, "open", "shortlist", "allowed"],
    ["no shortlisting once closed", ENT, "closed", "shortlist", 409],
    ["the enterprise closes an open demand", ENT, "open", "close", "allowed"],
    ["closing a closed demand is no step", ENT, "closed", "close", 409],
    ["the bureau reopens a closed demand", BUREAU, "closed", "reopen", "allowed"],
    ["reopening an open demand is no step", BUREAU, "open", "reopen", 409],
    ["the description is edited in any status", ENT, "closed", "edit", "allowed"],
    ["another district's bureau", OTHER_BUREAU, "open", "edit", 403],
    ["another enterprise", actor("enterprise", { enterpriseId: "E2" }), "open", "shortlist", 403],
    ["a provider never owns a demand", PROV, "open", "shortlist", 403],
    ["an expert", EXPERT, "closed", "reopen", 403],
  ] as const)("%s", (_n, a, status, step, expected) => {
    expect(outcome(decideStep(DEMAND_WORKFLOW, a, facts(status), step))).toBe(expected);
  });

  it("an update closes, reopens or edits", () => {
    expect(demandStepFor("open", "closed")).toBe("close");
    expect(demandStepFor("matched", "closed")).toBe("close");
    expect(demandStepFor("closed", "closed")).toBe("edit");
    expect(demandStepFor("closed", "open")).toBe("reopen");
    expect(demandStepFor("matched", "open")).toBe("edit");
    expect(demandStepFor("open", undefined)).toBe("edit");
  });
});

describe("lead workflow (demand of E1 in 120116, lead of provider P1)", () => {
  const facts = (status: (typeof LEAD_STATUSES)[number], actorProviderIds: string[] = []) => ({
    status,
    enterpriseId: "E1",
    districtCode: "120116",
    providerId: "P1",
    actorProviderIds,
  });
  it.each([
    ["owner contacts a shortlisted lead", ENT, [], "shortlisted", "contact", "allowed"],
    ["owner contracts straight from the shortlist", ENT, [], "shortlisted", "contract", "allowed"],
    ["owner contracts after contact", BUREAU, [], "contacted", "contract", "allowed"],
    ["owner declines a contacted lead", CITY, [], "contacted", "decline", "allowed"],
    ["owner contacts twice", ENT, [], "contacted", "contact", 409],
    ["contracted is final", ENT, [], "contracted", "decline", 409],
    ["declined is final", ENT, [], "declined", "contract", 409],
    ["the lead's provider marks contact", PROV, ["P1"], "shortlisted", "contact", "allowed"],
    ["the lead's provider marks contact twice", PROV, ["P1"], "contacted", "contact", 409],
    ["the lead's provider may not contract", PROV, ["P1"], "contacted", "contract", 403],
    ["the lead's provider may not decline, even when final", PROV, ["P1"], "declined", "decline", 403],
    ["another provider", PROV, ["P2"], "shortlisted", "contact", 403],
    ["another district's bureau", OTHER_BUREAU, [], "shortlisted", "contact", 403],
  ] as const)("%s", (_n, a, ids, status, step, expected) => {
    expect(outcome(decideStep(LEAD_WORKFLOW, a, facts(status, [...ids]), step))).toBe(expected);
  });

  it("owner moves forward or declines; provider only shortlisted → contacted", () => {
    const table = (a: Actor, ids: string[]) =>
      LEAD_STATUSES.flatMap((from) =>
        (["contacted", "contracted", "declined"] as const)
          .filter((to) => decideStep(LEAD_WORKFLOW, a, facts(from, ids), LEAD_STEP_INTO[to]).ok)
          .map((to) => `${from}>${to}`),
      );
    expect(table(ENT, []).sort()).toEqual([
      "contacted>contracted",
      "contacted>declined",
      "shortlisted>contacted",
      "shortlisted>contracted",
      "shortlisted>declined",
    ]);
    expect(table(PROV, ["P1"])).toEqual(["shortlisted>contacted"]);
  });
});

describe("event workflow (event in 120116)", () => {
  const facts = (status: (typeof EVENT_STATUSES)[number]) => ({ status, districtCode: "120116" });
  it.each([
    ["an enterprise registers while planned", ENT, "planned", "register", "allowed"],
    ["a provider registers while planned", PROV, "planned", "register", "allowed"],
    ["the organisers register someone while planned", BUREAU, "planned", "register", "allowed"],
    ["no registration once finished", ENT, "finished", "register", 409],
    ["no registration once cancelled", BUREAU, "cancelled", "register", 409],
    ["another district's bureau may not register anyone", OTHER_BUREAU, "planned", "register", 403],
    ["an expert never registers", EXPERT, "planned", "register", 403],
    ["the organisers finish", BUREAU, "planned", "finish", "allowed"],
    ["the city cancels", CITY, "planned", "cancel", "allowed"],
    ["the organisers record attendance", BUREAU, "finished", "attend", "allowed"],
    ["the organisers follow up leads", BUREAU, "finished", "leads", "allowed"],
    ["a participant never records attendance", ENT, "planned", "attend", 403],
    ["a participant never cancels", PROV, "planned", "cancel", 403],
    ["another district's bureau never edits", OTHER_BUREAU, "planned", "edit", 403],
  ] as const)("%s", (_n, a, status, step, expected) => {
    expect(outcome(decideStep(EVENT_WORKFLOW, a, facts(status), step))).toBe(expected);
  });

  it("today the organisers' steps are open in every status (only registering needs 报名中)", () => {
    for (const s of EVENT_STATUSES)
      for (const step of ["edit", "finish", "cancel", "replan", "attend", "leads"] as const)
        expect(decideStep(EVENT_WORKFLOW, CITY, facts(s), step).ok).toBe(true);
  });

  it("a status change names its step; the same status is an edit", () => {
    expect(eventStepFor("planned", "finished")).toBe("finish");
    expect(eventStepFor("planned", "cancelled")).toBe("cancel");
    expect(eventStepFor("cancelled", "planned")).toBe("replan");
    expect(eventStepFor("planned", "planned")).toBe("edit");
    expect(eventStepFor("finished", undefined)).toBe("edit");
  });
});
