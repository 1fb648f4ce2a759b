import { BENCHMARK_FACTS, GROUP_TOO_SMALL, MIN_GROUP } from "@dxcenter/domain";
import { z } from "zod";
import { IdParam } from "./common";
import { routeMap } from "./route";

/**
 * 我的指标 / 指标对比 (issue 13 §4): one enterprise's own indicators against its district and its
 * industry division (GB/T 4754 大类). A comparison group is reduced to its size, the enterprise's
 * percentile (numbers) or the share having a fact (yes/no), and a median; a group of fewer than
 * MIN_GROUP enterprises carries no figures, only the reason. No other enterprise's name or id.
 */

const Shown = z.object({
  shown: z.literal(true),
  reason: z.null(),
  name: z.string().meta({ description: "对比组名称（区名或行业大类名称）" }),
  size: z.number().int().meta({ description: "对比组中有该项数据的企业数（含本企业）" }),
  percentile: z.number().int().min(0).max(100).nullable().meta({
    description: "数值指标：本企业的百分位（低于本企业的比例加并列者的一半，0–100）；本企业无数据为 null",
  }),
  share: z
    .number()
    .int()
    .min(0)
    .max(100)
    .nullable()
    .meta({ description: "是/否指标：对比组中具备该项的企业占比（%）" }),
  median: z.number().nullable().meta({ description: "数值指标：对比组中位数" }),
});
const Hidden = z.object({
  shown: z.literal(false),
  reason: z.string().meta({ description: `不予显示的原因，如“${GROUP_TOO_SMALL}”` }),
  name: z.string(),
});
export const BenchmarkGroup = z.discriminatedUnion("shown", [Shown, Hidden]).meta({
  description: `对比组（不足${MIN_GROUP}家企业不予显示，不含任何数值）`,
});
export type BenchmarkGroup = z.infer<typeof BenchmarkGroup>;

export const BenchmarkItem = z.object({
  key: z.enum(BENCHMARK_FACTS),
  name: z.string(),
  kind: z.enum(["number", "yesno"]),
  unit: z.string().nullable().meta({ description: "数值单位（fen 为金额，单位分）；是/否指标为 null" }),
  value: z.number().nullable().meta({ description: "数值指标：本企业的数值；无数据为 null" }),
  has: z.boolean().nullable().meta({ description: "是/否指标：本企业是否具备；未填报为 null" }),
  levelName: z.string().nullable().meta({ description: "自评估得分：对应的等级名称" }),
  district: BenchmarkGroup,
  industry: BenchmarkGroup,
});
export type BenchmarkItem = z.infer<typeof BenchmarkItem>;

export const EnterpriseBenchmark = z.object({
  enterpriseName: z.string().meta({ description: "本企业名称" }),
  districtName: z.string().meta({ description: "所属区（对比组之一）" }),
  industryName: z.string().meta({ description: "所属行业大类（对比组之一）" }),
  minGroup: z.number().int().meta({ description: "对比组最少企业数，不足不予显示" }),
  items: z.array(BenchmarkItem).meta({ description: "各项指标：本企业数值与两个对比组" }),
});
export type EnterpriseBenchmark = z.infer<typeof EnterpriseBenchmark>;

/**
 * Access: the enterprise itself, the city, the enterprise's district (another district gets 404, the
 * same answer as an unknown id); providers, experts and departments 403.
 */
export const ENTERPRISE_BENCHMARK_ROUTES = routeMap({
  "GET /api/enterprises/:id/benchmark": {
    summary: "企业指标对比：本企业指标与本区、本行业的百分位和中位数（不足5家不予显示）",
    params: IdParam,
    status: 200,
    response: EnterpriseBenchmark,
  },
});
export type EnterpriseBenchmarkRoutes = typeof ENTERPRISE_BENCHMARK_ROUTES;
