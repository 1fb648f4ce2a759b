import { ENTERPRISE_SORTS, SRDI_TIERS } from "@dxcenter/domain";
import { listSpec, type ParamsOf, param } from "../../components/list";

/** 企业库 filters in the URL (?q=&districtCode=…&page=). Default: by name. */
export const ENTERPRISE_LIST = listSpec({
  filters: {
    q: param.text,
    districtCode: param.district,
    industryCode: param.matching(/^C\d{2}$/),
    aboveScale: param.bool,
    srdiTier: param.oneOf(SRDI_TIERS),
    srdi: param.oneOf(["any"] as const),
    tag: param.text,
  },
  sort: { keys: ENTERPRISE_SORTS, default: "name", order: "asc" },
});

export type EnterpriseParams = ParamsOf<typeof ENTERPRISE_LIST>;
