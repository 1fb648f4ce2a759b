import type {
  PoolApplicationDetail,
  PoolApplicationItem,
  PoolApplicationListQuery,
  PoolApplyRequest,
  PoolNoticeItem,
  PoolNoticeListQuery,
  PoolRoutes,
  PoolScoreRequest,
  ProviderDetail,
  ProviderEvaluation,
  ProviderItem,
  ProviderListQuery,
  ProviderRoutes,
  RateableService,
  RegisterProviderRequest,
  ReviewSheet as ReviewSheetSchema,
} from "@dxcenter/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { routeClient } from "./call";
import { api } from "./client";
import { usePagedQuery, useRecordQuery } from "./queries";

/**
 * 服务商资源池 / 入库评审 / 公示 API: react-query hooks typed from the zod contracts (types only: no zod
 * code reaches the bundle). Every call goes through the contract maps the server mounts
 * (PROVIDER_ROUTES, POOL_ROUTES), so a changed contract breaks the web compile.
 */
export type ProviderRow = z.output<typeof ProviderItem>;
export type ProviderFull = z.output<typeof ProviderDetail>;
export type ApplicationRow = z.output<typeof PoolApplicationItem>;
export type ApplicationFull = z.output<typeof PoolApplicationDetail>;
export type NoticeRow = z.output<typeof PoolNoticeItem>;
export type EvaluationRow = z.output<typeof ProviderEvaluation>;
export type RateableRow = z.output<typeof RateableService>;
export type ReviewSheet = z.output<typeof ReviewSheetSchema>;
export type RegisterProviderBody = z.input<typeof RegisterProviderRequest>;
export type ApplyBody = z.input<typeof PoolApplyRequest>;
export type ScoreBody = z.input<typeof PoolScoreRequest>;
export type ProviderListParams = z.input<typeof ProviderListQuery>;
export type ApplicationListParams = z.input<typeof PoolApplicationListQuery>;
export type NoticeListParams = z.input<typeof PoolNoticeListQuery>;

/** The pool's JSON routes, typed by the contract maps the server mounts. */
type PoolMap = ProviderRoutes & PoolRoutes;
const call = routeClient<PoolMap>();

export const poolKeys = {
  all: ["pool"] as const,
  providers: (p: ProviderListParams) => ["pool", "providers", p] as const,
  provider: (id: string) => ["pool", "provider", id] as const,
  rateable: (id: string) => ["pool", "rateable", id] as const,
  mine: ["pool", "mine"] as const,
  applications: (p: ApplicationListParams) => ["pool", "applications", p] as const,
  application: (id: string) => ["pool", "application", id] as const,
  notices: (p: NoticeListParams) => ["pool", "notices", p] as const,
  sheet: ["pool", "sheet"] as const,
  evaluations: (year: number) => ["pool", "evaluations", year] as const,
};

export function useProviders(params: ProviderListParams) {
  return usePagedQuery(poolKeys.providers(params), (signal) =>
    call("GET /api/providers", { query: params, signal }),
  );
}
export function useProvider(id: string | undefined) {
  return useRecordQuery(poolKeys.provider(id ?? ""), id, (signal) =>
    call("GET /api/providers/:id", { params: { id: id ?? "" }, signal }),
  );
}
/** Services the signed-in enterprise may still rate this provider for. */
export function useRateableServices(providerId: string) {
  return useQuery({
    queryKey: poolKeys.rateable(providerId),
    queryFn: ({ signal }) => call("GET /api/providers/:id/rateable", { params: { id: providerId }, signal }),
  });
}
export function useMyProvider() {
  return useQuery({
    queryKey: poolKeys.mine,
    queryFn: ({ signal }) => call("GET /api/providers/mine", { signal }),
  });
}
export function useApplications(params: ApplicationListParams) {
  return usePagedQuery(poolKeys.applications(params), (signal) =>
    call("GET /api/pool/applications", { query: params, signal }),
  );
}
export function useApplication(id: string | undefined) {
  return useRecordQuery(poolKeys.application(id ?? ""), id, (signal) =>
    call("GET /api/pool/applications/:id", { params: { id: id ?? "" }, signal }),
  );
}
export function useNotices(params: NoticeListParams) {
  return usePagedQuery(poolKeys.notices(params), (signal) =>
    call("GET /api/pool/notices", { query: params, signal }),
  );
}
export function useReviewSheet() {
  return useQuery({
    queryKey: poolKeys.sheet,
    queryFn: ({ signal }) => call("GET /api/pool/review-sheet", { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
export function useEvaluations(year: number, enabled: boolean) {
  return useQuery({
    queryKey: poolKeys.evaluations(year),
    queryFn: ({ signal }) => call("GET /api/providers/evaluations", { query: { year }, signal }),
    enabled,
  });
}

/** The pool's writes: every route of the maps but the reads. */
export type PoolWrite = Exclude<keyof PoolMap, `GET ${string}`>;
/** What a write sends: its path params and body (the contract's input types). */
export type PoolWriteArgs<K extends PoolWrite> = Parameters<typeof call<K>>[1];

/** After any pool write: everything under "pool" (and experts: panels, workload) is read again. */
function useRefreshPool() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: poolKeys.all });
    void qc.invalidateQueries({ queryKey: ["experts"] });
  };
}

/** One pool write: the key names the contract route, the variables are its params and body. */
export function usePoolWrite<K extends PoolWrite>(key: K) {
  return useMutation({
    mutationFn: (args: PoolWriteArgs<K>) => call(key, args),
    onSuccess: useRefreshPool(),
  });
}

/** Any pool write: POST/PUT a path, then refresh everything under "pool" (and experts). */
export function usePoolAction<T = unknown>() {
  return useMutation({
    mutationFn: ({ method, path, body }: { method: "POST" | "PUT"; path: string; body?: unknown }) =>
      api<T>(method, path, body === undefined ? {} : { body }),
    onSuccess: useRefreshPool(),
  });
}
