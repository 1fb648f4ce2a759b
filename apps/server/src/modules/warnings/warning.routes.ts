import {
  WARNING_ROUTES,
  type WarningItem,
  WarningListQuery,
  type WarningRuleItem,
} from "@dxcenter/contracts";
import { type Executor, warnings } from "@dxcenter/db";
import { isEvaluated, WARNING_LEVEL_NAMES, WARNING_STATE_LABELS } from "@dxcenter/domain";
import { count, ne } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { mountRoutes } from "../../lib/contract-routes";
import { allPages } from "../../lib/pages";
import type { JobOutcome } from "../../lib/scheduler";
import { mountTableExport } from "../../lib/table-export";
import { shanghaiTime } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { setBriefingWarningsSource } from "../briefings/briefing-warnings";
import { SCHEDULER_ACTOR } from "../jobs/housekeeping";
import { evaluateWarnings } from "./evaluate-warnings";
import { assertWarnings, getWarning, listWarnings, warningCounts } from "./warning.queries";
import { briefingWarningsSummary } from "./warning-briefing";
import { currentWarningRules } from "./warning-rules";
import { warningStep } from "./warning-steps";

const TAG = ["监测分析预警"];
const WarningExportQuery = WarningListQuery.omit({ page: true, pageSize: true });

async function ruleItems(db: Executor): Promise<WarningRuleItem[]> {
  const open = await db
    .select({ ruleId: warnings.ruleId, n: count() })
    .from(warnings)
    .where(ne(warnings.state, "closed"))
    .groupBy(warnings.ruleId);
  const byRule = new Map(open.map((r) => [r.ruleId, Number(r.n)]));
  return (await currentWarningRules(db)).map((rule) => ({
    rule,
    status: rule.source === "pending" ? "pending" : isEvaluated(rule) ? "evaluated" : "disabled",
    openCount: byRule.get(rule.id) ?? 0,
  }));
}

/**
 * 预警中心: WARNING_ROUTES (contracts/warning-routes.ts), the list export, the hourly evaluation job
 * and the briefing's 预警 section (setBriefingWarningsSource).
 */
export const warningRoutes: FastifyPluginAsyncZod = async (app) => {
  mountRoutes(app, WARNING_ROUTES, TAG, {
    "GET /api/warnings": ({ query }, request) => listWarnings(app.db, requireUser(request), query),
    "GET /api/warnings/counts": (_input, request) => warningCounts(app.db, requireUser(request)),
    "GET /api/warnings/rules": (_input, request) => {
      assertWarnings(requireUser(request));
      return ruleItems(app.db);
    },
    "GET /api/warnings/:id": ({ params }, request) => getWarning(app.db, requireUser(request), params.id),
    "POST /api/warnings/:id/acknowledge": ({ params, body }, request) =>
      warningStep(
        app.db,
        requireUser(request),
        actorOf(request),
        params.id,
        "acknowledge",
        body.note || null,
      ),
    "POST /api/warnings/:id/handle": ({ params, body }, request) =>
      warningStep(app.db, requireUser(request), actorOf(request), params.id, "handle", body.note),
    "POST /api/warnings/:id/close": ({ params, body }, request) =>
      warningStep(app.db, requireUser(request), actorOf(request), params.id, "close", body.note || null),
  });

  mountTableExport<typeof WarningExportQuery, WarningItem>(app, {
    path: "/warnings/export",
    tags: TAG,
    summary: "导出预警列表（xlsx，按当前筛选）",
    query: WarningExportQuery,
    export: (query, request) => {
      assertWarnings(requireUser(request));
      return {
        filename: "预警列表.xlsx",
        sheet: "预警",
        columns: [
          { header: "级别", width: 6, value: (w) => WARNING_LEVEL_NAMES[w.level] },
          { header: "预警", width: 48, value: (w) => w.title },
          { header: "规则", width: 20, value: (w) => w.ruleName },
          { header: "对象", width: 30, value: (w) => w.subjectName },
          { header: "所属区", width: 12, value: (w) => w.districtName },
          { header: "责任主体", width: 14, value: (w) => w.ownerName },
          { header: "状态", width: 10, value: (w) => WARNING_STATE_LABELS[w.state] },
          { header: "产生时间", width: 20, value: (w) => shanghaiTime(w.openedAt) },
          { header: "处置说明", width: 40, value: (w) => w.handleNote },
          { header: "关闭时间", width: 20, value: (w) => shanghaiTime(w.closedAt) },
          { header: "关闭说明", width: 30, value: (w) => w.closeNote },
        ],
        pages: (user) =>
          allPages((page, pageSize) => listWarnings(app.db, user, { ...query, page, pageSize }), 200),
        audit: { action: "warning.export", entityType: "warning" },
      };
    },
  });

  app.scheduler.register({
    name: "evaluate-warnings",
    label: "评估预警规则",
    schedule: { kind: "every", minutes: 60 },
    run: async (): Promise<JobOutcome> => {
      const s = await evaluateWarnings(app.db, SCHEDULER_ACTOR);
      return {
        message: `评估 ${s.rules} 条规则：当前 ${s.found} 项预警条件，新增 ${s.raised} 条，解除 ${s.cleared} 条`,
        summary: { ...s },
      };
    },
  });

  setBriefingWarningsSource(briefingWarningsSummary);
  app.addHook("onClose", async () => setBriefingWarningsSource(null));
};
