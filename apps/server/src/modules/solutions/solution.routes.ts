import {
  errorResponses,
  IdParam,
  MySolutionListQuery,
  pageOf,
  SceneOption,
  SolutionInput,
  SolutionItem,
  SolutionListQuery,
  SolutionUpdate,
} from "@dxcenter/contracts";
import {
  DEPLOYMENT_MODE_LABELS,
  formatFenAsWanYuan,
  SOLUTION_KIND_LABELS,
  SOLUTION_STATUS_LABELS,
} from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { allPages } from "../../lib/pages";
import { sendXlsx, shanghaiTime, tableWorkbook } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf, recordAudit } from "../audit/audit.service";
import { sceneCatalogue } from "./scenes";
import {
  createSolution,
  getSolution,
  iterateSolutionsForExport,
  listMySolutions,
  listSolutions,
  updateSolution,
} from "./solution.service";

const TAG = ["解决方案目录"];
const wan = (fen: number | null) => (fen === null ? "" : formatFenAsWanYuan(fen));

const EXPORT_COLUMNS = [
  { header: "方案名称", key: "name", width: 36 },
  { header: "服务商", key: "providerName", width: 30 },
  { header: "服务商状态", key: "providerAdmitted", width: 10 },
  { header: "产品类型", key: "kind", width: 16 },
  { header: "状态", key: "status", width: 8 },
  { header: "适用场景", key: "scenes", width: 36 },
  { header: "适用行业", key: "industries", width: 20 },
  { header: "报价下限（万元）", key: "priceMin", width: 14 },
  { header: "报价上限（万元）", key: "priceMax", width: 14 },
  { header: "补贴标准", key: "subsidy", width: 36 },
  { header: "部署方式", key: "deployment", width: 12 },
  { header: "首版次", key: "firstEdition", width: 8 },
  { header: "参考案例", key: "references", width: 48 },
  { header: "更新时间（北京时间）", key: "updatedAt", width: 20 },
];

function exportRow(s: z.infer<typeof SolutionItem>): Record<string, unknown> {
  return {
    ...s,
    kind: SOLUTION_KIND_LABELS[s.kind],
    status: SOLUTION_STATUS_LABELS[s.status],
    deployment: DEPLOYMENT_MODE_LABELS[s.deployment],
    firstEdition: s.firstEdition ? "是" : "",
    scenes: s.sceneNames.join("、"),
    industries: s.industries.join("、"),
    priceMin: wan(s.priceMinFen),
    priceMax: wan(s.priceMaxFen),
    subsidy: [s.subsidyText, s.subsidyFen !== null ? `${wan(s.subsidyFen)} 万元` : ""]
      .filter(Boolean)
      .join("；"),
    references: s.references.map((r) => `${r.customer}：${r.result}`).join("\n"),
    providerAdmitted: s.providerAdmitted ? "已入库" : "未入库",
    updatedAt: shanghaiTime(s.updatedAt),
  };
}

export const solutionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/",
    {
      schema: {
        tags: TAG,
        summary: "公开解决方案目录（无需登录；仅已入库服务商的已发布方案）",
        querystring: SolutionListQuery,
        response: { 200: pageOf(SolutionItem), ...errorResponses },
      },
    },
    async (request) => listSolutions(app.db, request.user, request.query),
  );

  app.get(
    "/scenes",
    {
      schema: {
        tags: TAG,
        summary: "场景与子领域（评估量表中的场景，用于方案标签和需求）",
        response: { 200: z.array(SceneOption), ...errorResponses },
      },
    },
    async () => (await sceneCatalogue(app.db)).options,
  );

  app.get(
    "/export",
    {
      schema: {
        tags: TAG,
        summary: "导出解决方案目录（公开：已发布目录；市/区工作人员：含草稿与下架）",
        querystring: SolutionListQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = request.user;
      const rows: Record<string, unknown>[] = [];
      for await (const items of iterateSolutionsForExport(app.db, user, request.query))
        for (const s of items) rows.push(exportRow(s));
      const buf = await tableWorkbook("解决方案目录", EXPORT_COLUMNS, rows);
      await recordAudit(app.db, actorOf(request), {
        action: "solution.export",
        entityType: "solution",
        districtCode: user?.districtCode ?? null,
        after: { filters: request.query, rows: rows.length },
      });
      return sendXlsx(reply, "解决方案目录.xlsx").send(buf);
    },
  );

  app.get(
    "/mine",
    {
      schema: {
        tags: TAG,
        summary: "本机构的解决方案（服务商账号；含草稿与下架）",
        querystring: MySolutionListQuery,
        response: { 200: pageOf(SolutionItem), ...errorResponses },
      },
    },
    async (request) => listMySolutions(app.db, requireUser(request), request.query),
  );

  app.get(
    "/mine/export",
    {
      schema: {
        tags: TAG,
        summary: "导出本机构的解决方案（服务商账号）",
        querystring: MySolutionListQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const rows: Record<string, unknown>[] = [];
      for await (const items of allPages(
        (page, pageSize) => listMySolutions(app.db, user, { ...request.query, page, pageSize }),
        200,
      )) {
        for (const s of items) rows.push(exportRow(s));
      }
      const buf = await tableWorkbook("我的解决方案", EXPORT_COLUMNS, rows);
      await recordAudit(app.db, actorOf(request), {
        action: "solution.export",
        entityType: "solution",
        after: { mine: true, filters: request.query, rows: rows.length },
      });
      return sendXlsx(reply, "我的解决方案.xlsx").send(buf);
    },
  );

  app.post(
    "/",
    {
      schema: {
        tags: TAG,
        summary: "新建解决方案（服务商账号，存为草稿）",
        body: SolutionInput,
        response: { 201: SolutionItem, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createSolution(app.db, requireUser(request), actorOf(request), request.body)),
  );

  app.get(
    "/:id",
    {
      schema: {
        tags: TAG,
        summary: "解决方案详情（公开方案无需登录）",
        params: IdParam,
        response: { 200: SolutionItem, ...errorResponses },
      },
    },
    async (request) => getSolution(app.db, request.user, request.params.id),
  );

  app.patch(
    "/:id",
    {
      schema: {
        tags: TAG,
        summary: "修改、发布或下架解决方案（本机构；须带 version）",
        params: IdParam,
        body: SolutionUpdate,
        response: { 200: SolutionItem, ...errorResponses },
      },
    },
    async (request) =>
      updateSolution(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );
};
