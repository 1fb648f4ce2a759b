import type {
  AwardDetail,
  AwardItem,
  BudgetPool,
  CalculatorResult,
  PolicyDetail,
  PolicyItem,
  PolicySweep,
} from "@dxcenter/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "./client";
import type { Page, SortOrder } from "./types";

/** 政策与专项资金 API: types (type-only views of the contracts) and react-query hooks. */
export type { AwardDetail, AwardItem, BudgetPool, CalculatorResult, PolicyDetail, PolicyItem, PolicySweep };
export type AwardStatus = AwardItem["status"];
export interface PaymentResult {
  payment: AwardDetail["payments"][number];
  created: boolean;
  award: AwardDetail;
}

export interface PolicyListParams {
  page?: number;
  pageSize?: number;
  level?: PolicyItem["level"];
  beneficiary?: PolicyItem["beneficiary"];
  validToday?: "true" | "false";
  q?: string;
  sort?: "name" | "level" | "validUntil";
  order?: SortOrder;
}

export interface AwardListParams {
  page?: number;
  pageSize?: number;
  policyId?: string;
  status?: AwardStatus;
  districtCode?: string;
  enterpriseId?: string;
  q?: string;
  sort?: "identifiedAt" | "amountFen" | "enterpriseName" | "updatedAt";
  order?: SortOrder;
}

export const policyKeys = {
  list: (p: PolicyListParams) => ["policies", "list", p] as const,
  detail: (id: string) => ["policies", "detail", id] as const,
  awards: (p: AwardListParams) => ["policy-awards", "list", p] as const,
  award: (id: string) => ["policy-awards", "detail", id] as const,
  pools: (year?: number) => ["budget-pools", year ?? 0] as const,
  sweep: (id: string) => ["policy-sweeps", id] as const,
};

export function usePolicyList(params: PolicyListParams) {
  return useQuery({
    queryKey: policyKeys.list(params),
    queryFn: ({ signal }) => api<Page<PolicyItem>>("GET", "/api/policies", { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePolicy(id: string | undefined) {
  return useQuery({
    queryKey: policyKeys.detail(id ?? ""),
    queryFn: ({ signal }) =>
      api<PolicyDetail>("GET", `/api/policies/${encodeURIComponent(id ?? "")}`, { signal }),
    enabled: !!id,
  });
}

export function useCalculate() {
  return useMutation({
    mutationFn: (body: { enterpriseId?: string; facts: Record<string, unknown> }) =>
      api<CalculatorResult>("POST", "/api/policy-calculator", { body }),
  });
}

export function useAwardList(params: AwardListParams, enabled = true) {
  return useQuery({
    queryKey: policyKeys.awards(params),
    queryFn: ({ signal }) =>
      api<Page<AwardItem>>("GET", "/api/policy-awards", { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useAward(id: string | undefined) {
  return useQuery({
    queryKey: policyKeys.award(id ?? ""),
    queryFn: ({ signal }) =>
      api<AwardDetail>("GET", `/api/policy-awards/${encodeURIComponent(id ?? "")}`, { signal }),
    enabled: !!id,
  });
}

export function useBudgetPools(year?: number, enabled = true) {
  return useQuery({
    queryKey: policyKeys.pools(year),
    queryFn: ({ signal }) => api<BudgetPool[]>("GET", "/api/budget-pools", { query: { year }, signal }),
    enabled,
  });
}

export function useSweep(id: string | undefined) {
  return useQuery({
    queryKey: policyKeys.sweep(id ?? ""),
    queryFn: ({ signal }) => api<PolicySweep>("GET", `/api/policy-sweeps/${id}`, { signal }),
    enabled: !!id,
    refetchInterval: (q) =>
      q.state.data && (q.state.data.status === "done" || q.state.data.status === "failed") ? false : 500,
  });
}

export function useStartSweep() {
  return useMutation({
    mutationFn: (v: { policyId: string; districtCode?: string }) =>
      api<PolicySweep>("POST", `/api/policies/${encodeURIComponent(v.policyId)}/sweep`, {
        body: v.districtCode ? { districtCode: v.districtCode } : {},
      }),
  });
}

type Step = "district-confirm" | "enterprise-confirm" | "decline" | "withdraw";
export function useAwardStep() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; step: Step; version: number; reason?: string }) =>
      api<AwardDetail>("POST", `/api/policy-awards/${v.id}/${v.step}`, {
        body: v.reason ? { version: v.version, reason: v.reason } : { version: v.version },
      }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ["policy-awards"] });
      void qc.invalidateQueries({ queryKey: ["budget-pools"] });
    },
  });
}

export function usePayAward() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; idempotencyKey: string; amountWan?: string; voucherNo?: string }) =>
      api<PaymentResult>("POST", `/api/policy-awards/${v.id}/payments`, {
        body: {
          idempotencyKey: v.idempotencyKey,
          ...(v.amountWan ? { amountWan: v.amountWan } : {}),
          ...(v.voucherNo ? { voucherNo: v.voucherNo } : {}),
        },
      }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ["policy-awards"] });
      void qc.invalidateQueries({ queryKey: ["budget-pools"] });
    },
  });
}

export interface PoolBody {
  code: string;
  name: string;
  payer: BudgetPool["payer"];
  districtCode?: string | null;
  year: number;
  totalWan: string;
  note?: string;
}
export function useSavePool() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; version?: number; body: Partial<PoolBody> }) =>
      v.id
        ? api<BudgetPool>("PATCH", `/api/budget-pools/${v.id}`, { body: { ...v.body, version: v.version } })
        : api<BudgetPool>("POST", "/api/budget-pools", { body: v.body }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ["budget-pools"] }),
  });
}
