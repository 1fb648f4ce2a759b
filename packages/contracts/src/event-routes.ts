import { IdParam, pageOf } from "./common";
import {
  AttendanceRequest,
  CreateEventLeadRequest,
  CreateEventRequest,
  EventDetail,
  EventItem,
  EventListQuery,
  EventSubParams,
  RegisterRequest,
  UpdateEventLeadRequest,
  UpdateEventRequest,
} from "./event";
import { routeMap } from "./route";

/** 供需对接活动: the JSON routes of events (the list export and the event report stay file routes). */
export const EVENT_ROUTES = routeMap({
  "GET /api/events": {
    summary: "对接活动列表（市：全部；区：本区；企业/服务商：可报名和已报名的活动）",
    query: EventListQuery,
    status: 200,
    response: pageOf(EventItem),
  },
  "POST /api/events": {
    summary: "创建对接活动（区为本区；市须选择区）",
    body: CreateEventRequest,
    status: 201,
    response: EventDetail,
  },
  "GET /api/events/:id": {
    summary: "活动详情：报名、签到、线索（组织方可见全部；参与方只见本方报名）",
    params: IdParam,
    status: 200,
    response: EventDetail,
  },
  "PATCH /api/events/:id": {
    summary: "修改活动或变更状态（已举办 / 取消；须带 version）",
    params: IdParam,
    body: UpdateEventRequest,
    status: 200,
    response: EventDetail,
  },
  "POST /api/events/:id/registrations": {
    summary: "报名（企业、服务商为本方；组织方可代为登记）",
    params: IdParam,
    body: RegisterRequest,
    status: 201,
    response: EventDetail,
  },
  "PUT /api/events/:id/registrations/:subId/attendance": {
    summary: "登记签到（组织方）",
    params: EventSubParams,
    body: AttendanceRequest,
    status: 200,
    response: EventDetail,
  },
  "POST /api/events/:id/leads": {
    summary: "登记活动线索：企业—服务商对接意向（组织方）",
    params: IdParam,
    body: CreateEventLeadRequest,
    status: 201,
    response: EventDetail,
  },
  "PATCH /api/events/:id/leads/:subId": {
    summary: "跟进活动线索：已转化 / 未转化 / 跟进日期（组织方；须带 version）",
    params: EventSubParams,
    body: UpdateEventLeadRequest,
    status: 200,
    response: EventDetail,
  },
});
export type EventRoutes = typeof EVENT_ROUTES;
