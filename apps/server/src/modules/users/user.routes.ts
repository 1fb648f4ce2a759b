import { USER_ROUTES, type UserItem, UserListQuery } from "@dxcenter/contracts";
import { ROLE_LABELS } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { mountRoutes } from "../../lib/contract-routes";
import { allPages } from "../../lib/pages";
import { type ExportColumn, mountTableExport } from "../../lib/table-export";
import { shanghaiTime } from "../../lib/xlsx-export";
import { requireRole } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { unlockUser } from "../auth/auth.service";
import { createUser, getUser, listUsers, updateUser } from "./user.service";

const TAG = ["用户管理"];

const EXPORT_COLUMNS: ExportColumn<UserItem>[] = [
  { header: "用户名", width: 20, value: (u) => u.username },
  { header: "姓名", width: 16, value: (u) => u.displayName },
  { header: "角色", width: 12, value: (u) => ROLE_LABELS[u.role] },
  { header: "所属区", width: 12, value: (u) => u.districtName },
  { header: "所属企业", width: 32, value: (u) => u.enterpriseName },
  { header: "单位", width: 28, value: (u) => u.organization },
  { header: "状态", width: 8, value: (u) => (u.disabled ? "停用" : u.lockedUntil ? "锁定" : "正常") },
  { header: "演示账号", width: 10, value: (u) => (u.isDemo ? "是" : "否") },
  { header: "最近登录（北京时间）", width: 20, value: (u) => shanghaiTime(u.lastLoginAt) },
  { header: "创建时间（北京时间）", width: 20, value: (u) => shanghaiTime(u.createdAt) },
];

/** User management is the city bureau's job alone. */
export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  mountRoutes(app, USER_ROUTES, TAG, {
    "GET /api/users": async ({ query }, request) => {
      requireRole(request, "city_admin");
      return listUsers(app.db, query);
    },
    "POST /api/users": async ({ body }, request) => {
      requireRole(request, "city_admin");
      return createUser(app.db, body, actorOf(request));
    },
    "PATCH /api/users/:id": async ({ params, body }, request) => {
      requireRole(request, "city_admin");
      return updateUser(app.db, params.id, body, actorOf(request));
    },
    "POST /api/users/:id/unlock": async ({ params }, request) => {
      requireRole(request, "city_admin");
      await unlockUser(app.db, params.id, actorOf(request));
      return getUser(app.db, params.id);
    },
  });

  mountTableExport(app, {
    path: "/export",
    tags: TAG,
    summary: "按筛选条件导出用户（市工信局）",
    query: UserListQuery.omit({ page: true, pageSize: true }),
    export: (query, request) => {
      requireRole(request, "city_admin");
      return {
        filename: "用户列表.xlsx",
        sheet: "用户",
        columns: EXPORT_COLUMNS,
        pages: () => allPages((page, pageSize) => listUsers(app.db, { ...query, page, pageSize }), 1000),
        audit: { action: "user.export", entityType: "user" },
      };
    },
  });
};
