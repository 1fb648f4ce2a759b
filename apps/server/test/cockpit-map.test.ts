import type { Role } from "@dxcenter/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEnterpriseAs, createTestContext, type TestContext, userSession } from "./helpers";

/** GET /api/cockpit/map: the schematic district tiles of the 驾驶舱 (GeoJSON), for 驾驶舱 roles only. */

interface Feature {
  type: string;
  properties: { name: string; code: string };
  geometry: { type: string; coordinates: number[][][] };
}
interface Collection {
  type: string;
  features: Feature[];
}

let ctx: TestContext;
const cookies = new Map<Role, string>();

beforeAll(async () => {
  ctx = await createTestContext();
  const city = await userSession(ctx, "city_admin");
  cookies.set("city_admin", city.cookie);
  const ent = await createEnterpriseAs(ctx, city);
  for (const role of ["district_admin", "department", "provider", "expert"] as const)
    cookies.set(role, (await userSession(ctx, role)).cookie);
  cookies.set("enterprise", (await userSession(ctx, "enterprise", { enterpriseId: ent.id })).cookie);
});
afterAll(() => ctx.close());

const getMap = (cookie?: string) =>
  ctx.app.inject({ method: "GET", url: "/api/cockpit/map", headers: cookie ? { cookie } : {} });

/** Shoelace area of a ring (absolute). */
const area = (ring: number[][]) =>
  Math.abs(
    ring.reduce((sum, p, i) => {
      const q = ring[(i + 1) % ring.length] ?? p;
      return sum + (p[0] ?? 0) * (q[1] ?? 0) - (q[0] ?? 0) * (p[1] ?? 0);
    }, 0) / 2,
  );

describe("GET /api/cockpit/map", () => {
  it("has one non-empty tile per current district, named as in the reference table", async () => {
    const res = await getMap(cookies.get("city_admin"));
    expect(res.statusCode).toBe(200);
    const body = res.json() as Collection;
    expect(body.type).toBe("FeatureCollection");
    const ref = (await ctx.app.inject({ method: "GET", url: "/api/reference" })).json() as {
      districts: { code: string; name: string; status: string }[];
    };
    const current = ref.districts.filter((d) => d.status === "current");
    expect(current.length).toBe(16);
    const byCode = new Map(body.features.map((f) => [f.properties.code, f]));
    expect(body.features).toHaveLength(current.length);
    for (const d of current) {
      const f = byCode.get(d.code);
      expect(f, d.name).toBeDefined();
      expect(f?.properties.name).toBe(d.name);
      expect(f?.geometry.type).toBe("Polygon");
      const ring = f?.geometry.coordinates[0] ?? [];
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[0]).toEqual(ring.at(-1));
      expect(area(ring), d.name).toBeGreaterThan(0.5);
    }
    // 蓟州区 (120119), the district a common npm map package has no shape for, is drawn.
    expect(byCode.get("120119")?.properties.name).toBe("蓟州区");
  });

  it("answers the 驾驶舱 roles (city, district, department) and refuses the others", async () => {
    const expected: [Role, number][] = [
      ["city_admin", 200],
      ["district_admin", 200],
      ["department", 200],
      ["enterprise", 403],
      ["provider", 403],
      ["expert", 403],
    ];
    for (const [role, status] of expected) {
      const res = await getMap(cookies.get(role));
      expect(res.statusCode, role).toBe(status);
      if (status === 403) expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await getMap()).statusCode).toBe(401);
  });
});
