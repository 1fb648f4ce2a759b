import type {
  AssessmentDetail,
  AssessmentItem,
  AssessmentListQuery,
  AssessmentRoutes,
  CreateAssessmentRequest,
  InstrumentRoutes,
  InstrumentSummary,
  ReportBatchJob,
  ReportBatchRequest,
  ReportRoutes,
} from "@dxcenter/contracts";
import type { Answers } from "@dxcenter/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { type Numeric, routeClient } from "./call";
import { queryKeys } from "./hooks";
import { usePagedQuery } from "./queries";

/**
 * 评估量表 and 评估诊断 API: react-query hooks over the contract maps INSTRUMENT_ROUTES,
 * ASSESSMENT_ROUTES and REPORT_ROUTES (types only: no zod code reaches the bundle).
 */
export type { AssessmentDetail, AssessmentItem, InstrumentSummary, ReportBatchJob };
export type AssessmentListParams = Numeric<z.input<typeof AssessmentListQuery>, "page" | "pageSize">;
export type AssessmentStatus = AssessmentItem["status"];
export type AssessmentSort = NonNullable<AssessmentListParams["sort"]>;
export type CreateAssessmentBody = z.input<typeof CreateAssessmentRequest>;
export type { Answers };
export type ReportBatchBody = z.input<typeof ReportBatchRequest>;

/** The JSON routes of instruments, assessments and report batches, typed by the maps the server mounts. */
const instruments = routeClient<InstrumentRoutes>();
const assessments = routeClient<AssessmentRoutes>();
const reports = routeClient<ReportRoutes>();

export function useInstruments() {
  return useQuery({
    queryKey: queryKeys.instruments,
    queryFn: ({ signal }) => instruments("GET /api/instruments", { signal }),
    staleTime: 10 * 60_000,
  });
}

/** One instrument definition; a given id + version never changes, so it is cached for the session. */
export function useInstrument(id: string | undefined, version: string | undefined) {
  return useQuery({
    queryKey: queryKeys.instrument(id ?? "", version),
    queryFn: ({ signal }) =>
      instruments("GET /api/instruments/:id", { params: { id: id ?? "" }, query: { version }, signal }),
    enabled: !!id,
    staleTime: version ? Number.POSITIVE_INFINITY : 10 * 60_000,
  });
}

export function useAssessmentList(params: AssessmentListParams) {
  return usePagedQuery(queryKeys.assessmentList(params), (signal) =>
    assessments("GET /api/assessments", { query: params, signal }),
  );
}

export function useAssessment(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.assessment(id ?? ""),
    queryFn: ({ signal }) => assessments("GET /api/assessments/:id", { params: { id: id ?? "" }, signal }),
    enabled: !!id,
    // The editor keeps its own copy of the answers; a background refetch must not look like a conflict.
    refetchOnWindowFocus: false,
  });
}

export function useCreateAssessment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAssessmentBody) => assessments("POST /api/assessments", { body }),
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: queryKeys.assessments });
      qc.setQueryData(queryKeys.assessment(a.id), a);
    },
  });
}

/**
 * PUT of a draft's answers (autosave); the caller keeps the returned `version` for the next save.
 * The editor keeps its own answers, so the cached detail is only refreshed for the next visit.
 */
export function useSaveAnswers(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ answers, version }: { answers: Answers; version: number }) =>
      assessments("PUT /api/assessments/:id/answers", { params: { id }, body: { answers, version } }),
    onSuccess: (a) => {
      qc.setQueryData(queryKeys.assessment(a.id), a);
      void qc.invalidateQueries({ queryKey: ["assessments", "list"] });
      // The diagnosis page lists the differences from the self-assessment.
      if (a.diagnosisId) void qc.invalidateQueries({ queryKey: ["diagnoses", "detail", a.diagnosisId] });
    },
  });
}

export function useSubmitAssessment(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      assessments("POST /api/assessments/:id/submit", {
        params: { id },
        body: { commitment: true, version },
      }),
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: queryKeys.assessments });
      // Submitting an on-site assessment moves its diagnosis on (待出具意见).
      if (a.diagnosisId) void qc.invalidateQueries({ queryKey: ["diagnoses"] });
      qc.setQueryData(queryKeys.assessment(a.id), a);
    },
  });
}

/** Removes one evidence file of a draft (the caller updates its own list). */
export const removeEvidence = (id: string, evidenceId: string) =>
  assessments("DELETE /api/assessments/:id/evidence/:evidenceId", { params: { id, evidenceId } });

/** A batch job still to be polled: not yet loaded, queued or running. */
export const batchActive = (j: ReportBatchJob | undefined) =>
  !j || j.status === "queued" || j.status === "running";

/** A report batch job (GET /api/reports/batch/:id), polled every second while it runs. */
export function useReportBatchJob(id: string | null) {
  return useQuery({
    queryKey: ["reports", "batch", id ?? ""],
    queryFn: ({ signal }) => reports("GET /api/reports/batch/:id", { params: { id: id ?? "" }, signal }),
    enabled: !!id,
    refetchInterval: (q) => (q.state.status === "error" || !batchActive(q.state.data) ? false : 1000),
    refetchIntervalInBackground: true,
  });
}

/** Starts a batch export of "一企一策" reports; answers the job id to poll. */
export function useStartReportBatch() {
  return useMutation({
    mutationFn: (body: ReportBatchBody) => reports("POST /api/reports/batch", { body }),
  });
}
