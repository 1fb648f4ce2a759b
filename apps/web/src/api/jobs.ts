import type { JobItem, JobRoutes, JobRun, JobRunsQuery } from "@dxcenter/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { type Paged, routeClient } from "./call";

/** 定时任务 API (city_admin): react-query hooks over the JOB_ROUTES contract map (types only). */
export type { JobItem, JobRun };
export type JobRunsParams = Paged<z.input<typeof JobRunsQuery>>;

const call = routeClient<JobRoutes>();

export const jobKeys = {
  all: ["jobs"] as const,
  list: () => ["jobs", "list"] as const,
  runs: (name: string, p: JobRunsParams) => ["jobs", "runs", name, p] as const,
};

/** The jobs; polled every 3 s while one of them runs, so a run's end shows without a reload. */
export function useJobList() {
  return useQuery({
    queryKey: jobKeys.list(),
    queryFn: ({ signal }) => call("GET /api/jobs", { signal }),
    refetchInterval: (q) => (q.state.data?.some((j) => j.running) ? 3000 : false),
  });
}

export function useJobRuns(name: string | null, params: JobRunsParams, running: boolean) {
  return useQuery({
    queryKey: jobKeys.runs(name ?? "", params),
    queryFn: ({ signal }) =>
      call("GET /api/jobs/:name/runs", { params: { name: name ?? "" }, query: params, signal }),
    enabled: name !== null,
    placeholderData: keepPreviousData,
    refetchInterval: running ? 3000 : false,
  });
}

export function useRunJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => call("POST /api/jobs/:name/run", { params: { name } }),
    onSettled: () => qc.invalidateQueries({ queryKey: jobKeys.all }),
  });
}

export function useSetJobEnabled() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { name: string; enabled: boolean }) =>
      call("PUT /api/jobs/:name", { params: { name: v.name }, body: { enabled: v.enabled } }),
    onSettled: () => qc.invalidateQueries({ queryKey: jobKeys.all }),
  });
}
