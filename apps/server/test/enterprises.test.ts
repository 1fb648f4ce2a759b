import { auditLog, enterprises } from "@dxcenter/db";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { COLUMNS } from "../src/modules/enterprises/enterprise-excel";
import {
  BINHAI,
  cityAdmin,
  createEnterpriseAs,
  enterpriseInput,
  HEPING,
  makeUscc,
  type Session,
  testFile,
  userSession,
} from "./helpers";
import { readEnterpriseSheet, withBadCheckChar, XLSX_MIME } from "./xlsx-fixtures";

const env = testFile(cityAdmin);

type Method = "GET" | "POST" | "PATCH";
const call = (s: Session | null, method: Method, url: string, payload?: unknown) =>
  env.ctx.app.inject({
    method,
    url,
    headers: s ? { cookie: s.cookie } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

interface Item {
  id: string;
  uscc: string;
  name: string;
  districtCode: string;
  contactName: string | null;
  contactPhone: string | null;
  latestRevenueFen: number | null;
}
const list = async (s: Session, query: string) => {
  const r = await call(s, "GET", `/api/enterprises?${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { items: Item[]; total: number; page: number; pageSize: number };
};
const detail = async (s: Session, id: string) => {
  const r = await call(s, "GET", `/api/enterprises/${id}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const auditRows = (entityId: string, action?: string) =>
  env.ctx.handle.db
    .select()
    .from(auditLog)
    .where(
      action
        ? and(eq(auditLog.entityId, entityId), eq(auditLog.action, action))
        : eq(auditLog.entityId, entityId),
    )
    .orderBy(auditLog.id);

describe("registering an enterprise", () => {
  it("refuses a code with a wrong check character, naming the field in Chinese", async () => {
    const input = enterpriseInput();
    const r = await call(env.city, "POST", "/api/enterprises", {
      ...input,
      uscc: withBadCheckChar(input.uscc),
    });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: "VALIDATION", field: "uscc" });
    expect(r.json().message).toContain("统一社会信用代码");
    expect(r.json().message).toContain("校验位");
    const rows = await env.ctx.handle.db.select().from(enterprises).where(eq(enterprises.name, input.name));
    expect(rows).toHaveLength(0);
  });

  it("refuses a code of the wrong length or with letters the standard does not use", async () => {
    const short = await call(env.city, "POST", "/api/enterprises", enterpriseInput({ uscc: "91120116MA05" }));
    expect(short.statusCode).toBe(400);
    expect(short.json().field).toBe("uscc");
    expect(short.json().message).toMatch(/统一社会信用代码应为18位/);
    const withO = await call(
      env.city,
      "POST",
      "/api/enterprises",
      enterpriseInput({ uscc: "91120116MA05OXXXX1" }),
    );
    expect(withO.statusCode).toBe(400);
    expect(withO.json().message).toMatch(/不使用字母 I、O、S、V、Z/);
  });

  it("accepts a valid code (surrounding spaces trimmed) and returns the masked record with version 1", async () => {
    const input = enterpriseInput({ contactName: "张伟", contactPhone: "13812345678" });
    const r = await call(env.city, "POST", "/api/enterprises", { ...input, uscc: `  ${input.uscc} ` });
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    expect(body).toMatchObject({
      uscc: input.uscc,
      name: input.name,
      districtCode: BINHAI,
      districtName: "滨海新区",
      industryCode: "C34",
      industryName: "通用设备制造业",
      version: 1,
      contactName: "张*",
      contactPhone: "138****5678",
      latestYear: 2025,
      latestRevenueFen: 12_345_678_900,
      latestEmployees: 321,
    });
    expect(r.body).not.toContain("13812345678");
    expect((await detail(env.city, body.id)).uscc).toBe(input.uscc);
  });

  it("refuses a second enterprise with the same code with 409 DUPLICATE_USCC", async () => {
    const first = await createEnterpriseAs(env.ctx, env.city);
    const r = await call(
      env.city,
      "POST",
      "/api/enterprises",
      enterpriseInput({ uscc: first.uscc, name: "另一家公司" }),
    );
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: "DUPLICATE_USCC", field: "uscc" });
    expect(r.json().message).toContain(first.uscc);
    const rows = await env.ctx.handle.db.select().from(enterprises).where(eq(enterprises.uscc, first.uscc));
    expect(rows.map((x) => x.name)).toEqual([first.name]);
  });

  it("two simultaneous registrations of one code: one succeeds, the other gets 409", async () => {
    const input = enterpriseInput();
    const [a, b] = await Promise.all([
      call(env.city, "POST", "/api/enterprises", input),
      call(env.city, "POST", "/api/enterprises", { ...input, name: `${input.name}（重复）` }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const rows = await env.ctx.handle.db.select().from(enterprises).where(eq(enterprises.uscc, input.uscc));
    expect(rows).toHaveLength(1);
  });

  it("names the field of an invalid phone, a too short or too long name", async () => {
    const phone = await call(
      env.city,
      "POST",
      "/api/enterprises",
      enterpriseInput({ contactPhone: "12345" }),
    );
    expect(phone.statusCode).toBe(400);
    expect(phone.json()).toMatchObject({ code: "VALIDATION", field: "contactPhone" });
    expect(phone.json().message).toContain("联系电话");

    const short = await call(env.city, "POST", "/api/enterprises", enterpriseInput({ name: "甲" }));
    expect(short.statusCode).toBe(400);
    expect(short.json().field).toBe("name");
    expect(short.json().message).toContain("企业名称至少2个字");

    const long = await call(
      env.city,
      "POST",
      "/api/enterprises",
      enterpriseInput({ name: "长".repeat(101) }),
    );
    expect(long.statusCode).toBe(400);
    expect(long.json().field).toBe("name");
    expect(long.json().message).toContain("企业名称不超过100个字");
  });

  it("accepts a landline with area code and refuses unknown or abolished districts", async () => {
    const landline = await call(
      env.city,
      "POST",
      "/api/enterprises",
      enterpriseInput({ contactPhone: "022-23456789" }),
    );
    expect(landline.statusCode, landline.body).toBe(201);
    expect(landline.json().contactPhone).toBe("********6789");

    const unknown = await call(
      env.city,
      "POST",
      "/api/enterprises",
      enterpriseInput({ districtCode: "120199" }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ field: "districtCode" });
    expect(unknown.json().message).toContain("120199");

    // 塘沽区 was abolished: it lives on inside old codes but no enterprise can be filed under it.
    const abolished = await call(
      env.city,
      "POST",
      "/api/enterprises",
      enterpriseInput({ uscc: makeUscc("120107"), districtCode: "120107" }),
    );
    expect(abolished.statusCode).toBe(400);
    expect(abolished.json().field).toBe("districtCode");
    expect(abolished.json().message).toContain("已撤销");

    // …while an old code (issued in 塘沽区) is still a valid code for an enterprise in 滨海新区.
    const oldCode = await call(
      env.city,
      "POST",
      "/api/enterprises",
      enterpriseInput({ uscc: makeUscc("120107") }),
    );
    expect(oldCode.statusCode, oldCode.body).toBe(201);
  });

  it("requires a login", async () => {
    expect((await call(null, "POST", "/api/enterprises", enterpriseInput())).statusCode).toBe(401);
    expect((await call(null, "GET", "/api/enterprises")).statusCode).toBe(401);
  });
});

describe("list: search, filters, sort, pagination", () => {
  const T = "列表测试";
  const made: Record<string, { id: string; uscc: string; name: string }> = {};
  const wan = (n: number) => n * 1_000_000; // 万元 → 分

  beforeAll(async () => {
    const specs: [string, Record<string, unknown>][] = [
      [
        "A",
        {
          name: "列表测试A精密机械有限公司",
          districtCode: BINHAI,
          industryCode: "C34",
          aboveScale: true,
          srdiTier: "little_giant",
          annual: [{ year: 2025, revenueFen: wan(500), employees: 50 }],
        },
      ],
      [
        "B",
        {
          name: "列表测试B化工有限公司",
          districtCode: HEPING,
          industryCode: "C26",
          aboveScale: false,
          srdiTier: "none",
          tags: [T, "数字化车间"],
          annual: [{ year: 2025, revenueFen: wan(100), employees: 10 }],
        },
      ],
      [
        "C",
        {
          name: "列表测试C电子有限公司",
          districtCode: BINHAI,
          industryCode: "C39",
          aboveScale: true,
          srdiTier: "srdi_sme",
          annual: [],
        },
      ],
      [
        "D",
        {
          name: "列表测试D汽车配件有限公司",
          districtCode: HEPING,
          industryCode: "C36",
          aboveScale: true,
          srdiTier: "innovative_sme",
          annual: [{ year: 2025, revenueFen: wan(900), employees: 90 }],
        },
      ],
      [
        "E",
        {
          name: "列表测试E医药有限公司",
          districtCode: BINHAI,
          industryCode: "C27",
          aboveScale: false,
          srdiTier: "none",
          annual: [{ year: 2025, revenueFen: wan(50), employees: 5 }],
        },
      ],
    ];
    for (const [key, o] of specs) {
      made[key] = await createEnterpriseAs(env.ctx, env.city, {
        tags: [T],
        uscc: makeUscc(o.districtCode as string),
        ...o,
      });
    }
  });

  const keysOf = (items: Item[]) =>
    items.map((i) => Object.keys(made).find((k) => made[k]!.id === i.id) ?? `other:${i.name}`);
  const tagged = (q = "") => list(env.city, `tag=${encodeURIComponent(T)}${q ? `&${q}` : ""}&pageSize=50`);

  it("searches by part of the name", async () => {
    const r = await list(env.city, `q=${encodeURIComponent("精密机械")}`);
    expect(keysOf(r.items)).toEqual(["A"]);
    expect(r.total).toBe(1);
    expect((await list(env.city, `q=${encodeURIComponent(T)}`)).total).toBe(5);
  });

  it("searches by a USCC prefix, not by digits in the middle of the code", async () => {
    const full = await list(env.city, `q=${made.D!.uscc}`);
    expect(keysOf(full.items)).toEqual(["D"]);
    const seventeen = await list(env.city, `q=${made.D!.uscc.slice(0, 17)}`);
    expect(keysOf(seventeen.items)).toEqual(["D"]);
    const districtPrefix = await tagged(`q=91${HEPING}`);
    expect(keysOf(districtPrefix.items).sort()).toEqual(["B", "D"]);
    const middle = await tagged(`q=${made.D!.uscc.slice(2, 14)}`);
    expect(middle.total).toBe(0);
  });

  it("filters by district, industry, 规上, 专精特新 tier, any tier and tag", async () => {
    const cases: [string, string[]][] = [
      [`districtCode=${HEPING}`, ["B", "D"]],
      [`districtCode=${BINHAI}`, ["A", "C", "E"]],
      ["industryCode=C39", ["C"]],
      ["aboveScale=true", ["A", "C", "D"]],
      ["aboveScale=false", ["B", "E"]],
      ["srdiTier=little_giant", ["A"]],
      ["srdiTier=none", ["B", "E"]],
      ["srdi=any", ["A", "C", "D"]],
      [`aboveScale=true&districtCode=${BINHAI}`, ["A", "C"]],
    ];
    for (const [q, expected] of cases) {
      const r = await tagged(q);
      expect(keysOf(r.items).sort(), q).toEqual(expected);
      expect(r.total, q).toBe(expected.length);
    }
    const byTag = await list(env.city, `tag=${encodeURIComponent("数字化车间")}`);
    expect(keysOf(byTag.items)).toEqual(["B"]);
  });

  it("refuses unknown filter values with a field name", async () => {
    const r = await call(env.city, "GET", "/api/enterprises?srdiTier=giant");
    expect(r.statusCode).toBe(400);
    expect(r.json().field).toBe("srdiTier");
    const big = await call(env.city, "GET", "/api/enterprises?pageSize=500");
    expect(big.statusCode).toBe(400);
    expect(big.json().field).toBe("pageSize");
  });

  it("sorts by revenue with unknown revenue last in both directions, and by name", async () => {
    expect(keysOf((await tagged("sort=revenue&order=desc")).items)).toEqual(["D", "A", "B", "E", "C"]);
    expect(keysOf((await tagged("sort=revenue&order=asc")).items)).toEqual(["E", "B", "A", "D", "C"]);
    expect(keysOf((await tagged("sort=name&order=asc")).items)).toEqual(["A", "B", "C", "D", "E"]);
    expect(keysOf((await tagged("sort=name&order=desc")).items)).toEqual(["E", "D", "C", "B", "A"]);
    expect(keysOf((await tagged("")).items)).toEqual(["A", "B", "C", "D", "E"]); // default: name asc
  });

  it("pages through the results without overlap and reports the total", async () => {
    const page = (n: number) => list(env.city, `tag=${encodeURIComponent(T)}&sort=name&pageSize=2&page=${n}`);
    const [p1, p2, p3, p4] = await Promise.all([page(1), page(2), page(3), page(4)]);
    expect([p1.total, p2.total, p3.total, p4.total]).toEqual([5, 5, 5, 5]);
    expect(keysOf(p1.items)).toEqual(["A", "B"]);
    expect(keysOf(p2.items)).toEqual(["C", "D"]);
    expect(keysOf(p3.items)).toEqual(["E"]);
    expect(p4.items).toEqual([]);
    expect(p2.page).toBe(2);
    expect(p2.pageSize).toBe(2);
    const ids = [...p1.items, ...p2.items, ...p3.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(5);
  });
});

describe("contact data", () => {
  it("is masked in list and detail; the full value is revealed on request and the reveal is audited", async () => {
    const e = await createEnterpriseAs(env.ctx, env.city, {
      name: "联系人脱敏测试有限公司",
      contactName: "张伟",
      contactPhone: "13812345678",
    });
    const l = await call(env.city, "GET", `/api/enterprises?q=${encodeURIComponent("联系人脱敏测试")}`);
    expect(l.json().items[0]).toMatchObject({ contactName: "张*", contactPhone: "138****5678" });
    expect(l.body).not.toContain("13812345678");
    expect(l.body).not.toContain("张伟");
    const d = await call(env.city, "GET", `/api/enterprises/${e.id}`);
    expect(d.json()).toMatchObject({ contactName: "张*", contactPhone: "138****5678" });
    expect(d.body).not.toContain("13812345678");

    expect(await auditRows(e.id, "enterprise.contact_view")).toHaveLength(0);
    const c = await call(env.city, "POST", `/api/enterprises/${e.id}/contact`);
    expect(c.statusCode).toBe(200);
    expect(c.json()).toEqual({ contactName: "张伟", contactPhone: "13812345678" });
    const rows = await auditRows(e.id, "enterprise.contact_view");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: env.city.userId,
      entityType: "enterprise",
      districtCode: BINHAI,
    });
  });

  it("masks a compound surname and a landline too", async () => {
    const e = await createEnterpriseAs(env.ctx, env.city, {
      contactName: "欧阳娜娜",
      contactPhone: "022-23456789",
    });
    expect(await detail(env.city, e.id)).toMatchObject({
      contactName: "欧***",
      contactPhone: "********6789",
    });
  });
});

describe("district isolation (和平区 staff vs a 滨海新区 enterprise)", () => {
  let heping: Session;
  let own: { id: string; uscc: string; version: number };
  let other: { id: string; uscc: string; version: number; name: string };

  beforeAll(async () => {
    heping = await userSession(env.ctx, "district_admin", { districtCode: HEPING });
    own = await createEnterpriseAs(env.ctx, env.city, {
      districtCode: HEPING,
      name: "隔离测试和平区企业有限公司",
    });
    other = await createEnterpriseAs(env.ctx, env.city, {
      districtCode: BINHAI,
      name: "隔离测试滨海新区企业有限公司",
    });
  });

  it("never lists another district's enterprise, whatever the filter or search", async () => {
    const all = await list(heping, "pageSize=200");
    expect(all.items.length).toBeGreaterThan(0);
    expect(all.items.every((i) => i.districtCode === HEPING)).toBe(true);
    expect(all.items.map((i) => i.id)).toContain(own.id);
    expect(all.items.map((i) => i.id)).not.toContain(other.id);
    expect((await list(heping, `districtCode=${BINHAI}`)).total).toBe(0);
    expect((await list(heping, `q=${other.uscc}`)).total).toBe(0);
    expect((await list(heping, `q=${encodeURIComponent("隔离测试")}`)).items.map((i) => i.id)).toEqual([
      own.id,
    ]);
  });

  it("counts only its own district in the statistics", async () => {
    const mine = await call(heping, "GET", "/api/enterprises/stats");
    expect(mine.statusCode).toBe(200);
    const s = mine.json();
    expect(s.byDistrict.map((d: { districtCode: string }) => d.districtCode)).toEqual([HEPING]);
    const cityCount = (await list(env.city, `districtCode=${HEPING}`)).total;
    expect(s.total).toBe(cityCount);
    expect(s.byDistrict[0].total).toBe(cityCount);
    const industrySum = s.byIndustry.reduce((a: number, i: { total: number }) => a + i.total, 0);
    expect(industrySum).toBe(cityCount);

    const all = (await call(env.city, "GET", "/api/enterprises/stats")).json();
    expect(all.byDistrict.map((d: { districtCode: string }) => d.districtCode)).toContain(BINHAI);
    expect(all.total).toBe((await list(env.city, "")).total);
  });

  it("exports only its own district's rows", async () => {
    const r = await call(heping, "GET", "/api/enterprises/export");
    expect(r.statusCode).toBe(200);
    const { rows } = await readEnterpriseSheet(r.rawPayload);
    expect(rows.length).toBe((await list(env.city, `districtCode=${HEPING}`)).total);
    expect(rows.every((x) => x.district === "和平区")).toBe(true);
    expect(rows.map((x) => x.uscc)).toContain(own.uscc);
    expect(rows.map((x) => x.uscc)).not.toContain(other.uscc);
    const filtered = await call(heping, "GET", `/api/enterprises/export?districtCode=${BINHAI}`);
    expect((await readEnterpriseSheet(filtered.rawPayload)).rows).toEqual([]);
  });

  it("gets 404 for the other district's detail, contact and update, and nothing is revealed or changed", async () => {
    const d = await call(heping, "GET", `/api/enterprises/${other.id}`);
    expect(d.statusCode).toBe(404);
    expect(d.body).not.toContain(other.name);
    const c = await call(heping, "POST", `/api/enterprises/${other.id}/contact`);
    expect(c.statusCode).toBe(404);
    expect(c.body).not.toContain("13812345678");
    expect(await auditRows(other.id, "enterprise.contact_view")).toHaveLength(0);
    const p = await call(heping, "PATCH", `/api/enterprises/${other.id}`, {
      name: "被改名的企业有限公司",
      version: other.version,
    });
    expect(p.statusCode).toBe(404);
    const after = await detail(env.city, other.id);
    expect(after.name).toBe(other.name);
    expect(after.version).toBe(other.version);
  });

  it("may register in its own district only", async () => {
    const there = await call(heping, "POST", "/api/enterprises", enterpriseInput({ districtCode: BINHAI }));
    expect(there.statusCode).toBe(403);
    expect(there.json().message).toContain("本区以外");
    const here = await call(heping, "POST", "/api/enterprises", enterpriseInput({ districtCode: HEPING }));
    expect(here.statusCode, here.body).toBe(201);
    expect(here.json().districtCode).toBe(HEPING);
  });

  it("cannot move its own enterprise to another district", async () => {
    const cur = await detail(heping, own.id);
    const r = await call(heping, "PATCH", `/api/enterprises/${own.id}`, {
      districtCode: BINHAI,
      version: cur.version,
    });
    expect(r.statusCode).toBe(403);
    const after = await detail(heping, own.id);
    expect(after.districtCode).toBe(HEPING);
    expect(after.version).toBe(cur.version);
  });
});

describe("an enterprise account", () => {
  let mine: { id: string; version: number; uscc: string };
  let another: { id: string };
  let ent: Session;

  beforeAll(async () => {
    mine = await createEnterpriseAs(env.ctx, env.city, {
      name: "自助维护测试有限公司",
      tags: ["高新技术企业"],
      srdiTier: "srdi_sme",
      aboveScale: true,
    });
    another = await createEnterpriseAs(env.ctx, env.city);
    ent = await userSession(env.ctx, "enterprise", { enterpriseId: mine.id });
  });

  it("sees only its own record and no registry lists", async () => {
    const own = await call(ent, "GET", `/api/enterprises/${mine.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().permissions).toMatchObject({ update: true });
    expect(own.json().permissions.editableFields).toEqual(
      expect.arrayContaining(["contactPhone", "address"]),
    );
    expect(own.json().permissions.editableFields).not.toContain("districtCode");
    expect((await call(ent, "GET", `/api/enterprises/${another.id}`)).statusCode).toBe(404);
    expect((await call(ent, "POST", `/api/enterprises/${another.id}/contact`)).statusCode).toBe(404);
    for (const url of ["/api/enterprises", "/api/enterprises/stats", "/api/enterprises/export"]) {
      const r = await call(ent, "GET", url);
      expect(r.statusCode, url).toBe(403);
      expect(r.json().message).toMatch(/您无权/);
    }
    expect((await call(ent, "POST", "/api/enterprises", enterpriseInput())).statusCode).toBe(403);
  });

  it("cannot change administrative facts: district, 规上, 专精特新 tier (403 naming the field)", async () => {
    const cases: [string, unknown][] = [
      ["districtCode", HEPING],
      ["aboveScale", false],
      ["srdiTier", "little_giant"],
      ["industryCode", "C26"],
    ];
    for (const [field, value] of cases) {
      const cur = await detail(ent, mine.id);
      const r = await call(ent, "PATCH", `/api/enterprises/${mine.id}`, {
        [field]: value,
        version: cur.version,
      });
      expect(r.statusCode, field).toBe(403);
      expect(r.json(), field).toMatchObject({ code: "FORBIDDEN", field });
      expect(r.json().message).toContain("企业用户不能修改该字段");
    }
    const after = await detail(env.city, mine.id);
    expect(after).toMatchObject({ districtCode: BINHAI, aboveScale: true, srdiTier: "srdi_sme", version: 1 });
  });

  it("can change its contact phone and address (and only those change)", async () => {
    const cur = await detail(ent, mine.id);
    const r = await call(ent, "PATCH", `/api/enterprises/${mine.id}`, {
      contactPhone: "13900001111",
      address: "天津市滨海新区新地址88号",
      version: cur.version,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      contactPhone: "139****1111",
      address: "天津市滨海新区新地址88号",
      version: cur.version + 1,
      tags: ["高新技术企业"],
      srdiTier: "srdi_sme",
      aboveScale: true,
    });
    const c = await call(env.city, "POST", `/api/enterprises/${mine.id}/contact`);
    expect(c.json().contactPhone).toBe("13900001111");
  });

  it("may send the whole form back: unchanged locked fields are not an attempt to change them", async () => {
    const cur = await detail(ent, mine.id);
    const form = {
      name: cur.name,
      districtCode: cur.districtCode,
      industryCode: cur.industryCode,
      aboveScale: cur.aboveScale,
      size: cur.size,
      srdiTier: cur.srdiTier,
      contactName: "李娜",
      contactPhone: "13700002222",
      address: cur.address,
      tags: cur.tags,
      digitalRdTools: true,
      keyProcessNcRate: cur.keyProcessNcRate,
      cloudAdopted: cur.cloudAdopted,
      itfCertified: cur.itfCertified,
      dcmmLevel: cur.dcmmLevel,
      cmmmLevel: cur.cmmmLevel,
      annual: cur.annual,
      version: cur.version,
    };
    const r = await call(ent, "PATCH", `/api/enterprises/${mine.id}`, form);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ contactName: "李*", digitalRdTools: true, version: cur.version + 1 });
  });
});

describe("saving", () => {
  it("changes only the fields sent; tags, tier and yearly figures stay", async () => {
    const e = await createEnterpriseAs(env.ctx, env.city, {
      tags: ["高新技术企业", "数字化车间"],
      srdiTier: "little_giant",
      annual: [
        { year: 2024, revenueFen: 100_000_000, employees: 80 },
        { year: 2025, revenueFen: 120_000_000, employees: 90 },
      ],
    });
    const r = await call(env.city, "PATCH", `/api/enterprises/${e.id}`, {
      address: "天津市新地址1号",
      version: 1,
    });
    expect(r.statusCode, r.body).toBe(200);
    const after = await detail(env.city, e.id);
    expect(after).toMatchObject({
      address: "天津市新地址1号",
      tags: ["高新技术企业", "数字化车间"],
      srdiTier: "little_giant",
      latestYear: 2025,
      latestRevenueFen: 120_000_000,
      version: 2,
    });
    expect(after.annual).toHaveLength(2);
  });

  it("optimistic locking: the second save of the same version gets 409 and the first save stays", async () => {
    const e = await createEnterpriseAs(env.ctx, env.city, { address: "原地址" });
    const v = (await detail(env.city, e.id)).version;
    const other = await userSession(env.ctx, "city_admin");
    const first = await call(env.city, "PATCH", `/api/enterprises/${e.id}`, {
      name: "第一位保存的名称有限公司",
      version: v,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(v + 1);
    const second = await call(other, "PATCH", `/api/enterprises/${e.id}`, {
      address: "第二位的地址",
      version: v,
    });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: "VERSION_CONFLICT", field: "version" });
    expect(second.json().message).toContain("已被他人修改");
    const now = await detail(env.city, e.id);
    expect(now).toMatchObject({ name: "第一位保存的名称有限公司", address: "原地址", version: v + 1 });
    expect(await auditRows(e.id, "enterprise.update")).toHaveLength(1);
  });

  it("two saves of the same version at the same moment: exactly one wins", async () => {
    const e = await createEnterpriseAs(env.ctx, env.city);
    const [a, b] = await Promise.all([
      call(env.city, "PATCH", `/api/enterprises/${e.id}`, { name: "并发保存甲有限公司", version: 1 }),
      call(env.city, "PATCH", `/api/enterprises/${e.id}`, { name: "并发保存乙有限公司", version: 1 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = (a.statusCode === 200 ? a : b).json().name;
    expect(await detail(env.city, e.id)).toMatchObject({ name: winner, version: 2 });
  });

  it("every write is audited with before and after; refused writes leave no audit row", async () => {
    const e = await createEnterpriseAs(env.ctx, env.city, { name: "审计测试有限公司" });
    const [created] = await auditRows(e.id, "enterprise.create");
    expect(created).toMatchObject({
      actorId: env.city.userId,
      entityType: "enterprise",
      districtCode: BINHAI,
    });
    expect(created!.before).toBeNull();
    expect(created!.after).toMatchObject({ uscc: e.uscc, name: "审计测试有限公司", version: 1 });

    const ok = await call(env.city, "PATCH", `/api/enterprises/${e.id}`, {
      name: "审计测试改名有限公司",
      version: 1,
    });
    expect(ok.statusCode).toBe(200);
    const stale = await call(env.city, "PATCH", `/api/enterprises/${e.id}`, {
      name: "过期版本有限公司",
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    const bad = await call(env.city, "PATCH", `/api/enterprises/${e.id}`, {
      contactPhone: "abc",
      version: 2,
    });
    expect(bad.statusCode).toBe(400);

    const updates = await auditRows(e.id, "enterprise.update");
    expect(updates).toHaveLength(1);
    expect(updates[0]!.before).toMatchObject({ name: "审计测试有限公司", version: 1 });
    expect(updates[0]!.after).toMatchObject({ name: "审计测试改名有限公司", version: 2 });

    // The same trail, as the city bureau sees it: newest first.
    const viaApi = await call(env.city, "GET", `/api/audit?entityId=${e.id}`);
    expect(viaApi.statusCode).toBe(200);
    expect(viaApi.json().items.map((i: { action: string }) => i.action)).toEqual([
      "enterprise.update",
      "enterprise.create",
    ]);
  });
});

describe("export", () => {
  const T = "导出测试";
  let made: { uscc: string; districtCode: string }[];

  beforeAll(async () => {
    made = [];
    for (const [districtCode, aboveScale] of [
      [BINHAI, true],
      [BINHAI, false],
      [HEPING, true],
    ] as const) {
      made.push(
        await createEnterpriseAs(env.ctx, env.city, {
          uscc: makeUscc(districtCode),
          districtCode,
          aboveScale,
          tags: [T],
          contactName: "王小明",
          contactPhone: "13612345678",
        }),
      );
    }
  });

  it("returns an xlsx download in the template layout whose rows match the filters, phones masked", async () => {
    const r = await call(
      env.city,
      "GET",
      `/api/enterprises/export?tag=${encodeURIComponent(T)}&districtCode=${BINHAI}`,
    );
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toContain(XLSX_MIME);
    expect(String(r.headers["content-disposition"])).toMatch(/^attachment;.*filename\*=UTF-8''/);
    expect(decodeURIComponent(String(r.headers["content-disposition"]).split("''")[1]!)).toMatch(
      /^企业库导出_\d{12}\.xlsx$/,
    );
    const { header, rows } = await readEnterpriseSheet(r.rawPayload);
    expect(header).toEqual(COLUMNS.map((c) => c.header));
    expect(rows.map((x) => x.uscc).sort()).toEqual(
      made
        .filter((m) => m.districtCode === BINHAI)
        .map((m) => m.uscc)
        .sort(),
    );
    for (const row of rows) {
      expect(row).toMatchObject({ district: "滨海新区", contactName: "王**", contactPhone: "136****5678" });
    }
    expect(JSON.stringify(rows)).not.toContain("13612345678");
    expect(JSON.stringify(rows)).not.toContain("王小明");

    const above = await call(
      env.city,
      "GET",
      `/api/enterprises/export?tag=${encodeURIComponent(T)}&aboveScale=true`,
    );
    const aboveRows = (await readEnterpriseSheet(above.rawPayload)).rows;
    expect(aboveRows).toHaveLength(2);
    expect(aboveRows.every((x) => x.aboveScale === "是")).toBe(true);
  });

  it("is audited with the filters used", async () => {
    await call(env.city, "GET", `/api/enterprises/export?tag=${encodeURIComponent(T)}`);
    const rows = await env.ctx.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "enterprise.export"), inArray(auditLog.actorId, [env.city.userId])))
      .orderBy(auditLog.id);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.at(-1)!.after).toMatchObject({ filters: { tag: T } });
  });
});
