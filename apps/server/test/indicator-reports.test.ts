import { auditLog, indicatorReports, indicatorSnapshots, users, warnings } from "@dxcenter/db";
import { and, eq, ne } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { currentDistricts } from "../src/modules/indicators/indicator.queries";
import { evaluateWarnings } from "../src/modules/warnings/evaluate-warnings";
import { BINHAI, HEPING, type Session, SYSTEM, testFile, userSession } from "./helpers";
import { multipart } from "./xlsx-fixtures";

/**
 * 指标填报 on both databases: tasks made idempotently per indicator × period × owner, district and
 * department isolation, the form's checks (type, decimals, range, jump note), save → submit →
 * return → resubmit → approve (two approvals at once: one wins), the Excel template round trip, the
 * approved figure in the 驾驶舱 (and the districts' city sum once all are approved), 逾期 and its warning.
 */

const STATS = "市统计局";
const MONTH = "2026-09"; // quarterly → 2026-Q3, yearly → 2025

const f = testFile(async (ctx) => {
  const stats = await userSession(ctx, "department");
  await ctx.handle.db.update(users).set({ organization: STATS }).where(eq(users.id, stats.userId));
  return {
    city: await userSession(ctx, "city_admin"),
    binhai: await userSession(ctx, "district_admin", { districtCode: BINHAI }),
    heping: await userSession(ctx, "district_admin", { districtCode: HEPING }),
    stats,
    otherDept: await userSession(ctx, "department"),
    provider: await userSession(ctx, "provider"),
    enterprise: await userSession(ctx, "expert"),
  };
});
const db = () => f.ctx.handle.db;

const call = (s: Session, method: "GET" | "POST", url: string, payload?: object) =>
  f.ctx.app.inject({ method, url, headers: { cookie: s.cookie }, ...(payload ? { payload } : {}) });

