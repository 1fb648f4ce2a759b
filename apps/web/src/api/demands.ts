import type {
  CreateDemandRequest,
  DemandDetail,
  DemandFromAssessmentRequest,
  DemandItem,
  DemandListQuery,
  DemandMatches,
  DemandRoutes,
  Funnel,
  FunnelQuery,
  LeadItem,
  LeadStepRequest,
  ShortlistRequest,
  SolutionMatch,
  UpdateDemandRequest,
} from "@dxcenter/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { type Paged, routeClient } from "./call";
import { usePagedQuery, useRecordQuery } from "./queries";

/** 供需对接 API: demands, ranked matches, leads, funnel — typed by the demand route map the server mounts. */
export type { DemandDetail, DemandItem, DemandMatches, Funnel, LeadItem, SolutionMatch };
/** Query params as the web sends them (paging as numbers, not the coercing schema's `unknown`). */
export type DemandListParams = Paged<z.input<typeof DemandListQuery>>;
export type CreateDemandBody = z.input<typeof CreateDemandRequest>;
export type FromAssessmentBody = z.input<typeof DemandFromAssessmentRequest>;
type FunnelParams = z.input<typeof FunnelQuery>;
type UpdateDemandBody = z.input<typeof UpdateDemandRequest>;
type ShortlistBody = z.input<typeof ShortlistRequest>;
type LeadStepBody = z.input<typeof LeadStepRequest>;

const call = routeClient<DemandRoutes>();

export function useDemandList(params: DemandListParams, enabled = true) {
  return usePagedQuery(
    ["demands", "list", params],
    (signal) => call("GET /api/demands", { query: params, signal }),
    enabled,
  );
}

export function useDemand(id: string | undefined) {
  return useRecordQuery(["demands", "detail", id], id, (signal) =>
    call("GET /api/demands/:id", { params: { id: id ?? "" }, signal }),
  );
}

export function useDemandMatches(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ["demands", "matches", id],
    queryFn: ({ signal }) => call("GET /api/demands/:id/matches", { params: { id: id ?? "" }, signal }),
    enabled: !!id && enabled,
  });
}

export function useFunnel(params: FunnelParams, enabled = true) {
  return useQuery({
    queryKey: ["demands", "funnel", params],
    queryFn: ({ signal }) => call("GET /api/demands/funnel", { query: params, signal }),
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
  useDemandMutation((body: CreateDemandBody) => call("POST /api/demands", { body }));
export const useDemandFromAssessment = () =>
  useDemandMutation((body: FromAssessmentBody) => call("POST /api/demands/from-assessment", { body }));
export const useUpdateDemand = (id: string) =>
  useDemandMutation((body: UpdateDemandBody) => call("PATCH /api/demands/:id", { params: { id }, body }));
export const useShortlist = (id: string) =>
  useDemandMutation((body: ShortlistBody) => call("POST /api/demands/:id/leads", { params: { id }, body }));
export const useLeadStep = (id: string) =>
  useDemandMutation(({ leadId, ...body }: LeadStepBody & { leadId: string }) =>
    call("POST /api/demands/:id/leads/:leadId", { params: { id, leadId }, body }),
  );
