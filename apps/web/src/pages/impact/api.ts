import type { CohortQuery, CoverageQuery, ImpactEnterpriseQuery, ImpactRoutes } from "@dxcenter/contracts";
import type { z } from "zod";
import { type Numeric, routeClient } from "../../api/call";
import { usePagedQuery } from "../../api/queries";

export type {
  CohortGroup,
  CohortResponse,
  CoverageResponse,
  CoverageRow,
  EnterpriseImpact,
} from "@dxcenter/contracts";

/** GET /api/impact/coverage query. */
export type CoverageParams = Numeric<z.input<typeof CoverageQuery>, "year">;
/** GET /api/impact/cohorts query. */
export type CohortParams = z.input<typeof CohortQuery>;
/** GET /api/impact/enterprises/:id query: the instrument and, optionally, the two assessments to compare. */
export type EnterpriseImpactParams = z.input<typeof ImpactEnterpriseQuery>;
export type CohortSort = NonNullable<CohortParams["sort"]>;
export type CoverageSort = NonNullable<CoverageParams["sort"]>;

/** 成效分析 JSON routes, typed by the contract map IMPACT_ROUTES the server mounts. */
const call = routeClient<ImpactRoutes>();

export const impactKeys = {
  all: ["impact"] as const,
  coverage: (p: CoverageParams) => ["impact", "coverage", p] as const,
  cohorts: (p: CohortParams) => ["impact", "cohorts", p] as const,
  enterprise: (id: string, p: EnterpriseImpactParams) => ["impact", "enterprise", id, p] as const,
};

export function useCoverage(params: CoverageParams) {
  return usePagedQuery(impactKeys.coverage(params), (signal) =>
    call("GET /api/impact/coverage", { query: params, signal }),
  );
}

export function useCohorts(params: CohortParams) {
  return usePagedQuery(impactKeys.cohorts(params), (signal) =>
    call("GET /api/impact/cohorts", { query: params, signal }),
  );
}

export function useEnterpriseImpact(enterpriseId: string, params: EnterpriseImpactParams) {
  return usePagedQuery(impactKeys.enterprise(enterpriseId, params), (signal) =>
    call("GET /api/impact/enterprises/:id", { params: { id: enterpriseId }, query: params, signal }),
  );
}
