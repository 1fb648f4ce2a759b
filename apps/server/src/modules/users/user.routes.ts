import {
  CreateUserRequest,
  errorResponses,
  IdParam,
  pageOf,
  UpdateUserRequest,
  UserItem,
  UserListQuery,
} from "@dxcenter/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireRole } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { createUser, listUsers, updateUser } from "./user.service";

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
};
