import type { FastifyRequest } from "fastify";

const DAY = 86_400_000;

/** Today in Asia/Shanghai, YYYY-MM-DD. */
export function shanghaiToday(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/**
 * The day the pool's date rules (draw windows, notice periods) read. In demo mode only, the header
 * `x-dxc-today: YYYY-MM-DD` moves it (a demo / e2e clock to walk through a 公示 period); production
 * always uses the real day.
 */
export function requestToday(request: FastifyRequest): string {
  const real = shanghaiToday();
  if (request.server.config.mode !== "demo") return real;
  const h = request.headers["x-dxc-today"];
  const v = Array.isArray(h) ? h[0] : h;
  return v && /^\d{4}-\d{2}-\d{2}$/.test(v) && v >= real ? v : real;
}
