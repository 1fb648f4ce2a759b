import type {
  CreateDemandRequest,
  DemandDetail,
  DemandFromAssessmentRequest,
  DemandItem,
  DemandListQuery,
  DemandMatches,
  Funnel,
  LeadItem,
  SolutionMatch,
} from "@dxcenter/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { Page } from "./types";

/** 供需对接 API: demands, ranked matches, leads, funnel. */
type ZodLike = { _zod: { input: unknown; output: unknown } };
type In<S extends ZodLike> = S["_zod"]["input"];
/** Query params as the web sends them (paging as numbers, not the coercing schema's `unknown`). */
type Paged<T> = Omit<T, "page" | "pageSize"> & { page?: number; pageSize?: number };

export type { DemandDetail, DemandItem, DemandMatches, Funnel, LeadItem, SolutionMatch };
export type DemandListParams = Paged<In<typeof DemandListQuery>>;
export type CreateDemandBody = In<typeof CreateDemandRequest>;
export type FromAssessmentBody = In<typeof DemandFromAssessmentRequest>;

export function useDemandList(params: DemandListParams, enabled = true) {
  return useQuery({
    queryKey: ["demands", "list", params],
    queryFn: ({ signal }) => api<Page<DemandItem>>("GET", "/api/demands", { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useDemand(id: string | undefined) {
  return useQuery({
    queryKey: ["demands", "detail", id],
    queryFn: ({ signal }) =>
      api<DemandDetail>("GET", `/api/demands/${encodeURIComponent(id ?? "")}`, { signal }),
    enabled: !!id,
  });
}

export function useDemandMatches(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ["demands", "matches", id],
    queryFn: ({ signal }) =>
      api<DemandMatches>("GET", `/api/demands/${encodeURIComponent(id ?? "")}/matches`, { signal }),
    enabled: !!id && enabled,
  });
}

export function useFunnel(params: { districtCode?: string; from?: string; to?: string }, enabled = true) {
  return useQuery({
    queryKey: ["demands", "funnel", params],
    queryFn: ({ signal }) => api<Funnel>("GET", "/api/demands/funnel", { query: { ...params }, signal }),
    enabled,
  });
}

function useDemandMutation<B>(request: (body: B) => Promise<DemandDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (d) => {
      qc.setQueryData(["demands", "detail", d.id], d);
      void qc.invalidateQueries({ queryKey: ["demands", "list"] });
      void qc.invalidateQueries({ queryKey: ["demands", "matches", d.id] });
      void qc.invalidateQueries({ queryKey: ["demands", "funnel"] });
    },
  });
}

export const usePostDemand = () =>
  useDemandMutation((body: CreateDemandBody) => api<DemandDetail>("POST", "/api/demands", { body }));
export const useDemandFromAssessment = () =>
  useDemandMutation((body: FromAssessmentBody) =>
    api<DemandDetail>("POST", "/api/demands/from-assessment", { body }),
  );
export const useUpdateDemand = (id: string) =>
  useDemandMutation((body: { status?: "open" | "closed"; description?: string | null; version: number }) =>
    api<DemandDetail>("PATCH", `/api/demands/${encodeURIComponent(id)}`, { body }),
  );
export const useShortlist = (id: string) =>
  useDemandMutation((body: { solutionId?: string; providerId?: string }) =>
    api<DemandDetail>("POST", `/api/demands/${encodeURIComponent(id)}/leads`, { body }),
  );
export const useLeadStep = (id: string) =>
  useDemandMutation(
    ({
      leadId,
      ...body
    }: {
      leadId: string;
      status: "contacted" | "contracted" | "declined";
      version: number;
    }) =>
      api<DemandDetail>(
        "POST",
        `/api/demands/${encodeURIComponent(id)}/leads/${encodeURIComponent(leadId)}`,
        {
          body,
        },
      ),
  );
