import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canCreateEnterpriseIn,
  canListEnterprises,
  canMoveEnterpriseTo,
  canUpdateEnterprise,
  ENTERPRISE_SELF_EDITABLE,
  type EnterpriseScope,
  enterpriseReadScope,
  scopeAllows,
} from "./enterprise-access";
import { type Actor, checkRoleBinding, ROLE_LABELS, ROLES, type Role } from "./roles";

const HEPING = "120101";
const BINHAI = "120116";
const ent = (id: string, districtCode: string) => ({ id, districtCode });
const E1_HEPING = ent("e1", HEPING);
const E2_BINHAI = ent("e2", BINHAI);
const E3_HEPING = ent("e3", HEPING);
const ALL = [E1_HEPING, E2_BINHAI, E3_HEPING];

const actor = (role: Role, binding: Partial<Pick<Actor, "districtCode" | "enterpriseId">> = {}): Actor => ({
  id: `u-${role}`,
  role,
  districtCode: binding.districtCode ?? null,
  enterpriseId: binding.enterpriseId ?? null,
});

const cityAdmin = actor("city_admin");
const hepingAdmin = actor("district_admin", { districtCode: HEPING });
const unboundDistrictAdmin = actor("district_admin");
const emptyDistrictAdmin = actor("district_admin", { districtCode: "" });
const enterpriseE1 = actor("enterprise", { enterpriseId: "e1" });
const unboundEnterprise = actor("enterprise");
// Bindings on roles that do not use them must not widen access.
const provider = actor("provider", { districtCode: HEPING, enterpriseId: "e1" });
const expert = actor("expert", { districtCode: HEPING, enterpriseId: "e1" });
const department = actor("department", { districtCode: HEPING, enterpriseId: "e1" });

describe("enterpriseReadScope and scopeAllows: every role", () => {
  const table: [string, Actor, EnterpriseScope, string[], boolean][] = [
    ["city_admin", cityAdmin, { kind: "all" }, ["e1", "e2", "e3"], true],
    ["district_admin of 和平区", hepingAdmin, { kind: "district", districtCode: HEPING }, ["e1", "e3"], true],
    ["district_admin without district", unboundDistrictAdmin, { kind: "none" }, [], false],
    ["district_admin with empty district", emptyDistrictAdmin, { kind: "none" }, [], false],
    ["enterprise e1", enterpriseE1, { kind: "self", enterpriseId: "e1" }, ["e1"], false],
    ["enterprise without binding", unboundEnterprise, { kind: "none" }, [], false],
    ["provider", provider, { kind: "none" }, [], false],
    ["expert", expert, { kind: "none" }, [], false],
    ["department", department, { kind: "none" }, [], false],
  ];
  it.each(table)("%s", (_label, a, scope, visible, canList) => {
    expect(enterpriseReadScope(a)).toEqual(scope);
    expect(ALL.filter((e) => scopeAllows(scope, e)).map((e) => e.id)).toEqual(visible);
    expect(canListEnterprises(a)).toBe(canList);
  });

  it("covers every role", () => {
    expect(new Set(table.map(([, a]) => a.role))).toEqual(new Set(ROLES));
  });

  it("an enterprise scope matches by id only, even if another enterprise shares its district", () => {
    expect(scopeAllows({ kind: "self", enterpriseId: "e1" }, ent("e3", HEPING))).toBe(false);
    expect(scopeAllows({ kind: "self", enterpriseId: "e1" }, ent("e1", BINHAI))).toBe(true);
  });
});

describe("canCreateEnterpriseIn / canMoveEnterpriseTo", () => {
  const table: [string, Actor, string, boolean][] = [
    ["city_admin anywhere", cityAdmin, BINHAI, true],
    ["district_admin in own district", hepingAdmin, HEPING, true],
    ["district_admin in another district", hepingAdmin, BINHAI, false],
    ["unbound district_admin", unboundDistrictAdmin, HEPING, false],
    ["district_admin with empty district into empty code", emptyDistrictAdmin, "", false],
    ["enterprise", enterpriseE1, HEPING, false],
    ["provider", provider, HEPING, false],
    ["expert", expert, HEPING, false],
    ["department", department, HEPING, false],
  ];
  it.each(table)("%s", (_label, a, district, allowed) => {
    expect(canCreateEnterpriseIn(a, district)).toBe(allowed);
    expect(canMoveEnterpriseTo(a, district)).toBe(allowed);
  });
});

