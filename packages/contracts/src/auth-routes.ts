import { ChangePasswordRequest, LoginRequest, Me } from "./auth";
import { routeMap } from "./route";

/** 认证: sign in and out, the signed-in user, the own password. */
export const AUTH_ROUTES = routeMap({
  "POST /api/auth/login": {
    summary: "用户名密码登录，成功后设置会话 Cookie",
    description:
      "所有被拒的登录（用户名不存在、密码错误、账号对本设备锁定）一律返回 401“用户名或密码错误”。" +
      "同一来源地址失败过多时返回 429 TOO_MANY_ATTEMPTS，并带 Retry-After（秒）。" +
      "成功登录时另设已知设备 Cookie dxc_dev（HttpOnly），账号锁定期间该浏览器凭正确密码仍可登录。",
    body: LoginRequest,
    status: 200,
    response: Me,
  },
  "POST /api/auth/logout": {
    summary: "退出登录，使会话失效",
    status: 204,
  },
  "GET /api/auth/me": {
    summary: "当前登录用户",
    status: 200,
    response: Me,
  },
  "POST /api/auth/password": {
    summary: "修改本人密码（其他会话随之失效）",
    body: ChangePasswordRequest,
    status: 204,
  },
});
export type AuthRoutes = typeof AUTH_ROUTES;
