import type {
  Assignee,
  AssigneeQuery,
  CreateDiagnosisRequest,
  CreatePlanRequest,
  DiagnosisDetail,
  DiagnosisItem,
  DiagnosisPlan,
  UpdatePlanRequest,
} from "@dxcenter/contracts";
import type { DiagnosisStatus } from "@dxcenter/domain";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { Page, SortOrder } from "./types";

/** 诊断服务 API: types (type-only views of the contracts) and react-query hooks. */
type ZodLike = { _zod: { input: unknown; output: unknown } };
type In<S extends ZodLike> = S["_zod"]["input"];
type Out<S extends ZodLike> = S["_zod"]["output"];

export type { DiagnosisDetail, DiagnosisItem, DiagnosisPlan, DiagnosisStatus };
export type AssigneeItem = Out<typeof Assignee>;
export type AssigneeParams = In<typeof AssigneeQuery>;
export type CreateDiagnosisBody = In<typeof CreateDiagnosisRequest>;
export type CreatePlanBody = In<typeof CreatePlanRequest>;
export type UpdatePlanBody = In<typeof UpdatePlanRequest>;

export type DiagnosisSort = "requestedAt" | "visitDate" | "updatedAt";
export interface DiagnosisListParams {
  page?: number;
  pageSize?: number;
  status?: DiagnosisStatus;
  districtCode?: string;
  planId?: string;
  enterpriseId?: string;
  overdue?: "true" | "false";
  q?: string;
  sort?: DiagnosisSort;
  order?: SortOrder;
}

export interface PlanListParams {
  page?: number;
  pageSize?: number;
  districtCode?: string;
  year?: number;
  q?: string;
  sort?: "startDate" | "createdAt";
  order?: SortOrder;
}

export const diagnosisKeys = {
  all: ["diagnoses"] as const,
  list: (p: DiagnosisListParams) => ["diagnoses", "list", p] as const,
  detail: (id: string) => ["diagnoses", "detail", id] as const,
  plans: (p: PlanListParams) => ["diagnoses", "plans", p] as const,
  assignees: (p: AssigneeParams) => ["diagnoses", "assignees", p] as const,
};

export function useDiagnosisList(params: DiagnosisListParams, enabled = true) {
  return useQuery({
    queryKey: diagnosisKeys.list(params),
    queryFn: ({ signal }) =>
      api<Page<DiagnosisItem>>("GET", "/api/diagnoses", { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useDiagnosis(id: string | undefined) {
  return useQuery({
    queryKey: diagnosisKeys.detail(id ?? ""),
    queryFn: ({ signal }) =>
      api<DiagnosisDetail>("GET", `/api/diagnoses/${encodeURIComponent(id ?? "")}`, { signal }),
    enabled: !!id,
  });
}

export function usePlanList(params: PlanListParams, enabled = true) {
  return useQuery({
    queryKey: diagnosisKeys.plans(params),
    queryFn: ({ signal }) =>
      api<Page<DiagnosisPlan>>("GET", "/api/diagnoses/plans", { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useAssignees(params: AssigneeParams, enabled = true) {
  return useQuery({
    queryKey: diagnosisKeys.assignees(params),
    queryFn: ({ signal }) =>
      api<AssigneeItem[]>("GET", "/api/diagnoses/assignees", { query: { ...params }, signal }),
    enabled,
  });
}

function useDiagnosisMutation<B>(request: (body: B) => Promise<DiagnosisDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (d) => {
      qc.setQueryData(diagnosisKeys.detail(d.id), d);
      void qc.invalidateQueries({ queryKey: ["diagnoses", "list"] });
      void qc.invalidateQueries({ queryKey: ["diagnoses", "plans"] });
      void qc.invalidateQueries({ queryKey: ["assessments"] });
    },
  });
}

export function useRequestDiagnosis() {
  return useDiagnosisMutation((body: CreateDiagnosisBody) =>
    api<DiagnosisDetail>("POST", "/api/diagnoses", { body }),
  );
}

const path = (id: string, action: string) => `/api/diagnoses/${encodeURIComponent(id)}/${action}`;

export function useScheduleDiagnosis(id: string) {
  return useDiagnosisMutation((body: { planId: string; visitDate: string; version: number }) =>
    api<DiagnosisDetail>("POST", path(id, "schedule"), { body }),
  );
}
export function useAssignTeam(id: string) {
  return useDiagnosisMutation((body: { members: { userId: string; lead: boolean }[]; version: number }) =>
    api<DiagnosisDetail>("PUT", path(id, "team"), { body }),
  );
}
export function useStartOnsite(id: string) {
  return useDiagnosisMutation((body: { version: number }) =>
    api<DiagnosisDetail>("POST", path(id, "start"), { body }),
  );
}
export function useCloseDiagnosis(id: string) {
  return useDiagnosisMutation((body: { conclusion: string; version: number }) =>
    api<DiagnosisDetail>("POST", path(id, "close"), { body }),
  );
}
export function useCancelDiagnosis(id: string) {
  return useDiagnosisMutation((body: { reason: string; version: number }) =>
    api<DiagnosisDetail>("POST", path(id, "cancel"), { body }),
  );
}

export function useCreatePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePlanBody) => api<DiagnosisPlan>("POST", "/api/diagnoses/plans", { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["diagnoses", "plans"] }),
  });
}

export function useUpdatePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdatePlanBody & { id: string }) =>
      api<DiagnosisPlan>("PATCH", `/api/diagnoses/plans/${encodeURIComponent(id)}`, { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["diagnoses", "plans"] }),
  });
}
