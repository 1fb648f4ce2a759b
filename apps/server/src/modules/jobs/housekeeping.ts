import type { Database } from "@dxcenter/db";
import type { Scheduler } from "../../lib/scheduler";
import { expireStaleImports } from "../enterprises/enterprise-import";

/**
 * Housekeeping jobs that call what the modules already export. Imports expire their dead jobs when a
 * node starts and when a job is polled; this daily run also catches a job nobody polls any more.
 */
export function registerHousekeepingJobs(scheduler: Scheduler, db: Database): void {
  scheduler.register({
    name: "expire-stale-imports",
    label: "清理中断的企业导入任务",
    schedule: { kind: "daily", at: "03:00" },
    run: async () => {
      const n = await expireStaleImports(db);
      return {
        message: n ? `已将 ${n} 个中断的导入任务标记为失败` : "没有中断的导入任务",
        summary: { expired: n },
      };
    },
  });
}
