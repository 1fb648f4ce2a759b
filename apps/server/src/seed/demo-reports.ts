import { type Database, districts, indicatorReports, users } from "@dxcenter/db";
import { lastClosedPeriod, lastPeriods } from "@dxcenter/domain";
import { and, asc, eq, sql } from "drizzle-orm";
import { shanghaiToday } from "../lib/dates";
import { recordAudit } from "../modules/audit/audit.service";
import { fillReport, reviewReport } from "../modules/indicator-reports/report-steps";
import { generateReportTasks } from "../modules/indicator-reports/report-tasks";
import type { CurrentUser } from "../plugins/auth";
import { DEMO_DISTRICT } from "./demo";
import { SEED_ACTOR, seededBefore } from "./demo-seed";

const MARKER = "system.seed_demo_reports";
const HEPING = "120101";

/**
 * Demo mode only, once per database: 指标填报 tasks of the last 13 months (five quarters, two years)
 * in every state, through the real services where a demo login exists:
 *   - earlier periods approved by the city (the approvals store the figures, the districts' sums and
 *     averages, so the 驾驶舱 shows reported figures with a trend);
 *   - the latest quarter of 新增智能工厂: 滨海新区 submitted (to review), 和平区 returned with a reason,
 *     one district a draft, most approved, the rest not filled and overdue (逾期 → 填报逾期 warnings);
 *   - 2025 of 规上企业数字化改造覆盖率: 滨海新区 still to fill (overdue), the other districts approved;
 *   - 市统计局's 2025 growth submitted, waiting for review.
 * Districts without a demo login get their values written straight into the task (status submitted),
 * then approved through the review service like the rest.
 */
export async function seedDemoReports(db: Database, now = new Date()) {
  if (await seededBefore(db, MARKER)) return null;
  const [cityRow] = await db.select().from(users).where(eq(users.username, "city_admin")).limit(1);
  const [binhaiRow] = await db.select().from(users).where(eq(users.username, "district_admin")).limit(1);
  if (!cityRow || !binhaiRow) return null;
  const asUser = (u: typeof cityRow): CurrentUser => ({
    id: u.id,
    role: u.role,
    districtCode: u.districtCode,
    enterpriseId: u.enterpriseId,
    username: u.username,
    displayName: u.displayName,
    organization: u.organization,
    districtName: null,
    enterpriseName: null,
  });
  const city = asUser(cityRow);
  const binhai = asUser(binhaiRow);
  const audit = (u: CurrentUser) => ({ id: u.id, name: u.username, role: u.role, ip: null });

  const months = lastPeriods(lastClosedPeriod(shanghaiToday(now.getTime()), "monthly"), 13);
  for (const month of months) await generateReportTasks(db, SEED_ACTOR, { month, now });
  const order = await db
    .select({ code: districts.code })
    .from(districts)
    .where(eq(districts.status, "current"))
    .orderBy(asc(districts.sortOrder), asc(districts.code));
  const rank = new Map(order.map((d, i) => [d.code, i]));
  const tasks = await db
    .select()
    .from(indicatorReports)
    .orderBy(asc(indicatorReports.indicatorId), asc(indicatorReports.period), asc(indicatorReports.scope));
  const latest = new Map<string, string>();
  for (const t of tasks)
    if ((latest.get(t.indicatorId) ?? "") < t.period) latest.set(t.indicatorId, t.period);

  /** A plausible figure per indicator, district and period (deterministic). */
  const figureFor = (t: (typeof tasks)[number]): number => {
    const i = rank.get(t.scope) ?? 0;
    const year = Number(t.period.slice(0, 4));
    const q = t.period.includes("Q") ? Number(t.period.slice(-1)) : 4;
    switch (t.indicatorId) {
      case "smart-factories-new":
        return (1 + (i % 4)) * q + (year - 2025);
      case "above-scale-retrofit-coverage":
        return Math.round((38 + ((i * 7) % 30) + (year - 2024) * 9) * 10) / 10;
      case "5g-factories-new":
        return q + (year - 2025);
      case "national-smart-factories-recommended":
        return year - 2021;
      case "tech-upgrade-investment-growth":
        return year === 2024 ? 9.6 : 12.4;
      case "tech-upgrade-investment-cumulative":
        return year === 2024 ? 512.3 : 884.7;
      default:
        return 1;
    }
  };

  type Plan = "approve" | "submit" | "return" | "draft" | "leave";
  const planOf = (t: (typeof tasks)[number]): Plan => {
    const isLatest = latest.get(t.indicatorId) === t.period;
    if (!isLatest) return "approve";
    if (t.indicatorId === "smart-factories-new") {
      if (t.scope === DEMO_DISTRICT) return "submit";
      if (t.scope === HEPING) return "return";
      const i = rank.get(t.scope) ?? 0;
      if (i === 2) return "draft";
      return i % 3 === 0 ? "leave" : "approve";
    }
    if (t.indicatorId === "above-scale-retrofit-coverage")
      return t.scope === DEMO_DISTRICT ? "leave" : "approve";
    if (t.indicatorId === "tech-upgrade-investment-growth") return "submit";
    if (t.indicatorId === "5g-factories-new") return "leave";
    return "approve";
  };

  let approved = 0;
  for (const t of tasks) {
    const plan = planOf(t);
    if (plan === "leave") continue;
    const value = figureFor(t);
    const note = plan === "draft" ? "待核对园区数据" : "数据来源：区工信部门统计台账";
    let version = t.version;
    if (t.scope === DEMO_DISTRICT && t.ownerKind === "district") {
      // 滨海新区 fills through the real service as the demo district administrator.
      const r = await fillReport(db, binhai, audit(binhai), t.id, { value, note, version }, plan !== "draft");
      version = r.version;
    } else if (t.ownerKind === "city") {
      const r = await fillReport(db, city, audit(city), t.id, { value, note, version }, plan !== "draft");
      version = r.version;
    } else {
      await db
        .update(indicatorReports)
        .set({
          status: plan === "draft" ? "draft" : "submitted",
          value: String(value),
          note,
          submittedAt: plan === "draft" ? null : sql`${t.dueDate}::date - 2`,
          version: version + 1,
        })
        .where(and(eq(indicatorReports.id, t.id), eq(indicatorReports.version, version)));
      version += 1;
    }
    if (plan === "approve") {
      await reviewReport(db, city, audit(city), t.id, "approve", { version });
      approved++;
    } else if (plan === "return")
      await reviewReport(db, city, audit(city), t.id, "return", {
        version,
        reason: "请按口径只统计本季度新认定的基础级、先进级智能工厂，并附认定文件清单",
      });
  }
  await recordAudit(db, SEED_ACTOR, {
    action: MARKER,
    entityType: "indicator_report",
    after: { months: [months[0], months.at(-1)], tasks: tasks.length, approved },
  });
  return { tasks: tasks.length, approved };
}
