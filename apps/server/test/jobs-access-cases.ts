import { type AccessCase as Case, type MatrixEnv, row } from "./access-case";
import { cityOnly } from "./access-expect";

/** Access-matrix rows of the scheduled jobs (定时任务): the city's administrators only. */
export function jobCases(env: MatrixEnv): Case[] {
  return [
    row("GET", "/api/jobs", cityOnly()),
    row("GET", "/api/jobs/:name/runs", cityOnly(), { url: "/api/jobs/expire-stale-imports/runs" }),
    row("POST", "/api/jobs/:name/run", cityOnly(202), {
      url: "/api/jobs/expire-stale-imports/run",
      // Each allowed call waits for the previous run, so a run still going never answers 409 here.
      body: async () => {
        await env.ctx().app.scheduler.whenIdle();
        return undefined;
      },
    }),
    row("PUT", "/api/jobs/:name", cityOnly(), {
      url: "/api/jobs/expire-stale-imports",
      body: () => ({ enabled: true }),
    }),
  ];
}
