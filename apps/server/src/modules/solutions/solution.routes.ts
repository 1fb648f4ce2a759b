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
import { type ExportColumn, sendPublicTableExport, sendTableExport } from "../../lib/table-export";
import { shanghaiTime } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
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

const EXPORT_COLUMNS: ExportColumn<SolutionItem>[] = [
  { header: "方案名称", width: 36, value: (s) => s.name },
  { header: "服务商", width: 30, value: (s) => s.providerName },
  { header: "服务商状态", width: 10, value: (s) => (s.providerAdmitted ? "已入库" : "未入库") },
  { header: "产品类型", width: 16, value: (s) => SOLUTION_KIND_LABELS[s.kind] },
  { header: "状态", width: 8, value: (s) => SOLUTION_STATUS_LABELS[s.status] },
  { header: "适用场景", width: 36, value: (s) => s.sceneNames.join("、") },
  { header: "适用行业", width: 20, value: (s) => s.industries.join("、") },
  { header: "报价下限（万元）", width: 14, value: (s) => wan(s.priceMinFen) },
  { header: "报价上限（万元）", width: 14, value: (s) => wan(s.priceMaxFen) },
  {
    header: "补贴标准",
    width: 36,
    value: (s) =>
      [s.subsidyText, s.subsidyFen !== null ? `${wan(s.subsidyFen)} 万元` : ""].filter(Boolean).join("；"),
  },
  { header: "部署方式", width: 12, value: (s) => DEPLOYMENT_MODE_LABELS[s.deployment] },
  { header: "首版次", width: 8, value: (s) => (s.firstEdition ? "是" : "") },
  {
    header: "参考案例",
    width: 48,
    value: (s) => s.references.map((r) => `${r.customer}：${r.result}`).join("\n"),
  },
  { header: "更新时间（北京时间）", width: 20, value: (s) => shanghaiTime(s.updatedAt) },
];

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
    async (request, reply) =>
      sendPublicTableExport(app.db, request, reply, {
        filename: "解决方案目录.xlsx",
        sheet: "解决方案目录",
        columns: EXPORT_COLUMNS,
        pages: (user) => iterateSolutionsForExport(app.db, user, request.query),
        audit: { action: "solution.export", entityType: "solution" },
      }),
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
    async (request, reply) =>
      sendTableExport(app.db, request, reply, {
        filename: "我的解决方案.xlsx",
        sheet: "我的解决方案",
        columns: EXPORT_COLUMNS,
        pages: (user) =>
          allPages(
            (page, pageSize) => listMySolutions(app.db, user, { ...request.query, page, pageSize }),
            200,
          ),
        audit: {
          action: "solution.export",
          entityType: "solution",
          after: { mine: true, filters: request.query },
        },
      }),
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
