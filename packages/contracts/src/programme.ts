import { z } from "zod";
import { DefinitionId, DefinitionNotes, RequiredText } from "./common";

/**
 * 梯度培育: certification programmes as versioned data (packages/db/programmes/*.json), loaded at
 * every start into programme_definitions by id + version like the instruments, policies and
 * indicators. A programme is a ladder of levels (智能工厂 基础级 → 先进级 → 卓越级 → 领航级; 绿色工厂
 * 区级 → 市级 → 国家级; CMMM 一级 … 五级). Each level states who issues it, what an applicant must
 * already hold (prerequisites), the application form and evidence, the review sheet, the route and
 * the validity. Every fact cites its source (file:line + verbatim quote, checked by a test); what the
 * sources do not state is `confirmed: false` with a label (本市规则 = the city's own rule, 待确认 =
 * still to be confirmed) and is shown as such.
 */

/** Who issues a level. `certification_body`: an accredited body (CMMM, DCMM, 两化融合); the city records it. */
export const LEVEL_ISSUERS = [
  "enterprise_self",
  "district",
  "city",
  "province",
  "national",
  "certification_body",
] as const;
export type LevelIssuer = (typeof LEVEL_ISSUERS)[number];
export const LEVEL_ISSUER_LABELS: Record<LevelIssuer, string> = {
  enterprise_self: "企业自评",
  district: "区级",
  city: "市级",
  province: "省级",
  national: "国家级",
  certification_body: "认证机构",
};

/** Programme families (menu grouping). */
export const PROGRAMME_FAMILIES = ["smart_manufacturing", "green", "sme", "external"] as const;
export type ProgrammeFamily = (typeof PROGRAMME_FAMILIES)[number];
export const PROGRAMME_FAMILY_LABELS: Record<ProgrammeFamily, string> = {
  smart_manufacturing: "智能制造",
  green: "绿色制造",
  sme: "优质中小企业",
  external: "第三方评估认证",
};

/**
 * How a level is obtained: `round` — the city runs 认定批次 on this platform (apply → recommend →
 * review → decide → 公示 → 认定); `self_assessment` — the enterprise self-assesses (基础级);
 * `upward` — the city recommends to a higher authority and records the result; `recorded` — another
 * authority (a district, the province, a ministry) publishes the list and staff record it;
 * `external` — an accredited body certifies, city staff record the certificate.
 */
export const OBTAINED_BY = ["round", "self_assessment", "upward", "recorded", "external"] as const;
export type ObtainedBy = (typeof OBTAINED_BY)[number];

/** The steps of a route, in the order they can occur. */
export const ROUTE_STEPS = [
  "self_assessment",
  "self_declaration",
  "district_recommendation",
  "expert_review",
  "onsite_check",
  "city_decision",
  "public_notice",
  "recognition",
  "upward_recommendation",
  "external_certification",
] as const;
export type RouteStep = (typeof ROUTE_STEPS)[number];
export const ROUTE_STEP_LABELS: Record<RouteStep, string> = {
  self_assessment: "企业自评估",
  self_declaration: "企业申报",
  district_recommendation: "区级推荐",
  expert_review: "专家评审",
  onsite_check: "现场核查",
  city_decision: "市级审定",
  public_notice: "公示",
  recognition: "认定发证",
  upward_recommendation: "向上级推荐",
  external_certification: "第三方机构评估认证",
};

/** Label of a rule the sources do not state. */
export const RULE_LABELS = ["本市规则", "待确认"] as const;

/** A cited source: a file under packages/db/programmes/sources or packages/db/policies/sources, the line, verbatim words. */
export const ProgrammeCitation = z.strictObject({
  file: z
    .string()
    .regex(
      /^[a-z0-9_.-]+\.(txt|md|json)$/,
      "file 应为来源文件名（programmes/sources 或 policies/sources 下）",
    ),
  line: z.number().int().min(1),
  quote: z.string().min(2, "quote 至少2个字").max(400),
});
export type ProgrammeCitation = z.infer<typeof ProgrammeCitation>;

/**
 * A sourced fact or a rule of the city's own: `confirmed: true` needs a source; `confirmed: false`
 * needs a label (本市规则 / 待确认) and no source claims it.
 */
