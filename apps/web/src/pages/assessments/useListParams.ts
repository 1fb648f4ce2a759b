import type { AssessmentListParams, AssessmentSort, AssessmentStatus, SortOrder } from "../../api/types";
import { exportQuery, PAGE_SIZES, pick, useUrlListParams } from "../../utils/urlListParams";

export { exportQuery, PAGE_SIZES };

const SORTS: readonly AssessmentSort[] = ["updatedAt", "submittedAt", "total"];
const STATUSES: readonly AssessmentStatus[] = ["draft", "submitted"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULTS = { sort: "updatedAt", order: "desc" } as const;

function parse(sp: URLSearchParams) {
  const text = (k: string) => sp.get(k)?.trim() || undefined;
  const enterpriseId = sp.get("enterpriseId");
  const districtCode = sp.get("districtCode");
  return {
    q: text("q"),
    instrumentId: text("instrumentId"),
    status: pick(sp.get("status"), STATUSES),
    districtCode: districtCode && /^\d{6}$/.test(districtCode) ? districtCode : undefined,
    enterpriseId: enterpriseId && UUID.test(enterpriseId) ? enterpriseId : undefined,
    sort: pick(sp.get("sort"), SORTS) ?? DEFAULTS.sort,
    order: pick<SortOrder>(sp.get("order"), ["asc", "desc"]) ?? DEFAULTS.order,
  };
}

/** Assessment list filters live in the URL so reload and back keep them. Default: latest change first. */
export function useAssessmentListParams() {
  return useUrlListParams<AssessmentListParams>(parse, DEFAULTS);
}
