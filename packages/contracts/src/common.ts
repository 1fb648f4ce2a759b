import { z } from "zod";
import { ERROR_CODES } from "./errors";

// Chinese default messages for every schema (server and web share them).
z.config(z.locales.zhCN());

/**
 * Every error the API returns has this shape: `code` for machines (and the web's locale texts),
 * `params` with the values the message was built from, `message` in Chinese.
 */
export const ErrorResponse = z.object({
  code: z.enum(ERROR_CODES).meta({ description: "机器可读错误码，如 VALIDATION、STATE_CONFLICT、FORBIDDEN" }),
  message: z.string().meta({ description: "中文错误信息" }),
  field: z.string().optional().meta({ description: "出错字段（如有）" }),
  params: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .optional()
    .meta({ description: "生成该错误信息所用的参数（如当前状态 status），供客户端按语言显示" }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  413: ErrorResponse,
  429: ErrorResponse,
} as const;

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export const IdParam = z.object({ id: z.uuid() });

/** A list's free-text search (`q`): trimmed, at most `max` characters; absent = no filter. */
export const searchText = (max = 100) => z.string().trim().max(max).optional();

/** A list's `sort` (one of `fields`) and `order` query parameters, with their defaults. */
export const sortParams = <const F extends readonly [string, ...string[]]>(
  fields: F,
  defaultSort: F[number],
  defaultOrder: "asc" | "desc" = "desc",
) => ({
  sort: z.enum(fields).default(defaultSort),
  order: z.enum(["asc", "desc"]).default(defaultOrder),
});

/** An optional filter by district: a 6-digit GB/T 2260 code (`message`: the module's wording when it is not). */
export const districtCodeFilter = (message?: string) =>
  z
    .string()
    .regex(/^\d{6}$/, message)
    .optional();

// Data-file definitions (instruments, policies): the pieces their schemas are built from, each with
// the Chinese message a maintainer of the files reads.

/** An id inside a definition: letters, digits, `_`, `.` and `-`, starting with a letter or digit. */
export const DefinitionId = z
  .string({ error: "编号应为文本" })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "编号只能包含字母、数字、下划线、点和连字符，且以字母或数字开头");
/** Non-empty text (trimmed); `what` names it in the messages. */
export const RequiredText = (what: string) =>
  z
    .string({ error: `${what}应为文本` })
    .trim()
    .min(1, `${what}不能为空`);
/** Explanatory notes: non-empty lines. */
export const DefinitionNotes = z.array(z.string().min(1, "说明不能为空"));

/** A domain validator's answer on a definition: ok, or its errors with dotted paths. */
type DefinitionValidation =
  | { ok: true }
  | { ok: false; errors: readonly { readonly path: string; readonly message: string }[] };

/**
 * A `superRefine` that reports a domain validator's errors as zod issues, each at its path
 * ("dimensions[0].bands[1]" → ["dimensions", 0, "bands", 1]): the data files' definitions are checked
 * by the same rules the domain runs.
 */
export const refineWithValidator =
  <T>(validate: (def: T) => DefinitionValidation) =>
  (def: T, ctx: z.RefinementCtx) => {
    const r = validate(def);
    if (!r.ok)
      for (const e of r.errors)
        ctx.addIssue({
          code: "custom",
          message: e.message,
          path: e.path
            .split(/[.[\]]+/)
            .filter(Boolean)
            .map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg)),
        });
  };

/** An optional phone: an 11-digit mobile or a landline with its area code; "" (none) is stored as null. */
export const optionalPhone = () =>
  z
    .string()
    .trim()
    .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)?$/, "联系电话应为11位手机号或带区号的固定电话")
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

/** The enterprise a row belongs to, with its district, as list items show them. */
export const enterpriseFields = () => ({
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
});

/**
 * 万元 amounts travel as decimal text and are converted exactly to 分 by the server
 * (domain parseWanYuanToFen: digits, optional comma groups, a fraction no finer than 1 分; the
 * services refuse other text and negative amounts with their own Chinese message). These patterns only
 * document that rule in the OpenAPI document (`.meta`), they do not validate.
 */
export const WAN_TEXT = {
  pattern: "^\\+?\\d+(,\\d+)*(\\.\\d+)?$",
  description: "万元金额（十进制文本，最小到分，如 1200 或 85.5）",
} as const;
/** The same for optional amounts, where "" means none. */
export const OPTIONAL_WAN_TEXT = {
  pattern: "^(\\+?\\d+(,\\d+)*(\\.\\d+)?)?$",
  description: "万元金额（十进制文本，最小到分；空文本表示不填）",
} as const;

/** Query-string boolean: "true"/"false" (and 1/0), absent = no filter. */
export const QueryBool = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1")
  .optional();

/** Field labels used to name the field in Chinese validation messages. */
export const FIELD_LABELS: Record<string, string> = {
  uscc: "统一社会信用代码",
  name: "企业名称",
  districtCode: "所属区",
  industryCode: "所属行业",
  aboveScale: "规上企业",
  size: "企业规模",
  srdiTier: "专精特新",
  contactName: "联系人",
  contactPhone: "联系电话",
  address: "地址",
  tags: "标签",
  digitalRdTools: "数字化研发设计工具",
  keyProcessNcRate: "关键工序数控化率",
  cloudAdopted: "上云",
  itfCertified: "两化融合贯标",
  dcmmLevel: "DCMM等级",
  cmmmLevel: "智能制造能力成熟度等级",
  annual: "年度经营数据",
  year: "年度",
  revenueFen: "营业收入",
  employees: "从业人员",
  version: "版本号",
  username: "用户名",
  password: "密码",
  displayName: "姓名",
  role: "角色",
  enterpriseId: "所属企业",
  organization: "单位",
  disabled: "停用",
  page: "页码",
  pageSize: "每页条数",
  sort: "排序字段",
  order: "排序方向",
  from: "开始时间",
  to: "结束时间",
  // 成效分析 (impact.ts)
  instrumentId: "评估量表",
  groupBy: "分组方式",
  a: "对比评估 T0",
  b: "对比评估 T1",
};
