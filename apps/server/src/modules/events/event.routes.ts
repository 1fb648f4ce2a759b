import {
  AttendanceRequest,
  CreateEventLeadRequest,
  CreateEventRequest,
  EventDetail,
  EventItem,
  EventListQuery,
  EventSubParams,
  errorResponses,
  IdParam,
  pageOf,
  RegisterRequest,
  UpdateEventLeadRequest,
  UpdateEventRequest,
} from "@dxcenter/contracts";
import { EVENT_STATUS_LABELS } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type ExportColumn, sendTableExport } from "../../lib/table-export";
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
  app.get(
    "/",
    {
      schema: {
        tags: TAG,
        summary: "对接活动列表（市：全部；区：本区；企业/服务商：可报名和已报名的活动）",
        querystring: EventListQuery,
        response: { 200: pageOf(EventItem), ...errorResponses },
      },
    },
    async (request) => listEvents(app.db, requireUser(request), request.query),
  );

  app.get(
    "/export",
    {
      schema: {
        tags: TAG,
        summary: "导出对接活动列表（市/区）",
        querystring: EventListQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request, reply) =>
      sendTableExport(app.db, request, reply, {
        filename: "对接活动.xlsx",
        sheet: "对接活动",
        columns: EXPORT_COLUMNS,
        pages: (user) => iterateEventsForExport(app.db, user, request.query),
        audit: { action: "match_event.export", entityType: "match_event" },
      }),
  );

  app.post(
    "/",
    {
      schema: {
        tags: TAG,
        summary: "创建对接活动（区为本区；市须选择区）",
        body: CreateEventRequest,
        response: { 201: EventDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createEvent(app.db, requireUser(request), actorOf(request), request.body)),
  );

  app.get(
    "/:id",
    {
      schema: {
        tags: TAG,
        summary: "活动详情：报名、签到、线索（组织方可见全部；参与方只见本方报名）",
        params: IdParam,
        response: { 200: EventDetail, ...errorResponses },
      },
    },
    async (request) => getEvent(app.db, requireUser(request), request.params.id),
  );

  app.patch(
    "/:id",
    {
      schema: {
        tags: TAG,
        summary: "修改活动或变更状态（已举办 / 取消；须带 version）",
        params: IdParam,
        body: UpdateEventRequest,
        response: { 200: EventDetail, ...errorResponses },
      },
    },
    async (request) =>
      updateEvent(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/:id/registrations",
    {
      schema: {
        tags: TAG,
        summary: "报名（企业、服务商为本方；组织方可代为登记）",
        params: IdParam,
        body: RegisterRequest,
        response: { 201: EventDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await register(app.db, requireUser(request), actorOf(request), request.params.id, request.body),
        ),
  );

  app.put(
    "/:id/registrations/:subId/attendance",
    {
      schema: {
        tags: TAG,
        summary: "登记签到（组织方）",
        params: EventSubParams,
        body: AttendanceRequest,
        response: { 200: EventDetail, ...errorResponses },
      },
    },
    async (request) =>
      markAttendance(
        app.db,
        requireUser(request),
        actorOf(request),
        request.params.id,
        request.params.subId,
        request.body.attended,
        requestToday(request),
      ),
  );

  app.post(
    "/:id/leads",
    {
      schema: {
        tags: TAG,
        summary: "登记活动线索：企业—服务商对接意向（组织方）",
        params: IdParam,
        body: CreateEventLeadRequest,
        response: { 201: EventDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createEventLead(
            app.db,
            requireUser(request),
            actorOf(request),
            request.params.id,
            request.body,
          ),
        ),
  );

  app.patch(
    "/:id/leads/:subId",
    {
      schema: {
        tags: TAG,
        summary: "跟进活动线索：已转化 / 未转化 / 跟进日期（组织方；须带 version）",
        params: EventSubParams,
        body: UpdateEventLeadRequest,
        response: { 200: EventDetail, ...errorResponses },
      },
    },
    async (request) =>
      updateEventLead(
        app.db,
        requireUser(request),
        actorOf(request),
        request.params.id,
        request.params.subId,
        request.body,
      ),
  );

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
