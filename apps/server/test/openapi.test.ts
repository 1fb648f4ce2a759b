import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationIdFor, XLSX_MEDIA_TYPE } from "../src/lib/openapi";
import { isPublicRoute, PUBLIC_ROUTES, routeKey } from "../src/plugins/public-routes";
import { createTestContext, makeUscc, type TestContext } from "./helpers";
import { lintOpenApi } from "./openapi-lint";

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  responses: Record<string, { description: string; content?: Record<string, { schema?: unknown }> }>;
}
interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

let ctx: TestContext;
let doc: OpenApiDoc;
beforeAll(async () => {
  ctx = await createTestContext();
  const res = await ctx.app.inject({ method: "GET", url: "/api/docs/json" });
  expect(res.statusCode).toBe(200);
  doc = res.json() as OpenApiDoc;
});
afterAll(() => ctx.close());

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
/** `/api/projects/{id}` → `/api/projects/:id` (Fastify's form, used by the public list). */
const fastifyPath = (path: string) => path.replace(/\{(\w+)\}/g, ":$1");

function* objects(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const v of value) yield* objects(v);
  else if (typeof value === "object" && value !== null) {
    yield value as Record<string, unknown>;
    for (const v of Object.values(value)) yield* objects(v);
  }
}

describe("OpenAPI document (/api/docs/json)", () => {
  it("passes Spectral's spectral:oas ruleset without errors or warnings", async () => {
    const findings = await lintOpenApi(doc);
    const errors = findings.filter((f) => f.severity === 0);
    const warnings = findings.filter((f) => f.severity === 1);
    expect(errors, "Spectral errors").toEqual([]);
    expect(warnings, "Spectral warnings").toEqual([]);
  });

  it("every operation has a unique operationId, a description and real response descriptions", () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(150);
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.every((id) => typeof id === "string" && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size, "operationIds are unique").toBe(ids.length);
    for (const { method, path, op } of ops) {
      expect(op.description, `${method} ${path}`).toBeTruthy();
      expect(op.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
      for (const [status, r] of Object.entries(op.responses))
        expect(r.description, `${method} ${path} ${status}`).not.toBe("Default Response");
    }
    expect(doc.paths["/api/projects/{id}"]?.get?.operationId).toBe("getProjectsById");
    expect(doc.paths["/api/projects/{id}"]?.get?.responses["404"]?.description).toBe("不存在或无权查看");
  });

  it("derives operationIds from method and path", () => {
    expect(operationIdFor("GET", "/api/projects/:id")).toBe("getProjectsById");
    expect(operationIdFor("POST", "/api/policy-awards/:id/district-confirm")).toBe(
      "postPolicyAwardsByIdDistrictConfirm",
    );
    expect(operationIdFor("GET", "/api/assessments/:id/report.pdf")).toBe("getAssessmentsByIdReportPdf");
    expect(operationIdFor("DELETE", "/api/assessments/:id/evidence/:evidenceId")).toBe(
      "deleteAssessmentsByIdEvidenceByEvidenceId",
    );
  });

  it("has no dangling $ref, no trailing slash in paths, and shared schemas as named components", () => {
    const names = new Set(Object.keys(doc.components.schemas));
    const refs = [...objects(doc)].map((o) => o.$ref).filter((r): r is string => typeof r === "string");
    const dangling = refs.filter((r) => !names.has(r.replace("#/components/schemas/", "")));
    expect(dangling).toEqual([]);
    for (const name of ["ErrorResponse", "ConditionResult", "ProjectDetail", "PolicyEvaluation"])
      expect(names.has(name), name).toBe(true);
    expect(Object.keys(doc.paths).filter((p) => p.endsWith("/"))).toEqual([]);
  });

  it("nullable enums list null (strict validators refuse the null otherwise)", () => {
    const bad = [...objects(doc)].filter(
      (o) => o.nullable === true && Array.isArray(o.enum) && !o.enum.includes(null),
    );
    expect(bad).toEqual([]);
  });

  it("documents field rules the server enforces (USCC pattern matches valid codes)", () => {
    const body = doc.paths["/api/enterprises"]?.post as unknown as {
      requestBody: {
        content: { "application/json": { schema: { properties: { uscc: { pattern: string } } } } };
      };
    };
    const pattern = new RegExp(body.requestBody.content["application/json"].schema.properties.uscc.pattern);
    for (const code of [makeUscc(), makeUscc("120101"), "91120116MA05JK3R2K"]) expect(code).toMatch(pattern);
    for (const code of ["91120116MA05JXXXXI", "9112011", "91AB0116MA05JXXXXX"])
      expect(code).not.toMatch(pattern);
  });

  it("file answers are documented with their media types, not as untyped JSON", () => {
    for (const { method, path, op } of operations()) {
      for (const [status, r] of Object.entries(op.responses)) {
        if (!status.startsWith("2")) continue;
        for (const media of Object.values(r.content ?? {}))
          expect(media.schema, `${method} ${path} ${status}: an untyped answer`).not.toEqual({});
      }
    }
    const media = (path: string) => Object.keys(doc.paths[path]?.get?.responses["200"]?.content ?? {});
    expect(media("/api/enterprises/export")).toEqual([XLSX_MEDIA_TYPE]);
    expect(media("/api/assessments/{id}/report.pdf")).toEqual(["application/pdf"]);
    expect(media("/api/assessments/{id}/report")).toEqual(["text/html"]);
    expect(media("/api/reports/batch/{id}/download")).toEqual(["application/zip"]);
    expect(media("/api/events/{id}/report")).toEqual([XLSX_MEDIA_TYPE]);
    expect(media("/api/assessments/{id}/evidence/{evidenceId}")).toContain("image/png");
    expect(media("/api/briefings/{id}/pdf")).toEqual(["application/pdf"]);
    expect(media("/api/briefings/{id}/html")).toEqual(["text/html"]);
    expect(media("/api/briefings/{id}/xlsx")).toEqual([XLSX_MEDIA_TYPE]);
  });

  it("declares the session cookie on every operation that needs login and none on public ones", () => {
    expect(doc.components.securitySchemes.session).toMatchObject({ type: "apiKey", in: "cookie" });
    for (const { method, path, op } of operations()) {
      const expected = isPublicRoute(method, fastifyPath(path)) ? [] : [{ session: [] }];
      expect(op.security, `${method} ${path}`).toEqual(expected);
    }
  });
});