const provenance = {
  confirmed: z.boolean(),
  source: ProgrammeCitation.nullable(),
  label: z.enum(RULE_LABELS).nullable(),
};
const provenanceCheck = (
  v: { confirmed: boolean; source: unknown; label: unknown },
  ctx: z.RefinementCtx,
) => {
  if (v.confirmed && v.source === null)
    ctx.addIssue({ code: "custom", path: ["source"], message: "source：已确认的规则须注明来源" });
  if (!v.confirmed && v.label === null)
    ctx.addIssue({
      code: "custom",
      path: ["label"],
      message: "label：未确认的规则须标明“本市规则”或“待确认”",
    });
  if (v.confirmed && v.label !== null)
    ctx.addIssue({
      code: "custom",
      path: ["label"],
      message: "label：已确认的规则不加“本市规则/待确认”标签",
    });
};

/** What a prerequisite tests. */
export const PrerequisiteCondition = z.discriminatedUnion("type", [
  /** A valid (not expired, not revoked) certification of `programme` at `minLevel` or above. */
  z.strictObject({ type: z.literal("certification"), programme: DefinitionId, minLevel: DefinitionId }),
  /** The latest submitted self-assessment of `instrument` reaches `minLevel` (the instrument's level number). */
  z.strictObject({
    type: z.literal("assessment"),
    instrument: DefinitionId,
    minLevel: z.number().int().min(1),
  }),
  /** A registry fact. */
  z.strictObject({ type: z.literal("registry"), fact: z.enum(["aboveScale", "sme"]) }),
  /** Declared by the applicant on the form (承诺): checked by reviewers, not by the platform. */
  z.strictObject({ type: z.literal("declaration") }),
]);
export type PrerequisiteCondition = z.infer<typeof PrerequisiteCondition>;

export const Prerequisite = z
  .strictObject({
    id: DefinitionId,
    /** The requirement in Chinese, as the refusal names it. */
    text: RequiredText("前提条件说明"),
    condition: PrerequisiteCondition,
    ...provenance,
  })
  .superRefine(provenanceCheck);
export type Prerequisite = z.infer<typeof Prerequisite>;

export const FORM_FIELD_TYPES = ["text", "textarea", "number", "date", "select", "boolean"] as const;
export const ProgrammeFormField = z
  .strictObject({
    id: DefinitionId,
    label: RequiredText("字段名称"),
    type: z.enum(FORM_FIELD_TYPES),
    required: z.boolean(),
    unit: z.string().min(1).max(10).nullable(),
    options: z.array(z.string().min(1)).nullable(),
    help: z.string().min(1).max(200).nullable(),
  })
  .superRefine((f, ctx) => {
    if ((f.type === "select") !== (f.options !== null && f.options.length >= 2))
      ctx.addIssue({
        code: "custom",
        path: ["options"],
        message: "options：下拉字段须列出至少2个选项，其他字段不设选项",
      });
  });
export type ProgrammeFormField = z.infer<typeof ProgrammeFormField>;

export const ProgrammeEvidenceItem = z.strictObject({
  id: DefinitionId,
  label: RequiredText("材料名称"),
  required: z.boolean(),
});

export const ProgrammeReviewItem = z.strictObject({
  id: DefinitionId,
  name: RequiredText("评审项名称"),
  /** Weight in per cent of the total; the items of a sheet add up to 100. */
  weight: z.number().int().min(1).max(100),
  description: z.string().min(1).max(300).nullable(),
});

export const ProgrammeReviewSheet = z
  .strictObject({
    items: z.array(ProgrammeReviewItem).min(1),
    /** Pass mark on the 0–100 weighted score. */
    passMark: z.number().int().min(0).max(100),
    ...provenance,
  })
  .superRefine((s, ctx) => {
    provenanceCheck(s, ctx);
    const sum = s.items.reduce((a, i) => a + i.weight, 0);
    if (sum !== 100)
      ctx.addIssue({
        code: "custom",
        path: ["items"],
        message: `items：评审项权重合计应为100（现为${sum}）`,
      });
    if (new Set(s.items.map((i) => i.id)).size !== s.items.length)
      ctx.addIssue({ code: "custom", path: ["items"], message: "items：评审项编号重复" });
  });
export type ProgrammeReviewSheet = z.infer<typeof ProgrammeReviewSheet>;

