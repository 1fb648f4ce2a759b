import { ChangePasswordRequest, errorResponses, LoginRequest, Me } from "@dxcenter/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type CurrentUser, clearSessionCookie, requireUser, setSessionCookie } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { loadCurrentUser } from "../users/user.service";
import { changePassword, login, logout } from "./auth.service";

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
        response: { 200: Me, ...errorResponses, 423: errorResponses[401] },
      },
    },
    async (request, reply) => {
      const result = await login(app.db, app.config, request.body, {
        ip: request.ip,
        userAgent: request.headers["user-agent"],
      });
      setSessionCookie(request, reply, result.token, result.maxAgeSeconds);
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
      await changePassword(app.db, user.id, request.body, actorOf(request), request.sessionHash);
      return reply.status(204).send(null);
    },
  );
};
