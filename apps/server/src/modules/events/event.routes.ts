import { EVENT_ROUTES, type EventItem, EventListQuery, errorResponses, IdParam } from "@dxcenter/contracts";
import { EVENT_STATUS_LABELS } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { mountRoutes } from "../../lib/contract-routes";
import { createWrite, recordWrite } from "../../lib/route-writes";
import { type ExportColumn, mountTableExport } from "../../lib/table-export";
import { sendXlsx } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { requestToday } from "../experts/clock";
import { createEvent, getEvent, iterateEventsForExport, listEvents, updateEvent } from "./event.service";
import { createEventLead, updateEventLead } from "./event-leads";
import { markAttendance, register } from "./event-registrations";
import { exportEventReport } from "./event-report";

const TAG = ["供需对接活动"];

const EXPORT_COLUMNS: ExportColumn<EventItem>[] = [
  { header: "活动名称", width: 36, value: (e) => e.name },
  { header: "日期", width: 12, value: (e) => e.eventDate },
  { header: "所属区", width: 12, value: (e) => e.districtName },
  { header: "地点", width: 30, value: (e) => e.place },
  { header: "主办单位", width: 24, value: (e) => e.organiser },
  { header: "状态", width: 10, value: (e) => EVENT_STATUS_LABELS[e.status] },
  { header: "人数上限", width: 10, value: (e) => e.capacity },
  { header: "报名数", width: 10, value: (e) => e.registrations },
  { header: "签到数", width: 10, value: (e) => e.attended },
  { header: "线索数", width: 10, value: (e) => e.leads },
  { header: "已转化", width: 10, value: (e) => e.converted },
];

export const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  mountRoutes(app, EVENT_ROUTES, TAG, {
    "GET /api/events": ({ query }, request) => listEvents(app.db, requireUser(request), query),
    "POST /api/events": createWrite(app.db, createEvent),
    "GET /api/events/:id": ({ params }, request) => getEvent(app.db, requireUser(request), params.id),
    "PATCH /api/events/:id": recordWrite(app.db, updateEvent),
    "POST /api/events/:id/registrations": recordWrite(app.db, register),
    "PUT /api/events/:id/registrations/:subId/attendance": ({ params, body }, request) =>
      markAttendance(
        app.db,
        requireUser(request),
        actorOf(request),
        params.id,
        params.subId,
        body.attended,
        requestToday(request),
      ),
    "POST /api/events/:id/leads": recordWrite(app.db, createEventLead),
    "PATCH /api/events/:id/leads/:subId": ({ params, body }, request) =>
      updateEventLead(app.db, requireUser(request), actorOf(request), params.id, params.subId, body),
  });

  // Files, not JSON: the list export and one event's report.
  mountTableExport(app, {
    path: "/export",
    tags: TAG,
    summary: "导出对接活动列表（市/区）",
    query: EventListQuery.omit({ page: true, pageSize: true }),
    export: (query) => ({
      filename: "对接活动.xlsx",
      sheet: "对接活动",
      columns: EXPORT_COLUMNS,
      pages: (user) => iterateEventsForExport(app.db, user, query),
      audit: { action: "match_event.export", entityType: "match_event" },
    }),
  });

  app.get(
    "/:id/report",
    {
      schema: {
        tags: TAG,
        summary: "导出活动报告（xlsx：概况、报名与签到、线索与转化）",
        params: IdParam,
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const report = await exportEventReport(
        app.db,
        requireUser(request),
        actorOf(request),
        request.params.id,
      );
      return sendXlsx(reply, report.filename).send(report.buf);
    },
  );
};
