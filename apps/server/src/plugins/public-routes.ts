/**
 * The /api routes that answer without a session. Every other /api route gets a login check before
 * its body is parsed or validated (plugins/session-guard.ts) and `security: [{ session: [] }]` in the
 * OpenAPI document; these get `security: []`.
 *
 * A route belongs here only if its handler works for an anonymous caller (it does not call
 * requireUser / requireRole; it may read `request.user` to show more to a signed-in user).
 * test/openapi.test.ts checks both directions on the built app.
 */
export const PUBLIC_ROUTES: readonly string[] = [
  "GET /api/health",
  "GET /api/reference",
  // 认证: logging in needs no session; logging out without one is a harmless no-op (clears the cookie).
  "POST /api/auth/login",
  "POST /api/auth/logout",
  // 评估量表: the public catalogue.
  "GET /api/instruments",
  "GET /api/instruments/:id",
  // 政策库 (the public policy pages).
  "GET /api/policies",
  "GET /api/policies/:id",
  // 服务商资源池: public directory, 入库评审打分表, 公示 and objections (anyone, may be anonymous).
  "GET /api/providers",
  "GET /api/providers/export",
  "GET /api/providers/:id",
  "GET /api/pool/review-sheet",
  "GET /api/pool/notices",
  "GET /api/pool/notices/export",
  "POST /api/pool/notices/:id/objections",
  // 解决方案目录 (published solutions of admitted providers).
  "GET /api/solutions",
  "GET /api/solutions/scenes",
  "GET /api/solutions/export",
  "GET /api/solutions/:id",
  // 梯度培育: certificate check by number (programme, level, enterprise name, validity, state only).
  "GET /api/public/certificates/:no",
  // 梯度培育: 公示 and 认定名单, and objections during 公示 (anyone, may be anonymous).
  "GET /api/public/certification-notices",
  "POST /api/public/certification-objections",
];

/** Everything under these prefixes is public too (the API documentation and its UI assets). */
export const PUBLIC_PREFIXES: readonly string[] = ["/api/docs"];

/** "GET /api/x/:id" for a route; HEAD counts as GET, a trailing slash is ignored. */
export function routeKey(method: string, url: string): string {
  const m = method.toUpperCase() === "HEAD" ? "GET" : method.toUpperCase();
  const path = url.length > 1 ? url.replace(/\/+$/, "") : url;
  return `${m} ${path}`;
}

const publicSet = new Set(PUBLIC_ROUTES);

/** Whether a route needs no session. Only /api routes are guarded at all. */
export function isPublicRoute(method: string, url: string): boolean {
  if (!url.startsWith("/api/")) return true;
  if (PUBLIC_PREFIXES.some((p) => url === p || url.startsWith(`${p}/`))) return true;
  return publicSet.has(routeKey(method, url));
}
