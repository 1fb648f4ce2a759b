import { describe, expect, it } from "vitest";
import {
  nextProviderStatus,
  PROVIDER_ACTIONS,
  PROVIDER_STATUSES,
  type ProviderStatus,
} from "../providers/provider";
import {
  type ApplicationFacts,
  type ApplicationStatus,
  applicationListScope,
  applicationPermissions,
  canAnswerInvitation,
  canManageExperts,
  canObject,
  canRateProvider,
  canRegisterProvider,
  type MaybeActor,
  OBJECTION_WORKFLOW,
  POOL_APPLICATION_WORKFLOW,
  PROVIDER_WORKFLOW,
  providerListScope,
  providerPermissions,
} from "./provider-access";
import type { Actor, Role } from "./roles";
import { decideStep } from "./workflow";

const actor = (role: Role, id = `${role}-1`, extra: Partial<NonNullable<MaybeActor>> = {}): MaybeActor => ({
  id,
  role,
  districtCode: role === "district_admin" ? "120116" : null,
  enterpriseId: role === "enterprise" ? "ent-1" : null,
  ...extra,
});
const CALLERS: [string, MaybeActor][] = [
  ["anonymous", null],
  ["city_admin", actor("city_admin")],
  ["district_admin", actor("district_admin")],
  ["enterprise", actor("enterprise")],
  ["own provider", actor("provider", "member")],
  ["other provider", actor("provider", "stranger")],
  ["panel expert", actor("expert", "panel")],
  ["other expert", actor("expert", "outsider")],
  ["department", actor("department")],
];

describe("providerPermissions", () => {
  const facts = (status: ProviderStatus) => ({ status, memberUserIds: ["member"] });
  // read / readInternal / edit / apply / manage, per caller, for a registered and an admitted provider.
  const table: Record<string, { registered: string; admitted: string }> = {
    anonymous: { registered: "-----", admitted: "R----" },
    city_admin: { registered: "RI--M", admitted: "RI--M" },
    district_admin: { registered: "-----", admitted: "R----" },
    enterprise: { registered: "-----", admitted: "R----" },
    "own provider": { registered: "RIEA-", admitted: "RIE--" },
    "other provider": { registered: "-----", admitted: "R----" },
    "panel expert": { registered: "-----", admitted: "R----" },
    "other expert": { registered: "-----", admitted: "R----" },
    department: { registered: "-----", admitted: "R----" },
  };
  const code = (p: ReturnType<typeof providerPermissions>) =>
    `${p.read ? "R" : "-"}${p.readInternal ? "I" : "-"}${p.edit ? "E" : "-"}${p.apply ? "A" : "-"}${p.manage ? "M" : "-"}`;
  it.each(CALLERS)("%s", (name, a) => {
    expect(code(providerPermissions(a, facts("registered")))).toBe(table[name]!.registered);
    expect(code(providerPermissions(a, facts("admitted")))).toBe(table[name]!.admitted);
  });
  it("an exited provider may apply again but not edit; public no longer sees it", () => {
    const p = providerPermissions(actor("provider", "member"), facts("exited"));
    expect(p).toMatchObject({ read: true, edit: false, apply: true });
    expect(providerPermissions(null, facts("exited")).read).toBe(false);
  });
  it("list scope and registration", () => {
    expect(providerListScope(actor("city_admin"))).toEqual({ kind: "all" });
    expect(providerListScope(null)).toEqual({ kind: "public", ownUserId: null });
    expect(providerListScope(actor("provider", "member"))).toEqual({ kind: "public", ownUserId: "member" });
    expect(providerListScope(actor("district_admin"))).toEqual({ kind: "public", ownUserId: null });
    expect(canRegisterProvider(actor("provider"), false)).toBe(true);
    expect(canRegisterProvider(actor("provider"), true)).toBe(false);
    expect(canRegisterProvider(actor("city_admin"), false)).toBe(false);
    expect(canRegisterProvider(null, false)).toBe(false);
  });
});

