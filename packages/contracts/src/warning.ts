import {
  REQUIRED_PARAMS,
  WARNING_LEVELS,
  WARNING_OWNER_KINDS,
  WARNING_OWNER_RULES,
  WARNING_RULE_KINDS,
  WARNING_RULE_SOURCES,
  WARNING_STATES,
  WARNING_SUBJECT_TYPES,
} from "@dxcenter/domain";
import { z } from "zod";
import { PageQuery, QueryBool } from "./common";

/**
 * 预警中心 (issue 13 §5): the rule files (packages/db/warning-rules/*.json, checked by
 * WarningRuleDefinition) and the warnings API. A rule whose source table does not exist yet is
 * shipped `enabled: false, source: "pending"` and shown 待接入; it is never evaluated.
 */

const Level = z.enum(WARNING_LEVELS);

export const WarningRuleDefinition = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "id 只能用小写字母、数字和连字符")
      .max(80),
    version: z.string().regex(/^\d+$/, 'version 应为数字文本，如 "1"'),
    name: z.string().min(2).max(60),
    description: z.string().min(10).max(500),
    kind: z.enum(WARNING_RULE_KINDS),
    params: z.strictObject({
      days: z.number().int().min(1).max(3650).optional(),
      percent: z.number().min(0).max(100).optional(),
      points: z.number().min(0).max(1000).optional(),
    }),
    level: Level,
    bands: z.array(z.strictObject({ min: z.number(), level: Level })).max(5),
    owner: z.enum(WARNING_OWNER_RULES),
    enabled: z.boolean(),
    source: z.enum(WARNING_RULE_SOURCES),
    notes: z.array(z.string().min(2).max(300)).max(10),
  })
  .superRefine((r, ctx) => {
    for (const p of REQUIRED_PARAMS[r.kind])
      if (r.params[p] === undefined)
        ctx.addIssue({ code: "custom", path: ["params", p], message: `规则类型 ${r.kind} 需要参数 ${p}` });
    if (r.source === "pending" && r.enabled)
      ctx.addIssue({ code: "custom", path: ["enabled"], message: "数据来源待接入的规则不能启用" });
  });
export type WarningRuleDefinition = z.infer<typeof WarningRuleDefinition>;

/** A rule as the 规则 view shows it: the definition, whether it is evaluated, and its open warnings. */
export const WarningRuleItem = z.object({
  rule: WarningRuleDefinition,
  /** evaluated: enabled with a source; disabled; pending: 待接入 (its source table does not exist yet). */
  status: z.enum(["evaluated", "disabled", "pending"]),
  openCount: z.number().int(),
});
export type WarningRuleItem = z.infer<typeof WarningRuleItem>;

export const WarningListQuery = PageQuery.extend({
  level: Level.optional(),
  state: z.enum(WARNING_STATES).optional(),
  /** Only warnings not closed yet. */
  active: QueryBool,
  rule: z.string().trim().max(80).optional(),
  district: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  /** The title or the subject's name. */
  q: z.string().trim().max(100).optional(),
  sort: z.enum(["openedAt", "level", "state"]).default("level"),
  order: z.enum(["asc", "desc"]).default("desc"),
});

export const WarningItem = z.object({
  id: z.uuid(),
  ruleId: z.string(),
  ruleVersion: z.string(),
  ruleName: z.string(),
  subjectType: z.enum(WARNING_SUBJECT_TYPES),
  subjectId: z.string(),
  /** The subject's name when the warning was raised (kept: the list never shows an id). */
  subjectName: z.string(),
  districtCode: z.string().nullable(),
  districtName: z.string().nullable(),
  ownerKind: z.enum(WARNING_OWNER_KINDS),
  ownerCode: z.string().nullable(),
  /** 市工信局, the district's name or the department's. */
  ownerName: z.string(),
  level: Level,
  title: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  state: z.enum(WARNING_STATES),
  openedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedByName: z.string().nullable(),
  handledAt: z.string().nullable(),
  handledByName: z.string().nullable(),
  handleNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** null when the job closed it because the condition cleared. */
  closedByName: z.string().nullable(),
  closeNote: z.string().nullable(),
  /** When the condition was found cleared (the job closed it). */
  clearedAt: z.string().nullable(),
});
export type WarningItem = z.infer<typeof WarningItem>;

/** One entry of a warning's history, from the audit trail. */
export const WarningHistoryEntry = z.object({
  at: z.string(),
  action: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
});

export const WarningDetail = WarningItem.extend({
  history: z.array(WarningHistoryEntry),
  permissions: z.object({ acknowledge: z.boolean(), handle: z.boolean(), close: z.boolean() }),
});
export type WarningDetail = z.infer<typeof WarningDetail>;

const Note = z.string().trim().max(1000);
export const WarningStepRequest = z.object({ note: Note.optional() });
export const HandleWarningRequest = z.object({ note: Note.min(1, "请填写处置说明") });

const ByLevel = z.object({ red: z.number().int(), orange: z.number().int(), yellow: z.number().int() });
export const WarningCounts = z.object({
  /** Warnings not closed, by level. */
  byLevel: ByLevel,
  byState: z.object({
    open: z.number().int(),
    acknowledged: z.number().int(),
    handled: z.number().int(),
    closed: z.number().int(),
  }),
});
export type WarningCounts = z.infer<typeof WarningCounts>;
