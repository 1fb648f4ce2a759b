import { existsSync } from "node:fs";
import { FIELD_LABELS } from "@dxcenter/contracts";
import type { DatabaseHandle } from "@dxcenter/db";
import fastifyCookie from "@fastify/cookie";
import fastifyMultipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { AppConfig } from "./config";
import { AppError, databaseInputError } from "./errors";
import { openapiTransform, openapiTransformObject } from "./lib/openapi";
import { assessmentRoutes } from "./modules/assessments/assessment.routes";
import { auditRoutes } from "./modules/audit/audit.routes";
import { authRoutes } from "./modules/auth/auth.routes";
import { briefingRoutes } from "./modules/briefings/briefing.routes";
import { certificationRoutes } from "./modules/certifications/certification.routes";
import { cockpitMapRoutes } from "./modules/cockpit-map/cockpit-map.routes";
import { demandRoutes } from "./modules/demands/demand.routes";
import { diagnosisRoutes } from "./modules/diagnoses/diagnosis.routes";
import { enterpriseBenchmarkRoutes } from "./modules/enterprise-benchmark/benchmark.routes";
import { enterpriseRoutes } from "./modules/enterprises/enterprise.routes";
import { eventRoutes } from "./modules/events/event.routes";
import { expertRoutes } from "./modules/experts/expert.routes";
import { healthRoutes } from "./modules/health/health.routes";
import { impactRoutes } from "./modules/impact/impact.routes";
import { indicatorReportRoutes } from "./modules/indicator-reports/report.routes";
import { indicatorRoutes } from "./modules/indicators/indicator.routes";
import { instrumentRoutes } from "./modules/instruments/instrument.routes";
import { jobRoutes } from "./modules/jobs/job.routes";
import { schedulerPlugin } from "./modules/jobs/scheduler.plugin";
import { policyRoutes } from "./modules/policies/policy.routes";
import { projectRoutes } from "./modules/projects/project.routes";
import { poolRoutes } from "./modules/providers/pool.routes";
import { providerRoutes } from "./modules/providers/provider.routes";
import { referenceRoutes } from "./modules/reference/reference.routes";
import { reportRoutes } from "./modules/reports/report.routes";
import { solutionRoutes } from "./modules/solutions/solution.routes";
import { userRoutes } from "./modules/users/user.routes";
import { warningRoutes } from "./modules/warnings/warning.routes";
import { authPlugin } from "./plugins/auth";
import { inputHygiene } from "./plugins/input-hygiene";
import { sameOrigin } from "./plugins/same-origin";
import { sessionGuard } from "./plugins/session-guard";

declare module "fastify" {
  interface FastifyInstance {
    db: DatabaseHandle["db"];
    dbKind: DatabaseHandle["kind"];
    config: AppConfig;
  }
}

export type App = FastifyInstance;

