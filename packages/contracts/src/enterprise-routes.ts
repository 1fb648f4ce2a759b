import { IdParam, pageOf } from "./common";
import {
  CreateEnterpriseRequest,
  EnterpriseContact,
  EnterpriseDetail,
  EnterpriseListItem,
  EnterpriseListQuery,
  EnterpriseStats,
  ImportJob,
  UpdateEnterpriseRequest,
} from "./enterprise";
import { routeMap } from "./route";

/**
 * 企业库: the registry's JSON routes. The export, the import template, the import upload and its
 * error report are files and stay plain routes.
 */
export const ENTERPRISE_ROUTES = routeMap({
  "GET /api/enterprises": {
    summary: "企业列表：搜索、筛选、排序、分页（区工信部门仅见本区）",
    query: EnterpriseListQuery,
    status: 200,
    response: pageOf(EnterpriseListItem),
  },
  "GET /api/enterprises/stats": {
    summary: "企业数量统计（按区、按行业；按权限范围）",
    status: 200,
    response: EnterpriseStats,
  },
  "GET /api/enterprises/imports/:id": {
    summary: "导入任务进度与结果",
    params: IdParam,
    status: 200,
    response: ImportJob,
  },
  "POST /api/enterprises": {
    summary: "登记企业",
    body: CreateEnterpriseRequest,
    status: 201,
    response: EnterpriseDetail,
  },
  "GET /api/enterprises/:id": {
    summary: "企业详情",
    params: IdParam,
    status: 200,
    response: EnterpriseDetail,
  },
  "PATCH /api/enterprises/:id": {
    summary: "修改企业信息（须带读取时的 version；过期版本返回 409）",
    params: IdParam,
    body: UpdateEnterpriseRequest,
    status: 200,
    response: EnterpriseDetail,
  },
  "POST /api/enterprises/:id/contact": {
    summary: "查看完整联系方式（记录审计）",
    params: IdParam,
    status: 200,
    response: EnterpriseContact,
  },
});
export type EnterpriseRoutes = typeof ENTERPRISE_ROUTES;
