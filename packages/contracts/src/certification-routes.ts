import { z } from "zod";
import {
  CertificateNoParam,
  CertificationItem,
  CertificationListQuery,
  ConfirmClaimRequest,
  EnterpriseLadder,
  PublicCertificate,
  RecordCertificationRequest,
  RejectClaimRequest,
  RevokeCertificationRequest,
} from "./certification";
import {
  ApplicationDetail,
  ApplicationItem,
  ApplicationListQuery,
  ApplyRequest,
  ApproveRequest,
  CreateRoundRequest,
  HandleObjectionRequest,
  LodgeObjectionRequest,
  ObjectionItem,
  PublicNotice,
  RecommendRequest,
  RejectRequest,
  ReturnRequest,
  RoundDetail,
  RoundItem,
  RoundListQuery,
  RoundStepRequest,
} from "./certification-round";
import { IdParam, pageOf } from "./common";
import { Programme } from "./programme";
import { routeMap } from "./route";

/**
 * 梯度培育: programmes (signed in, any role), certifications (city all, district its enterprises,
 * enterprise its own; others 403; out of scope 404), recording and revoking (city), a claim confirmed
 * or rejected by its district (or the city), the enterprise ladder (registry read scope), and the
 * public certificate check (no login). The list export is a plain route: GET /api/certifications/export.
 */
export const CERTIFICATION_ROUTES = routeMap({
  "GET /api/programmes": {
    summary: "认定项目（当前版本：等级、前提条件、申报材料、评审表、流程、有效期）",
    status: 200,
    response: z.array(Programme),
  },
  "GET /api/programmes/:id": {
    summary: "认定项目详情",
    params: z.object({ id: z.string().trim().min(1).max(60) }),
    status: 200,
    response: Programme,
  },
  "GET /api/certifications": {
    summary: "认定证书列表（按项目、等级、状态、来源、区、关键字筛选；排序、分页）",
    query: CertificationListQuery,
    status: 200,
    response: pageOf(CertificationItem),
  },
  "POST /api/certifications": {
    summary: "登记认定（外部机构证书或历史名单；市工信局）",
    body: RecordCertificationRequest,
    status: 201,
    response: CertificationItem,
  },
  "GET /api/certifications/:id": {
    summary: "认定详情",
    params: IdParam,
    status: 200,
    response: CertificationItem,
  },
  "POST /api/certifications/:id/revoke": {
    summary: "撤销认定（须填写原因；市工信局）",
    params: IdParam,
    body: RevokeCertificationRequest,
    status: 200,
    response: CertificationItem,
  },
  "POST /api/certifications/:id/confirm": {
    summary: "确认企业声明的认定（所在区或市工信局）",
    params: IdParam,
    body: ConfirmClaimRequest,
    status: 200,
    response: CertificationItem,
  },
  "POST /api/certifications/:id/reject": {
    summary: "不予确认企业声明的认定（须填写原因）",
    params: IdParam,
    body: RejectClaimRequest,
    status: 200,
    response: CertificationItem,
  },
  "GET /api/enterprises/:id/ladder": {
    summary: "企业梯度：各认定项目已获等级、有效期、下一等级的前提条件",
    params: IdParam,
    status: 200,
    response: EnterpriseLadder,
  },
  "GET /api/public/certificates/:no": {
    summary: "证书查验（无需登录：项目、等级、企业名称、有效期、状态）",
    params: CertificateNoParam,
    status: 200,
    response: PublicCertificate,
  },
});
export type CertificationRoutes = typeof CERTIFICATION_ROUTES;

/**
 * 认定批次: rounds (city opens and moves them; districts and enterprises read), applications (an
 * enterprise applies in an open round; its district recommends within the quota or returns; the city
 * approves or rejects; read scope: city all, district its own, enterprise its own), objections during
 * 公示 (anyone lodges through the public route; the city handles), and the public 公示/认定名单.
 */
export const CERTIFICATION_ROUND_ROUTES = routeMap({
  "GET /api/certification-rounds": {
    summary: "认定批次列表",
    query: RoundListQuery,
    status: 200,
    response: pageOf(RoundItem),
  },
  "POST /api/certification-rounds": {
    summary: "开设认定批次（市工信局：项目等级、申报日期、各区推荐名额、公示天数）",
    body: CreateRoundRequest,
    status: 201,
    response: RoundDetail,
  },
  "GET /api/certification-rounds/:id": {
    summary: "认定批次详情（名额使用、异议、可执行的操作）",
    params: IdParam,
    status: 200,
    response: RoundDetail,
  },
  "POST /api/certification-rounds/:id/close": {
    summary: "截止申报（申报中 → 评审中）",
    params: IdParam,
    body: RoundStepRequest,
    status: 200,
    response: RoundDetail,
  },
  "POST /api/certification-rounds/:id/publish": {
    summary: "发布公示（评审中 → 公示中；推荐的申报须全部审定）",
    params: IdParam,
    body: RoundStepRequest,
    status: 200,
    response: RoundDetail,
  },
  "POST /api/certification-rounds/:id/recognise": {
    summary: "认定发证（公示期满且无未处理异议：拟认定的申报发证书）",
    params: IdParam,
    body: RoundStepRequest,
    status: 200,
    response: RoundDetail,
  },
  "POST /api/certification-rounds/:id/applications": {
    summary: "企业在批次中申报（自动附最新评估结果；不满足前提条件时说明原因）",
    params: IdParam,
    body: ApplyRequest,
    status: 201,
    response: ApplicationDetail,
  },
  "GET /api/certification-applications": {
    summary: "认定申报列表（我的申报 / 本区申报 / 全部）",
    query: ApplicationListQuery,
    status: 200,
    response: pageOf(ApplicationItem),
  },
  "GET /api/certification-applications/:id": {
    summary: "认定申报详情",
    params: IdParam,
    status: 200,
    response: ApplicationDetail,
  },
  "POST /api/certification-applications/:id/recommend": {
    summary: "区级推荐（排名，名额内）",
    params: IdParam,
    body: RecommendRequest,
    status: 200,
    response: ApplicationDetail,
  },
  "POST /api/certification-applications/:id/return": {
    summary: "区级退回（须填写原因）",
    params: IdParam,
    body: ReturnRequest,
    status: 200,
    response: ApplicationDetail,
  },
  "POST /api/certification-applications/:id/approve": {
    summary: "市级审定通过（拟认定）",
    params: IdParam,
    body: ApproveRequest,
    status: 200,
    response: ApplicationDetail,
  },
  "POST /api/certification-applications/:id/reject": {
    summary: "市级审定不通过（须填写原因）",
    params: IdParam,
    body: RejectRequest,
    status: 200,
    response: ApplicationDetail,
  },
  "POST /api/certification-objections/:id/handle": {
    summary: "处理公示异议（异议成立则该申报不予认定）",
    params: IdParam,
    body: HandleObjectionRequest,
    status: 200,
    response: ObjectionItem,
  },
  "GET /api/public/certification-notices": {
    summary: "公示与认定名单（无需登录）",
    status: 200,
    response: z.array(PublicNotice),
  },
  "POST /api/public/certification-objections": {
    summary: "对公示中的申报提出异议（无需登录）",
    body: LodgeObjectionRequest,
    status: 201,
    response: z.object({ id: z.uuid() }),
  },
});
export type CertificationRoundRoutes = typeof CERTIFICATION_ROUND_ROUTES;
