import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { AppError } from "../errors";

/**
 * CSRF defence beyond SameSite=Lax (issue 16 §7, OWASP "Verifying Origin with standard headers" and
 * Fetch Metadata): a state-changing /api request (anything but GET, HEAD, OPTIONS) that a browser sends
 * from another site is refused with 403 before its session is used.
 * - `Sec-Fetch-Site` (sent by every current browser): only `same-origin` and `none` (typed or bookmarked)
 *   pass;
 * - otherwise `Origin` (sent with every cross-origin POST): it must equal this server's own origin,
 *   i.e. the scheme and Host the client used — behind a load balancer with DXC_TRUST_PROXY on, Fastify
 *   takes both from the trusted X-Forwarded-Proto / X-Forwarded-Host;
 * - a request with neither header comes from a non-browser client (curl, scripts, the test suite),
 *   which no other site can make a user's browser send: it passes.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function crossSiteReason(request: FastifyRequest): string | null {
  if (SAFE_METHODS.has(request.method) || !request.url.startsWith("/api/")) return null;
  const site = request.headers["sec-fetch-site"];
  if (typeof site === "string")
    return site === "same-origin" || site === "none" ? null : `Sec-Fetch-Site: ${site}`;
  const origin = request.headers.origin;
  if (origin === undefined) return null;
  const own = `${request.protocol}://${request.host}`;
  return origin.toLowerCase() === own.toLowerCase() ? null : `Origin: ${origin}`;
}

export const sameOrigin = fp(async (app: FastifyInstance) => {
  app.addHook("onRequest", async (request) => {
    const reason = crossSiteReason(request);
    if (!reason) return;
    request.log.warn({ reason, url: request.url }, "拒绝跨站请求");
    throw new AppError(403, "FORBIDDEN", "请求来自其他网站，已被拒绝（跨站请求防护）", undefined, {
      action: "从其他网站提交请求",
    });
  });
});
