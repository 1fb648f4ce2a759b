import {
  errorResponses,
  type RouteContract,
  type RouteInput,
  type RouteMap,
  type RouteResult,
} from "@dxcenter/contracts";
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, HTTPMethods } from "fastify";
import { z } from "zod";

/**
 * A handler of one contract route: validated input in, the contract's response out — or the reply,
 * when the handler sent another answer itself (e.g. a contract's `otherResponses`).
 */
export type RouteHandler<R extends RouteContract> = (
  input: RouteInput<R>,
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<RouteResult<R> | FastifyReply>;

export type RouteHandlers<M extends RouteMap> = {
  [K in keyof M]-?: M[K] extends RouteContract ? RouteHandler<M[K]> : never;
};

const isContract = (c: RouteContract | undefined): c is RouteContract => c !== undefined;
const METHODS: readonly string[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const isMethod = (m: string | undefined): m is HTTPMethods => m !== undefined && METHODS.includes(m);

/**
 * A contract path relative to the plugin's prefix ("/api", "/api/diagnoses", …): the prefix itself
 * becomes "/", as a prefixed plugin's "/" route (Fastify then also answers the trailing-slash form).
 */
function underPrefix(prefix: string, path: string, key: string): string {
  if (path === prefix) return "/";
  if (path.startsWith(`${prefix}/`)) return path.slice(prefix.length);
  throw new Error(`路由 ${key} 不在插件前缀 ${prefix} 之下`);
}

/**
 * Registers every route of a contract map (`packages/contracts/src/route.ts`) on a Fastify instance
 * whose prefix the keys' paths lie under ("/api" or a module's "/api/<resource>"): the key gives
 * method and path, the contract gives the schemas (validation and the OpenAPI document), the
 * handler map must have exactly one handler per key with the key's types.
 */
export function mountRoutes<M extends RouteMap>(
  app: FastifyInstance,
  map: M,
  tags: string[],
  handlers: RouteHandlers<M>,
): void {
  const routes: RouteMap = map;
  // The one place where the per-key handler types meet the loop over keys: each handler was checked
  // against its own key's contract by RouteHandlers<M>; here they are called with validated input.
  const byKey = handlers as unknown as Record<string, RouteHandler<RouteContract>>;
  for (const [key, contract] of Object.entries(routes)) {
    if (!isContract(contract)) continue;
    const handler = byKey[key];
    const [method, path] = key.split(" ");
    if (!handler || !isMethod(method) || !path) throw new Error(`路由 ${key} 缺少处理函数或格式有误`);
    const { status, alsoStatus } = contract;
    const schema: FastifySchema = {
      tags,
      summary: contract.summary,
      ...(contract.description ? { description: contract.description } : {}),
      ...(contract.params ? { params: contract.params } : {}),
      ...(contract.query ? { querystring: contract.query } : {}),
      ...(contract.body ? { body: contract.body } : {}),
      ...(contract.headers ? { headers: contract.headers } : {}),
      response: {
        [status]: contract.response ?? z.null(),
        ...(alsoStatus ? { [alsoStatus]: contract.response ?? z.null() } : {}),
        ...errorResponses,
        ...contract.otherResponses,
      },
    };
    app.route({
      method,
      url: underPrefix(app.prefix, path, key),
      schema,
      handler: async (request, reply) => {
        const input: RouteInput<RouteContract> = {
          params: request.params,
          query: request.query,
          body: request.body,
          headers: request.headers,
        };
        const out = await handler(input, request, reply);
        if (reply.sent || out === reply) return reply;
        const sent = alsoStatus !== undefined && reply.statusCode === alsoStatus ? alsoStatus : status;
        return reply.status(sent).send(sent === 204 ? null : out);
      },
    });
  }
}
