import type { BriefingItem, BriefingListQuery, BriefingPeriod, BriefingRoutes } from "@dxcenter/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { type Paged, routeClient } from "./call";
import { fetchText } from "./client";

/** 月度工作简报 API: react-query hooks over the BRIEFING_ROUTES contract map (types only). */
export type { BriefingItem, BriefingPeriod };
export type BriefingParams = Paged<z.input<typeof BriefingListQuery>>;

const call = routeClient<BriefingRoutes>();

export const briefingKeys = {
  all: ["briefings"] as const,
  list: (p: BriefingParams) => ["briefings", "list", p] as const,
  periods: () => ["briefings", "periods"] as const,
  html: (id: string) => ["briefings", "html", id] as const,
};

/** Polled every 3 s while a version is being generated (by anyone, e.g. the monthly job). */
export function useBriefingList(params: BriefingParams) {
  return useQuery({
    queryKey: briefingKeys.list(params),
    queryFn: ({ signal }) => call("GET /api/briefings", { query: params, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((b) => b.status === "generating") ? 3000 : false),
  });
}

export function useBriefingPeriods() {
  return useQuery({
    queryKey: briefingKeys.periods(),
    queryFn: ({ signal }) => call("GET /api/briefings/periods", { signal }),
  });
}

/** The issued HTML of one version (never changes: cached for the session). */
export function useBriefingHtml(id: string | null) {
  return useQuery({
    queryKey: briefingKeys.html(id ?? ""),
    queryFn: ({ signal }) => fetchText(`/api/briefings/${encodeURIComponent(id ?? "")}/html`, signal),
    enabled: id !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useGenerateBriefing() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (period: string) => call("POST /api/briefings", { body: { period } }),
    onSettled: () => qc.invalidateQueries({ queryKey: briefingKeys.all }),
  });
}
