import {
  CohortQuery,
  CohortResponse,
  CoverageQuery,
  CoverageResponse,
  EnterpriseImpact,
  errorResponses,
  IdParam,
  ImpactEnterpriseQuery,
} from "@dxcenter/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { sendXlsx, tableWorkbook } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf, recordAudit } from "../audit/audit.service";
import { coverageTarget } from "./coverage-target";
import { cohorts, coverage, enterpriseImpact } from "./impact.service";

const TAG = ["成效分析"];
const pct = (share: number) => Math.round(share * 1000) / 10;

export const impactRoutes: FastifyPluginAsyncZod = async (app) => {
  // Validate the target file when the app starts, not at the first request.
  coverageTarget();

  app.get(
    "/enterprises/:id",
    {
      schema: {
        tags: TAG,
        summary: "企业复评对比：某量表已提交评估（自评估与现场评定）按时间排列，T0/T1 得分与等级变化",
        params: IdParam,
        querystring: ImpactEnterpriseQuery,
        response: { 200: EnterpriseImpact, ...errorResponses },
      },
    },
    async (request) => enterpriseImpact(app.db, requireUser(request), request.params.id, request.query),
  );

  app.get(
    "/cohorts",
    {
      schema: {
        tags: TAG,
        summary: "成效队列：按区或诊断服务商统计复评企业的平均得分变化（市：全部；区：本区）",
        querystring: CohortQuery,
        response: { 200: CohortResponse, ...errorResponses },
      },
    },
    async (request) => cohorts(app.db, requireUser(request), request.query),
  );

  app.get(
    "/cohorts/export",
    {
      schema: {
        tags: TAG,
        summary: "导出成效队列统计（Excel）",
        querystring: CohortQuery,
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const data = await cohorts(app.db, user, request.query);
      const dimCols = data.dimensions.map((d, i) => ({
        header: `${d.name}平均变化`,
        key: `dim${i}`,
        width: 16,
      }));
      const rows = [...data.groups, data.overall].map((g) => ({
        name: g.name,
        n: g.n,
        avgT0: g.avgT0,
        avgT1: g.avgT1,
        avgDelta: g.avgDelta,
        leveledUp: g.leveledUp,
        leveledUpShare: pct(g.leveledUpShare),
        leveledDown: g.leveledDown,
        ...Object.fromEntries(g.dimensions.map((d, i) => [`dim${i}`, d.avgDelta])),
      }));
      const buf = await tableWorkbook(
        "成效队列",
        [
          { header: data.groupBy === "district" ? "所属区" : "诊断服务商", key: "name", width: 30 },
          { header: "复评企业数", key: "n", width: 12 },
          { header: "T0平均分", key: "avgT0", width: 12 },
          { header: "T1平均分", key: "avgT1", width: 12 },
          { header: "平均变化", key: "avgDelta", width: 12 },
          { header: "等级提升企业数", key: "leveledUp", width: 14 },
          { header: "等级提升占比（%）", key: "leveledUpShare", width: 16 },
          { header: "等级下降企业数", key: "leveledDown", width: 14 },
          ...dimCols,
        ],
        rows,
      );
      await recordAudit(app.db, actorOf(request), {
        action: "impact.cohort_export",
        entityType: "impact",
        districtCode: user.districtCode,
        after: { filters: request.query },
      });
      return sendXlsx(reply, `成效队列-${data.instrumentName}.xlsx`).send(buf);
    },
  );

  app.get(
    "/coverage",
    {
      schema: {
        tags: TAG,
        summary: "诊断覆盖率：各区规上企业已诊断数与年度累计目标（市：全部及全市合计；区：本区）",
        querystring: CoverageQuery,
        response: { 200: CoverageResponse, ...errorResponses },
      },
    },
    async (request) => coverage(app.db, requireUser(request), request.query),
  );

  app.get(
    "/coverage/export",
    {
      schema: {
        tags: TAG,
        summary: "导出诊断覆盖率（Excel）",
        querystring: CoverageQuery,
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const data = await coverage(app.db, user, request.query);
      const rows = [...data.rows, ...(data.city ? [data.city] : [])].map((r) => ({
        ...r,
        rate: pct(r.rate),
        targetRate: pct(r.targetRate),
        onTrack: r.onTrack ? "是" : "否",
      }));
      const buf = await tableWorkbook(
        `${data.year}年诊断覆盖率`,
        [
          { header: "所属区", key: "districtName", width: 14 },
          { header: "规上企业数", key: "aboveScale", width: 12 },
          { header: `${data.plan.startYear}年前已诊断`, key: "baseline", width: 16 },
          { header: "累计已诊断", key: "diagnosed", width: 12 },
          { header: "本年新增诊断", key: "diagnosedInYear", width: 14 },
          { header: "累计目标", key: "target", width: 12 },
          { header: "覆盖率（%）", key: "rate", width: 12 },
          { header: "目标覆盖率（%）", key: "targetRate", width: 16 },
          { header: "距目标差额", key: "gap", width: 12 },
          { header: "是否达到进度", key: "onTrack", width: 14 },
        ],
        rows,
      );
      await recordAudit(app.db, actorOf(request), {
        action: "impact.coverage_export",
        entityType: "impact",
        districtCode: user.districtCode,
        after: { filters: request.query, year: data.year },
      });
      return sendXlsx(reply, `诊断覆盖率-${data.year}年.xlsx`).send(buf);
    },
  );
};
