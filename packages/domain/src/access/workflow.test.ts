import { describe, expect, it } from "vitest";
import type { Actor } from "./roles";
import { allowedSteps, decideStep, type Workflow } from "./workflow";

type Status = "draft" | "review" | "done";
interface Facts {
  readonly status: Status;
  readonly ownerId: string;
  readonly hasTeam: boolean;
}
const flow: Workflow<"edit" | "approve" | "start", Status, Facts> = {
  edit: { who: (a, f) => a.id === f.ownerId, from: ["draft"] },
  approve: { who: (a) => a.role === "city_admin", from: ["review"] },
  start: { who: (a) => a.role === "city_admin", from: ["review"], when: (f) => f.hasTeam },
};
const owner: Actor = { id: "u1", role: "enterprise", districtCode: null, enterpriseId: "e1" };
const city: Actor = { id: "c1", role: "city_admin", districtCode: null, enterpriseId: null };
const facts = (status: Status, hasTeam = true): Facts => ({ status, ownerId: "u1", hasTeam });

describe("decideStep", () => {
  it.each([
    ["owner edits a draft", owner, facts("draft"), "edit", { ok: true }],
    [
      "owner edits in review: wrong status (409)",
      owner,
      facts("review"),
      "edit",
      { ok: false, refusal: "status" },
    ],
    [
      "city edits someone's draft: wrong role (403)",
      city,
      facts("draft"),
      "edit",
      { ok: false, refusal: "role" },
    ],
    [
      "owner approves: wrong role even in the right status",
      owner,
      facts("review"),
      "approve",
      { ok: false, refusal: "role" },
    ],
    ["city approves in review", city, facts("review"), "approve", { ok: true }],
    [
      "city approves a done record: wrong status",
      city,
      facts("done"),
      "approve",
      { ok: false, refusal: "status" },
    ],
    [
      "start without a team: a 409 like a status",
      city,
      facts("review", false),
      "start",
      { ok: false, refusal: "status" },
    ],
    ["start with a team", city, facts("review", true), "start", { ok: true }],
  ] as const)("%s", (_name, actor, f, step, expected) => {
    expect(decideStep(flow, actor, f, step)).toEqual(expected);
  });

  it("role is decided before status: a stranger gets 403 in every status", () => {
    const stranger: Actor = { id: "x", role: "expert", districtCode: null, enterpriseId: null };
    for (const s of ["draft", "review", "done"] as const)
      for (const step of ["edit", "approve", "start"] as const)
        expect(decideStep(flow, stranger, facts(s), step)).toEqual({ ok: false, refusal: "role" });
  });
});

describe("allowedSteps", () => {
  it("lists exactly the steps decideStep allows", () => {
    expect(allowedSteps(flow, city, facts("review"))).toEqual({ edit: false, approve: true, start: true });
    expect(allowedSteps(flow, owner, facts("draft"))).toEqual({ edit: true, approve: false, start: false });
  });
});
