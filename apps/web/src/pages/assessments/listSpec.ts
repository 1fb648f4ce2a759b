import type { AssessmentSort, AssessmentStatus } from "../../api/assessments";
import { listSpec, type ParamsOf, param } from "../../components/list";

const SORTS: readonly AssessmentSort[] = ["updatedAt", "submittedAt", "total"];
const STATUSES: readonly AssessmentStatus[] = ["draft", "submitted"];

/** Assessment list filters in the URL. Default: latest change first. */
export const ASSESSMENT_LIST = listSpec({
  filters: {
    q: param.text,
    instrumentId: param.text,
    status: param.oneOf(STATUSES),
    districtCode: param.district,
    enterpriseId: param.uuid,
  },
  sort: { keys: SORTS, default: "updatedAt", order: "desc" },
});

export type AssessmentParams = ParamsOf<typeof ASSESSMENT_LIST>;
