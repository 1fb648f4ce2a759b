import type * as domain from "@dxcenter/domain";
import { validateInstrument } from "@dxcenter/domain";
import { z } from "zod";
import { DefinitionId, DefinitionNotes, RequiredText, refineWithValidator } from "./common";

/**
 * Shape of an assessment instrument data file (packages/db/instruments/*.json) and of an answer set.
 * Shapes only here; the semantic rules (unique ids, points that add up, bands tiling [0,100], level
 * rule references) are the domain's validateInstrument, run as the last refinement so one parse
 * reports both kinds of mistakes in Chinese.
 */

const Points = (what: string) =>
  z
    .number({ error: `${what}应为数字` })
    .min(0, `${what}不能为负数`)
    .max(1000, `${what}不能超过 1000`);

const NumericInput = z.object({
  id: DefinitionId,
  label: RequiredText("填报项名称"),
  short: z.string().min(1).optional(),
  unit: z.string().optional(),
  integer: z.boolean().optional(),
});

const questionBase = {
  id: DefinitionId,
  title: RequiredText("题目"),
  maxPoints: Points("题目满分"),
  required: z.boolean().optional(),
  help: z.string().optional(),
  evidence: z.array(RequiredText("举证材料")).optional(),
  unconfirmed: DefinitionNotes.optional(),
  effort: z.number({ error: "改进工作量应为数字" }).positive("改进工作量应大于 0").optional(),
};

const Option = z.object({ id: DefinitionId, label: RequiredText("选项文字"), points: Points("选项分值") });

const Question = z.discriminatedUnion(
  "kind",
  [
    z.object({
      ...questionBase,
      kind: z.literal("single"),
      options: z.array(Option).min(2, "单选题至少应有两个选项"),
      infoInputs: z.array(NumericInput).optional(),
    }),
    z.object({
      ...questionBase,
      kind: z.literal("multi"),
      options: z.array(Option.extend({ exclusive: z.boolean().optional() })).min(2, "多选题至少应有两个选项"),
    }),
    z.object({
      ...questionBase,
      kind: z.literal("numeric"),
      ratioName: RequiredText("比例名称"),
      inputs: z.array(NumericInput).min(2, "数值题至少应有分子、分母两个填报项"),
      formula: z.object({
        kind: z.literal("ratioPercent", { error: "计算公式目前只支持 ratioPercent（分子/分母×100%）" }),
        numerator: DefinitionId,
        denominator: DefinitionId,
      }),
      bands: z
        .array(
          z.object({
            min: z.number({ error: "区间下限应为数字" }),
            minInclusive: z.boolean({ error: "minInclusive 应为 true 或 false" }),
            max: z.number({ error: "区间上限应为数字" }),
            maxInclusive: z.boolean({ error: "maxInclusive 应为 true 或 false" }),
            points: Points("区间分值"),
          }),
        )
        .min(1, "数值题至少应有一个区间"),
    }),
    z.object({
      ...questionBase,
      kind: z.literal("scene"),
      constrained: z.boolean({ error: "constrained（是否约束性场景）应为 true 或 false" }),
      levels: z
        .array(z.object({ level: z.number().int().min(1), text: RequiredText("场景等级描述") }))
        .min(1, "场景题至少应有一个等级"),
    }),
    z.object({
      ...questionBase,
      kind: z.literal("rated"),
      level: z.number().int().min(1, "所属等级应为正整数").optional(),
    }),
  ],
  { error: "题型 kind 应为 single、multi、numeric、scene 或 rated" },
);

const Threshold = z.number({ error: "门槛应为数字" });
const LevelCondition = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("minTotalScore"), min: Threshold }),
    z.object({ kind: z.literal("minDimensionScore"), dimensionId: DefinitionId, min: Threshold }),
    z.object({ kind: z.literal("minSubDimensionRatio"), subDimensionId: DefinitionId, min: Threshold }),
    z.object({ kind: z.literal("minQuestionPoints"), questionId: DefinitionId, min: Threshold }),
    z.object({
      kind: z.literal("minScenesAtLevel"),
      sceneLevel: z.number().int(),
      count: z.number().int().min(0, "场景个数不能为负数"),
      constrainedOnly: z.boolean().optional(),
    }),
    z.object({ kind: z.literal("allConstrainedScenesAtLevel"), sceneLevel: z.number().int() }),
    z.object({ kind: z.literal("minRatedLevelScore"), ratedLevel: z.number().int(), min: Threshold }),
  ],
  {
    error:
      "判定条件 kind 应为 minTotalScore、minDimensionScore、minSubDimensionRatio、minQuestionPoints、minScenesAtLevel、allConstrainedScenesAtLevel 或 minRatedLevelScore",
  },
);

