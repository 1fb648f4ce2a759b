import { describe, expect, it } from "vitest";
import { mayDecideClaim, mayReadCertifications, mayRecordCertifications } from "./certification-access";
import type { Actor, Role } from "./roles";

const actor = (
  role: Role,
  districtCode: string | null = null,
  enterpriseId: string | null = null,
): Actor => ({
  id: "u",
  role,
  districtCode,
  enterpriseId,
});

describe("certification access", () => {
  it.each([
    ["city_admin", actor("city_admin"), true, true, true],
    ["district_admin of the enterprise's district", actor("district_admin", "120101"), true, false, true],
    ["district_admin of another district", actor("district_admin", "120102"), true, false, false],
    ["district_admin without a district", actor("district_admin"), false, false, false],
    ["enterprise", actor("enterprise", null, "e1"), true, false, false],
    ["provider", actor("provider"), false, false, false],
    ["expert", actor("expert"), false, false, false],
    ["department", actor("department"), false, false, false],
  ] as const)("%s: read %s, record %s, decide a claim in 120101 %s", (_n, a, read, record, decide) => {
    expect(mayReadCertifications(a)).toBe(read);
    expect(mayRecordCertifications(a)).toBe(record);
    expect(mayDecideClaim(a, "120101")).toBe(decide);
  });
});
