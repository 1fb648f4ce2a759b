import {
  CreateUserRequest,
  errorResponses,
  IdParam,
  pageOf,
  UpdateUserRequest,
  UserItem,
  UserListQuery,
} from "@dxcenter/contracts";
import { ROLE_LABELS } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { sendXlsx, shanghaiTime, tableWorkbook } from "../../lib/xlsx-export";
import { requireRole } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { unlockUser } from "../auth/auth.service";
import { createUser, getUser, listUsers, updateUser } from "./user.service";

/** User management is the city bureau's job alone. */
export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/",
    {
      schema: {
        tags: ["用户管理"],
        summary: "用户列表（市工信局）",
        querystring: UserListQuery,
        response: { 200: pageOf(UserItem), ...errorResponses },
      },
    },
    async (request) => {
      requireRole(request, "city_admin");
      return listUsers(app.db, request.query);
    },
  );

  app.get(
    "/export",
    {
      schema: {
        tags: ["用户管理"],
        summary: "按筛选条件导出用户（市工信局）",
        querystring: UserListQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      requireRole(request, "city_admin");
      const { items } = await listUsers(app.db, { ...request.query, page: 1, pageSize: 100_000 });
      const buf = await tableWorkbook(
        "用户",
        [
          { header: "用户名", key: "username", width: 20 },
          { header: "姓名", key: "displayName", width: 16 },
          { header: "角色", key: "role", width: 12 },
          { header: "所属区", key: "districtName", width: 12 },
          { header: "所属企业", key: "enterpriseName", width: 32 },
          { header: "单位", key: "organization", width: 28 },
          { header: "状态", key: "status", width: 8 },
          { header: "演示账号", key: "isDemo", width: 10 },
          { header: "最近登录（北京时间）", key: "lastLoginAt", width: 20 },
          { header: "创建时间（北京时间）", key: "createdAt", width: 20 },
        ],
        items.map((u) => ({
          ...u,
          role: ROLE_LABELS[u.role],
          status: u.disabled ? "停用" : u.lockedUntil ? "锁定" : "正常",
          isDemo: u.isDemo ? "是" : "否",
          lastLoginAt: shanghaiTime(u.lastLoginAt),
          createdAt: shanghaiTime(u.createdAt),
        })),
      );
      return sendXlsx(reply, "用户列表.xlsx").send(buf);
    },
  );

  app.post(
    "/",
    {
      schema: {
        tags: ["用户管理"],
        summary: "新建用户（市工信局）",
        body: CreateUserRequest,
        response: { 201: UserItem, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireRole(request, "city_admin");
      const user = await createUser(app.db, request.body, actorOf(request));
      return reply.status(201).send(user);
    },
  );

  app.patch(
    "/:id",
    {
      schema: {
        tags: ["用户管理"],
        summary: "修改用户：姓名、停用、重置密码、解锁（市工信局）",
        params: IdParam,
        body: UpdateUserRequest,
        response: { 200: UserItem, ...errorResponses },
      },
    },
    async (request) => {
      requireRole(request, "city_admin");
      return updateUser(app.db, request.params.id, request.body, actorOf(request));
    },
  );

  app.post(
    "/:id/unlock",
    {
      schema: {
        tags: ["用户管理"],
        summary: "解除登录锁定：清零连续错误次数，已知设备恢复信任（市工信局）",
        params: IdParam,
        response: { 200: UserItem, ...errorResponses },
      },
    },
    async (request) => {
      requireRole(request, "city_admin");
      await unlockUser(app.db, request.params.id, actorOf(request));
      return getUser(app.db, request.params.id);
    },
  );
};
