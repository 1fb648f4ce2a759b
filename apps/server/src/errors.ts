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

/** snake_case column → camelCase field, as the API names it. */
const fieldOfColumn = (column: string) => column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/**
 * The database's answer to input it cannot take, as the client's error (issue 16 §6) — a safety net
 * behind the schemas, so that a value they let through never becomes a 500: a reference to a record
 * that does not exist (23503) → 400 naming the field; a row still referenced (23503 on delete) → 409;
 * a number outside its column's range (22003) or text the column cannot hold (22P02, 22021, 22P05,
 * 22001) → 400. Drivers (pg, PGlite) and drizzle wrap the error: the SQLSTATE is found on the cause
 * chain. Anything else is not the client's fault and stays a 500.
 */
export function databaseInputError(error: unknown, labels: Record<string, string>): AppError | null {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e && typeof e === "object"; depth++) {
    const { code, detail } = e as { code?: unknown; detail?: unknown };
    if (typeof code === "string" && /^(22|23)[0-9A-Z]{3}$/.test(code)) {
      const text = typeof detail === "string" ? detail : "";
      const column = /^Key \(([a-z0-9_]+)\)=/.exec(text)?.[1];
      const field = column ? fieldOfColumn(column) : undefined;
      const label = field ? (labels[field] ?? field) : undefined;
      if (code === "23503" && text.includes("still referenced"))
        return new AppError(409, "CONFLICT_REFERENCED", "该记录仍被其他记录引用，不能删除或修改");
      if (code === "23503") return badRequest(`${label ?? "引用的记录"}：所选记录不存在`, field);
      if (code === "22003") return badRequest("数值超出允许范围");
      if (code === "22001") return badRequest("文本超出允许长度");
      if (code === "22P02" || code === "22021" || code === "22P05" || code === "22007" || code === "22008")
        return badRequest("输入格式有误");
      return null;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}
