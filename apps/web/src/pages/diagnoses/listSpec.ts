import type { DiagnosisSort, DiagnosisStatus } from "../../api/diagnoses";
import { listSpec, type ParamsOf, param } from "../../components/list";

export const DIAGNOSIS_STATUSES: readonly DiagnosisStatus[] = [
  "requested",
  "scheduled",
  "in_progress",
  "verified",
  "closed",
  "cancelled",
];
const SORTS: readonly DiagnosisSort[] = ["requestedAt", "visitDate", "updatedAt"];

/** 诊断服务单 filters in the URL (reload and back keep them). */
export const DIAGNOSIS_LIST = listSpec({
  filters: {
    q: param.text,
    status: param.oneOf(DIAGNOSIS_STATUSES),
    districtCode: param.district,
    planId: param.uuid,
    overdue: param.bool,
  },
  sort: { keys: SORTS, default: "requestedAt", order: "desc" },
});
export type DiagnosisParams = ParamsOf<typeof DIAGNOSIS_LIST>;

/** 诊断计划 filters (the plans tab). */
export const PLAN_LIST = listSpec({
  filters: { q: param.text, districtCode: param.district, year: param.int(2000, 2100) },
  sort: { keys: ["startDate", "createdAt"] as const, default: "startDate", order: "desc" },
});
export type PlanParams = ParamsOf<typeof PLAN_LIST>;
