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
