import { DEPLOYMENT_MODES, PROVIDER_CATEGORIES, SOLUTION_KINDS, SOLUTION_STATUSES } from "@dxcenter/domain";
import { z } from "zod";
import { OPTIONAL_WAN_TEXT, PageQuery, QueryBool, searchText, sortParams } from "./common";

/**
 * 解决方案目录: catalogue entries (上云产品 / 工业APP / 工业软件 / “小快轻准” / 系统解决方案) offered by
 * providers. Money is integer 分 in answers; inputs are 万元 strings converted exactly by the server.
 */
export { DEPLOYMENT_MODES, SOLUTION_KINDS, SOLUTION_STATUSES };

const sceneId = z.string().trim().min(1).max(40);
const districtCode = z.string().regex(/^\d{6}$/, "区划代码应为 6 位数字");
const industryCode = z.string().regex(/^C\d{2}$/, "行业代码应为 GB/T 4754 门类代码，如 C34");
/** Comma-separated list in a query string ("S08,S07"). */
const csv = z
  .string()
  .trim()
  .max(500)
  .transform((s) =>
    s
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .optional();

export const SolutionReference = z.object({
  customer: z.string().trim().min(1, "参考案例：请填写客户名称").max(100, "参考案例：客户名称不超过 100 字"),
  result: z.string().trim().min(1, "参考案例：请填写实施成效").max(300, "参考案例：实施成效不超过 300 字"),
});

export const SolutionListQuery = PageQuery.extend({
  q: searchText(),
  sceneId: csv,
  industry: industryCode.optional(),
  kind: z.enum(SOLUTION_KINDS).optional(),
  deployment: z.enum(DEPLOYMENT_MODES).optional(),
  firstEdition: QueryBool,
  /** District the provider serves (its service area covers it). */
  districtCode: districtCode.optional(),
  /** 万元, the starting price at most / at least this. */
  priceMaxWan: z.string().trim().max(20).optional(),
  priceMinWan: z.string().trim().max(20).optional(),
  providerId: z.uuid().optional(),
  ...sortParams(["updatedAt", "name", "price"], "updatedAt"),
});

export const MySolutionListQuery = PageQuery.extend({
  q: searchText(),
  status: z.enum(SOLUTION_STATUSES).optional(),
  kind: z.enum(SOLUTION_KINDS).optional(),
  ...sortParams(["updatedAt", "name"], "updatedAt"),
});

export const SolutionItem = z.object({
  id: z.uuid(),
  providerId: z.uuid(),
  providerName: z.string(),
  providerAdmitted: z.boolean(),
  name: z.string(),
  kind: z.enum(SOLUTION_KINDS),
  category: z.enum(PROVIDER_CATEGORIES),
  summary: z.string().nullable(),
  sceneIds: z.array(z.string()),
  sceneNames: z.array(z.string()),
  industries: z.array(z.string()),
  priceMinFen: z.number().int().nullable(),
  priceMaxFen: z.number().int().nullable(),
  subsidyText: z.string().nullable(),
  subsidyFen: z.number().int().nullable(),
  deployment: z.enum(DEPLOYMENT_MODES),
  firstEdition: z.boolean(),
  serviceDistricts: z.array(z.string()),
  references: z.array(SolutionReference),
  status: z.enum(SOLUTION_STATUSES),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type SolutionItem = z.infer<typeof SolutionItem>;

const wan = z.string().trim().max(20).meta(OPTIONAL_WAN_TEXT).nullable().optional();

export const SolutionInput = z.object({
  /** Only for an account that belongs to several organisations; otherwise its one organisation. */
  providerId: z.uuid().optional(),
  name: z.string().trim().min(2, "方案名称至少 2 个字").max(100, "方案名称不能超过 100 字"),
  kind: z.enum(SOLUTION_KINDS, { error: "请选择产品类型" }),
  summary: z.string().trim().max(2000, "方案简介不能超过 2000 字").nullable().optional(),
  sceneIds: z.array(sceneId).min(1, "请至少选择一个适用场景").max(20, "适用场景最多 20 个"),
  industries: z.array(industryCode).max(20, "适用行业最多 20 个").default([]),
  priceMinWan: wan,
  priceMaxWan: wan,
  subsidyText: z.string().trim().max(500, "补贴标准不能超过 500 字").nullable().optional(),
  subsidyWan: wan,
  deployment: z.enum(DEPLOYMENT_MODES, { error: "请选择部署方式" }),
  firstEdition: z.boolean().default(false),
  serviceDistricts: z.array(districtCode).max(30).default([]),
  references: z.array(SolutionReference).max(10, "参考案例最多 10 个").default([]),
});

export const SolutionUpdate = SolutionInput.omit({ providerId: true })
  .partial()
  .extend({
    status: z.enum(SOLUTION_STATUSES).optional(),
    version: z.number().int().min(1),
  });

export const SceneOption = z.object({
  id: z.string(),
  name: z.string(),
  /** The sub-domain a scene belongs to (null for a sub-domain itself). */
  groupId: z.string().nullable(),
});
export type SceneOption = z.infer<typeof SceneOption>;
