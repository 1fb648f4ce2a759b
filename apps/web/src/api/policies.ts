import type {
  AwardItem,
  AwardListQuery,
  AwardReason,
  AwardStatus,
  AwardVersion,
  BudgetPool,
  CalculatorRequest,
  CalculatorResult,
  CreateBudgetPoolRequest,
  PaymentRequest,
  PolicyDefinition,
  PolicyItem,
  PolicyListQuery,
  PolicyRoutes,
  SweepRequest,
  UpdateBudgetPoolRequest,
} from "@dxcenter/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { type Paged, routeClient } from "./call";
import { usePagedQuery, useRecordQuery } from "./queries";

/**
 * 政策与专项资金 API: react-query hooks typed by the contract map POLICY_ROUTES (types only: no zod
 * code reaches the bundle). Request bodies and queries are the schemas' input types, responses their
 * output types, so a changed contract breaks the web compile.
 */
export type { AwardItem, AwardStatus, BudgetPool, CalculatorResult, PolicyDefinition, PolicyItem };

export type PolicyListParams = Paged<z.input<typeof PolicyListQuery>>;
export type AwardListParams = Paged<z.input<typeof AwardListQuery>>;
export type CalculatorBody = z.input<typeof CalculatorRequest>;
export type CalculatorFacts = NonNullable<CalculatorBody["facts"]>;
export type SweepBody = z.input<typeof SweepRequest>;
export type AwardReasonBody = z.input<typeof AwardReason>;
export type AwardVersionBody = z.input<typeof AwardVersion>;
export type PaymentBody = z.input<typeof PaymentRequest>;
export type CreatePoolBody = z.input<typeof CreateBudgetPoolRequest>;
export type UpdatePoolBody = z.input<typeof UpdateBudgetPoolRequest>;

/** The policy module's JSON routes, typed by the one contract map the server mounts. */
const call = routeClient<PolicyRoutes>();

export const policyKeys = {
  list: (p: PolicyListParams) => ["policies", "list", p] as const,
  detail: (id: string) => ["policies", "detail", id] as const,
  awards: (p: AwardListParams) => ["policy-awards", "list", p] as const,
  award: (id: string) => ["policy-awards", "detail", id] as const,
  pools: (year?: number) => ["budget-pools", year ?? 0] as const,
  sweep: (id: string) => ["policy-sweeps", id] as const,
};

export function usePolicyList(params: PolicyListParams) {
  return usePagedQuery(policyKeys.list(params), (signal) =>
    call("GET /api/policies", { query: params, signal }),
  );
}

export function usePolicy(id: string | undefined) {
  return useRecordQuery(policyKeys.detail(id ?? ""), id, (signal) =>
    call("GET /api/policies/:id", { params: { id: id ?? "" }, signal }),
  );
}

export function useCalculate() {
  return useMutation({
    mutationFn: (body: CalculatorBody) => call("POST /api/policy-calculator", { body }),
  });
}

export function useAwardList(params: AwardListParams, enabled = true) {
  return usePagedQuery(
    policyKeys.awards(params),
    (signal) => call("GET /api/policy-awards", { query: params, signal }),
    enabled,
  );
}

export function useAward(id: string | undefined) {
  return useRecordQuery(policyKeys.award(id ?? ""), id, (signal) =>
    call("GET /api/policy-awards/:id", { params: { id: id ?? "" }, signal }),
  );
}

export function useBudgetPools(year?: number, enabled = true) {
  return useQuery({
    queryKey: policyKeys.pools(year),
    queryFn: ({ signal }) => call("GET /api/budget-pools", { query: { year }, signal }),
    enabled,
  });
}

export function useSweep(id: string | undefined) {
  return useQuery({
    queryKey: policyKeys.sweep(id ?? ""),
    queryFn: ({ signal }) => call("GET /api/policy-sweeps/:id", { params: { id: id ?? "" }, signal }),
    enabled: !!id,
    refetchInterval: (q) =>
      q.state.data && (q.state.data.status === "done" || q.state.data.status === "failed") ? false : 500,
  });
}

export function useStartSweep() {
  return useMutation({
    mutationFn: ({ policyId, ...body }: SweepBody & { policyId: string }) =>
      call("POST /api/policies/:id/sweep", { params: { id: policyId }, body }),
  });
}

/** A step of an award: the confirmations carry the version, 放弃 / 撤销 also a reason. */
export type AwardStepArgs =
  | ({ id: string; step: "district-confirm" | "enterprise-confirm" } & AwardVersionBody)
  | ({ id: string; step: "decline" | "withdraw" } & AwardReasonBody);
function awardStep(a: AwardStepArgs) {
  const params = { id: a.id };
  if (a.step === "decline" || a.step === "withdraw")
    return call(`POST /api/policy-awards/:id/${a.step}`, {
      params,
      body: { version: a.version, reason: a.reason },
    });
  return call(`POST /api/policy-awards/:id/${a.step}`, { params, body: { version: a.version } });
}
export function useAwardStep() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: awardStep,
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ["policy-awards"] });
      void qc.invalidateQueries({ queryKey: ["budget-pools"] });
    },
  });
}

export function usePayAward() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...v }: PaymentBody & { id: string }) =>
      call("POST /api/policy-awards/:id/payments", {
        params: { id },
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

/** A new pool (POST) or a change of an existing one (PATCH, with its version). */
export type SavePool = { id: string; body: UpdatePoolBody } | { id?: undefined; body: CreatePoolBody };
export function useSavePool() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: SavePool) =>
      v.id !== undefined
        ? call("PATCH /api/budget-pools/:id", { params: { id: v.id }, body: v.body })
        : call("POST /api/budget-pools", { body: v.body }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ["budget-pools"] }),
  });
}
