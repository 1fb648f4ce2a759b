import type {
  AttendanceRequest,
  CreateEventLeadRequest,
  CreateEventRequest,
  EventDetail,
  EventItem,
  EventListQuery,
  EventRoutes,
  RegisterRequest,
  UpdateEventLeadRequest,
  UpdateEventRequest,
} from "@dxcenter/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { type Paged, routeClient } from "./call";
import { usePagedQuery, useRecordQuery } from "./queries";

/** 供需对接活动 API: hooks typed by the event route map the server mounts (types only). */
export type { EventDetail, EventItem };
/** Query params as the web sends them (paging as numbers, not the coercing schema's `unknown`). */
export type EventListParams = Paged<z.input<typeof EventListQuery>>;
export type CreateEventBody = z.input<typeof CreateEventRequest>;
export type UpdateEventBody = z.input<typeof UpdateEventRequest>;
export type RegisterBody = z.input<typeof RegisterRequest>;
export type CreateEventLeadBody = z.input<typeof CreateEventLeadRequest>;
export type UpdateEventLeadBody = z.input<typeof UpdateEventLeadRequest>;
type AttendanceBody = z.input<typeof AttendanceRequest>;

const call = routeClient<EventRoutes>();

export function useEventList(params: EventListParams) {
  return usePagedQuery(["events", "list", params], (signal) =>
    call("GET /api/events", { query: params, signal }),
  );
}

export function useEvent(id: string | undefined) {
  return useRecordQuery(["events", "detail", id], id, (signal) =>
    call("GET /api/events/:id", { params: { id: id ?? "" }, signal }),
  );
}

/** Every event write answers the updated detail: cache it and refresh the lists. */
function useEventWrite<A>(write: (args: A) => Promise<EventDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (d) => {
      qc.setQueryData(["events", "detail", d.id], d);
      void qc.invalidateQueries({ queryKey: ["events", "list"] });
    },
  });
}

export const useCreateEvent = () =>
  useEventWrite((body: CreateEventBody) => call("POST /api/events", { body }));
export const useUpdateEvent = (id: string) =>
  useEventWrite((body: UpdateEventBody) => call("PATCH /api/events/:id", { params: { id }, body }));
export const useRegisterForEvent = (id: string) =>
  useEventWrite((body: RegisterBody) => call("POST /api/events/:id/registrations", { params: { id }, body }));
export const useMarkAttendance = (id: string) =>
  useEventWrite(({ subId, ...body }: AttendanceBody & { subId: string }) =>
    call("PUT /api/events/:id/registrations/:subId/attendance", { params: { id, subId }, body }),
  );
export const useCreateEventLead = (id: string) =>
  useEventWrite((body: CreateEventLeadBody) => call("POST /api/events/:id/leads", { params: { id }, body }));
export const useUpdateEventLead = (id: string) =>
  useEventWrite(({ subId, ...body }: UpdateEventLeadBody & { subId: string }) =>
    call("PATCH /api/events/:id/leads/:subId", { params: { id, subId }, body }),
  );
