import { CERTIFICATION_SOURCES, CERTIFICATION_STATES, CERTIFICATION_STATUSES } from "@dxcenter/domain";
import { z } from "zod";
import { districtCodeFilter, PageQuery, RequiredText, searchText, sortParams } from "./common";
import { DateOnly } from "./diagnosis";
import { PROGRAMME_FAMILIES } from "./programme";

/**
 * 梯度培育 certifications: what an enterprise holds of a programme level (incl. external certificates —
 * CMMM, DCMM, 两化融合 are programmes of family "external"), the list, recording and revoking by the
 * city, a district confirming an unverified claim, the enterprise's ladder, and the public check of a
 * certificate number.
 */

/** What a certification is today: the domain's states, plus `claimed` (an unverified claim, never counted). */
export const CERTIFICATION_VIEW_STATES = [...CERTIFICATION_STATES, "claimed"] as const;
export type CertificationViewState = (typeof CERTIFICATION_VIEW_STATES)[number];

export const CertificationItem = z.object({
  id: z.uuid(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  programmeId: z.string(),
  programmeName: z.string(),
  family: z.enum(PROGRAMME_FAMILIES),
  levelId: z.string(),
  levelName: z.string(),
  levelRank: z.number().int(),
  status: z.enum(CERTIFICATION_STATUSES),
  source: z.enum(CERTIFICATION_SOURCES),
  state: z.enum(CERTIFICATION_VIEW_STATES),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  /** The day a 复核 opens (90 days before validTo); null without an end date. */
  reviewDue: z.string().nullable(),
  certificateNo: z.string().nullable(),
  issuingBody: z.string(),
  note: z.string().nullable(),
  revokedReason: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type CertificationItem = z.infer<typeof CertificationItem>;

export const CertificationListQuery = PageQuery.extend({
  /** Enterprise name or certificate number. */
  q: searchText(),
  programme: z.string().trim().max(60).optional(),
  level: z.string().trim().max(60).optional(),
  state: z.enum(CERTIFICATION_VIEW_STATES).optional(),
  source: z.enum(CERTIFICATION_SOURCES).optional(),
  district: districtCodeFilter("区划代码应为6位数字"),
  /** Only certifications of this enterprise. */
  enterpriseId: z.uuid().optional(),
  ...sortParams(["validTo", "validFrom", "enterprise", "createdAt"], "createdAt"),
});

const Reason = (what: string) => RequiredText(what).pipe(z.string().max(500, `${what}不能超过500字`));
const Version = z.number({ error: "版本号应为数字" }).int().min(1);

/** The city records a certification: an external body's certificate, or one from a historical list. */
export const RecordCertificationRequest = z
  .object({
    enterpriseId: z.uuid({ error: "企业编号格式不正确" }),
    programmeId: RequiredText("认定项目"),
    levelId: RequiredText("认定等级"),
    source: z.enum(["external", "imported"], { error: "来源应为外部认定录入或历史名单导入" }),
    validFrom: DateOnly,
    /** Omitted: validFrom + the level's validity years − 1 day (no end when the level has none). */
    validTo: DateOnly.nullable().optional(),
    certificateNo: RequiredText("证书编号").pipe(z.string().max(60, "证书编号不能超过60个字符")),
    issuingBody: RequiredText("发证机构").pipe(z.string().max(100, "发证机构不能超过100字")),
    note: z.string().trim().max(500, "备注不能超过500字").optional(),
  })
  .refine((r) => r.validTo == null || r.validTo >= r.validFrom, {
    message: "有效期至：不能早于生效日期",
    path: ["validTo"],
  });
export type RecordCertificationRequest = z.infer<typeof RecordCertificationRequest>;

export const RevokeCertificationRequest = z.object({ reason: Reason("撤销原因"), version: Version });
export const ConfirmClaimRequest = z.object({ version: Version });
export const RejectClaimRequest = z.object({ reason: Reason("不予确认的原因"), version: Version });

/** What anyone may see of a certificate by its number (no login): nothing but these. */
export const PublicCertificate = z.object({
  certificateNo: z.string(),
  programmeName: z.string(),
  levelName: z.string(),
  enterpriseName: z.string(),
  issuingBody: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  state: z.enum(CERTIFICATION_STATES),
});
export type PublicCertificate = z.infer<typeof PublicCertificate>;
export const CertificateNoParam = z.object({
  no: z.string().trim().min(1, "证书编号不能为空").max(60, "证书编号不能超过60个字符"),
});

/** One programme on an enterprise's ladder: the highest level held, and what the next one needs. */
export const LadderFinding = z.object({
  /** pass / fail / unknown (a fact not recorded). */
  outcome: z.enum(["pass", "fail", "unknown"]),
  message: z.string(),
  confirmed: z.boolean(),
});
export const LadderEntry = z.object({
  programmeId: z.string(),
  programmeName: z.string(),
  family: z.enum(PROGRAMME_FAMILIES),
  held: z
    .object({
      levelId: z.string(),
      levelName: z.string(),
      since: z.string(),
      until: z.string().nullable(),
      state: z.enum(CERTIFICATION_STATES),
      certificateNo: z.string().nullable(),
      reviewDue: z.string().nullable(),
    })
    .nullable(),
  next: z
    .object({
      levelId: z.string(),
      levelName: z.string(),
      eligible: z.boolean(),
      findings: z.array(LadderFinding),
    })
    .nullable(),
});
export type LadderEntry = z.infer<typeof LadderEntry>;
export const EnterpriseLadder = z.object({
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  /** Asia/Shanghai day the states were judged on. */
  asOf: z.string(),
  programmes: z.array(LadderEntry),
});
export type EnterpriseLadder = z.infer<typeof EnterpriseLadder>;
