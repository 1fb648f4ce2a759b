import { FIELD_LABELS } from "@dxcenter/contracts";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { badRequest } from "../errors";

/**
 * Text the database cannot store is refused before validation (issue 16 §6): a NUL byte (PostgreSQL's
 * text type has none; it answered 500) or a lone UTF-16 surrogate (it would be stored silently as
 * U+FFFD, i.e. not what was sent). Query, path and JSON body are walked; the first offending string
 * answers 400 VALIDATION naming the field, like a schema error. Multipart uploads are read by their
 * routes (lib/file-transfer.ts) and their cells checked by the importers' own validation.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is refused here.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path (`a.b.0.c`) of the first string (key or value) that holds unstorable text, or null. */
export function findUnstorableText(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === "string") return UNSTORABLE.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findUnstorableText(value[i], [...path, String(i)]);
      if (hit) return hit;
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (UNSTORABLE.test(k)) return [...path, k];
      const hit = findUnstorableText(v, [...path, k]);
      if (hit) return hit;
    }
  }
  return null;
}

function refuseUnstorable(request: FastifyRequest) {
  for (const part of [request.params, request.query, request.body]) {
    const path = findUnstorableText(part);
    if (!path) continue;
    const key = [...path].reverse().find((p) => !/^\d+$/.test(p));
    const label = key ? (FIELD_LABELS[key] ?? key) : "请求";
    throw badRequest(`${label}：含有无法保存的字符（空字符或不成对的代理字符）`, path.join(".") || undefined);
  }
}

export const inputHygiene = fp(async (app: FastifyInstance) => {
  app.addHook("preValidation", async (request) => refuseUnstorable(request));
});
