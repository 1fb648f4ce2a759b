import { providerCases, providerMembers, providers } from "@dxcenter/db";
import { computeUsccCheckChar } from "@dxcenter/domain";
import type { Session, TestContext } from "./helpers";
import { userSession } from "./helpers";

let seq = 0;
function providerUscc(): string {
  seq++;
  const body = `91120116${String(process.pid % 1000).padStart(3, "0")}P${String(seq).padStart(5, "0")}`.slice(
    0,
    17,
  );
  return body.replace("P", "9") + computeUsccCheckChar(body.replace("P", "9"));
}

/** A provider organisation written straight into the pool (the pool workflow has its own tests). */
export async function insertProvider(
  ctx: TestContext,
  extra: Partial<typeof providers.$inferInsert> = {},
): Promise<string> {
  const [row] = await ctx.handle.db
    .insert(providers)
    .values({
      uscc: providerUscc(),
      name: `测试服务商${seq}号科技有限公司`,
      status: "admitted",
      categories: ["system_solution", "sme_quick_light"],
      sceneIds: [],
      industries: ["C34"],
      serviceDistricts: ["120000"],
      ...extra,
    })
    .returning({ id: providers.id });
  return row!.id;
}

export async function addCases(ctx: TestContext, providerId: string, n: number, industry = "C34") {
  if (n === 0) return;
  await ctx.handle.db.insert(providerCases).values(
    Array.from({ length: n }, (_, i) => ({
      providerId,
      customer: `某企业${i}`,
      industry,
      sceneIds: ["S08"],
      result: "设备综合效率提升 10%",
    })),
  );
}

/** A provider account that is a member of `providerId`. */
export async function providerSession(ctx: TestContext, providerId: string): Promise<Session> {
  const s = await userSession(ctx, "provider");
  await ctx.handle.db.insert(providerMembers).values({ providerId, userId: s.userId });
  return s;
}

export function solutionInput(overrides: Record<string, unknown> = {}) {
  return {
    name: `测试解决方案${++seq}`,
    kind: "system_solution",
    summary: "面向离散制造的设备联网与维护方案",
    sceneIds: ["S08"],
    industries: [],
    priceMinWan: "10",
    priceMaxWan: "30",
    deployment: "saas",
    references: [{ customer: "天津某机械公司", result: "停机时间减少 30%" }],
    ...overrides,
  };
}

/** Creates and publishes a solution as the provider account. */
export async function publishSolution(ctx: TestContext, s: Session, overrides: Record<string, unknown> = {}) {
  const created = await ctx.app.inject({
    method: "POST",
    url: "/api/solutions",
    headers: { cookie: s.cookie },
    payload: solutionInput(overrides),
  });
  if (created.statusCode !== 201) throw new Error(`create solution: ${created.statusCode} ${created.body}`);
  const c = created.json() as { id: string; version: number };
  const pub = await ctx.app.inject({
    method: "PATCH",
    url: `/api/solutions/${c.id}`,
    headers: { cookie: s.cookie },
    payload: { status: "published", version: c.version },
  });
  if (pub.statusCode !== 200) throw new Error(`publish solution: ${pub.statusCode} ${pub.body}`);
  return pub.json() as { id: string; version: number; providerId: string };
}
