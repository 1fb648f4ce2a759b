import type { GenerateReportsResult, Indicator } from "@dxcenter/contracts";
import { type Database, indicatorReports } from "@dxcenter/db";
import {
  lastClosedPeriod,
  periodAsOf,
  type ReportOwnerKind,
  reportDueDate,
  reportingOf,
} from "@dxcenter/domain";
import { shanghaiToday } from "../../lib/dates";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { currentDistricts } from "../indicators/indicator.queries";
import { currentIndicators } from "../indicators/indicator-loader";

/**
 * 生成填报任务: for every reported indicator, its period as of the month (the last one that has ended
 * by the month's end: a quarterly indicator in 2026-11 gets 2026-Q3), one task per owner:
 *   - reporting.reportedBy "districts": each current district of the city (scope = the district);
 *   - otherwise its owner: a department (owner.kind department, by organisation name) or the city itself
 *     (owner.kind city; the city administrator fills it) — scope "city".
 * Idempotent: UNIQUE (indicator, period, scope) with ON CONFLICT DO NOTHING, so the daily job, the
 * city's button and two nodes at once make each task once. Due = the period's end + dueDays.
 */
export interface TaskSpec {
  indicator: Indicator;
  period: string;
  scope: string;
  ownerKind: ReportOwnerKind;
  ownerCode: string | null;
  districtCode: string | null;
}

export function taskSpecs(
  defs: readonly Indicator[],
  month: string,
  districtCodes: readonly string[],
): TaskSpec[] {
  return defs
    .filter((d) => d.kind === "reported")
    .flatMap((indicator): TaskSpec[] => {
      const period = periodAsOf(month, indicator.frequency);
      if (reportingOf(indicator).reportedBy === "districts")
        return districtCodes.map((code) => ({
          indicator,
          period,
          scope: code,
          ownerKind: "district",
          ownerCode: code,
          districtCode: code,
        }));
      const department = indicator.owner.kind === "department";
      return [
        {
          indicator,
          period,
          scope: "city",
          ownerKind: department ? "department" : "city",
          ownerCode: department ? indicator.owner.name : null,
          districtCode: null,
        },
      ];
    });
}

export async function generateReportTasks(
  db: Database,
  actor: AuditActor,
  opts: { month?: string; now?: Date } = {},
): Promise<GenerateReportsResult> {
  const now = opts.now ?? new Date();
  const month = opts.month ?? lastClosedPeriod(shanghaiToday(now.getTime()), "monthly");
  const defs = await currentIndicators(db);
  const codes = (await currentDistricts(db)).map((d) => d.code);
  const specs = taskSpecs(defs, month, codes);
  return db.transaction(async (tx) => {
    const inserted = specs.length
      ? await tx
          .insert(indicatorReports)
          .values(
            specs.map((s) => ({
              indicatorId: s.indicator.id,
              indicatorVersion: s.indicator.version,
              period: s.period,
              scope: s.scope,
              ownerKind: s.ownerKind,
              ownerCode: s.ownerCode,
              districtCode: s.districtCode,
              dueDate: reportDueDate(s.period, reportingOf(s.indicator).dueDays),
            })),
          )
          .onConflictDoNothing()
          .returning({ id: indicatorReports.id })
      : [];
    const periods = [
      ...new Map(
        specs.map((s) => [s.indicator.id, { indicatorId: s.indicator.id, period: s.period }]),
      ).values(),
    ];
    const result = { month, created: inserted.length, existing: specs.length - inserted.length, periods };
    if (inserted.length > 0 || actor.id !== null)
      await recordAudit(tx, actor, {
        action: "indicator_report.generate",
        entityType: "indicator_report",
        entityId: month,
        after: result,
      });
    return result;
  });
}
