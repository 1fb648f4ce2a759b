import { REPORT_STATES } from "@dxcenter/domain";
import { listSpec, type ParamsOf, param } from "../../components/list";

/** 填报任务 filters in the URL. */
export const REPORT_LIST = listSpec({
  filters: {
    q: param.text,
    period: param.matching(/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$/),
    indicator: param.matching(/^[a-z0-9-]{1,80}$/),
    status: param.oneOf(REPORT_STATES),
    district: param.district,
    overdue: param.bool,
  },
  sort: {
    keys: ["dueDate", "period", "indicator", "status", "updatedAt"] as const,
    default: "dueDate",
    order: "desc",
  },
});
export type ReportListParams = ParamsOf<typeof REPORT_LIST>;

export const STATE_COLOR = {
  pending: "default",
  draft: "processing",
  submitted: "blue",
  returned: "orange",
  approved: "green",
} as const;
