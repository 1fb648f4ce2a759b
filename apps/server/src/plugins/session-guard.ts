import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from "fastify";
import fp from "fastify-plugin";
import { unauthorized } from "../errors";
import { isPublicRoute } from "./public-routes";

export interface ApiRoute {
  method: string;
  url: string;
  public: boolean;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Every /api route as registered, with whether it answers without a session (tests walk it). */
    apiRoutes: ApiRoute[];
  }
}

/** Session required: 401 UNAUTHENTICATED "请先登录" before the body is parsed or validated. */
const requireSession: onRequestHookHandler = async (request: FastifyRequest) => {
  if (!request.user) throw unauthorized();
};

/**
 * One login check for the whole API, stated by the route list in public-routes.ts instead of by
 * each handler: every /api route that is not public gets `requireSession` as its first route-level
 * onRequest hook (after the auth plugin's hook loaded the session) and `security: [{ session: [] }]`
 * in its schema; public routes get `security: []`. Handlers keep calling requireUser / requireRole
 * for the user and the role checks. Register before the routes.
 */
export const sessionGuard = fp(async (app: FastifyInstance) => {
  const routes: ApiRoute[] = [];
  app.decorate("apiRoutes", routes);
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/")) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const open = methods.every((m) => isPublicRoute(m, route.url));
    for (const method of methods) routes.push({ method, url: route.url, public: open });
    if (open) {
      if (route.schema) route.schema = { ...route.schema, security: [] };
      return;
    }
    const existing = route.onRequest === undefined ? [] : [route.onRequest].flat();
    route.onRequest = [requireSession, ...existing];
    route.schema = { ...(route.schema ?? {}), security: [{ session: [] }] };
  });
});
