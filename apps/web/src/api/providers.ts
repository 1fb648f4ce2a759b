import type {
  PoolApplicationDetail,
  PoolApplicationItem,
  PoolNoticeItem,
  ProviderDetail,
  ProviderEvaluation,
  ProviderItem,
} from "@dxcenter/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type QueryParams } from "./client";
import type { Page } from "./types";

/** 服务商资源池 / 入库评审 / 公示 API: type-only views of the contracts and react-query hooks. */
type Out<S extends { _zod: { output: unknown } }> = S["_zod"]["output"];
export type ProviderRow = Out<typeof ProviderItem>;
export type ProviderFull = Out<typeof ProviderDetail>;
export type ApplicationRow = Out<typeof PoolApplicationItem>;
export type ApplicationFull = Out<typeof PoolApplicationDetail>;
export type NoticeRow = Out<typeof PoolNoticeItem>;
export type EvaluationRow = Out<typeof ProviderEvaluation>;
export interface ReviewSheet {
  version: string;
  passScore: number;
  items: { id: string; label: string; max: number; hint: string }[];
}

export const poolKeys = {
  all: ["pool"] as const,
  providers: (p: QueryParams) => ["pool", "providers", p] as const,
  provider: (id: string) => ["pool", "provider", id] as const,
  mine: ["pool", "mine"] as const,
  applications: (p: QueryParams) => ["pool", "applications", p] as const,
  application: (id: string) => ["pool", "application", id] as const,
  notices: (p: QueryParams) => ["pool", "notices", p] as const,
  sheet: ["pool", "sheet"] as const,
  evaluations: (year: number) => ["pool", "evaluations", year] as const,
};

export function useProviders(params: QueryParams) {
  return useQuery({
    queryKey: poolKeys.providers(params),
    queryFn: ({ signal }) => api<Page<ProviderRow>>("GET", "/api/providers", { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}
export function useProvider(id: string | undefined) {
  return useQuery({
    queryKey: poolKeys.provider(id ?? ""),
    queryFn: ({ signal }) => api<ProviderFull>("GET", `/api/providers/${id}`, { signal }),
    enabled: !!id,
  });
}
export function useMyProvider() {
  return useQuery({
    queryKey: poolKeys.mine,
    queryFn: ({ signal }) => api<ProviderFull | null>("GET", "/api/providers/mine", { signal }),
  });
}
export function useApplications(params: QueryParams) {
  return useQuery({
    queryKey: poolKeys.applications(params),
    queryFn: ({ signal }) =>
      api<Page<ApplicationRow>>("GET", "/api/pool/applications", { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}
export function useApplication(id: string | undefined) {
  return useQuery({
    queryKey: poolKeys.application(id ?? ""),
    queryFn: ({ signal }) => api<ApplicationFull>("GET", `/api/pool/applications/${id}`, { signal }),
    enabled: !!id,
  });
}
export function useNotices(params: QueryParams) {
  return useQuery({
    queryKey: poolKeys.notices(params),
    queryFn: ({ signal }) => api<Page<NoticeRow>>("GET", "/api/pool/notices", { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}
export function useReviewSheet() {
  return useQuery({
    queryKey: poolKeys.sheet,
    queryFn: ({ signal }) => api<ReviewSheet>("GET", "/api/pool/review-sheet", { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
export function useEvaluations(year: number, enabled: boolean) {
  return useQuery({
    queryKey: poolKeys.evaluations(year),
    queryFn: ({ signal }) =>
      api<EvaluationRow[]>("GET", "/api/providers/evaluations", { query: { year }, signal }),
    enabled,
  });
}

/** Any pool write: POST/PUT a path, then refresh everything under "pool" (and experts). */
export function usePoolAction<T = unknown>() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ method, path, body }: { method: "POST" | "PUT"; path: string; body?: unknown }) =>
      api<T>(method, path, body === undefined ? {} : { body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: poolKeys.all });
      void qc.invalidateQueries({ queryKey: ["experts"] });
    },
  });
}
