import type { CreateEventRequest, EventDetail, EventItem, EventListQuery } from "@dxcenter/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { Page } from "./types";

/** 供需对接活动 API. */
type ZodLike = { _zod: { input: unknown; output: unknown } };
type In<S extends ZodLike> = S["_zod"]["input"];
/** Query params as the web sends them (paging as numbers, not the coercing schema's `unknown`). */
type Paged<T> = Omit<T, "page" | "pageSize"> & { page?: number; pageSize?: number };

export type { EventDetail, EventItem };
export type EventListParams = Paged<In<typeof EventListQuery>>;
export type CreateEventBody = In<typeof CreateEventRequest>;

export function useEventList(params: EventListParams) {
  return useQuery({
    queryKey: ["events", "list", params],
    queryFn: ({ signal }) => api<Page<EventItem>>("GET", "/api/events", { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useEvent(id: string | undefined) {
  return useQuery({
    queryKey: ["events", "detail", id],
    queryFn: ({ signal }) =>
      api<EventDetail>("GET", `/api/events/${encodeURIComponent(id ?? "")}`, { signal }),
    enabled: !!id,
  });
}

/** Any event write: answers the updated detail. */
export function useEventAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ method, path, body }: { method: "POST" | "PATCH" | "PUT"; path: string; body: unknown }) =>
      api<EventDetail>(method, `/api/events${path}`, { body }),
    onSuccess: (d) => {
      qc.setQueryData(["events", "detail", d.id], d);
      void qc.invalidateQueries({ queryKey: ["events", "list"] });
    },
  });
}
