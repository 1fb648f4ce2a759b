import type { FastifyRequest } from "fastify";
import { shanghaiToday } from "../../lib/dates";

/**
 * The day the pool's date rules (draw windows, notice periods) read. In demo mode only, the header
 * `x-dxc-today: YYYY-MM-DD` moves it (a demo / e2e clock to walk through a 公示 period); production
 * always uses the real day (Asia/Shanghai, lib/dates.ts).
 */
export function requestToday(request: FastifyRequest): string {
  const real = shanghaiToday();
  if (request.server.config.mode !== "demo") return real;
  const h = request.headers["x-dxc-today"];
  const v = Array.isArray(h) ? h[0] : h;
  return v && /^\d{4}-\d{2}-\d{2}$/.test(v) && v >= real ? v : real;
}
