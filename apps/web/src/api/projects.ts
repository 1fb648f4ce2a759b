import type {
  CoordinationTask,
  PipelineStats,
  ProjectAttachment,
  ProjectDetail,
  ProjectItem,
  SubsidyPreview,
} from "@dxcenter/contracts";
import type { ProjectStatus, ProjectType } from "@dxcenter/domain";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, apiUpload } from "./client";
import type { Page, SortOrder } from "./types";

/** 技改项目库 API: type-only views of the contracts and react-query hooks. */
export type { CoordinationTask, PipelineStats, ProjectDetail, ProjectItem, SubsidyPreview };

export type ProjectSort = "createdAt" | "plannedStartDate" | "totalInvestmentFen" | "updatedAt";
export interface ProjectListParams {
  page?: number;
  pageSize?: number;
  status?: ProjectStatus;
  type?: ProjectType;
  districtCode?: string;
  enterpriseId?: string;
  year?: number;
  overdue?: "true" | "false";
  toScore?: "true" | "false";
  q?: string;
  sort?: ProjectSort;
  order?: SortOrder;
}
export interface ApplicationBody {
  enterpriseId?: string;
  name: string;
  type: ProjectType;
  totalInvestmentWan: string;
  equipmentInvestmentWan?: string;
  softwareInvestmentWan?: string;
  loanPrincipalWan?: string;
  loanMonths?: number;
  cityDemonstration?: boolean;
  reloanSupported?: boolean;
  plannedStartDate: string;
  plannedFinishDate: string;
  expectedOutcomes?: string;
}

export const projectKeys = {
  list: (p: ProjectListParams) => ["projects", "list", p] as const,
  detail: (id: string) => ["projects", "detail", id] as const,
  preview: (id: string) => ["projects", "preview", id] as const,
  tasks: (p: object) => ["projects", "tasks", p] as const,
  pipeline: (d?: string) => ["projects", "pipeline", d ?? ""] as const,
};

export function useProjectList(params: ProjectListParams, enabled = true) {
  return useQuery({
    queryKey: projectKeys.list(params),
    queryFn: ({ signal }) => api<Page<ProjectItem>>("GET", "/api/projects", { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useProject(id: string | undefined) {
  return useQuery({
    queryKey: projectKeys.detail(id ?? ""),
    queryFn: ({ signal }) =>
      api<ProjectDetail>("GET", `/api/projects/${encodeURIComponent(id ?? "")}`, { signal }),
    enabled: !!id,
  });
}

export function useSubsidyPreview(id: string, enabled: boolean) {
  return useQuery({
    queryKey: projectKeys.preview(id),
    queryFn: ({ signal }) =>
      api<SubsidyPreview>("GET", `/api/projects/${encodeURIComponent(id)}/subsidy-preview`, { signal }),
    enabled,
  });
}

export function useReviewerOptions(enabled: boolean) {
  return useQuery({
    queryKey: ["projects", "reviewers"],
    queryFn: ({ signal }) =>
      api<{ id: string; displayName: string; organization: string | null; openReviews: number }[]>(
        "GET",
        "/api/projects/reviewers",
        { signal },
      ),
    enabled,
  });
}
export function useDepartmentOptions(enabled: boolean) {
  return useQuery({
    queryKey: ["projects", "departments"],
    queryFn: ({ signal }) =>
      api<{ id: string; displayName: string; organization: string | null }[]>(
        "GET",
        "/api/projects/departments",
        { signal },
      ),
    enabled,
  });
}

export function useTaskList(params: {
  page?: number;
  pageSize?: number;
  status?: string;
  overdue?: string;
  q?: string;
}) {
  return useQuery({
    queryKey: projectKeys.tasks(params),
    queryFn: ({ signal }) =>
      api<Page<CoordinationTask>>("GET", "/api/coordination-tasks", { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePipeline(districtCode: string | undefined) {
  return useQuery({
    queryKey: projectKeys.pipeline(districtCode),
    queryFn: ({ signal }) =>
      api<PipelineStats>("GET", "/api/projects/pipeline", { query: { districtCode }, signal }),
  });
}

function useProjectMutation<B>(request: (body: B) => Promise<ProjectDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (d) => {
      qc.setQueryData(projectKeys.detail(d.id), d);
      void qc.invalidateQueries({ queryKey: ["projects", "list"] });
      void qc.invalidateQueries({ queryKey: ["projects", "preview"] });
      void qc.invalidateQueries({ queryKey: ["projects", "tasks"] });
    },
  });
}

const path = (id: string, action: string) => `/api/projects/${encodeURIComponent(id)}/${action}`;

export const useCreateProject = () =>
  useProjectMutation((body: ApplicationBody) => api<ProjectDetail>("POST", "/api/projects", { body }));
export const useUpdateProject = (id: string) =>
  useProjectMutation((body: ApplicationBody & { version: number }) =>
    api<ProjectDetail>("PUT", `/api/projects/${encodeURIComponent(id)}`, { body }),
  );
export const useSubmitProject = (id: string) =>
  useProjectMutation((body: { version: number }) => api<ProjectDetail>("POST", path(id, "submit"), { body }));
export const useDistrictReview = (id: string) =>
  useProjectMutation(
    (body: { version: number; decision: string; opinion: string; approvedEquipmentWan?: string }) =>
      api<ProjectDetail>("POST", path(id, "district-review"), { body }),
  );
export const useAssignReviewers = (id: string) =>
  useProjectMutation((body: { version: number; reviewerIds: string[] }) =>
    api<ProjectDetail>("PUT", path(id, "reviewers"), { body }),
  );
export const useScoreProject = (id: string) =>
  useProjectMutation((body: { scores: Record<string, number>; opinion: string }) =>
    api<ProjectDetail>("POST", path(id, "score"), { body }),
  );
export const useDecideProject = (id: string) =>
  useProjectMutation(
    (body: { version: number; decision: "approve" | "reject"; opinion: string; policyId?: string }) =>
      api<ProjectDetail>("POST", path(id, "decision"), { body }),
  );
export const useReportProgress = (id: string) =>
  useProjectMutation(
    (body: {
      kind: string;
      reportDate: string;
      percent?: number;
      investmentCompletedWan?: string;
      note?: string;
    }) => api<ProjectDetail>("POST", path(id, "reports"), { body }),
  );
export const useAcceptProject = (id: string) =>
  useProjectMutation((body: { version: number; opinion: string }) =>
    api<ProjectDetail>("POST", path(id, "accept"), { body }),
  );
export const useRectifyProject = (id: string) =>
  useProjectMutation((body: { version: number; reason: string }) =>
    api<ProjectDetail>("POST", path(id, "rectify"), { body }),
  );
export const usePayTranche = (id: string) =>
  useProjectMutation(async (body: { tranche: number; voucherNo?: string; idempotencyKey: string }) => {
    const r = await api<{ project: ProjectDetail }>("POST", path(id, "pay"), { body });
    return r.project;
  });
export const useCreateTask = (id: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      departmentUserId?: string;
      departmentName?: string;
      kind: string;
      title: string;
      deadline: string;
    }) => api<CoordinationTask>("POST", path(id, "tasks"), { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["projects"] }),
  });
};
export const useAnswerTask = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; status: string; response?: string }) =>
      api<CoordinationTask>("PATCH", `/api/coordination-tasks/${encodeURIComponent(id)}`, { body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["projects"] }),
  });
};
export const useUploadAttachment = (id: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append("file", file);
      return apiUpload<ProjectAttachment>(path(id, "attachments"), form);
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: projectKeys.detail(id) }),
  });
};
