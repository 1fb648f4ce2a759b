import type { AccessCase as Case, MatrixEnv } from "./access-case";

/** Access-matrix rows of the scheduled jobs (定时任务): the city's administrators only. */
export function jobCases(env: MatrixEnv): Case[] {
  const cityOnly = (ok: number) => ({ anonymous: 401, city_admin: ok, default: 403 });
  return [
    { method: "GET", route: "/api/jobs", url: () => "/api/jobs", expect: cityOnly(200) },
    {
      method: "GET",
      route: "/api/jobs/:name/runs",
      url: () => "/api/jobs/expire-stale-imports/runs",
      expect: cityOnly(200),
    },
    {
      method: "POST",
      route: "/api/jobs/:name/run",
      url: () => "/api/jobs/expire-stale-imports/run",
      // Each allowed call waits for the previous run, so a run still going never answers 409 here.
      body: async () => {
        await env.ctx().app.scheduler.whenIdle();
        return undefined;
      },
      expect: cityOnly(202),
    },
    {
      method: "PUT",
      route: "/api/jobs/:name",
      url: () => "/api/jobs/expire-stale-imports",
      body: () => ({ enabled: true }),
      expect: cityOnly(200),
    },
  ];
}
