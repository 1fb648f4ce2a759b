import type { BenchmarkGroup, BenchmarkItem, EnterpriseBenchmarkRoutes } from "@dxcenter/contracts";
import { useQuery } from "@tanstack/react-query";
import { routeClient } from "./call";

/** 我的指标 / 指标对比: the ENTERPRISE_BENCHMARK_ROUTES contract map (types only). */
export type { BenchmarkGroup, BenchmarkItem };

const call = routeClient<EnterpriseBenchmarkRoutes>();

export function useEnterpriseBenchmark(id: string) {
  return useQuery({
    queryKey: ["enterprises", "benchmark", id] as const,
    queryFn: ({ signal }) => call("GET /api/enterprises/:id/benchmark", { params: { id }, signal }),
  });
}
