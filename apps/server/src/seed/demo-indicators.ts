import { auditLog, type Database } from "@dxcenter/db";
import { lastClosedPeriod, lastPeriods } from "@dxcenter/domain";
import { eq } from "drizzle-orm";
import { shanghaiToday } from "../lib/dates";
import { recordAudit } from "../modules/audit/audit.service";
import { closePeriod } from "../modules/indicators/close-period";

const MARKER = "system.seed_demo_indicators";
const SYSTEM = { id: null, name: "system", role: "system", ip: null };

/**
 * Demo mode only, once per database (an audit row marks it): the last 12 months closed into
 * snapshots, so the 驾驶舱's sparklines show a year. Each month is closed by the real closePeriod,
 * computed from the demo tables as of that month's end:
 *   - dated facts are real history of the demo data: assessments (submitted over the last ~400 days),
 *     diagnoses closed, projects started / finished / reported, awards confirmed, payments;
 *   - registry fields keep no history (规上, 研发设计工具, 数控化率, 上云) and the demo registry is
 *     generated on the first start, so these months read today's registry (back-filled: a flat line),
 *     and every row says "demo-backfill:<formula>@<version>" in source_version.
 * Reported indicators (统计局's 技改投资…) get nothing: they stay 暂无数据 until their owners report.
 */
export async function seedDemoIndicators(db: Database, now = new Date()) {
  const [done] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(eq(auditLog.action, MARKER))
    .limit(1);
  if (done) return null;
  const months = lastPeriods(lastClosedPeriod(shanghaiToday(now.getTime()), "monthly"), 12);
  let stored = 0;
  for (const month of months)
    stored += (await closePeriod(db, month, SYSTEM, { now, demoBackfill: true })).stored;
  await recordAudit(db, SYSTEM, {
    action: MARKER,
    entityType: "indicator",
    after: { months: [months[0], months.at(-1)], stored },
  });
  return { months, stored };
}