describe("canUpdateEnterprise", () => {
  const table: [string, Actor, { id: string; districtCode: string }, boolean][] = [
    ["city_admin", cityAdmin, E2_BINHAI, true],
    ["district_admin, own district", hepingAdmin, E3_HEPING, true],
    ["district_admin, other district", hepingAdmin, E2_BINHAI, false],
    ["unbound district_admin", unboundDistrictAdmin, E1_HEPING, false],
    [
      "district_admin with empty district, enterprise with empty district",
      emptyDistrictAdmin,
      ent("x", ""),
      false,
    ],
    ["enterprise, itself", enterpriseE1, E1_HEPING, true],
    ["enterprise, a neighbour", enterpriseE1, E3_HEPING, false],
    ["unbound enterprise", unboundEnterprise, E1_HEPING, false],
    ["provider", provider, E1_HEPING, false],
    ["expert", expert, E1_HEPING, false],
    ["department", department, E1_HEPING, false],
  ];
  it.each(table)("%s", (_label, a, e, allowed) => {
    expect(canUpdateEnterprise(a, e)).toBe(allowed);
  });

  it("self-editable fields exclude administrative facts", () => {
    const editable: readonly string[] = ENTERPRISE_SELF_EDITABLE;
    for (const field of [
      "uscc",
      "districtCode",
      "aboveScale",
      "srdiTier",
      "itfCertified",
      "dcmmLevel",
      "cmmmLevel",
    ]) {
      expect(editable).not.toContain(field);
    }
    expect(editable).toContain("contactPhone");
  });
});

describe("checkRoleBinding", () => {
  const table: [Role, { districtCode?: string | null; enterpriseId?: string | null }, string | null][] = [
    ["city_admin", {}, null],
    ["district_admin", { districtCode: HEPING }, null],
    ["district_admin", {}, "区工信部门账号必须绑定所属区"],
    ["district_admin", { districtCode: null }, "区工信部门账号必须绑定所属区"],
    ["district_admin", { districtCode: "" }, "区工信部门账号必须绑定所属区"],
    ["district_admin", { districtCode: "  " }, "区工信部门账号必须绑定所属区"],
    ["district_admin", { enterpriseId: "e1" }, "区工信部门账号必须绑定所属区"],
    ["enterprise", { enterpriseId: "e1" }, null],
    ["enterprise", {}, "企业账号必须绑定一家企业"],
    ["enterprise", { enterpriseId: "" }, "企业账号必须绑定一家企业"],
    ["enterprise", { districtCode: HEPING }, "企业账号必须绑定一家企业"],
    ["provider", {}, null],
    ["expert", {}, null],
    ["department", {}, null],
  ];
  it.each(table)("%s %j", (role, binding, message) => {
    const r = checkRoleBinding(role, binding);
    if (message === null) expect(r).toBeNull();
    else expect(r).toEqual({ field: role === "district_admin" ? "districtCode" : "enterpriseId", message });
  });

  it("every role has a Chinese label", () => {
    for (const r of ROLES) expect(ROLE_LABELS[r]).toMatch(/\p{Script=Han}/u);
  });
});

describe("access properties", () => {
  const district = fc.constantFrom("120101", "120102", "120103", "120110", "120116", "120119", "120107");
  const role = fc.constantFrom(...ROLES);
  const anyActor = fc.record({
    id: fc.string(),
    role,
    districtCode: fc.option(fc.oneof(district, fc.constant("")), { nil: null }),
    enterpriseId: fc.option(fc.oneof(fc.uuid(), fc.constant("")), { nil: null }),
  });
  const anyEnterprise = fc.record({
    id: fc.oneof(fc.uuid(), fc.constant("")),
    districtCode: fc.oneof(district, fc.constant("")),
  });

  it("a district_admin's scope never allows an enterprise of another district", () => {
    fc.assert(
      fc.property(district, anyEnterprise, (own, e) => {
        const a = actor("district_admin", { districtCode: own });
        const scope = enterpriseReadScope(a);
        if (e.districtCode !== own) {
          expect(scopeAllows(scope, e)).toBe(false);
          expect(canUpdateEnterprise(a, e)).toBe(false);
          expect(canCreateEnterpriseIn(a, e.districtCode)).toBe(false);
        } else {
          expect(scopeAllows(scope, e)).toBe(true);
        }
      }),
    );
  });

  it("update and read permissions agree for every actor and enterprise", () => {
    fc.assert(
      fc.property(anyActor, anyEnterprise, (a, e) => {
        expect(canUpdateEnterprise(a, e)).toBe(scopeAllows(enterpriseReadScope(a), e));
      }),
    );
  });

  it("only city and district staff can ever create, and only where they can read", () => {
    fc.assert(
      fc.property(anyActor, district, (a, d) => {
        if (canCreateEnterpriseIn(a, d)) {
          expect(["city_admin", "district_admin"]).toContain(a.role);
          expect(scopeAllows(enterpriseReadScope(a), ent("new", d))).toBe(true);
        }
      }),
    );
  });

  it("providers, experts and departments never see the registry, whatever they are bound to", () => {
    fc.assert(
      fc.property(anyActor, anyEnterprise, (a, e) => {
        fc.pre(a.role === "provider" || a.role === "expert" || a.role === "department");
        expect(scopeAllows(enterpriseReadScope(a), e)).toBe(false);
        expect(canListEnterprises(a)).toBe(false);
      }),
    );
  });
});
