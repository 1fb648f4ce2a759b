import type { CohortResponse, CoverageResponse, EnterpriseImpact } from "@dxcenter/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";

export type {
  CohortGroup,
  CohortResponse,
  CoverageResponse,
  CoverageRow,
  EnterpriseImpact,
} from "@dxcenter/contracts";

export type CohortSort = "name" | "n" | "avgT0" | "avgT1" | "avgDelta" | "leveledUpShare";
export type CoverageSort = "district" | "aboveScale" | "diagnosed" | "rate" | "gap";

/** GET /api/impact/coverage query. */
export interface CoverageParams {
  year?: number | undefined;
  q?: string | undefined;
  sort?: CoverageSort | undefined;
  order?: "asc" | "desc" | undefined;
}

/** GET /api/impact/cohorts query. */
export interface CohortParams {
  instrumentId?: string | undefined;
  groupBy?: "district" | "provider" | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  sort?: CohortSort | undefined;
  order?: "asc" | "desc" | undefined;
}

export const impactKeys = {
  all: ["impact"] as const,
  coverage: (p: CoverageParams) => ["impact", "coverage", p] as const,
  cohorts: (p: CohortParams) => ["impact", "cohorts", p] as const,
  enterprise: (id: string, p: EnterpriseImpactParams) => ["impact", "enterprise", id, p] as const,
};

export function useCoverage(params: CoverageParams) {
  return useQuery({
    queryKey: impactKeys.coverage(params),
    queryFn: ({ signal }) =>
      api<CoverageResponse>("GET", "/api/impact/coverage", { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCohorts(params: CohortParams) {
  return useQuery({
    queryKey: impactKeys.cohorts(params),
    queryFn: ({ signal }) =>
      api<CohortResponse>("GET", "/api/impact/cohorts", { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/impact/enterprises/:id query: the instrument and, optionally, the two assessments to compare. */
export interface EnterpriseImpactParams {
  instrumentId?: string | undefined;
  a?: string | undefined;
  b?: string | undefined;
}

export function useEnterpriseImpact(enterpriseId: string, params: EnterpriseImpactParams) {
  return useQuery({
    queryKey: impactKeys.enterprise(enterpriseId, params),
    queryFn: ({ signal }) =>
      api<EnterpriseImpact>("GET", `/api/impact/enterprises/${encodeURIComponent(enterpriseId)}`, {
        query: { ...params },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
