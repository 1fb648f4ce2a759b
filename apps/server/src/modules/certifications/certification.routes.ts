import { CERTIFICATION_ROUTES, type CertificationItem, CertificationListQuery } from "@dxcenter/contracts";
import { CERTIFICATION_SOURCE_LABELS } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { notFound } from "../../errors";
import { mountRoutes } from "../../lib/contract-routes";
import { allPages } from "../../lib/pages";
import { mountTableExport } from "../../lib/table-export";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import {
  assertReadCertifications,
  getCertification,
  listCertifications,
  publicCertificate,
} from "./certification.queries";
import { certificationStep, recordCertification } from "./certification-steps";
import { enterpriseLadder } from "./ladder";
import { currentProgramme, currentProgrammes } from "./programme-loader";

const TAG = ["梯度培育"];
const ExportQuery = CertificationListQuery.omit({ page: true, pageSize: true });
const STATE_TEXT: Record<CertificationItem["state"], string> = {
  valid: "有效",
  expired: "已过期",
  revoked: "已撤销",
  suspended: "已暂停",
  not_yet_valid: "尚未生效",
  claimed: "待区级确认",
};

/** 梯度培育: CERTIFICATION_ROUTES (contracts/certification-routes.ts) and the certification list export. */
export const certificationRoutes: FastifyPluginAsyncZod = async (app) => {
  mountRoutes(app, CERTIFICATION_ROUTES, TAG, {
    "GET /api/programmes": (_input, request) => {
      requireUser(request);
      return currentProgrammes(app.db);
    },
    "GET /api/programmes/:id": async ({ params }, request) => {
      requireUser(request);
      const p = await currentProgramme(app.db, params.id);
      if (!p) throw notFound("认定项目");
      return p;
    },
    "GET /api/certifications": ({ query }, request) =>
      listCertifications(app.db, requireUser(request), query),
    "POST /api/certifications": ({ body }, request) =>
      recordCertification(app.db, requireUser(request), actorOf(request), body),
    "GET /api/certifications/:id": ({ params }, request) =>
      getCertification(app.db, requireUser(request), params.id),
    "POST /api/certifications/:id/revoke": ({ params, body }, request) =>
      certificationStep(app.db, requireUser(request), actorOf(request), params.id, "revoke", body),
    "POST /api/certifications/:id/confirm": ({ params, body }, request) =>
      certificationStep(app.db, requireUser(request), actorOf(request), params.id, "confirm", body),
    "POST /api/certifications/:id/reject": ({ params, body }, request) =>
      certificationStep(app.db, requireUser(request), actorOf(request), params.id, "reject", body),
    "GET /api/enterprises/:id/ladder": ({ params }, request) =>
      enterpriseLadder(app.db, requireUser(request), params.id),
    "GET /api/public/certificates/:no": ({ params }) => publicCertificate(app.db, params.no),
  });

  mountTableExport<typeof ExportQuery, CertificationItem>(app, {
    path: "/certifications/export",
    tags: TAG,
    summary: "导出认定证书列表（xlsx，按当前筛选）",
    query: ExportQuery,
    export: (query, request) => {
      assertReadCertifications(requireUser(request));
      return {
        filename: "认定证书.xlsx",
        sheet: "认定证书",
        columns: [
          { header: "企业", width: 32, value: (c) => c.enterpriseName },
          { header: "所属区", width: 12, value: (c) => c.districtName },
          { header: "认定项目", width: 24, value: (c) => c.programmeName },
          { header: "等级", width: 18, value: (c) => c.levelName },
          { header: "状态", width: 10, value: (c) => STATE_TEXT[c.state] },
          { header: "证书编号", width: 20, value: (c) => c.certificateNo },
          { header: "发证机构", width: 24, value: (c) => c.issuingBody },
          { header: "生效日期", width: 12, value: (c) => c.validFrom },
          { header: "有效期至", width: 12, value: (c) => c.validTo },
          { header: "复核开启日", width: 12, value: (c) => c.reviewDue },
          { header: "来源", width: 14, value: (c) => CERTIFICATION_SOURCE_LABELS[c.source] },
          { header: "撤销原因", width: 30, value: (c) => c.revokedReason },
        ],
        pages: (user) =>
          allPages((page, pageSize) => listCertifications(app.db, user, { ...query, page, pageSize }), 200),
        audit: { action: "certification.export", entityType: "certification" },
      };
    },
  });
};
