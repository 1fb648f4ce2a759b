import { CERT_APPLICATION_STATUSES, ROUND_STATUSES } from "@dxcenter/domain";
import { z } from "zod";
import { LadderFinding } from "./certification";
import { districtCodeFilter, PageQuery, RequiredText, searchText, sortParams } from "./common";
import { DateOnly } from "./diagnosis";

/**
 * 梯度培育 认定批次 (rounds), applications, 公示 and objections. Dates are Asia/Shanghai days.
 */

const Version = z.number({ error: "版本号应为数字" }).int().min(1);
const Note = (what: string, max = 500) =>
  RequiredText(what).pipe(z.string().max(max, `${what}不能超过${max}字`));

export const CreateRoundRequest = z
  .object({
    name: Note("批次名称", 60),
    programmeId: RequiredText("认定项目"),
    levelId: RequiredText("认定等级"),
    applyFrom: DateOnly,
    applyTo: DateOnly,
    /** Default: the level's 公示 days. */
    noticeDays: z.number().int().min(1, "公示天数至少1天").max(30, "公示天数不能超过30天").optional(),
    /** District code → how many applications the district may recommend. */
    quotas: z
      .record(
        z.string().regex(/^\d{6}$/, "推荐名额：区划代码应为6位数字"),
        z.number().int().min(0, "推荐名额不能为负数").max(1000),
      )
      .refine((q) => Object.keys(q).length > 0, "推荐名额：至少为一个区分配名额"),
  })
  .refine((r) => r.applyTo >= r.applyFrom, { message: "申报截止日期：不能早于开始日期", path: ["applyTo"] });
export type CreateRoundRequest = z.infer<typeof CreateRoundRequest>;

export const RoundQuota = z.object({
  districtCode: z.string(),
  districtName: z.string(),
  quota: z.number().int(),
  applied: z.number().int(),
  recommended: z.number().int(),
});

export const RoundItem = z.object({
  id: z.uuid(),
  name: z.string(),
  programmeId: z.string(),
  programmeName: z.string(),
  levelId: z.string(),
  levelName: z.string(),
  status: z.enum(ROUND_STATUSES),
  applyFrom: z.string(),
  applyTo: z.string(),
  noticeDays: z.number().int(),
  noticeFrom: z.string().nullable(),
  noticeTo: z.string().nullable(),
  applications: z.number().int(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type RoundItem = z.infer<typeof RoundItem>;

export const RoundDetail = RoundItem.extend({
  quotas: z.array(RoundQuota),
  openObjections: z.number().int(),
  /** The caller may apply now (an enterprise account, round open, within the dates, not applied yet). */
  canApply: z.boolean(),
  permissions: z.object({ close: z.boolean(), publish: z.boolean(), recognise: z.boolean() }),
});
export type RoundDetail = z.infer<typeof RoundDetail>;

export const RoundListQuery = PageQuery.extend({
  q: searchText(),
  programme: z.string().trim().max(60).optional(),
  status: z.enum(ROUND_STATUSES).optional(),
  ...sortParams(["createdAt", "applyTo", "name"], "createdAt"),
});

export const RoundStepRequest = z.object({ version: Version });

/** Form values by field id (the programme level's form fields); evidence is not uploaded here. */
export const ApplyRequest = z.object({
  form: z.record(
    z.string(),
    z.union([z.string().max(2000, "填写内容不能超过2000字"), z.number(), z.boolean(), z.null()]),
  ),
});

export const ApplicationItem = z.object({
  id: z.uuid(),
  roundId: z.uuid(),
  roundName: z.string(),
  programmeName: z.string(),
  levelName: z.string(),
  roundStatus: z.enum(ROUND_STATUSES),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  status: z.enum(CERT_APPLICATION_STATUSES),
  districtRank: z.number().int().nullable(),
  assessmentLevel: z.number().int().nullable(),
  certificateNo: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type ApplicationItem = z.infer<typeof ApplicationItem>;

export const ObjectionItem = z.object({
  id: z.uuid(),
  applicationId: z.uuid(),
  enterpriseName: z.string(),
  lodgerName: z.string(),
  lodgerContact: z.string(),
  content: z.string(),
  status: z.enum(["open", "upheld", "dismissed"]),
  handlingNote: z.string().nullable(),
  createdAt: z.string(),
  handledAt: z.string().nullable(),
});
export type ObjectionItem = z.infer<typeof ObjectionItem>;

export const ApplicationDetail = ApplicationItem.extend({
  form: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** The level's form fields, to show the values under their labels. */
  fields: z.array(z.object({ id: z.string(), label: z.string(), unit: z.string().nullable() })),
  findings: z.array(LadderFinding),
  assessmentId: z.uuid().nullable(),
  districtNote: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  objections: z.array(ObjectionItem),
  permissions: z.object({
    recommend: z.boolean(),
    return: z.boolean(),
    approve: z.boolean(),
    reject: z.boolean(),
  }),
});
export type ApplicationDetail = z.infer<typeof ApplicationDetail>;

export const ApplicationListQuery = PageQuery.extend({
  q: searchText(),
  round: z.uuid().optional(),
  status: z.enum(CERT_APPLICATION_STATUSES).optional(),
  district: districtCodeFilter("区划代码应为6位数字"),
  ...sortParams(["createdAt", "rank", "enterprise"], "createdAt"),
});

export const RecommendRequest = z.object({
  rank: z.number({ error: "推荐排名应为数字" }).int().min(1, "推荐排名应为从1开始的整数"),
  note: z.string().trim().max(500, "推荐意见不能超过500字").optional(),
  version: Version,
});
export const ReturnRequest = z.object({ note: Note("退回原因"), version: Version });
export const ApproveRequest = z.object({ version: Version });
export const RejectRequest = z.object({ reason: Note("不通过的原因"), version: Version });

export const LodgeObjectionRequest = z.object({
  applicationId: z.uuid({ error: "申报编号格式不正确" }),
  name: Note("异议人姓名或单位", 60),
  contact: Note("联系方式", 60),
  content: Note("异议内容", 2000),
});
export const HandleObjectionRequest = z.object({
  outcome: z.enum(["upheld", "dismissed"], { error: "处理结果应为异议成立或异议不成立" }),
  note: Note("处理意见"),
});

/** A public 公示 / 认定名单: a round in notice or recognised, with the enterprises on it. */
export const PublicNotice = z.object({
  roundId: z.uuid(),
  roundName: z.string(),
  programmeName: z.string(),
  levelName: z.string(),
  status: z.enum(["in_notice", "recognised"]),
  noticeFrom: z.string().nullable(),
  noticeTo: z.string().nullable(),
  /** Objections may be lodged today. */
  objectionsOpen: z.boolean(),
  entries: z.array(
    z.object({
      applicationId: z.uuid(),
      enterpriseName: z.string(),
      districtName: z.string(),
      certificateNo: z.string().nullable(),
    }),
  ),
});
export type PublicNotice = z.infer<typeof PublicNotice>;
