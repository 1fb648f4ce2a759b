import type { SwaggerTransform, SwaggerTransformObject } from "@fastify/swagger";
import type { FastifySchema } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import { z } from "zod";

/**
 * The OpenAPI document, made central so route files stay as they are:
 *  - `openapiTransform` (per route): zod → JSON Schema, then a deterministic operationId from method +
 *    path, the summary as description when there is none, no trailing slash in paths, and the real
 *    media types of file answers (the routes declare them as `z.any()`).
 *  - `openapiTransformObject` (whole document): named components from the zod registry (schemas with
 *    `.meta({ id })` in @dxcenter/contracts), unused ones dropped, `null` added to nullable enums,
 *    response descriptions per status code, tags, server and contact.
 * The security requirement of each operation comes from plugins/session-guard.ts.
 */

export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Descriptions of the status codes the API answers with (instead of "Default Response"). */
export const RESPONSE_DESCRIPTIONS: Record<string, string> = {
  "200": "成功",
  "201": "已创建",
  "202": "已受理（后台处理）",
  "204": "无内容",
  "400": "请求参数有误",
  "401": "未登录",
  "403": "无权限",
  "404": "不存在或无权查看",
  "409": "状态冲突",
  "413": "内容过大",
  "415": "不支持的请求内容类型",
  "423": "账号已锁定",
  "429": "请求过于频繁",
  "500": "服务器内部错误",
  "503": "服务不可用",
};

const pascal = (s: string) =>
  s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");

/**
 * `getProjectsById` for GET /api/projects/:id, `postPolicyAwardsByIdDistrictConfirm` for
 * POST /api/policy-awards/:id/district-confirm, `getAssessmentsByIdReportPdf` for …/report.pdf.
 * Stable (a function of method and path only) and unique as long as paths are (a test checks it).
 */
export function operationIdFor(method: string, url: string): string {
  const segments = url
    .replace(/^\/api(?=\/|$)/, "")
    .split("/")
    .filter(Boolean);
  const words = segments.map((s) => (s.startsWith(":") ? `By${pascal(s.slice(1))}` : pascal(s)));
  return method.toLowerCase() + words.join("");
}

/** The media types a file answer (declared `z.any()`) is sent with, by route. */
export function fileMediaTypes(url: string): { types: string[]; description: string } {
  if (url.endsWith(".pdf") || url === "/api/briefings/:id/pdf")
    return { types: ["application/pdf"], description: "PDF 文件" };
  if (url.endsWith("/download")) return { types: ["application/zip"], description: "ZIP 压缩包" };
  if (/^\/api\/(assessments\/:id\/report|briefings\/:id\/html)$/.test(url))
    return { types: ["text/html"], description: "自包含 HTML 文档" };
  if (/\/(evidence|attachments)\/:\w+$/.test(url))
    return {
      types: ["application/pdf", "image/jpeg", "image/png"],
      description: "上传的文件（PDF、JPG 或 PNG）",
    };
  // List exports, the import template and error report, the review sheet, the event report.
  return { types: [XLSX_MEDIA_TYPE], description: "Excel 文件（xlsx）" };
}

const isZodAny = (s: unknown) => s instanceof z.ZodType && s.def.type === "any";
const withoutTrailingSlash = (url: string) => (url.length > 1 ? url.replace(/\/+$/, "") : url);
const BINARY = { type: "string", format: "binary" } as const;

interface RouteSchema extends FastifySchema {
  hide?: boolean;
  summary?: string;
  description?: string;
  operationId?: string;
}

