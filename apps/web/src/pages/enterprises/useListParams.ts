import { SRDI_TIERS, type SrdiTier } from "@dxcenter/domain";
import type { EnterpriseListParams, EnterpriseSort, SortOrder } from "../../api/types";
import { exportQuery, PAGE_SIZES, pick, useUrlListParams } from "../../utils/urlListParams";

export { exportQuery, PAGE_SIZES };

const SORTS: readonly EnterpriseSort[] = ["name", "uscc", "revenue", "employees", "updatedAt", "district"];
const DEFAULTS = { sort: "name", order: "asc" } as const;

function parse(sp: URLSearchParams) {
  const text = (k: string) => sp.get(k)?.trim() || undefined;
  const code = (k: string, re: RegExp) => {
    const v = sp.get(k);
    return v && re.test(v) ? v : undefined;
  };
  return {
    q: text("q"),
    districtCode: code("districtCode", /^\d{6}$/),
    industryCode: code("industryCode", /^C\d{2}$/),
    aboveScale: pick(sp.get("aboveScale"), ["true", "false"] as const),
    srdiTier: pick<SrdiTier>(sp.get("srdiTier"), SRDI_TIERS),
    srdi: pick(sp.get("srdi"), ["any"] as const),
    tag: text("tag"),
    sort: pick(sp.get("sort"), SORTS) ?? DEFAULTS.sort,
    order: pick<SortOrder>(sp.get("order"), ["asc", "desc"]) ?? DEFAULTS.order,
  };
}

/** Registry filters live in the URL (?q=&districtCode=…&page=) so reload and back keep them. */
export function useEnterpriseListParams() {
  return useUrlListParams<EnterpriseListParams>(parse, DEFAULTS);
}
