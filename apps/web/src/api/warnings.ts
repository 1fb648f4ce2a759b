import type { WarningDetail, WarningItem, WarningListQuery, WarningRoutes } from "@dxcenter/contracts";
import type { WarningStep } from "@dxcenter/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { type Paged, routeClient } from "./call";
import { usePagedQuery } from "./queries";

/** 预警中心 API: react-query hooks over the WARNING_ROUTES contract map (types only). */
export type { WarningDetail, WarningItem };
export type WarningParams = Paged<z.input<typeof WarningListQuery>>;

const call = routeClient<WarningRoutes>();

export const warningKeys = {
  all: ["warnings"] as const,
  list: (p: WarningParams) => ["warnings", "list", p] as const,
  counts: () => ["warnings", "counts"] as const,
  rules: () => ["warnings", "rules"] as const,
  detail: (id: string) => ["warnings", "detail", id] as const,
};

export function useWarningList(params: WarningParams) {
  return usePagedQuery(warningKeys.list(params), (signal) =>
    call("GET /api/warnings", { query: params, signal }),
  );
}

export function useWarningCounts(enabled = true) {
  return useQuery({
    queryKey: warningKeys.counts(),
    queryFn: ({ signal }) => call("GET /api/warnings/counts", { signal }),
    enabled,
  });
}

export function useWarningRules(enabled = true) {
  return useQuery({
    queryKey: warningKeys.rules(),
    queryFn: ({ signal }) => call("GET /api/warnings/rules", { signal }),
    enabled,
  });
}

export function useWarning(id: string | null) {
  return useQuery({
    queryKey: warningKeys.detail(id ?? ""),
    queryFn: ({ signal }) => call("GET /api/warnings/:id", { params: { id: id ?? "" }, signal }),
    enabled: id !== null,
  });
}

/** One step of a warning's life; every warnings query is refreshed after it. */
export function useWarningStep(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ step, note }: { step: WarningStep; note: string }) => {
      const params = { id };
      if (step === "handle") return call("POST /api/warnings/:id/handle", { params, body: { note } });
      const body = note ? { note } : {};
      return step === "acknowledge"
        ? call("POST /api/warnings/:id/acknowledge", { params, body })
        : call("POST /api/warnings/:id/close", { params, body });
    },
    onSettled: () => qc.invalidateQueries({ queryKey: warningKeys.all }),
  });
}