export const openapiTransform: SwaggerTransform<RouteSchema> = (input) => {
  const original = input.schema;
  const { schema, url } = jsonSchemaTransform(input);
  if (!original || original.hide) return { schema, url };
  const out = schema as RouteSchema & { response?: Record<string, unknown> };
  const method = Array.isArray(input.route.method) ? input.route.method[0]! : input.route.method;
  out.operationId ??= operationIdFor(method, withoutTrailingSlash(input.route.url));
  if (!out.description && out.summary) out.description = out.summary;
  const responses = original.response as Record<string, unknown> | undefined;
  if (responses && out.response) {
    for (const [status, zodSchema] of Object.entries(responses)) {
      if (!isZodAny(zodSchema) || !status.startsWith("2")) continue;
      const { types, description } = fileMediaTypes(input.route.url);
      out.response[status] = {
        description,
        content: Object.fromEntries(types.map((t) => [t, { schema: BINARY }])),
      };
    }
  }
  return { schema: out, url: withoutTrailingSlash(url) };
};

// ---------------------------------------------------------------------------------------------
// Whole-document pass

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** Visits every object in the tree (depth first). */
function visit(value: Json, fn: (o: JsonObject) => void) {
  if (Array.isArray(value)) for (const v of value) visit(v, fn);
  else if (isObject(value)) {
    fn(value);
    for (const v of Object.values(value)) visit(v, fn);
  }
}

/** OpenAPI 3.0 schema fixes that strict validators and generators need. */
function fixSchema(o: JsonObject) {
  // A nullable enum must list null, or the null it allows fails the enum.
  if (o.nullable === true && Array.isArray(o.enum) && !o.enum.includes(null)) o.enum = [...o.enum, null];
  // `nullable` means nothing without `type` (3.0.3): move it into typed anyOf/oneOf branches.
  if (o.nullable === true && o.type === undefined) {
    const key = Array.isArray(o.anyOf) ? "anyOf" : Array.isArray(o.oneOf) ? "oneOf" : null;
    const branches = key ? (o[key] as Json[]) : [];
    if (key && branches.every((b) => isObject(b) && b.type !== undefined)) {
      o[key] = branches.map((b) => {
        const branch: JsonObject = { ...(b as JsonObject), nullable: true };
        if (Array.isArray(branch.enum) && !branch.enum.includes(null)) branch.enum = [...branch.enum, null];
        return branch;
      });
      delete o.nullable;
    }
  }
}

const REF_PREFIX = "#/components/schemas/";

/** Drops component schemas no operation (or used component) refers to. */
function pruneComponents(doc: JsonObject) {
  const components = isObject(doc.components) ? doc.components : null;
  const schemas = components && isObject(components.schemas) ? components.schemas : null;
  if (!components || !schemas) return;
  const used = new Set<string>();
  const queue: Json[] = [doc.paths ?? null];
  while (queue.length) {
    visit(queue.pop()!, (o) => {
      if (typeof o.$ref === "string" && o.$ref.startsWith(REF_PREFIX)) {
        const name = o.$ref.slice(REF_PREFIX.length);
        if (!used.has(name) && schemas[name] !== undefined) {
          used.add(name);
          queue.push(schemas[name]!);
        }
      }
    });
  }
  components.schemas = Object.fromEntries(
    Object.entries(schemas)
      .filter(([name]) => used.has(name))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

export const openapiTransformObject: SwaggerTransformObject = (input) => {
  const doc = jsonSchemaTransformObject(input) as unknown as JsonObject;
  const tags = new Set<string>();
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method) || !isObject(op)) continue;
      if (Array.isArray(op.tags)) for (const t of op.tags) if (typeof t === "string") tags.add(t);
      const responses = isObject(op.responses) ? op.responses : {};
      for (const [status, response] of Object.entries(responses)) {
        if (isObject(response) && (!response.description || response.description === "Default Response"))
          response.description = RESPONSE_DESCRIPTIONS[status] ?? `HTTP ${status}`;
      }
    }
  }
  visit(doc, fixSchema);
  pruneComponents(doc);
  const info = isObject(doc.info) ? doc.info : {};
  doc.info = { ...info, contact: { name: "制造业数字化转型促进中心" } };
  doc.servers = [{ url: "/", description: "本服务（路径均以 /api 开头）" }];
  doc.tags = [...tags].map((name) => ({ name }));
  return doc as unknown as ReturnType<SwaggerTransformObject>;
};
