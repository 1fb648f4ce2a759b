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
import { EVENT_LEAD_STATUS_LABELS, EVENT_STATUS_LABELS } from "@dxcenter/domain";
import ExcelJS from "exceljs";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { forbidden } from "../../errors";
import { sendXlsx, shanghaiTime, tableWorkbook } from "../../lib/xlsx-export";
import { requireUser } from "../../plugins/auth";
import { actorOf, recordAudit } from "../audit/audit.service";
import { requestToday } from "../experts/clock";
import {
  createEvent,
  createEventLead,
  getEvent,
  iterateEventsForExport,
  listEvents,
  markAttendance,
  register,
  updateEvent,
  updateEventLead,
} from "./event.service";

const TAG = ["供需对接活动"];

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
    async (request, reply) => {
      const user = requireUser(request);
      const rows: Record<string, unknown>[] = [];
      for await (const items of iterateEventsForExport(app.db, user, request.query))
        for (const e of items) rows.push({ ...e, status: EVENT_STATUS_LABELS[e.status] });
      const buf = await tableWorkbook(
        "对接活动",
        [
          { header: "活动名称", key: "name", width: 36 },
          { header: "日期", key: "eventDate", width: 12 },
          { header: "所属区", key: "districtName", width: 12 },
          { header: "地点", key: "place", width: 30 },
          { header: "主办单位", key: "organiser", width: 24 },
          { header: "状态", key: "status", width: 10 },
          { header: "人数上限", key: "capacity", width: 10 },
          { header: "报名数", key: "registrations", width: 10 },
          { header: "签到数", key: "attended", width: 10 },
          { header: "线索数", key: "leads", width: 10 },
          { header: "已转化", key: "converted", width: 10 },
        ],
        rows,
      );
      await recordAudit(app.db, actorOf(request), {
        action: "match_event.export",
        entityType: "match_event",
        districtCode: user.districtCode,
        after: { filters: request.query, rows: rows.length },
      });
      return sendXlsx(reply, "对接活动.xlsx").send(buf);
    },
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
      const user = requireUser(request);
      const ev = await getEvent(app.db, user, request.params.id);
      if (!ev.permissions.manage) throw forbidden("导出该活动报告");
      const wb = new ExcelJS.Workbook();
      const sum = wb.addWorksheet("概况");
      sum.columns = [
        { header: "项目", key: "k", width: 20 },
        { header: "内容", key: "v", width: 48 },
      ];
      sum.getRow(1).font = { bold: true };
      const rate = (a: number, b: number) => (b ? `${Math.round((a / b) * 100)}%` : "—");
      for (const [k, v] of [
        ["活动名称", ev.name],
        ["日期", ev.eventDate],
        ["所属区", ev.districtName],
        ["地点", ev.place],
        ["主办单位", ev.organiser],
        ["状态", EVENT_STATUS_LABELS[ev.status]],
        ["报名数", ev.registrations],
        ["签到数", ev.attended],
        ["签到率", rate(ev.attended, ev.registrations)],
        ["线索数", ev.leads],
        ["已转化", ev.converted],
        ["转化率", rate(ev.converted, ev.leads)],
      ] as const)
        sum.addRow({ k, v });
      const regs = wb.addWorksheet("报名与签到");
      regs.columns = [
        { header: "名称", key: "name", width: 36 },
        { header: "类型", key: "kind", width: 10 },
        { header: "报名时间（北京时间）", key: "registeredAt", width: 20 },
        { header: "签到", key: "attended", width: 8 },
      ];
      regs.getRow(1).font = { bold: true };
      for (const r of ev.registrationList)
        regs.addRow({
          name: r.name,
          kind: r.kind === "enterprise" ? "企业" : "服务商",
          registeredAt: shanghaiTime(r.registeredAt),
          attended: r.attended ? "已签到" : "未签到",
        });
      const leads = wb.addWorksheet("线索与转化");
      leads.columns = [
        { header: "企业", key: "enterpriseName", width: 32 },
        { header: "服务商", key: "providerName", width: 32 },
        { header: "状态", key: "status", width: 10 },
        { header: "跟进日期", key: "followUpDate", width: 12 },
        { header: "结束时间", key: "closedAt", width: 20 },
        { header: "备注", key: "note", width: 40 },
      ];
      leads.getRow(1).font = { bold: true };
      for (const l of ev.leadList)
        leads.addRow({
          ...l,
          status: EVENT_LEAD_STATUS_LABELS[l.status],
          closedAt: shanghaiTime(l.closedAt),
        });
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      await recordAudit(app.db, actorOf(request), {
        action: "match_event.report_export",
        entityType: "match_event",
        entityId: ev.id,
        districtCode: ev.districtCode,
      });
      return sendXlsx(reply, `${ev.name}-活动报告.xlsx`).send(buf);
    },
  );
};
