import { AUTH_ROUTES, type Me } from "@dxcenter/contracts";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AppError } from "../../errors";
import { mountRoutes } from "../../lib/contract-routes";
import { type CurrentUser, clearSessionCookie, requireUser, setSessionCookie } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { loadCurrentUser } from "../users/user.service";
import { changePassword, login, logout } from "./auth.service";

/**
 * The known-device cookie: a random token (only its SHA-256 is stored, per account) that lets this
 * browser sign in with the right password while the account is locked for other devices. Sent only to
 * the auth endpoints; it grants no access by itself.
 */
export const DEVICE_COOKIE = "dxc_dev";
/** Over TLS `__Secure-dxc_dev` (Secure required; its path is /api/auth, so not `__Host-`). */
const deviceCookieName = (request: FastifyRequest) =>
  request.protocol === "https" ? `__Secure-${DEVICE_COOKIE}` : DEVICE_COOKIE;

function setDeviceCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number) {
  reply.setCookie(deviceCookieName(request), token, {
    path: "/api/auth",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    maxAge: maxAgeSeconds,
  });
}

const toMe = (u: CurrentUser): Me => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  districtCode: u.districtCode,
  districtName: u.districtName,
  enterpriseId: u.enterpriseId,
  enterpriseName: u.enterpriseName,
  organization: u.organization,
});

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  mountRoutes(app, AUTH_ROUTES, ["认证"], {
    "POST /api/auth/login": async ({ body }, request, reply) => {
      const result = await login(app.db, app.config, body, {
        ip: request.ip,
        userAgent: request.headers["user-agent"],
        deviceToken: request.cookies[deviceCookieName(request)],
      }).catch((e: unknown) => {
        if (e instanceof AppError && e.code === "TOO_MANY_ATTEMPTS" && e.params?.retryAfterSeconds) {
          reply.header("retry-after", String(e.params.retryAfterSeconds));
        }
        throw e;
      });
      setSessionCookie(request, reply, result.token, result.maxAgeSeconds);
      setDeviceCookie(request, reply, result.deviceToken, result.deviceMaxAgeSeconds);
      const user = await loadCurrentUser(app.db, result.userId);
      return toMe(user);
    },
    "POST /api/auth/logout": async (_input, request, reply) => {
      if (request.sessionHash) await logout(app.db, request.sessionHash, actorOf(request));
      clearSessionCookie(request, reply);
      return undefined;
    },
    "GET /api/auth/me": async (_input, request) => toMe(requireUser(request)),
    "POST /api/auth/password": async ({ body }, request) => {
      const user = requireUser(request);
      await changePassword(
        app.db,
        user.id,
        body,
        actorOf(request),
        request.sessionHash,
        request.cookies[deviceCookieName(request)],
      );
      return undefined;
    },
  });
};