export const ProgrammeRoute = z
  .strictObject({ steps: z.array(z.enum(ROUTE_STEPS)).min(1), ...provenance })
  .superRefine((r, ctx) => {
    provenanceCheck(r, ctx);
    const idx = r.steps.map((s) => ROUTE_STEPS.indexOf(s));
    if (idx.some((v, i) => i > 0 && v <= idx[i - 1]!))
      ctx.addIssue({ code: "custom", path: ["steps"], message: "steps：流程步骤应按先后顺序且不重复" });
  });

export const ProgrammeValidity = z
  .strictObject({
    /** Years a certification stays valid from its date; null = no fixed term (until revoked). */
    years: z.number().int().min(1).max(10).nullable(),
    ...provenance,
  })
  .superRefine(provenanceCheck);

export const ProgrammeReReview = z
  .strictObject({
    /** A 复核 opens this many days before the end of validity; null = no 复核 (re-apply). */
    daysBefore: z.number().int().min(1).max(365).nullable(),
    rule: RequiredText("复核规则"),
    ...provenance,
  })
  .superRefine(provenanceCheck);

export const ProgrammeLevel = z.strictObject({
  id: DefinitionId,
  /** Chinese name as published (基础级, 市级绿色工厂, 专精特新“小巨人”). */
  name: RequiredText("等级名称"),
  /** Position on the ladder (1 = lowest); levels are listed in this order. */
  rank: z.number().int().min(1),
  issuingLevel: z.enum(LEVEL_ISSUERS),
  obtainedBy: z.enum(OBTAINED_BY),
  description: z.string().min(2).max(500),
  descriptionSource: ProgrammeCitation.nullable(),
  prerequisites: z.array(Prerequisite),
  form: z.strictObject({ fields: z.array(ProgrammeFormField), evidence: z.array(ProgrammeEvidenceItem) }),
  /** The review sheet; null when the level is not reviewed on this platform. */
  reviewSheet: ProgrammeReviewSheet.nullable(),
  route: ProgrammeRoute,
  /** 公示 length in days (calendar days, Asia/Shanghai); null when there is no 公示 on this platform. */
  publicNoticeDays: z.number().int().min(1).max(30).nullable(),
  validity: ProgrammeValidity,
  reReview: ProgrammeReReview,
});
export type ProgrammeLevel = z.infer<typeof ProgrammeLevel>;

const ProgrammeFields = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "id 只能用小写字母、数字和连字符")
    .max(60),
  version: z.string().regex(/^\d+$/, 'version 应为数字文本，如 "1"'),
  name: RequiredText("项目名称"),
  family: z.enum(PROGRAMME_FAMILIES),
  /** Certificate number prefix: numbers read {prefix}{level rank}-{year}-{serial, 4 digits}, e.g. SF2-2026-0007. */
  certificatePrefix: z.string().regex(/^[A-Z][A-Z0-9]{1,7}$/, "certificatePrefix 应为2–8位大写字母或数字"),
  description: z.string().min(10).max(1000),
  levels: z.array(ProgrammeLevel).min(1),
  sources: z.array(ProgrammeCitation),
  notes: DefinitionNotes,
});

/** One programme data file. */
export const ProgrammeDefinition = ProgrammeFields.superRefine((p, ctx) => {
  const ids = p.levels.map((l) => l.id);
  if (new Set(ids).size !== ids.length)
    ctx.addIssue({ code: "custom", path: ["levels"], message: "levels：等级编号重复" });
  p.levels.forEach((l, i) => {
    if (l.rank !== i + 1)
      ctx.addIssue({
        code: "custom",
        path: ["levels", i, "rank"],
        message: "rank：等级应按1、2、3…依次排列",
      });
    if (l.obtainedBy === "round" && (l.reviewSheet === null || l.publicNoticeDays === null))
      ctx.addIssue({
        code: "custom",
        path: ["levels", i],
        message: `levels：${l.name}在本平台开展认定批次，须有评审表和公示天数`,
      });
    for (const [j, pr] of l.prerequisites.entries()) {
      const c = pr.condition;
      if (c.type === "certification" && c.programme === p.id && ids.indexOf(c.minLevel) >= i)
        ctx.addIssue({
          code: "custom",
          path: ["levels", i, "prerequisites", j],
          message: "prerequisites：只能要求本项目中更低的等级",
        });
    }
  });
});
export type ProgrammeDefinition = z.infer<typeof ProgrammeDefinition>;

/** A programme as the API answers it (the current version of its file). */
export const Programme = ProgrammeFields;
export type Programme = z.infer<typeof Programme>;
