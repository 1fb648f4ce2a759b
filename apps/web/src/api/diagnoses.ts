import type {
  Assignee,
  AssigneeQuery,
  AssignTeamRequest,
  CancelDiagnosisRequest,
  CloseDiagnosisRequest,
  CreateDiagnosisRequest,
  CreatePlanRequest,
  DiagnosisDetail,
  DiagnosisItem,
  DiagnosisListQuery,
  DiagnosisPlan,
  DiagnosisRoutes,
  PlanListQuery,
  ScheduleDiagnosisRequest,
  UpdatePlanRequest,
  VersionOnly,
} from "@dxcenter/contracts";
import type { DiagnosisStatus } from "@dxcenter/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { type Numeric, routeClient } from "./call";
import { usePagedQuery, useRecordQuery } from "./queries";

/**
 * 诊断服务 API: react-query hooks over the contract map DIAGNOSIS_ROUTES (types only: no zod code
 * reaches the bundle). Bodies and queries are the schemas' input types, answers their output types.
 */
export type { DiagnosisDetail, DiagnosisItem, DiagnosisPlan, DiagnosisStatus };
export type AssigneeItem = z.output<typeof Assignee>;
export type AssigneeParams = z.input<typeof AssigneeQuery>;
export type CreateDiagnosisBody = z.input<typeof CreateDiagnosisRequest>;
export type CreatePlanBody = z.input<typeof CreatePlanRequest>;
export type UpdatePlanBody = z.input<typeof UpdatePlanRequest>;
export type DiagnosisListParams = Numeric<z.input<typeof DiagnosisListQuery>, "page" | "pageSize">;
export type DiagnosisSort = NonNullable<DiagnosisListParams["sort"]>;
export type PlanListParams = Numeric<z.input<typeof PlanListQuery>, "page" | "pageSize" | "year">;

/** The diagnosis JSON routes, typed by the one contract map the server mounts. */
const call = routeClient<DiagnosisRoutes>();

export const diagnosisKeys = {
  all: ["diagnoses"] as const,
  list: (p: DiagnosisListParams) => ["diagnoses", "list", p] as const,
  detail: (id: string) => ["diagnoses", "detail", id] as const,
  plans: (p: PlanListParams) => ["diagnoses", "plans", p] as const,
  assignees: (p: AssigneeParams) => ["diagnoses", "assignees", p] as const,
};

export function useDiagnosisList(params: DiagnosisListParams, enabled = true) {
  return usePagedQuery(
    diagnosisKeys.list(params),
    (signal) => call("GET /api/diagnoses", { query: params, signal }),
    enabled,
  );
}

export function useDiagnosis(id: string | undefined) {
  return useRecordQuery(diagnosisKeys.detail(id ?? ""), id, (signal) =>
    call("GET /api/diagnoses/:id", { params: { id: id ?? "" }, signal }),
  );
}

export function usePlanList(params: PlanListParams, enabled = true) {
  return usePagedQuery(
    diagnosisKeys.plans(params),
    (signal) => call("GET /api/diagnoses/plans", { query: params, signal }),
    enabled,
  );
}

export function useAssignees(params: AssigneeParams, enabled = true) {
  return useQuery({
    queryKey: diagnosisKeys.assignees(params),
    queryFn: ({ signal }) => call("GET /api/diagnoses/assignees", { query: params, signal }),
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
  return useDiagnosisMutation((body: CreateDiagnosisBody) => call("POST /api/diagnoses", { body }));
}

export function useScheduleDiagnosis(id: string) {
  return useDiagnosisMutation((body: z.input<typeof ScheduleDiagnosisRequest>) =>
    call("POST /api/diagnoses/:id/schedule", { params: { id }, body }),
  );
}
export function useAssignTeam(id: string) {
  return useDiagnosisMutation((body: z.input<typeof AssignTeamRequest>) =>
    call("PUT /api/diagnoses/:id/team", { params: { id }, body }),
  );
}
export function useStartOnsite(id: string) {
  return useDiagnosisMutation((body: z.input<typeof VersionOnly>) =>
    call("POST /api/diagnoses/:id/start", { params: { id }, body }),
  );
}
export function useCloseDiagnosis(id: string) {
  return useDiagnosisMutation((body: z.input<typeof CloseDiagnosisRequest>) =>
    call("POST /api/diagnoses/:id/close", { params: { id }, body }),
  );
}
export function useCancelDiagnosis(id: string) {
  return useDiagnosisMutation((body: z.input<typeof CancelDiagnosisRequest>) =>
    call("POST /api/diagnoses/:id/cancel", { params: { id }, body }),
  );
}

export function useCreatePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePlanBody) => call("POST /api/diagnoses/plans", { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["diagnoses", "plans"] }),
  });
}

export function useUpdatePlan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdatePlanBody & { id: string }) =>
      call("PATCH /api/diagnoses/plans/:id", { params: { id }, body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["diagnoses", "plans"] }),
  });
}
