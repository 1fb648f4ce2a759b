import type { ErrorParams } from "@dxcenter/contracts";
import i18n, { currentLang } from "../i18n";
import { englishError } from "../i18n/errors";

/**
 * An error answered by the API (`{code, message, field?, params?}`), or a transport failure (status 0).
 * `message` is what the user reads: the server's Chinese sentence in zh-CN, the English text of the
 * code (rendered from its params) in English; `serverMessage` keeps the server's own words.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly params: ErrorParams | undefined;
  readonly serverMessage: string;

  constructor(status: number, code: string, message: string, field?: string, params?: ErrorParams) {
    super(currentLang() === "en" ? (englishError(code, params) ?? message) : message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field;
    this.params = params;
    this.serverMessage = message;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Message to show a user for any thrown value (ApiError messages are already in the UI's language). */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error && e.message) return e.message;
  return i18n.t("common.loadFailed");
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** Builds `?a=1&b=2`, leaving out empty values (and anything that is not a plain value). */
export function toQueryString(params: Readonly<Record<string, unknown>> | undefined): string {
  if (!params) return "";
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "" || typeof v === "object" || typeof v === "function")
      continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : "";
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

function paramsOf(v: unknown): ErrorParams | undefined {
  if (!isRecord(v)) return undefined;
  const out: ErrorParams = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === "string" || typeof x === "number") out[k] = x;
  return out;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (isRecord(body) && typeof body.message === "string") {
    const code = typeof body.code === "string" ? body.code : `HTTP_${res.status}`;
    const field = typeof body.field === "string" ? body.field : undefined;
    return new ApiError(res.status, code, body.message, field, paramsOf(body.params));
  }
  return new ApiError(res.status, `HTTP_${res.status}`, i18n.t("common.httpError", { status: res.status }));
}

async function send(path: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: "same-origin", ...init });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, "NETWORK", i18n.t("common.networkError"));
  }
  if (!res.ok) throw await toApiError(res);
  return res;
}

export interface RequestOptions {
  query?: Readonly<Record<string, unknown>>;
  body?: unknown;
  signal?: AbortSignal;
}

/** JSON request to the API. 204 answers resolve to `undefined`. */
export async function api<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  const init: RequestInit = { method, headers };
  if (opts.signal) init.signal = opts.signal;
  if (opts.body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(opts.body);
  }
  const res = await send(`${path}${toQueryString(opts.query)}`, init);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** multipart/form-data upload (the browser sets the boundary). */
export async function apiUpload<T>(path: string, form: FormData): Promise<T> {
  const res = await send(path, { method: "POST", body: form, headers: { Accept: "application/json" } });
  return (await res.json()) as T;
}

/** Reads the file name from Content-Disposition (RFC 5987 `filename*` first). */
function filenameFrom(res: Response, fallback: string): string {
  const cd = res.headers.get("Content-Disposition") ?? "";
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(cd);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ""));
    } catch {
      // malformed: try the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(cd);
  return plain?.[1]?.trim() || fallback;
}

/**
 * Downloads a file with the session cookie, so that errors (401, 403, 400) come back as messages
 * instead of a page of JSON; saves it under the server's file name.
 */
/** A text answer (e.g. a self-contained HTML document to preview), with the API's error handling. */
export async function fetchText(path: string, signal?: AbortSignal): Promise<string> {
  const res = await send(path, signal ? { method: "GET", signal } : { method: "GET" });
  return res.text();
}

export async function downloadFile(
  path: string,
  query?: QueryParams,
  fallbackName = "download.xlsx",
): Promise<void> {
  const res = await send(`${path}${toQueryString(query)}`, { method: "GET" });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filenameFrom(res, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
