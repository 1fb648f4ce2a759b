import { ENTERPRISE_SIZES, ENTERPRISE_SORTS, SRDI_TIERS, validateUscc } from "@dxcenter/domain";
import { z } from "zod";
import { districtCodeFilter, optionalPhone, PageQuery, QueryBool, searchText, sortParams } from "./common";

export const UsccSchema = z
  .string()
  .transform((v, ctx) => {
    const r = validateUscc(v);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.message });
      return z.NEVER;
    }
    return r.code;
  })
  .meta({
    description:
      "统一社会信用代码（GB 32100-2015，18 位，第 3–8 位为数字，第 18 位为校验位；小写字母与首尾空格会被规范化）",
    // Documents the rule validateUscc enforces in the transform (the check character is computed there).
    pattern: "^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$",
    example: "91120116MA05JK3R2K",
  });

const thisYear = new Date().getUTCFullYear();

export const AnnualFigures = z.object({
  year: z
    .number()
    .int()
    .min(1949)
    .max(thisYear + 1),
  /** 营业收入, integer 分 */
  revenueFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
  employees: z.number().int().min(0).max(10_000_000).nullable(),
});
export type AnnualFigures = z.infer<typeof AnnualFigures>;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

const Tags = z.array(z.string().trim().min(1).max(20)).max(20, "标签最多20个");
const AnnualList = z
  .array(AnnualFigures)
  .max(30)
  .refine((a) => new Set(a.map((x) => x.year)).size === a.length, "年度经营数据中年度不能重复");

/** Fields without defaults: an update must not invent values for fields it did not send. */
export const EnterpriseFields = z.object({
  name: z.string().trim().min(2, "企业名称至少2个字").max(100, "企业名称不超过100个字"),
  districtCode: z.string().regex(/^\d{6}$/, "所属区代码应为6位数字"),
  industryCode: z.string().regex(/^C\d{2}$/, "所属行业应为 GB/T 4754 制造业大类代码，如 C26"),
  aboveScale: z.boolean(),
  size: z.enum(ENTERPRISE_SIZES),
  srdiTier: z.enum(SRDI_TIERS),
  contactName: optionalText(50),
  contactPhone: optionalPhone(),
  address: optionalText(200),
  tags: Tags,
  digitalRdTools: z.boolean().nullable().optional(),
  keyProcessNcRate: z.number().min(0).max(100).multipleOf(0.01).nullable().optional(),
  cloudAdopted: z.boolean().nullable().optional(),
  itfCertified: z.boolean().nullable().optional(),
  dcmmLevel: z.number().int().min(1).max(5).nullable().optional(),
  cmmmLevel: z.number().int().min(1).max(5).nullable().optional(),
  annual: AnnualList,
});

export const CreateEnterpriseRequest = EnterpriseFields.extend({
  uscc: UsccSchema,
  srdiTier: z.enum(SRDI_TIERS).default("none"),
  tags: Tags.default([]),
  annual: AnnualList.default([]),
});
export type CreateEnterpriseRequest = z.input<typeof CreateEnterpriseRequest>;

/**
 * A save carries the version it was read at; a stale version is refused with 409. Only the fields
 * sent are changed (no defaults here, deliberately).
 */
export const UpdateEnterpriseRequest = EnterpriseFields.partial().extend({
  version: z.number().int().min(1),
});
export type UpdateEnterpriseRequest = z.input<typeof UpdateEnterpriseRequest>;

export { ENTERPRISE_SORTS };

export const EnterpriseListQuery = PageQuery.extend({
  q: searchText(),
  districtCode: districtCodeFilter(),
  industryCode: z
    .string()
    .regex(/^C\d{2}$/)
    .optional(),
  aboveScale: QueryBool,
  srdiTier: z.enum(SRDI_TIERS).optional(),
  /** "any" = any tier other than none */
  srdi: z.enum(["any"]).optional(),
  tag: z.string().trim().max(20).optional(),
  ...sortParams(ENTERPRISE_SORTS, "name", "asc"),
});
export type EnterpriseListQuery = z.input<typeof EnterpriseListQuery>;

export const EnterpriseListItem = z.object({
  id: z.uuid(),
  uscc: z.string(),
  name: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  industryCode: z.string(),
  industryName: z.string(),
  aboveScale: z.boolean(),
  size: z.enum(ENTERPRISE_SIZES),
  srdiTier: z.enum(SRDI_TIERS),
  /** masked, e.g. 张* */
  contactName: z.string().nullable(),
  /** masked, e.g. 138****5678 */
  contactPhone: z.string().nullable(),
  tags: z.array(z.string()),
  latestYear: z.number().int().nullable(),
  latestRevenueFen: z.number().int().nullable(),
  latestEmployees: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type EnterpriseListItem = z.infer<typeof EnterpriseListItem>;

export const EnterpriseDetail = EnterpriseListItem.extend({
  address: z.string().nullable(),
  digitalRdTools: z.boolean().nullable(),
  keyProcessNcRate: z.number().nullable(),
  cloudAdopted: z.boolean().nullable(),
  itfCertified: z.boolean().nullable(),
  dcmmLevel: z.number().int().nullable(),
  cmmmLevel: z.number().int().nullable(),
  annual: z.array(AnnualFigures),
  createdAt: z.string(),
  version: z.number().int(),
  /** What the current user may do with this record. */
  permissions: z.object({ update: z.boolean(), editableFields: z.array(z.string()).nullable() }),
});
export type EnterpriseDetail = z.infer<typeof EnterpriseDetail>;

/** Unmasked contact data; each reveal is written to the audit log. */
export const EnterpriseContact = z.object({
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
});

export const EnterpriseStats = z.object({
  total: z.number().int(),
  aboveScale: z.number().int(),
  srdi: z.number().int(),
  byDistrict: z.array(
    z.object({
      districtCode: z.string(),
      districtName: z.string(),
      total: z.number().int(),
      aboveScale: z.number().int(),
    }),
  ),
  byIndustry: z.array(
    z.object({ industryCode: z.string(), industryName: z.string(), total: z.number().int() }),
  ),
});
export type EnterpriseStats = z.infer<typeof EnterpriseStats>;

export const ImportJob = z.object({
  id: z.uuid(),
  filename: z.string(),
  status: z.enum(["queued", "running", "done", "failed"]),
  progress: z.number().int(),
  rowsRead: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  errorSample: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
  errorMessage: z.string().nullable(),
  hasReport: z.boolean(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;
