import type { ErrorCode, ErrorParams, StateEntity } from "@dxcenter/contracts";

/**
 * The one error type of the app: a code for machines (one of contracts' ERROR_CODES), a Chinese
 * message for people, the field if any, and the params the message was built from (so the web can
 * say it in English).
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly params?: ErrorParams,
  ) {
    super(message);
  }
}

export const unauthorized = () => new AppError(401, "UNAUTHENTICATED", "请先登录");
export const forbidden = (what = "执行此操作") =>
  new AppError(403, "FORBIDDEN", `您无权${what}`, undefined, { action: what });
export const notFound = (what: string) =>
  new AppError(404, "NOT_FOUND", `${what}不存在或您无权查看`, undefined, { what });
export const badRequest = (message: string, field?: string) =>
  new AppError(400, "VALIDATION", message, field, field ? { field } : undefined);
export const conflict = (code: ErrorCode, message: string, field?: string, params?: ErrorParams) =>
  new AppError(409, code, message, field, params);

/**
 * 409 STATE_CONFLICT: the step exists for this role but not in the record's current status. The
 * message says what the step needs and names the current status; params carry the raw values.
 */
export const stateConflict = (
  entity: StateEntity,
  status: string,
  message: string,
  params: ErrorParams = {},
) => new AppError(409, "STATE_CONFLICT", message, undefined, { entity, status, ...params });
