import { ChangePasswordRequest, errorResponses, LoginRequest, Me } from "@dxcenter/contracts";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../errors";
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

function setDeviceCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number) {
  reply.setCookie(DEVICE_COOKIE, token, {
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
  app.post(
    "/login",
    {
      schema: {
        tags: ["认证"],
        summary: "用户名密码登录，成功后设置会话 Cookie",
        body: LoginRequest,
        description:
          "所有被拒的登录（用户名不存在、密码错误、账号对本设备锁定）一律返回 401“用户名或密码错误”。" +
          "同一来源地址失败过多时返回 429 TOO_MANY_ATTEMPTS，并带 Retry-After（秒）。" +
          "成功登录时另设已知设备 Cookie dxc_dev（HttpOnly），账号锁定期间该浏览器凭正确密码仍可登录。",
        response: { 200: Me, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await login(app.db, app.config, request.body, {
        ip: request.ip,
        userAgent: request.headers["user-agent"],
        deviceToken: request.cookies[DEVICE_COOKIE],
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
  );

  app.post(
    "/logout",
    {
      schema: {
        tags: ["认证"],
        summary: "退出登录，使会话失效",
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      if (request.sessionHash) await logout(app.db, request.sessionHash, actorOf(request));
      clearSessionCookie(request, reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/me",
    { schema: { tags: ["认证"], summary: "当前登录用户", response: { 200: Me, ...errorResponses } } },
    async (request) => toMe(requireUser(request)),
  );

  app.post(
    "/password",
    {
      schema: {
        tags: ["认证"],
        summary: "修改本人密码（其他会话随之失效）",
        body: ChangePasswordRequest,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await changePassword(
        app.db,
        user.id,
        request.body,
        actorOf(request),
        request.sessionHash,
        request.cookies[DEVICE_COOKIE],
      );
      return reply.status(204).send(null);
    },
  );
};
