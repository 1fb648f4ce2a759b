import {
  MySolutionListQuery,
  SOLUTION_ROUTES,
  type SolutionItem,
  SolutionListQuery,
} from "@dxcenter/contracts";
import {
  DEPLOYMENT_MODE_LABELS,
  formatFenAsWanYuan,
  SOLUTION_KIND_LABELS,
  SOLUTION_STATUS_LABELS,
} from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { mountRoutes } from "../../lib/contract-routes";
import { listPages } from "../../lib/pages";
import { createWrite, recordWrite } from "../../lib/route-writes";
import { type ExportColumn, mountTableExport } from "../../lib/table-export";
import { shanghaiTime } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
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
  mountRoutes(app, SOLUTION_ROUTES, TAG, {
    "GET /api/solutions": ({ query }, request) => listSolutions(app.db, request.user, query),
    "GET /api/solutions/scenes": async () => (await sceneCatalogue(app.db)).options,
    "GET /api/solutions/mine": ({ query }, request) => listMySolutions(app.db, requireUser(request), query),
    "POST /api/solutions": createWrite(app.db, createSolution),
    "GET /api/solutions/:id": ({ params }, request) => getSolution(app.db, request.user, params.id),
    "PATCH /api/solutions/:id": recordWrite(app.db, updateSolution),
  });

  // Files, not JSON: the public catalogue's export and a provider's own.
  mountTableExport(app, {
    path: "/export",
    tags: TAG,
    summary: "导出解决方案目录（公开：已发布目录；市/区工作人员：含草稿与下架）",
    query: SolutionListQuery.omit({ page: true, pageSize: true }),
    mode: "public",
    export: (query) => ({
      filename: "解决方案目录.xlsx",
      sheet: "解决方案目录",
      columns: EXPORT_COLUMNS,
      pages: (user) => iterateSolutionsForExport(app.db, user, query),
      audit: { action: "solution.export", entityType: "solution" },
    }),
  });

  mountTableExport(app, {
    path: "/mine/export",
    tags: TAG,
    summary: "导出本机构的解决方案（服务商账号）",
    query: MySolutionListQuery.omit({ page: true, pageSize: true }),
    export: (query) => ({
      filename: "我的解决方案.xlsx",
      sheet: "我的解决方案",
      columns: EXPORT_COLUMNS,
      pages: (user) => listPages(listMySolutions, app.db, user, query, 200),
      audit: {
        action: "solution.export",
        entityType: "solution",
        after: { mine: true, filters: query },
      },
    }),
  });
};
