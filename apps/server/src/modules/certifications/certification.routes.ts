import {
  type ApplicationItem,
  ApplicationListQuery,
  CERTIFICATION_ROUND_ROUTES,
  CERTIFICATION_ROUTES,
  type CertificationItem,
  CertificationListQuery,
} from "@dxcenter/contracts";
import { CERT_APPLICATION_STATUS_LABELS, CERTIFICATION_SOURCE_LABELS } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { notFound } from "../../errors";
import { mountRoutes } from "../../lib/contract-routes";
import { allPages } from "../../lib/pages";
import { mountTableExport } from "../../lib/table-export";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import {
  applicationStep,
  apply,
  getApplication,
  handleObjection,
  listApplications,
  lodgeObjection,
  publicNotices,
} from "./applications";
import {
  assertReadCertifications,
  getCertification,
  listCertifications,
  publicCertificate,
} from "./certification.queries";
import { certificationStep, recordCertification } from "./certification-steps";
import { enterpriseLadder } from "./ladder";
import { currentProgramme, currentProgrammes } from "./programme-loader";
import { assertReadRounds, createRound, getRound, listRounds, roundStep } from "./rounds";

const TAG = ["梯度培育"];
const ExportQuery = CertificationListQuery.omit({ page: true, pageSize: true });
const ApplicationExportQuery = ApplicationListQuery.omit({ page: true, pageSize: true });
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

  mountRoutes(app, CERTIFICATION_ROUND_ROUTES, TAG, {
    "GET /api/certification-rounds": ({ query }, request) => listRounds(app.db, requireUser(request), query),
    "POST /api/certification-rounds": ({ body }, request) =>
      createRound(app.db, requireUser(request), actorOf(request), body),
    "GET /api/certification-rounds/:id": ({ params }, request) =>
      getRound(app.db, requireUser(request), params.id),
    "POST /api/certification-rounds/:id/close": ({ params, body }, request) =>
      roundStep(app.db, requireUser(request), actorOf(request), params.id, "close", body.version),
    "POST /api/certification-rounds/:id/publish": ({ params, body }, request) =>
      roundStep(app.db, requireUser(request), actorOf(request), params.id, "publish", body.version),
    "POST /api/certification-rounds/:id/recognise": ({ params, body }, request) =>
      roundStep(app.db, requireUser(request), actorOf(request), params.id, "recognise", body.version),
    "POST /api/certification-rounds/:id/applications": ({ params, body }, request) =>
      apply(app.db, requireUser(request), actorOf(request), params.id, body.form),
    "GET /api/certification-applications": ({ query }, request) =>
      listApplications(app.db, requireUser(request), query),
    "GET /api/certification-applications/:id": ({ params }, request) =>
      getApplication(app.db, requireUser(request), params.id),
    "POST /api/certification-applications/:id/recommend": ({ params, body }, request) =>
      applicationStep(app.db, requireUser(request), actorOf(request), params.id, "recommend", body),
    "POST /api/certification-applications/:id/return": ({ params, body }, request) =>
      applicationStep(app.db, requireUser(request), actorOf(request), params.id, "return", body),
    "POST /api/certification-applications/:id/approve": ({ params, body }, request) =>
      applicationStep(app.db, requireUser(request), actorOf(request), params.id, "approve", body),
    "POST /api/certification-applications/:id/reject": ({ params, body }, request) =>
      applicationStep(app.db, requireUser(request), actorOf(request), params.id, "reject", body),
    "POST /api/certification-objections/:id/handle": ({ params, body }, request) =>
      handleObjection(app.db, requireUser(request), actorOf(request), params.id, body),
    "GET /api/public/certification-notices": () => publicNotices(app.db),
    "POST /api/public/certification-objections": ({ body }, request) =>
      lodgeObjection(app.db, request.user?.id ?? null, actorOf(request), body),
  });

  mountTableExport<typeof ApplicationExportQuery, ApplicationItem>(app, {
    path: "/certification-applications/export",
    tags: TAG,
    summary: "导出认定申报列表（xlsx，按当前筛选）",
    query: ApplicationExportQuery,
    export: (query, request) => {
      assertReadRounds(requireUser(request));
      return {
        filename: "认定申报.xlsx",
        sheet: "认定申报",
        columns: [
          { header: "批次", width: 30, value: (a) => a.roundName },
          { header: "认定项目", width: 20, value: (a) => a.programmeName },
          { header: "等级", width: 12, value: (a) => a.levelName },
          { header: "企业", width: 32, value: (a) => a.enterpriseName },
          { header: "所属区", width: 12, value: (a) => a.districtName },
          { header: "状态", width: 12, value: (a) => CERT_APPLICATION_STATUS_LABELS[a.status] },
          { header: "区级排名", width: 10, value: (a) => a.districtRank },
          { header: "证书编号", width: 20, value: (a) => a.certificateNo },
        ],
        pages: (user) =>
          allPages((page, pageSize) => listApplications(app.db, user, { ...query, page, pageSize }), 200),
        audit: { action: "certification_application.export", entityType: "certification_application" },
      };
    },
  });
};
