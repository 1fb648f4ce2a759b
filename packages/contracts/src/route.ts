import type { z } from "zod";

/**
 * One typed route map for both ends. A route contract is keyed "METHOD /api/path/:param": the key is
 * the address the server registers and the web calls, and the type key both compile against. The
 * server mounts a map with `mountRoutes` (apps/server/src/lib/contract-routes.ts), the web calls it
 * with `routeClient<typeof MAP>()` (apps/web/src/api/call.ts, a type-only import: no zod in the
 * browser). Change a contract and both sides stop compiling where they disagree.
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type RouteKey = `${HttpMethod} /api/${string}`;

export interface RouteContract {
  readonly summary: string;
  /** A longer text for the OpenAPI document; default: the summary. */
  readonly description?: string;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** Request headers the route reads (e.g. Idempotency-Key); browsers may leave them out. */
  readonly headers?: z.ZodType;
  /** The success status; 204 answers no body. */
  readonly status: 200 | 201 | 202 | 204;
  /** A second success status with the same answer, chosen by the handler with `reply.status(...)`. */
  readonly alsoStatus?: 201 | 202;
  readonly response?: z.ZodType;
  /** Answers outside the success status and the error family (e.g. the health check's 503). */
  readonly otherResponses?: Readonly<Record<number, z.ZodType>>;
}

export type RouteMap = { readonly [K in RouteKey]?: RouteContract };

/** Declares a route map, keeping each key's literal contract type. */
export const routeMap = <const M extends RouteMap>(map: M): M => map;

type In<S> = S extends z.ZodType ? z.input<S> : undefined;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** The client only reads what it sends, so read-only arrays and objects may be sent as they are. */
type Sendable<T> = T extends readonly (infer E)[]
  ? readonly Sendable<E>[]
  : T extends object
    ? { readonly [K in keyof T]: Sendable<T[K]> }
    : T;

/** What a caller sends: path params, query and body as the schemas accept them (their input types). */
export type RouteArgs<R extends RouteContract> = (R["params"] extends z.ZodType
  ? { params: In<R["params"]> }
  : { params?: undefined }) &
  (R["query"] extends z.ZodType ? { query?: In<R["query"]> } : { query?: undefined }) &
  (R["body"] extends z.ZodType ? { body: Sendable<In<R["body"]>> } : { body?: undefined });

/** What the server hands a handler: the validated (output) values. */
export interface RouteInput<R extends RouteContract> {
  params: Out<R["params"]>;
  query: Out<R["query"]>;
  body: Out<R["body"]>;
  headers: Out<R["headers"]>;
}

/** What the route answers on success. */
export type RouteResult<R extends RouteContract> = R["status"] extends 204 ? undefined : Out<R["response"]>;
