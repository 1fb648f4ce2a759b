import fp from "fastify-plugin";
import { Scheduler } from "../../lib/scheduler";
import { registerPolicySweepJob } from "../policies/policy-sweep-job";
import { registerHousekeepingJobs, SCHEDULER_ACTOR } from "./housekeeping";

declare module "fastify" {
  interface FastifyInstance {
    /** The scheduled jobs of this node: modules `register` theirs; main.ts starts the tick. */
    scheduler: Scheduler;
  }
}

/**
 * One Scheduler per app (lib/scheduler.ts). Jobs are registered while the app is built; their rows are
 * written when it is ready (so the admin view lists them on every node), and closing the app stops the
 * tick and waits for the runs in progress. The tick itself only starts when main.ts calls `start()`
 * (DXC_SCHEDULER=off leaves it off), so tests run jobs only when they ask.
 */
export const schedulerPlugin = fp(async (app) => {
  const scheduler = new Scheduler(app.db, {
    leaseMs: app.config.scheduler.leaseMs,
    tickMs: app.config.scheduler.tickMs,
    onError: (e) => app.log.error(e, "定时任务调度出错"),
  });
  app.decorate("scheduler", scheduler);
  registerHousekeepingJobs(scheduler, app.db);
  registerPolicySweepJob(scheduler, app.db, app.config.schedules.policySweeps, SCHEDULER_ACTOR);
  app.addHook("onReady", async () => {
    await scheduler.sync();
  });
  app.addHook("onClose", async () => {
    await scheduler.stop();
  });
});
