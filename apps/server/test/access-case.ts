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
