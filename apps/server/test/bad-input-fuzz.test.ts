import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestContext,
  enterpriseWithLogin,
  type Session,
  type TestContext,
  userSession,
} from "./helpers";

/**
 * Issue 16 §6: no 5xx for bad input anywhere. Every operation of the OpenAPI document is called with
 * requests generated from its own schema — well-formed ones (random ids, so foreign keys point
 * nowhere), and ones with a NUL byte or a lone surrogate in every string, integers past int4,
 * numbers past every range, wrong types and broken JSON — as the city administrator, as an
 * enterprise and without a session. The generator is seeded, so a failure names a request that
 * reproduces. Any 5xx fails the test with the list of requests that caused it.
 */

interface Schema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  pattern?: string;
  example?: unknown;
  $ref?: string;
}
interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** mulberry32: a small seeded PRNG, so every run sends the same requests. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20261207);
const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("");
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;

type Mode = "valid" | "nul" | "surrogate" | "huge";
const BAD_STRING: Record<Exclude<Mode, "valid" | "huge">, string> = {
  nul: "a\u0000b",
  surrogate: "a\ud800b",
};

let doc: OpenApiDoc;
const resolve = (s: Schema): Schema =>
  s.$ref ? resolve(doc.components.schemas[s.$ref.replace("#/components/schemas/", "")] ?? {}) : s;

/** A value for `schema`: well-formed in "valid" mode, otherwise with the mode's bad strings/numbers. */
function sample(raw: Schema, mode: Mode, depth = 0): unknown {
  const s = resolve(raw);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[Math.floor(random() * s.enum.length)];
  const union = s.anyOf ?? s.oneOf;
  if (union?.length) {
    const options = union.filter((o) => resolve(o).type !== "null");
    return sample(options[Math.floor(random() * options.length)] ?? union[0]!, mode, depth);
  }
  if (s.allOf?.length) return Object.assign({}, ...s.allOf.map((p) => sample(p, mode, depth)));
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  switch (type) {
    case "object": {
      if (depth > 6) return {};
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = sample(v, mode, depth + 1);
      return out;
    }
    case "array":
      return s.items
        ? Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(s.items!, mode, depth + 1))
        : [];
    case "integer":
      if (mode === "huge") return 2 ** 31 + Math.floor(random() * 1000);
      return s.minimum !== undefined ? s.minimum : 1;
    case "number":
      if (mode === "huge") return 1e300;
      return s.minimum !== undefined ? s.minimum : 1.5;
    case "boolean":
      return random() < 0.5;
    case "string": {
      if (mode === "nul" || mode === "surrogate") return BAD_STRING[mode];
      if (s.format === "uuid") return uuid();
      if (s.format === "date") return "2026-03-15";
      if (s.format === "date-time") return "2026-03-15T08:00:00.000Z";
      if (s.format === "email") return "a@example.com";
      if (typeof s.example === "string") return s.example;
      if (mode === "huge") return "长".repeat(Math.min(s.maxLength ?? 5000, 5000) + 1);
      return "测试".padEnd(Math.max(s.minLength ?? 1, 2), "x");
    }
    default:
      return null;
  }
}

interface Probe {
  method: string;
  url: string;
  payload?: unknown;
  rawBody?: string;
}

/** A value in a URL; a lone surrogate goes as its (invalid) UTF-8 bytes, which no encoder would write. */
const urlPart = (v: unknown) =>
  (Array.isArray(v) ? v.join(",") : String(v)).split("\ud800").map(encodeURIComponent).join("%ED%A0%80");

/** The requests for one operation: each mode once, plus broken JSON for operations with a body. */
function probes(path: string, method: string, op: Operation): Probe[] {
  const out: Probe[] = [];
  const jsonBody = op.requestBody?.content?.["application/json"]?.schema;
  for (const mode of ["valid", "nul", "surrogate", "huge"] as const) {
    let url = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const p = op.parameters?.find((x) => x.in === "path" && x.name === name);
      const v = p?.schema ? sample(p.schema, mode) : uuid();
      return urlPart(v);
    });
    const query: string[] = [];
    for (const p of op.parameters ?? []) {
      if (p.in !== "query" || !p.schema) continue;
      const v = sample(p.schema, mode);
      if (v !== null && v !== undefined) query.push(`${p.name}=${urlPart(v)}`);
    }
    const qs = query.join("&");
    if (qs) url += `?${qs}`;
    out.push({ method, url, payload: jsonBody ? sample(jsonBody, mode) : undefined });
  }
  if (jsonBody) out.push({ method, url: path.replace(/\{(\w+)\}/g, () => uuid()), rawBody: '{"a": [1, ' });
  return out;
}

/** Calls that end the session or would need a second factor the fuzzer does not have. */
const SKIP = new Set(["POST /api/auth/logout"]);

let ctx: TestContext;
const callers: Record<string, Session | null> = {};
beforeAll(async () => {
  ctx = await createTestContext();
  const res = await ctx.app.inject({ method: "GET", url: "/api/docs/json" });
  doc = res.json() as OpenApiDoc;
  callers.city_admin = await userSession(ctx, "city_admin");
  callers.enterprise = (await enterpriseWithLogin(ctx, callers.city_admin)).session;
  callers.anonymous = null;
}, 120_000);
afterAll(() => ctx.close());

describe("bad input never answers 5xx (issue 16 §6)", () => {
  it("fuzzes every operation of the OpenAPI document as three callers", async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(item)) {
        const method = m.toUpperCase();
        if (SKIP.has(`${method} ${path}`)) continue;
        for (const [who, session] of Object.entries(callers)) {
          for (const p of probes(path, method, op)) {
            const res = await ctx.app.inject({
              method: p.method as "GET",
              url: p.url,
              headers: {
                ...(session ? { cookie: session.cookie } : {}),
                ...(p.rawBody !== undefined || p.payload !== undefined
                  ? { "content-type": "application/json" }
                  : {}),
              },
              payload: p.rawBody ?? (p.payload === undefined ? undefined : JSON.stringify(p.payload)),
            });
            sent++;
            if (res.statusCode >= 500)
              failures.push(
                `${who} ${p.method} ${p.url} ${JSON.stringify(p.payload ?? p.rawBody)?.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 200)}`,
              );
          }
        }
      }
    }
    console.info(`bad-input fuzz: ${sent} requests, ${failures.length} answered 5xx`);
    expect(sent).toBeGreaterThan(2000);
    expect(failures, failures.slice(0, 40).join("\n")).toEqual([]);
  }, 600_000);
});