describe("applicationPermissions", () => {
  const facts = (status: ApplicationStatus): ApplicationFacts => ({
    status,
    providerMemberUserIds: ["member"],
    panelUserIds: ["panel"],
    acceptedUserIds: ["panel"],
  });
  const KEYS = [
    "read",
    "readReview",
    "withdraw",
    "openReview",
    "draw",
    "score",
    "decide",
    "handleObjections",
    "admit",
  ] as const;
  const allowed = (a: MaybeActor, s: ApplicationStatus) => {
    const p = applicationPermissions(a, facts(s));
    return KEYS.filter((k) => p[k]);
  };
  it.each([
    ["submitted", "city_admin", ["read", "readReview", "openReview"]],
    ["under_review", "city_admin", ["read", "readReview", "draw", "decide"]],
    ["in_notice", "city_admin", ["read", "readReview", "handleObjections", "admit"]],
    ["admitted", "city_admin", ["read", "readReview"]],
    ["submitted", "own provider", ["read", "withdraw"]],
    ["under_review", "own provider", ["read"]],
    ["under_review", "panel expert", ["read", "score"]],
    ["in_notice", "panel expert", ["read"]],
    ["under_review", "other expert", []],
    ["under_review", "other provider", []],
    ["under_review", "district_admin", []],
    ["in_notice", "anonymous", []],
    ["under_review", "enterprise", []],
    ["under_review", "department", []],
  ] as const)("%s as %s → %j", (status, who, want) => {
    const a = CALLERS.find(([n]) => n === who)![1];
    expect(allowed(a, status)).toEqual(want);
  });
  it("an invited expert who has not accepted reads but does not score", () => {
    const p = applicationPermissions(actor("expert", "panel"), {
      ...facts("under_review"),
      acceptedUserIds: [],
    });
    expect(p.read).toBe(true);
    expect(p.score).toBe(false);
  });
  it("list scopes", () => {
    expect(applicationListScope(actor("city_admin"))).toEqual({ kind: "all" });
    expect(applicationListScope(actor("provider", "p"))).toEqual({ kind: "provider", userId: "p" });
    expect(applicationListScope(actor("expert", "e"))).toEqual({ kind: "panel", userId: "e" });
    for (const r of ["district_admin", "enterprise", "department"] as const)
      expect(applicationListScope(actor(r))).toEqual({ kind: "none" });
    expect(applicationListScope(null)).toEqual({ kind: "none" });
  });
});

describe("experts, notices, ratings", () => {
  it("only the city manages the expert pool; an expert answers only its own invitations", () => {
    expect(CALLERS.filter(([, a]) => canManageExperts(a)).map(([n]) => n)).toEqual(["city_admin"]);
    expect(canAnswerInvitation(actor("expert", "e1"), "e1")).toBe(true);
    expect(canAnswerInvitation(actor("expert", "e1"), "e2")).toBe(false);
    expect(canAnswerInvitation(actor("expert", "e1"), null)).toBe(false);
    expect(canAnswerInvitation(actor("city_admin", "e1"), "e1")).toBe(false);
  });
  it.each([
    ["2026-05-01", true],
    ["2026-05-07", true],
    ["2026-04-30", false],
    ["2026-05-08", false],
  ])("objection on %s inside 05-01..05-07: %s", (today, want) => {
    expect(canObject(today, { status: "in_notice", start: "2026-05-01", end: "2026-05-07" })).toBe(want);
    expect(canObject(today, { status: "admitted", start: "2026-05-01", end: "2026-05-07" })).toBe(false);
  });
  it("an enterprise rates only a provider that served it", () => {
    expect(canRateProvider(actor("enterprise"), "ent-1", true)).toBe(true);
    expect(canRateProvider(actor("enterprise"), "ent-1", false)).toBe(false);
    expect(canRateProvider(actor("enterprise"), "ent-2", true)).toBe(false);
    expect(canRateProvider(actor("city_admin"), "ent-1", true)).toBe(false);
  });
});

const outcome = (d: { ok: boolean; refusal?: "role" | "status" }) =>
  d.ok ? "allowed" : d.refusal === "role" ? 403 : 409;
const signedIn = (name: string): Actor => CALLERS.find(([n]) => n === name)![1]!;

