import type { Role } from "@dxcenter/domain";
import type { Session, TestContext } from "./helpers";

/** Who calls in the access matrix: every role, anonymous, and a district admin of another district. */
export type Who = "anonymous" | Role | "other_district_admin";
export const WHO: readonly Who[] = [
  "anonymous",
  "city_admin",
  "district_admin",
  "other_district_admin",
  "enterprise",
  "provider",
  "expert",
  "department",
];

/** One row: an endpoint, how to call it, and the status each caller must get (`default` for the rest). */
export interface AccessCase {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  route: string;
  url: () => string;
  body?: () => Promise<unknown> | unknown;
  expect: Partial<Record<Who, number>> & { default: number };
}

/** What a module's case file gets from the matrix: its context, the callers' sessions, the enterprise. */
export interface MatrixEnv {
  ctx: () => TestContext;
  sessions: Record<Exclude<Who, "anonymous">, Session>;
  entId: () => string;
}

/**
 * A row. `url` is what is called (a fixed string, or a function for ids made by fixtures); without it,
 * the route itself without its trailing slash. `body` runs before each call (fixtures) and gives the payload.
 */
export function row(
  method: AccessCase["method"],
  route: string,
  expect: AccessCase["expect"],
  call: { url?: string | (() => string); body?: AccessCase["body"] } = {},
): AccessCase {
  const url = call.url ?? route.replace(/\/$/, "");
  return {
    method,
    route,
    url: typeof url === "string" ? () => url : url,
    ...(call.body ? { body: call.body } : {}),
    expect,
  };
}

/** A row's body that first makes the row's fixture, then gives the payload (which may read what it made). */
export function afterFixture(
  fixture: () => Promise<unknown>,
  payload: () => unknown = () => undefined,
): NonNullable<AccessCase["body"]> {
  return async () => {
    await fixture();
    return payload();
  };
}

/** A list and its xlsx export (`<list>/export`): the same callers, the same answers. */
export function listAndExport(route: string, expect: AccessCase["expect"]): AccessCase[] {
  return [row("GET", route, expect), row("GET", `${route.replace(/\/$/, "")}/export`, expect)];
}