interface Item {
  id: string;
  indicatorId: string;
  period: string;
  scope: string;
  status: string;
  version: number;
  value: number | null;
  overdue: boolean;
  ownerName: string;
  lastValue: number | null;
  permissions: Record<string, boolean>;
}
const list = async (s: Session, query = "") => {
  const res = await call(s, "GET", `/api/indicator-reports?pageSize=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; total: number; overdueCount: number };
};
const task = async (s: Session, indicator: string, scope: string) =>
  (await list(s, `&indicator=${indicator}`)).items.find((t) => t.scope === scope)!;

let districtCount = 0;

beforeAll(async () => {
  districtCount = (await currentDistricts(db())).length;
});

describe("tasks", () => {
  it("are made per indicator × period × owner, idempotently, also under two calls at once", async () => {
    const first = await call(f.city, "POST", "/api/indicator-reports/generate", { month: MONTH });
    expect(first.statusCode, first.body).toBe(200);
    const expected = 4 + 2 * districtCount;
    expect(first.json()).toMatchObject({ month: MONTH, created: expected, existing: 0 });
    const [a, b] = await Promise.all([
      call(f.city, "POST", "/api/indicator-reports/generate", { month: MONTH }),
      call(f.city, "POST", "/api/indicator-reports/generate", { month: MONTH }),
    ]);
    expect(a.json().created + b.json().created).toBe(0);
    const all = await list(f.city);
    expect(all.total).toBe(expected);
    const growth = all.items.find((t) => t.indicatorId === "tech-upgrade-investment-growth")!;
    expect(growth).toMatchObject({ period: "2025", scope: "city", ownerName: STATS, status: "pending" });
    const smart = all.items.filter((t) => t.indicatorId === "smart-factories-new");
    expect(smart).toHaveLength(districtCount);
    expect(smart.every((t) => t.period === "2026-Q3")).toBe(true);
    expect(
      (await db().select().from(indicatorReports).where(eq(indicatorReports.period, "2025"))).length,
    ).toBe(3 + districtCount);
  });

  it("only the city generates", async () => {
    expect((await call(f.binhai, "POST", "/api/indicator-reports/generate", {})).statusCode).toBe(403);
  });

  it("a district sees only its own district's tasks, a department only what its organisation owns", async () => {
    const own = await list(f.binhai);
    expect(own.items.map((t) => t.indicatorId).sort()).toEqual([
      "above-scale-retrofit-coverage",
      "smart-factories-new",
    ]);
    expect(own.items.every((t) => t.scope === BINHAI)).toBe(true);
    const hepingTask = (await list(f.heping)).items[0]!;
    expect((await call(f.binhai, "GET", `/api/indicator-reports/${hepingTask.id}`)).statusCode).toBe(404);
    const dept = await list(f.stats);
    expect(dept.items.map((t) => t.indicatorId).sort()).toEqual([
      "tech-upgrade-investment-cumulative",
      "tech-upgrade-investment-growth",
    ]);
    expect((await list(f.otherDept)).total).toBe(0);
    expect((await call(f.provider, "GET", "/api/indicator-reports")).statusCode).toBe(403);
    expect((await call(f.enterprise, "GET", "/api/indicator-reports")).statusCode).toBe(403);
  });

  it("a yearly task of 2025 is overdue (due 2026-01-10) and counted", async () => {
    const own = await list(f.binhai);
    const coverage = own.items.find((t) => t.indicatorId === "above-scale-retrofit-coverage")!;
    expect(coverage.overdue).toBe(true);
    expect(own.overdueCount).toBeGreaterThanOrEqual(1);
    const overdue = await list(f.binhai, "&overdue=true");
    expect(overdue.items.every((t) => t.overdue)).toBe(true);
  });
});

describe("fill and review", () => {
  it("checks type, decimals and range with Chinese messages naming the indicator", async () => {
    const t = await task(f.binhai, "smart-factories-new", BINHAI);
    const bad = await call(f.binhai, "POST", `/api/indicator-reports/${t.id}/save`, {
      value: 3.5,
      version: t.version,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      field: "value",
      message: "“新增基础级、先进级智能工厂”的填报值应为整数",
    });
    const neg = await call(f.binhai, "POST", `/api/indicator-reports/${t.id}/submit`, {
      value: -1,
      version: t.version,
    });
    expect(neg.json().message).toContain("不能小于0家");
    const other = await task(f.heping, "smart-factories-new", HEPING);
    expect(
      (await call(f.binhai, "POST", `/api/indicator-reports/${other.id}/save`, { value: 1, version: 1 }))
        .statusCode,
    ).toBe(404);
  });

  it("save → submit → return with reason → resubmit → approve; two approvals at once: one wins", async () => {
    let t = await task(f.binhai, "smart-factories-new", BINHAI);
    const saved = await call(f.binhai, "POST", `/api/indicator-reports/${t.id}/save`, {
      value: 3,
      version: t.version,
    });
    expect(saved.json()).toMatchObject({ status: "draft", value: 3 });
    const stale = await call(f.binhai, "POST", `/api/indicator-reports/${t.id}/submit`, {
      value: 3,
      version: t.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe("VERSION_CONFLICT");
    t = saved.json();
    const submitted = await call(f.binhai, "POST", `/api/indicator-reports/${t.id}/submit`, {
      value: 3,
      version: t.version,
    });
    expect(submitted.json()).toMatchObject({ status: "submitted" });
    t = submitted.json();
    expect(
      (await call(f.binhai, "POST", `/api/indicator-reports/${t.id}/approve`, { version: t.version }))
        .statusCode,
    ).toBe(403);
    const noReason = await call(f.city, "POST", `/api/indicator-reports/${t.id}/return`, {
      version: t.version,
      reason: "",
    });
    expect(noReason.statusCode).toBe(400);
    const returned = await call(f.city, "POST", `/api/indicator-reports/${t.id}/return`, {
      version: t.version,
      reason: "请按口径只计先进级以上",
    });
    expect(returned.json()).toMatchObject({ status: "returned", returnReason: "请按口径只计先进级以上" });
    t = returned.json();
    const again = await call(f.binhai, "POST", `/api/indicator-reports/${t.id}/submit`, {
      value: 4,
      version: t.version,
    });
    expect(again.json()).toMatchObject({ status: "submitted", value: 4 });
    t = again.json();
    const [x, y] = await Promise.all([
      call(f.city, "POST", `/api/indicator-reports/${t.id}/approve`, { version: t.version }),
      call(f.city, "POST", `/api/indicator-reports/${t.id}/approve`, { version: t.version }),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    const late = await call(f.city, "POST", `/api/indicator-reports/${t.id}/approve`, {
      version: t.version + 1,
    });
    expect(late.json()).toMatchObject({
      code: "STATE_CONFLICT",
      params: { entity: "indicator_report", status: "approved" },
    });
    const snaps = await db()
      .select()
      .from(indicatorSnapshots)
      .where(
        and(eq(indicatorSnapshots.indicatorId, "smart-factories-new"), eq(indicatorSnapshots.scope, BINHAI)),
      );
    expect(snaps.map((s) => [s.period, Number(s.value), s.version])).toEqual([["2026-Q3", 4, 1]]);
    const actions = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, t.id));
    expect(actions.map((a) => a.action)).toEqual([
      "indicator_report.save",
      "indicator_report.submit",
      "indicator_report.return",
      "indicator_report.submit",
      "indicator_report.approve",
    ]);
  });

  it("the approved figure is the district's figure in the 驾驶舱", async () => {
    const res = await call(f.binhai, "GET", `/api/cockpit?period=${MONTH}`);
    const card = (
      res.json().cards as {
        indicator: { id: string };
        period: string;
        figure: { value: number; origin: string };
      }[]
    ).find((c) => c.indicator.id === "smart-factories-new")!;
    expect(card).toMatchObject({ period: "2026-Q3", figure: { value: 4, origin: "snapshot" } });
  });

  it("once every district is approved the city figure is their sum", async () => {
    const others = (await list(f.city, "&indicator=smart-factories-new")).items.filter(
      (t) => t.status !== "approved",
    );
    // The other districts' submissions, made directly (one login per district would only slow the test).
    for (const t of others)
      await db()
        .update(indicatorReports)
        .set({ status: "submitted", value: "2", version: t.version + 1 })
        .where(eq(indicatorReports.id, t.id));
    for (const t of others) {
      const r = await call(f.city, "POST", `/api/indicator-reports/${t.id}/approve`, {
        version: t.version + 1,
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const res = await call(f.city, "GET", `/api/cockpit?period=${MONTH}`);
    const card = (res.json().cards as { indicator: { id: string }; figure: { value: number } }[]).find(
      (c) => c.indicator.id === "smart-factories-new",
    )!;
    expect(card.figure.value).toBe(4 + 2 * (districtCount - 1));
  });

  it("a change of more than 30 % against the last approved period needs a note (at the boundary)", async () => {
    const t = await task(f.stats, "tech-upgrade-investment-growth", "city");
    await db().insert(indicatorSnapshots).values({
      indicatorId: "tech-upgrade-investment-growth",
      indicatorVersion: "2",
      period: "2024",
      scope: "city",
      value: "10",
      sourceVersion: "test",
    });
    const item = (await call(f.stats, "GET", `/api/indicator-reports/${t.id}`)).json();
    expect(item).toMatchObject({ lastValue: 10, lastPeriod: "2024", jumpPercent: 30 });
    const jump = await call(f.stats, "POST", `/api/indicator-reports/${t.id}/submit`, {
      value: 13.1,
      version: t.version,
    });
    expect(jump.statusCode).toBe(400);
    expect(jump.json()).toMatchObject({ field: "note" });
    expect(jump.json().message).toContain("变动超过30%");
    // A draft keeps the value without the note; exactly 30 % needs none.
    const draft = await call(f.stats, "POST", `/api/indicator-reports/${t.id}/save`, {
      value: 13.1,
      version: t.version,
    });
    expect(draft.statusCode).toBe(200);
    const ok = await call(f.stats, "POST", `/api/indicator-reports/${t.id}/submit`, {
      value: 13,
      version: draft.json().version,
    });
    expect(ok.json()).toMatchObject({ status: "submitted" });
    // Growth may be negative.
    const cum = await task(f.stats, "tech-upgrade-investment-cumulative", "city");
    expect(
      (
        await call(f.stats, "POST", `/api/indicator-reports/${cum.id}/save`, {
          value: -5,
          version: cum.version,
        })
      ).statusCode,
    ).toBe(400);
  });
});

describe("Excel template", () => {
  it("round trip: download, fill, upload with a row report, submit", async () => {
    const tpl = await call(f.binhai, "GET", "/api/indicator-reports/template?period=2025");
    expect(tpl.statusCode, tpl.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    expect(header).toEqual([
      "指标",
      "口径",
      "单位",
      "统计期",
      "填报范围",
      "截止日期",
      "上期审核值",
      "填报值",
      "说明",
      "任务编号（请勿修改）",
    ]);
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(1).value).toBe("规上工业企业数字化改造覆盖率");
    ws.getRow(2).getCell(8).value = 120;
    const bad = Buffer.from(await wb.xlsx.writeBuffer());
    const badUp = await f.ctx.app.inject({
      method: "POST",
      url: "/api/indicator-reports/upload?submit=true",
      ...withCookie(multipart({ filename: "填报.xlsx", content: bad }), f.binhai),
    });
    expect(badUp.statusCode, badUp.body).toBe(200);
    expect(badUp.json()).toMatchObject({ failed: 1, submitted: 0 });
    expect(badUp.json().rows[0].messages[0]).toBe(
      "第2行“填报值”：“规上工业企业数字化改造覆盖率”的填报值不能大于100%",
    );
    ws.getRow(2).getCell(8).value = 56.5;
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await f.ctx.app.inject({
      method: "POST",
      url: "/api/indicator-reports/upload?submit=true",
      ...withCookie(multipart({ filename: "填报.xlsx", content: good }), f.binhai),
    });
    expect(up.json()).toMatchObject({ submitted: 1, failed: 0 });
    const t = await task(f.binhai, "above-scale-retrofit-coverage", BINHAI);
    expect(t).toMatchObject({ status: "submitted", value: 56.5, overdue: false });
    // Heping's upload of Binhai's rows finds no such task.
    const foreign = await f.ctx.app.inject({
      method: "POST",
      url: "/api/indicator-reports/upload",
      ...withCookie(multipart({ filename: "填报.xlsx", content: good }), f.heping),
    });
    expect(foreign.json()).toMatchObject({ failed: 1, saved: 0 });
  });

  it("refuses a file over 1 MB and a file that is not the template", async () => {
    const big = await f.ctx.app.inject({
      method: "POST",
      url: "/api/indicator-reports/upload",
      ...withCookie(multipart({ filename: "big.xlsx", content: Buffer.alloc(1024 * 1024 + 10) }), f.binhai),
    });
    expect(big.statusCode).toBe(413);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("x").addRow(["名称", "数值"]);
    const other = await f.ctx.app.inject({
      method: "POST",
      url: "/api/indicator-reports/upload",
      ...withCookie(
        multipart({ filename: "x.xlsx", content: Buffer.from(await wb.xlsx.writeBuffer()) }),
        f.binhai,
      ),
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().message).toContain("表头缺少必填列");
  });

  it("the list exports", async () => {
    const res = await call(f.city, "GET", "/api/indicator-reports/export?overdue=true");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
  });
});

describe("填报逾期 warning", () => {
  it("raises one warning per late task, owned by the task's owner, cleared once submitted", async () => {
    await evaluateWarnings(db(), SYSTEM);
    const open = await db()
      .select()
      .from(warnings)
      .where(and(eq(warnings.ruleId, "report-late"), ne(warnings.state, "closed")));
    const dept = open.find((w) => w.subjectId === "tech-upgrade-investment-cumulative@city");
    expect(dept).toMatchObject({ ownerKind: "department", ownerCode: STATS });
    expect(open.some((w) => w.subjectId === `above-scale-retrofit-coverage@${BINHAI}`)).toBe(false); // submitted
    const heping = open.find((w) => w.subjectId === `above-scale-retrofit-coverage@${HEPING}`);
    expect(heping).toMatchObject({ ownerKind: "district", ownerCode: HEPING, districtCode: HEPING });
    expect(heping?.title).toMatch(/^和平区“规上工业企业数字化改造覆盖率”2025填报逾期\d+天$/);
  });
});

function withCookie(m: { payload: Buffer; headers: Record<string, string> }, s: Session) {
  return { payload: m.payload, headers: { ...m.headers, cookie: s.cookie } };
}
