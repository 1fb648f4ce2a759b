import type {
  DiagnosisListParams,
  DiagnosisSort,
  DiagnosisStatus,
  PlanListParams,
} from "../../api/diagnoses";
import type { SortOrder } from "../../api/types";
import { pick, positiveInt, useUrlListParams } from "../../utils/urlListParams";

const STATUSES: readonly DiagnosisStatus[] = [
  "requested",
  "scheduled",
  "in_progress",
  "verified",
  "closed",
  "cancelled",
];
const SORTS: readonly DiagnosisSort[] = ["requestedAt", "visitDate", "updatedAt"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULTS = { sort: "requestedAt", order: "desc" } as const;

function parse(sp: URLSearchParams) {
  const districtCode = sp.get("districtCode");
  const planId = sp.get("planId");
  return {
    q: sp.get("q")?.trim() || undefined,
    status: pick(sp.get("status"), STATUSES),
    districtCode: districtCode && /^\d{6}$/.test(districtCode) ? districtCode : undefined,
    planId: planId && UUID.test(planId) ? planId : undefined,
    overdue: pick<"true" | "false">(sp.get("overdue"), ["true", "false"]),
    sort: pick(sp.get("sort"), SORTS) ?? DEFAULTS.sort,
    order: pick<SortOrder>(sp.get("order"), ["asc", "desc"]) ?? DEFAULTS.order,
  };
}

/** 诊断服务单 filters in the URL (reload and back keep them). */
export function useDiagnosisListParams() {
  return useUrlListParams<DiagnosisListParams>(parse, DEFAULTS);
}

const PLAN_DEFAULTS = { sort: "startDate", order: "desc" } as const;
function parsePlans(sp: URLSearchParams) {
  const districtCode = sp.get("districtCode");
  const year = positiveInt(sp.get("year"), 0, 2100);
  return {
    q: sp.get("q")?.trim() || undefined,
    districtCode: districtCode && /^\d{6}$/.test(districtCode) ? districtCode : undefined,
    year: year >= 2000 ? year : undefined,
    sort: pick<"startDate" | "createdAt">(sp.get("sort"), ["startDate", "createdAt"]) ?? PLAN_DEFAULTS.sort,
    order: pick<SortOrder>(sp.get("order"), ["asc", "desc"]) ?? PLAN_DEFAULTS.order,
  };
}

export function usePlanListParams() {
  return useUrlListParams<PlanListParams>(parsePlans, PLAN_DEFAULTS);
}
