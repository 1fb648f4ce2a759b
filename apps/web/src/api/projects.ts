import type {
  AcceptRequest,
  AnswerTaskRequest,
  AssignReviewersRequest,
  CityDecisionRequest,
  CoordinationTask,
  CreateTaskRequest,
  DepartmentOption,
  DistrictReviewRequest,
  PayTrancheRequest,
  PipelineQuery,
  PipelineStats,
  ProjectApplication,
  ProjectAttachment,
  ProjectDetail,
  ProjectItem,
  ProjectListQuery,
  ProjectRoutes,
  ProjectVersion,
  RectifyRequest,
  ReportRequest,
  ReviewerOption,
  ScoreRequest,
  SubsidyPreview,
  TaskListQuery,
  UpdateProjectRequest,
} from "@dxcenter/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { type Numeric, routeClient } from "./call";
import { apiUpload } from "./client";
import { usePagedQuery, useRecordQuery } from "./queries";

/**
 * 技改项目库 API: react-query hooks typed from the zod contracts (types only: no zod code reaches
 * the bundle). Request bodies and queries are the schemas' input types, responses their output types,
 * so a changed contract breaks the web compile.
 */
export type { CoordinationTask, PipelineStats, ProjectDetail, ProjectItem, SubsidyPreview };

export type ProjectListParams = Numeric<z.input<typeof ProjectListQuery>, "page" | "pageSize" | "year">;
export type ProjectSort = NonNullable<ProjectListParams["sort"]>;
export type TaskListParams = Numeric<z.input<typeof TaskListQuery>, "page" | "pageSize">;
export type ApplicationBody = z.input<typeof ProjectApplication>;
export type UpdateProjectBody = z.input<typeof UpdateProjectRequest>;
export type ProjectVersionBody = z.input<typeof ProjectVersion>;
export type DistrictReviewBody = z.input<typeof DistrictReviewRequest>;
export type AssignReviewersBody = z.input<typeof AssignReviewersRequest>;
export type ScoreBody = z.input<typeof ScoreRequest>;
export type CityDecisionBody = z.input<typeof CityDecisionRequest>;
export type ReportBody = z.input<typeof ReportRequest>;
export type AcceptBody = z.input<typeof AcceptRequest>;
export type RectifyBody = z.input<typeof RectifyRequest>;
export type PayTrancheBody = z.input<typeof PayTrancheRequest>;
export type CreateTaskBody = z.input<typeof CreateTaskRequest>;
export type AnswerTaskBody = z.input<typeof AnswerTaskRequest>;
export type ReviewerOptionItem = z.output<typeof ReviewerOption>;
export type DepartmentOptionItem = z.output<typeof DepartmentOption>;
type PipelineParams = z.input<typeof PipelineQuery>;

/** The project library's JSON routes, typed by the one contract map the server mounts. */
const call = routeClient<ProjectRoutes>();

export const projectKeys = {
  list: (p: ProjectListParams) => ["projects", "list", p] as const,
  detail: (id: string) => ["projects", "detail", id] as const,
  preview: (id: string) => ["projects", "preview", id] as const,
  tasks: (p: TaskListParams) => ["projects", "tasks", p] as const,
  pipeline: (d?: string) => ["projects", "pipeline", d ?? ""] as const,
};

export function useProjectList(params: ProjectListParams, enabled = true) {
  return usePagedQuery(
    projectKeys.list(params),
    (signal) => call("GET /api/projects", { query: params, signal }),
    enabled,
  );
}

export function useProject(id: string | undefined) {
  return useRecordQuery(projectKeys.detail(id ?? ""), id, (signal) =>
    call("GET /api/projects/:id", { params: { id: id ?? "" }, signal }),
  );
}

export function useSubsidyPreview(id: string, enabled: boolean) {
  return useQuery({
    queryKey: projectKeys.preview(id),
    queryFn: ({ signal }) => call("GET /api/projects/:id/subsidy-preview", { params: { id }, signal }),
    enabled,
  });
}

export function useReviewerOptions(enabled: boolean) {
  return useQuery({
    queryKey: ["projects", "reviewers"],
    queryFn: ({ signal }) => call("GET /api/projects/reviewers", { signal }),
    enabled,
  });
}
export function useDepartmentOptions(enabled: boolean) {
  return useQuery({
    queryKey: ["projects", "departments"],
    queryFn: ({ signal }) => call("GET /api/projects/departments", { signal }),
    enabled,
  });
}

export function useTaskList(params: TaskListParams) {
  return usePagedQuery(projectKeys.tasks(params), (signal) =>
    call("GET /api/coordination-tasks", { query: params, signal }),
  );
}

export function usePipeline(districtCode: string | undefined) {
  const query: PipelineParams = { districtCode };
  return useQuery({
    queryKey: projectKeys.pipeline(districtCode),
    queryFn: ({ signal }) => call("GET /api/projects/pipeline", { query, signal }),
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
  useProjectMutation((body: ApplicationBody) => call("POST /api/projects", { body }));
export const useUpdateProject = (id: string) =>
  useProjectMutation((body: UpdateProjectBody) => call("PUT /api/projects/:id", { params: { id }, body }));
export const useSubmitProject = (id: string) =>
  useProjectMutation((body: ProjectVersionBody) =>
    call("POST /api/projects/:id/submit", { params: { id }, body }),
  );
export const useDistrictReview = (id: string) =>
  useProjectMutation((body: DistrictReviewBody) =>
    call("POST /api/projects/:id/district-review", { params: { id }, body }),
  );
export const useAssignReviewers = (id: string) =>
  useProjectMutation((body: AssignReviewersBody) =>
    call("PUT /api/projects/:id/reviewers", { params: { id }, body }),
  );
export const useScoreProject = (id: string) =>
  useProjectMutation((body: ScoreBody) => call("POST /api/projects/:id/score", { params: { id }, body }));
export const useDecideProject = (id: string) =>
  useProjectMutation((body: CityDecisionBody) =>
    call("POST /api/projects/:id/decision", { params: { id }, body }),
  );
export const useReportProgress = (id: string) =>
  useProjectMutation((body: ReportBody) => call("POST /api/projects/:id/reports", { params: { id }, body }));
export const useAcceptProject = (id: string) =>
  useProjectMutation((body: AcceptBody) => call("POST /api/projects/:id/accept", { params: { id }, body }));
export const useRectifyProject = (id: string) =>
  useProjectMutation((body: RectifyBody) => call("POST /api/projects/:id/rectify", { params: { id }, body }));
export const usePayTranche = (id: string) =>
  useProjectMutation(async (body: PayTrancheBody) => {
    const r = await call("POST /api/projects/:id/pay", { params: { id }, body });
    return r.project;
  });
export const useCreateTask = (id: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTaskBody) => call("POST /api/projects/:id/tasks", { params: { id }, body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["projects"] }),
  });
};
export const useAnswerTask = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: AnswerTaskBody & { id: string }) =>
      call("PATCH /api/coordination-tasks/:id", { params: { id }, body }),
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
