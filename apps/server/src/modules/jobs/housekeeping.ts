import type { Database } from "@dxcenter/db";
import { lastClosedPeriod } from "@dxcenter/domain";
import { shanghaiToday } from "../../lib/dates";
import type { Scheduler } from "../../lib/scheduler";
import { expireStaleImports } from "../enterprises/enterprise-import";
import { closePeriod } from "../indicators/close-period";

/** Who the audit log names for work the scheduler does on its own. */
export const SCHEDULER_ACTOR = { id: null, name: "定时任务", role: "system", ip: null };

/**
 * Housekeeping jobs that call what the modules already export. Imports expire their dead jobs when a
 * node starts and when a job is polled; this run — every 5 minutes, so a killed import is reported
 * failed (导入中断, what was written, audited) within minutes of its 2-minute lease expiring — also
 * catches a job nobody polls any more.
 */
export function registerHousekeepingJobs(scheduler: Scheduler, db: Database): void {
  scheduler.register({
    name: "expire-stale-imports",
    label: "清理中断的企业导入任务",
    schedule: { kind: "every", minutes: 5 },
    run: async () => {
      const n = await expireStaleImports(db);
      return {
        message: n ? `已将 ${n} 个中断的导入任务标记为失败` : "没有中断的导入任务",
        summary: { expired: n },
      };
    },
  });

  // 监测指标: on the 1st of each month the month that just ended is closed into snapshots (a month
  // ending a quarter or a year closes those too); closing twice stores nothing new.
  scheduler.register({
    name: "close-indicator-month",
    label: "监测指标月度关账",
    schedule: { kind: "monthly", day: 1, at: "02:00" },
    run: async () => {
      const period = lastClosedPeriod(shanghaiToday(), "monthly");
      const r = await closePeriod(db, period, SCHEDULER_ACTOR);
      return {
        message: `${period} 关账：新存 ${r.stored} 个快照，已存在 ${r.existing} 个`,
        summary: { stored: r.stored, existing: r.existing },
      };
    },
  });
}
