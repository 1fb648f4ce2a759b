import type {
  IndicatorReportRoutes,
  ReportItem,
  ReportListQuery,
  ReportPage,
  ReportUploadResult,
} from "@dxcenter/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { routeClient } from "./call";
import { apiUpload } from "./client";

/** 指标填报 API: react-query hooks over the INDICATOR_REPORT_ROUTES contract map (types only). */
export type { ReportItem, ReportPage, ReportUploadResult };
export type ReportParams = Omit<z.input<typeof ReportListQuery>, "page" | "pageSize"> & {
  page?: number;
  pageSize?: number;
};

const call = routeClient<IndicatorReportRoutes>();

export const reportKeys = {
  all: ["indicator-reports"] as const,
  list: (p: ReportParams) => ["indicator-reports", "list", p] as const,
  detail: (id: string) => ["indicator-reports", "detail", id] as const,
};

export function useReportList(params: ReportParams) {
  return useQuery({
    queryKey: reportKeys.list(params),
    queryFn: ({ signal }) => call("GET /api/indicator-reports", { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useReport(id: string | null) {
  return useQuery({
    queryKey: reportKeys.detail(id ?? ""),
    queryFn: ({ signal }) => call("GET /api/indicator-reports/:id", { params: { id: id ?? "" }, signal }),
    enabled: id !== null,
  });
}

export type ReportAction =
  | { step: "save" | "submit"; value: number | null; note: string; version: number }
  | { step: "approve"; version: number }
  | { step: "return"; version: number; reason: string };

/** One step of a task; every report query (and the cockpit) is refreshed after it. */
export function useReportStep(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: ReportAction) => {
      const params = { id };
      switch (a.step) {
        case "save":
          return call("POST /api/indicator-reports/:id/save", {
            params,
            body: { value: a.value, note: a.note || null, version: a.version },
          });
        case "submit":
          return call("POST /api/indicator-reports/:id/submit", {
            params,
            body: { value: a.value, note: a.note || null, version: a.version },
          });
        case "approve":
          return call("POST /api/indicator-reports/:id/approve", { params, body: { version: a.version } });
        case "return":
          return call("POST /api/indicator-reports/:id/return", {
            params,
            body: { version: a.version, reason: a.reason },
          });
      }
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: reportKeys.all });
      void qc.invalidateQueries({ queryKey: ["indicators"] });
    },
  });
}

export function useGenerateReports() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call("POST /api/indicator-reports/generate", { body: {} }),
    onSettled: () => qc.invalidateQueries({ queryKey: reportKeys.all }),
  });
}

export function useUploadReports() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, submit }: { file: File; submit: boolean }) => {
      const form = new FormData();
      form.append("file", file);
      return apiUpload<ReportUploadResult>(
        `/api/indicator-reports/upload${submit ? "?submit=true" : ""}`,
        form,
      );
    },
    onSettled: () => qc.invalidateQueries({ queryKey: reportKeys.all }),
  });
}
