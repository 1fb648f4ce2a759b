import type { RouteArgs, RouteContract, RouteMap, RouteResult } from "@dxcenter/contracts";
import { api } from "./client";

type Contract<X> = X extends RouteContract ? X : never;

/** Query params as the web sends them: numbers, not a coercing schema's `unknown` input. */
export type Numeric<T, K extends keyof T> = Omit<T, K> & { [P in K]?: number };

/**
 * A typed caller of one contract route map (`packages/contracts/src/route.ts`): the key names the
 * route ("POST /api/projects/:id/submit"), params/query/body are checked against the contract's input
 * types and the answer has its output type. Only the map's *type* is imported, so no zod reaches the
 * browser; a changed contract breaks this compile as it breaks the server's.
 */
export function routeClient<M extends RouteMap>() {
  return function call<K extends keyof M & string>(
    key: K,
    args: RouteArgs<Contract<M[K]>> & { signal?: AbortSignal },
  ): Promise<RouteResult<Contract<M[K]>>> {
    const space = key.indexOf(" ");
    const params: Record<string, unknown> = args.params ?? {};
    const path = key
      .slice(space + 1)
      .replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(String(params[name] ?? "")));
    const query: Record<string, unknown> | undefined = args.query ?? undefined;
    return api(key.slice(0, space), path, {
      ...(query ? { query } : {}),
      ...(args.body !== undefined ? { body: args.body } : {}),
      ...(args.signal ? { signal: args.signal } : {}),
    });
  };
}

/** A paged list query as the web sends it: page numbers as numbers, not the coercing schema's input. */
export type Paged<T> = Omit<T, "page" | "pageSize"> & { page?: number; pageSize?: number };
