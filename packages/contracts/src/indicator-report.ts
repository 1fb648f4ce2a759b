import { REPORT_OWNER_KINDS, REPORT_STATES } from "@dxcenter/domain";
import { z } from "zod";
import { districtCodeFilter, PageQuery, pageOf, QueryBool, searchText, sortParams } from "./common";
import { MonthKey, PeriodKey } from "./indicator";

/**
 * 指标填报任务 (issue 13 §3): per reported indicator and period a task to its owner (a district, a
 * department or the city), filled on a form or from the downloaded Excel template, submitted, then
 * approved or returned by the city. An approved value becomes the period's stored figure (snapshot).
 */

export const ReportStateSchema = z.enum(REPORT_STATES);

export const REPORT_SORTS = ["dueDate", "period", "indicator", "status", "updatedAt"] as const;

export const ReportListQuery = PageQuery.extend({
  /** The indicator's name or the owner's name. */
  q: searchText(),
  period: PeriodKey.optional(),
  indicator: z.string().trim().max(80).optional(),
  status: ReportStateSchema.optional(),
  district: districtCodeFilter("区划代码应为6位数字"),
  /** Only tasks past their due day and not submitted. */
  overdue: QueryBool,
  ...sortParams(REPORT_SORTS, "dueDate", "desc"),
});

export const ReportItem = z.object({
  id: z.uuid(),
  indicatorId: z.string(),
  indicatorName: z.string(),
  /** 口径 */
  definition: z.string(),
  unit: z.string(),
  decimals: z.number().int(),
  period: z.string(),
  scope: z.string(),
  /** 全市 or the district's name. */
  scopeName: z.string(),
  ownerKind: z.enum(REPORT_OWNER_KINDS),
  /** The district's, the department's name, or 市工信局 (the city). */
  ownerName: z.string(),
  districtCode: z.string().nullable(),
  status: ReportStateSchema,
  value: z.number().nullable(),
  note: z.string().nullable(),
  dueDate: z.string(),
  overdue: z.boolean(),
  returnReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  /** The approved value of the previous period for the same scope (the jump rule's base). */
  lastValue: z.number().nullable(),
  lastPeriod: z.string(),
  /** A change of more than this per cent against lastValue needs a note. */
  jumpPercent: z.number(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
  permissions: z.object({
    save: z.boolean(),
    submit: z.boolean(),
    approve: z.boolean(),
    return: z.boolean(),
  }),
});
export type ReportItem = z.infer<typeof ReportItem>;

export const ReportPage = pageOf(ReportItem).extend({
  /** Tasks of the caller's scope that are overdue now (whatever the filters). */
  overdueCount: z.number().int(),
});
export type ReportPage = z.infer<typeof ReportPage>;

export const ReportFillRequest = z.object({
  value: z.number({ error: "填报值应为数字" }).nullable(),
  note: z.string().trim().max(1000, "说明不能超过1000字").nullable().optional(),
  version: z.number().int(),
});

export const ReportReviewRequest = z.object({ version: z.number().int() });
export const ReportReturnRequest = z.object({
  version: z.number().int(),
  reason: z.string().trim().min(2, "请填写退回原因（至少2个字）").max(500, "退回原因不能超过500字"),
});

export const GenerateReportsRequest = z.object({
  /** The month as of which each indicator's last ended period gets its tasks (default: the last ended month). */
  month: MonthKey.optional(),
});
export const GenerateReportsResult = z.object({
  month: z.string(),
  created: z.number().int(),
  existing: z.number().int(),
  periods: z.array(z.object({ indicatorId: z.string(), period: z.string() })),
});
export type GenerateReportsResult = z.infer<typeof GenerateReportsResult>;

export const ReportTemplateQuery = z.object({
  period: PeriodKey.optional(),
});

export const ReportUploadQuery = z.object({
  /** Submit the rows that pass (default: save them as drafts). */
  submit: QueryBool,
});

export const ReportUploadRow = z.object({
  row: z.number().int(),
  indicatorName: z.string().nullable(),
  period: z.string().nullable(),
  outcome: z.enum(["saved", "submitted", "skipped", "error"]),
  messages: z.array(z.string()),
});
export const ReportUploadResult = z.object({
  saved: z.number().int(),
  submitted: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  rows: z.array(ReportUploadRow),
});
export type ReportUploadResult = z.infer<typeof ReportUploadResult>;
