import { EVENT_LEAD_STATUSES, EVENT_STATUSES } from "@dxcenter/domain";
import { z } from "zod";
import { PageQuery, searchText, sortParams } from "./common";
import { DateOnly } from "./diagnosis";

/** 供需对接活动: events, registrations (enterprise or provider), attendance, leads and conversion. */
export { EVENT_LEAD_STATUSES, EVENT_STATUSES };

const districtCode = z.string().regex(/^\d{6}$/, "区划代码应为 6 位数字");

export const EventItem = z.object({
  id: z.uuid(),
  name: z.string(),
  eventDate: z.string(),
  place: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  organiser: z.string(),
  capacity: z.number().int().nullable(),
  description: z.string().nullable(),
  status: z.enum(EVENT_STATUSES),
  registrations: z.number().int(),
  attended: z.number().int(),
  leads: z.number().int(),
  converted: z.number().int(),
  /** The caller's own registration (enterprise / provider accounts). */
  myRegistrationId: z.uuid().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type EventItem = z.infer<typeof EventItem>;

export const RegistrationItem = z.object({
  id: z.uuid(),
  kind: z.enum(["enterprise", "provider"]),
  enterpriseId: z.uuid().nullable(),
  providerId: z.uuid().nullable(),
  name: z.string(),
  registeredAt: z.string(),
  attended: z.boolean(),
});
export type RegistrationItem = z.infer<typeof RegistrationItem>;

export const EventLeadItem = z.object({
  id: z.uuid(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  providerId: z.uuid(),
  providerName: z.string(),
  note: z.string().nullable(),
  status: z.enum(EVENT_LEAD_STATUSES),
  followUpDate: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type EventLeadItem = z.infer<typeof EventLeadItem>;

export const EventDetail = EventItem.extend({
  registrationList: z.array(RegistrationItem),
  leadList: z.array(EventLeadItem),
  permissions: z.object({ manage: z.boolean(), register: z.boolean() }),
});
export type EventDetail = z.infer<typeof EventDetail>;

export const EventListQuery = PageQuery.extend({
  q: searchText(),
  status: z.enum(EVENT_STATUSES).optional(),
  districtCode: districtCode.optional(),
  from: DateOnly.optional(),
  to: DateOnly.optional(),
  ...sortParams(["eventDate", "createdAt"], "eventDate"),
});

export const CreateEventRequest = z.object({
  /** City staff choose the district; district staff always organise in their own. */
  districtCode: districtCode.optional(),
  name: z.string().trim().min(2, "活动名称至少 2 个字").max(100, "活动名称不能超过 100 字"),
  eventDate: DateOnly,
  place: z.string().trim().min(2, "请填写活动地点").max(200, "活动地点不能超过 200 字"),
  organiser: z.string().trim().min(2, "请填写主办单位").max(100, "主办单位不能超过 100 字"),
  capacity: z.number().int().min(1, "人数上限至少为 1").max(10000).nullable().optional(),
  description: z.string().trim().max(2000, "活动说明不能超过 2000 字").nullable().optional(),
});

export const UpdateEventRequest = CreateEventRequest.omit({ districtCode: true })
  .partial()
  .extend({ status: z.enum(EVENT_STATUSES).optional(), version: z.number().int().min(1) });

export const RegisterRequest = z.object({
  /** Staff register an enterprise or provider; accounts of those roles register themselves. */
  enterpriseId: z.uuid().optional(),
  providerId: z.uuid().optional(),
});

export const AttendanceRequest = z.object({ attended: z.boolean() });

export const CreateEventLeadRequest = z.object({
  enterpriseId: z.uuid({ error: "请选择企业" }),
  providerId: z.uuid({ error: "请选择服务商" }),
  note: z.string().trim().max(500, "备注不能超过 500 字").nullable().optional(),
  followUpDate: DateOnly.nullable().optional(),
});

export const UpdateEventLeadRequest = z.object({
  status: z.enum(EVENT_LEAD_STATUSES).optional(),
  note: z.string().trim().max(500, "备注不能超过 500 字").nullable().optional(),
  followUpDate: DateOnly.nullable().optional(),
  version: z.number().int().min(1),
});

export const EventSubParams = z.object({ id: z.uuid(), subId: z.uuid() });