describe("session guard (plugins/session-guard.ts + public-routes.ts)", () => {
  const SOME_ID = "5b0c9a4e-3f1d-4c7a-9e2b-8d6f1a2b3c4d";
  const urlOf = (url: string) => url.replace(/:\w+/g, SOME_ID);
  const routes = () => ctx.app.apiRoutes.filter((r) => r.method !== "HEAD");

  it("every route that needs login answers 401 without a cookie, before the body is validated", async () => {
    const guarded = routes().filter((r) => !r.public);
    expect(guarded.length).toBeGreaterThan(100);
    const wrong: string[] = [];
    for (const r of guarded) {
      const bodies: (string | undefined)[] =
        r.method === "GET" || r.method === "DELETE" ? [undefined] : ["{}", "{not json", "[1,2]"];
      for (const payload of bodies) {
        const res = await ctx.app.inject({
          method: r.method as "GET",
          url: urlOf(r.url),
          ...(payload !== undefined ? { payload, headers: { "content-type": "application/json" } } : {}),
        });
        const body = res.json() as { code?: string; message?: string };
        if (res.statusCode !== 401 || body.code !== "UNAUTHENTICATED" || body.message !== "请先登录")
          wrong.push(`${r.method} ${r.url} ${payload ?? ""} → ${res.statusCode} ${res.body.slice(0, 80)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("public routes really answer without a session (something other than 401)", async () => {
    const open = routes().filter((r) => r.public);
    expect(open.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const r of open) {
      const res = await ctx.app.inject({
        method: r.method as "GET",
        url: urlOf(r.url),
        ...(r.method === "GET" ? {} : { payload: {} }),
      });
      if (res.statusCode === 401 && r.url !== "/api/auth/login") wrong.push(`${r.method} ${r.url}`);
    }
    expect(wrong).toEqual([]);
    // Login without a session is a wrong-credentials answer, not "please log in".
    const login = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "nobody", password: "x" },
    });
    expect(login.json()).not.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("every entry of the public list names a registered route", () => {
    const registered = new Set(routes().map((r) => routeKey(r.method, r.url)));
    expect(PUBLIC_ROUTES.filter((k) => !registered.has(k))).toEqual([]);
  });
});