describe("the pool application workflow table", () => {
  const facts = (status: ApplicationStatus): ApplicationFacts => ({
    status,
    providerMemberUserIds: ["member"],
    panelUserIds: ["panel"],
    acceptedUserIds: ["panel"],
  });
  // step × caller × application status → allowed / 403 (never for this caller) / 409 (not in this status)
  it.each([
    ["withdraw", "own provider", "submitted", "allowed"],
    ["withdraw", "own provider", "under_review", 409],
    ["withdraw", "own provider", "withdrawn", 409],
    ["withdraw", "other provider", "submitted", 403],
    ["withdraw", "city_admin", "submitted", 403],
    ["openReview", "city_admin", "submitted", "allowed"],
    ["openReview", "city_admin", "under_review", 409],
    ["openReview", "own provider", "submitted", 403],
    ["openReview", "district_admin", "submitted", 403],
    ["draw", "city_admin", "under_review", "allowed"],
    ["draw", "city_admin", "submitted", 409],
    ["draw", "panel expert", "under_review", 403],
    ["score", "panel expert", "under_review", "allowed"],
    ["score", "panel expert", "in_notice", 409],
    ["score", "other expert", "under_review", 403],
    ["score", "city_admin", "under_review", 403],
    ["decide", "city_admin", "under_review", "allowed"],
    ["decide", "city_admin", "in_notice", 409],
    ["decide", "own provider", "under_review", 403],
    ["handleObjections", "city_admin", "in_notice", "allowed"],
    ["handleObjections", "city_admin", "admitted", 409],
    ["handleObjections", "enterprise", "in_notice", 403],
    ["admit", "city_admin", "in_notice", "allowed"],
    ["admit", "city_admin", "under_review", 409],
    ["admit", "panel expert", "in_notice", 403],
  ] as const)("%s by %s when %s → %s", (step, who, status, want) => {
    expect(outcome(decideStep(POOL_APPLICATION_WORKFLOW, signedIn(who), facts(status), step))).toBe(want);
  });
});

describe("the provider status table", () => {
  const facts = (status: ProviderStatus) => ({ status, memberUserIds: ["member"] });
  it.each([
    ["edit", "own provider", "registered", "allowed"],
    ["edit", "own provider", "admitted", "allowed"],
    ["edit", "own provider", "exited", 409],
    ["edit", "other provider", "registered", 403],
    ["edit", "city_admin", "admitted", 403],
    ["apply", "own provider", "registered", "allowed"],
    ["apply", "own provider", "exited", "allowed"],
    ["apply", "own provider", "applied", 409],
    ["apply", "own provider", "admitted", 409],
    ["apply", "city_admin", "registered", 403],
    ["withdraw", "own provider", "applied", "allowed"],
    ["withdraw", "own provider", "under_review", 409],
    ["review", "city_admin", "applied", "allowed"],
    ["review", "city_admin", "registered", 409],
    ["notice", "city_admin", "under_review", "allowed"],
    ["admit", "city_admin", "in_notice", "allowed"],
    ["admit", "city_admin", "under_review", 409],
    ["reject", "city_admin", "applied", "allowed"],
    ["reject", "city_admin", "under_review", "allowed"],
    ["reject", "city_admin", "in_notice", "allowed"],
    ["reject", "city_admin", "admitted", 409],
    ["exit", "city_admin", "admitted", "allowed"],
    ["exit", "city_admin", "suspended", "allowed"],
    ["exit", "city_admin", "registered", 409],
    ["exit", "city_admin", "exited", 409],
    ["exit", "own provider", "admitted", 403],
    ["exit", "district_admin", "admitted", 403],
    ["suspend", "city_admin", "admitted", "allowed"],
    ["reinstate", "city_admin", "suspended", "allowed"],
    ["reinstate", "city_admin", "admitted", 409],
  ] as const)("%s by %s when %s → %s", (step, who, status, want) => {
    expect(outcome(decideStep(PROVIDER_WORKFLOW, signedIn(who), facts(status), step))).toBe(want);
  });
  it("every transition of the status table is a step open exactly where it leads somewhere", () => {
    for (const action of PROVIDER_ACTIONS)
      for (const s of PROVIDER_STATUSES)
        expect(PROVIDER_WORKFLOW[action].from.includes(s)).toBe(nextProviderStatus(s, action) !== null);
  });
});

describe("the objection table", () => {
  it.each([
    ["city_admin", "open", "allowed"],
    ["city_admin", "upheld", 409],
    ["city_admin", "dismissed", 409],
    ["district_admin", "open", 403],
    ["own provider", "open", 403],
  ] as const)("handle by %s when %s → %s", (who, status, want) => {
    expect(outcome(decideStep(OBJECTION_WORKFLOW, signedIn(who), { status }, "handle"))).toBe(want);
  });
});
