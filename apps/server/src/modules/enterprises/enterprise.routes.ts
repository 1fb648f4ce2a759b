import {
  ENTERPRISE_ROUTES,
  EnterpriseListQuery,
  errorResponses,
  IdParam,
  ImportJob,
} from "@dxcenter/contracts";
import { districts, industries } from "@dxcenter/db";
import { asc } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../errors";
import { mountRoutes } from "../../lib/contract-routes";
import { readUpload } from "../../lib/file-transfer";
import { createWrite, recordWrite } from "../../lib/route-writes";
import { mountTableExport } from "../../lib/table-export";
import { sendXlsx, shanghaiTime } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { assertCanImport, assertCanList, readCondition } from "./enterprise.policy";
import * as repo from "./enterprise.repository";
import {
  createEnterprise,
  enterpriseStats,
  getEnterprise,
  listEnterprises,
  revealContact,
  toListItem,
  updateEnterprise,
} from "./enterprise.service";
import { buildTemplate, EXPORT_COLUMNS } from "./enterprise-excel";
import { expireStaleImports, getImportJob, startImport, toJob } from "./enterprise-import";

const TAG = ["企业库"];
const stamp = () => shanghaiTime(new Date()).replace(/[-: ]/g, "").slice(0, 12);

export const enterpriseRoutes: FastifyPluginAsyncZod = async (app) => {
  // A node starting marks the imports whose node died (expired lease) as failed, so none stays
  // "running" forever; polling a job does the same for that job.
  app.addHook("onReady", async () => {
    await expireStaleImports(app.db).catch((e: unknown) => app.log.error(e, "expiring stale imports failed"));
  });

  mountRoutes(app, ENTERPRISE_ROUTES, TAG, {
    "GET /api/enterprises": ({ query }, request) => listEnterprises(app.db, requireUser(request), query),
    "GET /api/enterprises/stats": (_input, request) => enterpriseStats(app.db, requireUser(request)),
    "GET /api/enterprises/imports/:id": async ({ params }, request) => {
      const user = requireUser(request);
      assertCanImport(user);
      return toJob(await getImportJob(app.db, user, params.id));
    },
    "POST /api/enterprises": createWrite(app.db, createEnterprise),
    "GET /api/enterprises/:id": ({ params }, request) =>
      getEnterprise(app.db, requireUser(request), params.id),
    "PATCH /api/enterprises/:id": recordWrite(app.db, updateEnterprise),
    "POST /api/enterprises/:id/contact": ({ params }, request) =>
      revealContact(app.db, requireUser(request), actorOf(request), params.id),
  });

  // Files, not JSON: the export, the import template, the upload and the import's error report.

  mountTableExport(app, {
    path: "/export",
    tags: TAG,
    summary: "按当前筛选条件导出 Excel（联系人信息脱敏）",
    query: EnterpriseListQuery.omit({ page: true, pageSize: true }),
    mode: "streaming",
    export: (query, request) => {
      assertCanList(requireUser(request));
      const q = { ...query, page: 1, pageSize: 1 };
      return {
        filename: `企业库导出_${stamp()}.xlsx`,
        sheet: "企业信息",
        columns: EXPORT_COLUMNS,
        pages: async function* (user) {
          for await (const rows of repo.iterateForExport(app.db, readCondition(user), q))
            yield rows.map((r) => ({ ...r, ...pickMasked(toListItem(r)) }));
        },
        audit: { action: "enterprise.export", entityType: "enterprise" },
      };
    },
  });

  app.get(
    "/import-template",
    { schema: { tags: TAG, summary: "下载企业导入模板", response: { 200: z.any(), ...errorResponses } } },
    async (request, reply) => {
      assertCanImport(requireUser(request));
      const ds = await app.db.select().from(districts).orderBy(asc(districts.sortOrder));
      const is = await app.db.select().from(industries).orderBy(asc(industries.code));
      const buf = await buildTemplate({
        districts: ds.filter((d) => d.status === "current").map((d) => d.name),
        industries: is.map((i) => `${i.code} ${i.name}`),
      });
      return sendXlsx(reply, "企业信息导入模板.xlsx").send(buf);
    },
  );

  app.post(
    "/imports",
    {
      schema: {
        tags: TAG,
        summary: "上传 xlsx 导入企业（multipart 字段 file），返回导入任务，轮询查看进度",
        consumes: ["multipart/form-data"],
        response: { 202: ImportJob, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      assertCanImport(user);
      const file = await readUpload(request, {
        missing: "请选择要导入的 xlsx 文件",
        tooLarge: `文件超过 ${app.config.upload.maxBytes / 1024 / 1024} MB 上限，请拆分后上传`,
      });
      const { job } = await startImport(app.db, user, actorOf(request), file, {
        maxRows: app.config.upload.maxRows,
      });
      return reply.status(202).send(job);
    },
  );

  app.get(
    "/imports/:id/report",
    {
      schema: {
        tags: TAG,
        summary: "下载导入校验报告（xlsx：行号、字段、原因）",
        params: IdParam,
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      assertCanImport(user);
      const job = await getImportJob(app.db, user, request.params.id);
      if (!job.report) throw new AppError(404, "NOT_FOUND", "该导入任务没有错误报告");
      return sendXlsx(reply, `导入校验报告_${job.filename.replace(/\.xlsx$/i, "")}.xlsx`).send(job.report);
    },
  );
};

function pickMasked(item: { contactName: string | null; contactPhone: string | null }) {
  return { contactName: item.contactName, contactPhone: item.contactPhone };
}
