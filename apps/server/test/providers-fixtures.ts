import { experts } from "@dxcenter/db";
import { computeUsccCheckChar } from "@dxcenter/domain";
import { eq } from "drizzle-orm";
import { type Session, type TestContext, userSession } from "./helpers";

let seq = 0;
/** A valid provider USCC unique in the run (its own range, apart from the enterprise helper's). */
export function providerUscc(): string {
  seq++;
  const body = `91120116P${String(process.pid % 1000).padStart(3, "0")}${String(seq).padStart(5, "0")}`.slice(
    0,
    17,
  );
  return body + computeUsccCheckChar(body);
}

export function profileInput(overrides: Record<string, unknown> = {}) {
  return {
    uscc: providerUscc(),
    name: `天津测试${++seq}号数字科技有限公司`,
    categories: ["system_solution"],
    sceneIds: ["S05", "S06", "op-production"],
    industries: ["C34", "C36"],
    technologyFields: ["MES", "工业互联网平台"],
    serviceDistricts: ["120116"],
    staffCount: 120,
    qualifications: [{ name: "高新技术企业" }],
    contactName: "王工",
    contactPhone: "13900001111",
    profile: "制造执行系统实施与数据采集",
    cases: [
      {
        customer: "某通用设备企业",
        industry: "C34",
        sceneIds: ["S06"],
        result: "设备综合效率提升 12%",
        measuredChange: 8,
        year: 2025,
      },
    ],
    ...overrides,
  };
}

export async function inject(
  ctx: TestContext,
  s: Session | null,
  method: string,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return ctx.app.inject({
    method: method as "GET",
    url,
    headers: { ...(s ? { cookie: s.cookie } : {}), ...headers },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

export async function ok<T = Record<string, unknown>>(
  p: Promise<{ statusCode: number; body: string; json(): unknown }>,
  status = 200,
): Promise<T> {
  const r = await p;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
  return r.json() as T;
}

/** A provider account with a registered organisation. */
export async function providerWithOrg(ctx: TestContext, overrides: Record<string, unknown> = {}) {
  const s = await userSession(ctx, "provider");
  const p = await ok<{ id: string; name: string; version: number }>(
    inject(ctx, s, "POST", "/api/providers/mine", profileInput(overrides)),
    201,
  );
  return { session: s, provider: p };
}

/** An expert pool member with a login. */
export async function expertWithLogin(
  ctx: TestContext,
  city: Session,
  fields: string[],
  organization = "天津大学",
) {
  const s = await userSession(ctx, "expert");
  const e = await ok<{ id: string }>(
    inject(ctx, city, "POST", "/api/experts", {
      name: `专家${++seq}`,
      organization,
      fields,
      userId: s.userId,
    }),
    201,
  );
  return { session: s, expertId: e.id };
}

/** Experts without login (pool filler). */
export async function plainExperts(
  ctx: TestContext,
  city: Session,
  n: number,
  fields: string[],
  organization = "南开大学",
) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const e = await ok<{ id: string }>(
      inject(ctx, city, "POST", "/api/experts", { name: `库员${++seq}`, organization, fields }),
      201,
    );
    ids.push(e.id);
  }
  return ids;
}

export async function expertRow(ctx: TestContext, id: string) {
  const [e] = await ctx.handle.db.select().from(experts).where(eq(experts.id, id));
  return e!;
}

export const SHEET_FULL = { qualification: 12, capability: 20, cases: 20, team: 12, service: 8, price: 8 };