/** Builds the whole HTTP app. Tests call this with their own database; main.ts adds listen(). */
export async function buildApp(handle: DatabaseHandle, config: AppConfig, opts: { logger?: boolean } = {}) {
  const app = Fastify({
    logger: opts.logger ? { level: "info" } : false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate("db", handle.db);
  app.decorate("dbKind", handle.kind);
  app.decorate("config", config);

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) {
      return reply
        .status(error.status)
        .send({ code: error.code, message: error.message, field: error.field, params: error.params });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0]!;
      const path = first.instancePath.split("/").filter(Boolean);
      const key = [...path].reverse().find((p) => !/^\d+$/.test(p));
      const label = key ? (FIELD_LABELS[key] ?? key) : undefined;
      const message = label && !first.message?.includes(label) ? `${label}：${first.message}` : first.message;
      return reply
        .status(400)
        .send({ code: "VALIDATION", message: message ?? "请求参数有误", field: path.join(".") || undefined });
    }
    const status = (error as { statusCode?: number }).statusCode;
    const code = (error as { code?: string }).code;
    if (code === "FST_REQ_FILE_TOO_LARGE" || status === 413) {
      return reply.status(413).send({ code: "TOO_LARGE", message: "上传内容超过大小限制" });
    }
    if (code === "FST_ERR_CTP_INVALID_MEDIA_TYPE" || status === 415) {
      return reply.status(415).send({ code: "UNSUPPORTED_MEDIA_TYPE", message: "不支持的请求内容类型" });
    }
    if (status && status >= 400 && status < 500) {
      return reply.status(status).send({ code: "BAD_REQUEST", message: "请求格式有误" });
    }
    const fromDatabase = databaseInputError(error, FIELD_LABELS);
    if (fromDatabase) {
      request.log.warn({ err: error }, "数据库拒绝了请求中的数据");
      return reply
        .status(fromDatabase.status)
        .send({ code: fromDatabase.code, message: fromDatabase.message, field: fromDatabase.field });
    }
    request.log.error(error);
    return reply.status(500).send({ code: "INTERNAL", message: "服务器内部错误，请稍后重试" });
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/") || !existsSync(config.webDist)) {
      return reply.status(404).send({ code: "NOT_FOUND", message: "接口不存在" });
    }
    // Client-side routes of the single-page app.
    return reply.type("text/html").sendFile("index.html");
  });

  app.addHook("onSend", async (request, reply) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("x-frame-options", "DENY");
    reply.header("referrer-policy", "same-origin");
    // API answers carry personal data: never cache them in shared or browser caches.
    if (request.url.startsWith("/api/") && !request.url.startsWith("/api/docs"))
      reply.header("cache-control", "no-store");
  });

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: { fileSize: config.upload.maxBytes, files: 1, fields: 5, parts: 6 },
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "dxcenter 制造业数字化转型促进中心公共服务平台 API",
        description:
          "所有错误返回 {code, message, field?}，message 为中文。登录后以 HttpOnly Cookie dxc_sid 维持会话。",
        version: "0.1.0",
      },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "dxc_sid" } } },
    },
    // lib/openapi.ts: operationIds, file media types, named components, descriptions.
    transform: openapiTransform,
    transformObject: openapiTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
  // Cross-site state changes refused before any session is loaded (Fetch Metadata / Origin; issue 16 §7).
  await app.register(sameOrigin);
  await app.register(authPlugin);
  // Login check before validation for every /api route outside plugins/public-routes.ts (+ security in the docs).
  await app.register(sessionGuard);
  // NUL bytes and lone surrogates in query, path or JSON body: 400 naming the field (issue 16 §6).
  await app.register(inputHygiene);
  // 定时任务: app.scheduler (modules register their jobs; main.ts starts the tick).
  await app.register(schedulerPlugin);

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(authRoutes, { prefix: "/auth" });
      await api.register(referenceRoutes);
      await api.register(enterpriseRoutes, { prefix: "/enterprises" });
      await api.register(userRoutes, { prefix: "/users" });
      await api.register(auditRoutes, { prefix: "/audit" });
      await api.register(instrumentRoutes, { prefix: "/instruments" });
      await api.register(assessmentRoutes, { prefix: "/assessments" });
      // "一企一策" reports: /assessments/:id/report(.pdf) and /reports/batch (own plugin, shared PDF browser).
      await api.register(reportRoutes);
      await api.register(diagnosisRoutes, { prefix: "/diagnoses" });
      await api.register(impactRoutes, { prefix: "/impact" });
      // 服务商资源池 (/providers), 入库评审与公示 (/pool), 专家库与随机抽取 (/experts).
      await api.register(providerRoutes);
      await api.register(poolRoutes);
      await api.register(expertRoutes, { prefix: "/experts" });
      await api.register(solutionRoutes, { prefix: "/solutions" });
      await api.register(demandRoutes, { prefix: "/demands" });
      await api.register(eventRoutes, { prefix: "/events" });
      // 政策与专项资金: /policies, /policy-calculator, /policy-sweeps, /policy-awards, /budget-pools.
      await api.register(policyRoutes);
      // 技改项目库: /projects, /coordination-tasks.
      await api.register(projectRoutes);
      await api.register(jobRoutes);
      await api.register(indicatorRoutes);
      await api.register(enterpriseBenchmarkRoutes);
      await api.register(cockpitMapRoutes);
      // 月度工作简报: /briefings (+ files, export, the monthly job).
      await api.register(briefingRoutes);
      // 预警中心: /warnings (+ export, the hourly evaluation job, the briefing's 预警 section).
      await api.register(warningRoutes);
      // 指标填报: /indicator-reports (+ template, upload, export, the daily task job).
      await api.register(indicatorReportRoutes);
      // 梯度培育: programmes, certifications, ladder, public certificate check
      await api.register(certificationRoutes);
    },
    { prefix: "/api" },
  );

  if (existsSync(config.webDist)) {
    // wildcard: files are looked up per request (a rebuild needs no restart); misses fall to the SPA fallback.
    await app.register(fastifyStatic, { root: config.webDist, wildcard: true, index: ["index.html"] });
  }
  return app;
}
