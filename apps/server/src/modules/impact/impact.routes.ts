import {
  type CohortGroup,
  CohortQuery,
  CoverageQuery,
  type CoverageRow,
  IMPACT_ROUTES,
} from "@dxcenter/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { mountRoutes } from "../../lib/contract-routes";
import { type ExportColumn, mountTableExport, type TableExport } from "../../lib/table-export";
import { requireUser } from "../../plugins/auth";
import { coverageTarget } from "./coverage-target";
import { enterpriseImpact } from "./enterprise-impact";
import { cohorts } from "./impact-cohorts";
import { coverage } from "./impact-coverage";

const TAG = ["成效分析"];
const pct = (share: number) => Math.round(share * 1000) / 10;

/** A computed statistics table is its own single page. */
async function* onePage<T>(rows: T[]) {
  yield rows;
}

export const impactRoutes: FastifyPluginAsyncZod = async (app) => {
  // Validate the target file when the app starts, not at the first request.
  coverageTarget();

  // The JSON routes: the contract map IMPACT_ROUTES (the same map the web's pages/impact/api.ts calls).
  mountRoutes(app, IMPACT_ROUTES, TAG, {
    "GET /api/impact/enterprises/:id": ({ params, query }, request) =>
      enterpriseImpact(app.db, requireUser(request), params.id, query),
    "GET /api/impact/cohorts": ({ query }, request) => cohorts(app.db, requireUser(request), query),
    "GET /api/impact/coverage": ({ query }, request) => coverage(app.db, requireUser(request), query),
  });

  // Files, not JSON: the two xlsx exports.

  mountTableExport(app, {
    path: "/cohorts/export",
    tags: TAG,
    summary: "导出成效队列统计（Excel）",
    query: CohortQuery,
    export: async (query, request): Promise<TableExport<CohortGroup>> => {
      const data = await cohorts(app.db, requireUser(request), query);
      const groupHeader = data.groupBy === "district" ? "所属区" : "诊断服务商";
      return {
        filename: `成效队列-${data.instrumentName}.xlsx`,
        sheet: "成效队列",
        columns: [
          { header: groupHeader, width: 30, value: (g) => g.name },
          { header: "复评企业数", width: 12, value: (g) => g.n },
          { header: "T0平均分", width: 12, value: (g) => g.avgT0 },
          { header: "T1平均分", width: 12, value: (g) => g.avgT1 },
          { header: "平均变化", width: 12, value: (g) => g.avgDelta },
          { header: "等级提升企业数", width: 14, value: (g) => g.leveledUp },
          { header: "等级提升占比（%）", width: 16, value: (g) => pct(g.leveledUpShare) },
          { header: "等级下降企业数", width: 14, value: (g) => g.leveledDown },
          ...data.dimensions.map(
            (d, i): ExportColumn<CohortGroup> => ({
              header: `${d.name}平均变化`,
              width: 16,
              value: (g) => g.dimensions[i]?.avgDelta,
            }),
          ),
        ],
        pages: () => onePage([...data.groups, data.overall]),
        audit: { action: "impact.cohort_export", entityType: "impact" },
      };
    },
  });

  mountTableExport(app, {
    path: "/coverage/export",
    tags: TAG,
    summary: "导出诊断覆盖率（Excel）",
    query: CoverageQuery,
    export: async (query, request): Promise<TableExport<CoverageRow>> => {
      const data = await coverage(app.db, requireUser(request), query);
      return {
        filename: `诊断覆盖率-${data.year}年.xlsx`,
        sheet: `${data.year}年诊断覆盖率`,
        columns: [
          { header: "所属区", width: 14, value: (r) => r.districtName },
          { header: "规上企业数", width: 12, value: (r) => r.aboveScale },
          { header: `${data.plan.startYear}年前已诊断`, width: 16, value: (r) => r.baseline },
          { header: "累计已诊断", width: 12, value: (r) => r.diagnosed },
          { header: "本年新增诊断", width: 14, value: (r) => r.diagnosedInYear },
          { header: "累计目标", width: 12, value: (r) => r.target },
          { header: "覆盖率（%）", width: 12, value: (r) => pct(r.rate) },
          { header: "目标覆盖率（%）", width: 16, value: (r) => pct(r.targetRate) },
          { header: "距目标差额", width: 12, value: (r) => r.gap },
          { header: "是否达到进度", width: 14, value: (r) => (r.onTrack ? "是" : "否") },
        ],
        pages: () => onePage([...data.rows, ...(data.city ? [data.city] : [])]),
        audit: {
          action: "impact.coverage_export",
          entityType: "impact",
          after: { filters: query, year: data.year },
        },
      };
    },
  });
};