export const InstrumentDefinition = z
  .object({
    id: DefinitionId,
    version: RequiredText("版本号"),
    name: RequiredText("量表名称"),
    source: z.object({ text: RequiredText("来源说明"), urls: z.array(z.string().min(1)).optional() }),
    statusNotes: DefinitionNotes.optional(),
    unconfirmed: DefinitionNotes.optional(),
    totalPoints: Points("量表总分"),
    defaultEffort: z.number().positive("默认改进工作量应大于 0").optional(),
    dimensions: z.array(
      z.object({
        id: DefinitionId,
        name: RequiredText("维度名称"),
        points: Points("维度分值"),
        subDimensions: z.array(
          z.object({
            id: DefinitionId,
            name: RequiredText("子维度名称"),
            points: Points("子维度分值"),
            weight: z.number().positive("子维度权重应大于 0").optional(),
            questions: z.array(Question),
          }),
        ),
      }),
    ),
    levelRule: z.object({
      cumulative: z.boolean({ error: "cumulative 应为 true 或 false" }),
      noLevelName: RequiredText("无等级名称"),
      levels: z.array(
        z.object({
          level: z.number().int(),
          name: RequiredText("等级名称"),
          description: z.string().optional(),
          conditions: z.array(LevelCondition),
        }),
      ),
      maturityScore: z.literal("metLevelPlusNextRated").optional(),
      unconfirmed: DefinitionNotes.optional(),
    }),
  })
  .superRefine(refineWithValidator(validateInstrument));
export type InstrumentDefinition = z.infer<typeof InstrumentDefinition>;

const InputValues = z.record(z.string(), z.number({ error: "填报值应为数字" }));
export const AnswerValue = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("single"), optionId: z.string().min(1), info: InputValues.optional() }),
    z.object({ kind: z.literal("multi"), optionIds: z.array(z.string().min(1)) }),
    z.object({ kind: z.literal("numeric"), inputs: InputValues }),
    z.object({ kind: z.literal("scene"), level: z.number({ error: "场景等级应为数字" }) }),
    z.object({ kind: z.literal("rated"), rating: z.number({ error: "评分应为数字" }) }),
  ],
  { error: "答案类型 kind 应为 single、multi、numeric、scene 或 rated" },
);
/** Answers keyed by question id; whether they fit the instrument is the domain's validateAnswers. */
export const AssessmentAnswers = z.record(z.string(), AnswerValue);
export type AssessmentAnswers = z.infer<typeof AssessmentAnswers>;

// Compile-time guarantees that what the schemas accept is what the domain engine takes.
type Assignable<T extends U, U> = T;
export type _InstrumentSchemaFitsDomain = Assignable<InstrumentDefinition, domain.InstrumentDefinition>;
export type _AnswersSchemaFitsDomain = Assignable<AssessmentAnswers, domain.Answers>;

/** One line of the instrument list. */
export const InstrumentSummary = z.object({
  id: z.string(),
  version: z.string(),
  name: z.string(),
  source: z.string(),
  current: z.boolean(),
  totalPoints: z.number(),
  dimensions: z.array(z.string()),
  questionCount: z.number().int(),
  levels: z.array(z.string()),
  /** Facts in the data still marked unconfirmed (instrument-wide notes + questions with notes). */
  unconfirmedCount: z.number().int(),
  loadedAt: z.string(),
});
export type InstrumentSummary = z.infer<typeof InstrumentSummary>;

/** GET /api/instruments: current versions only unless all=true. */
export const InstrumentListQuery = z.object({ all: z.enum(["true", "false"]).optional() });
/** An instrument's id (a data-file id, not a uuid). */
export const InstrumentIdParam = z.object({ id: z.string().max(100) });
/** GET /api/instruments/:id: the current version unless one is named. */
export const InstrumentVersionQuery = z.object({ version: z.string().max(50).optional() });
