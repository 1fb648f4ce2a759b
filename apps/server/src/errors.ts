/** The one error type of the app: a code for machines, a Chinese message for people, the field if any. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const unauthorized = () => new AppError(401, "UNAUTHENTICATED", "请先登录");
export const forbidden = (what = "执行此操作") => new AppError(403, "FORBIDDEN", `您无权${what}`);
export const notFound = (what: string) => new AppError(404, "NOT_FOUND", `${what}不存在或您无权查看`);
export const badRequest = (message: string, field?: string) =>
  new AppError(400, "VALIDATION", message, field);
export const conflict = (code: string, message: string, field?: string) =>
  new AppError(409, code, message, field);
