import { IdParam, pageOf } from "./common";
import { routeMap } from "./route";
import { CreateUserRequest, UpdateUserRequest, UserItem, UserListQuery } from "./user";

/** 用户管理 (the city bureau's job alone): the JSON routes; the export stays a file route. */
export const USER_ROUTES = routeMap({
  "GET /api/users": {
    summary: "用户列表（市工信局）",
    query: UserListQuery,
    status: 200,
    response: pageOf(UserItem),
  },
  "POST /api/users": {
    summary: "新建用户（市工信局）",
    body: CreateUserRequest,
    status: 201,
    response: UserItem,
  },
  "PATCH /api/users/:id": {
    summary: "修改用户：姓名、停用、重置密码、解锁（市工信局）",
    params: IdParam,
    body: UpdateUserRequest,
    status: 200,
    response: UserItem,
  },
  "POST /api/users/:id/unlock": {
    summary: "解除登录锁定：清零连续错误次数，已知设备恢复信任（市工信局）",
    params: IdParam,
    status: 200,
    response: UserItem,
  },
});
export type UserRoutes = typeof USER_ROUTES;
