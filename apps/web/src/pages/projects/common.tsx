import { type OverdueKind, PROJECT_STATUSES, PROJECT_TYPES, type ProjectStatus } from "@dxcenter/domain";
import { Progress, Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { ProjectListParams, ProjectSort } from "../../api/projects";
import type { SortOrder } from "../../api/types";
import { pick, positiveInt, useUrlListParams } from "../../utils/urlListParams";

const COLORS: Record<ProjectStatus, string> = {
  draft: "default",
  returned: "warning",
  district_review: "processing",
  expert_review: "processing",
  approved: "cyan",
  rejected: "error",
  in_construction: "blue",
  acceptance: "gold",
  completed: "success",
};

export function ProjectStatusTag({
  status,
  overdue = [],
}: {
  status: ProjectStatus;
  overdue?: readonly OverdueKind[];
}) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color={COLORS[status]} data-testid="project-status">
        {t(`project.statuses.${status}`)}
      </Tag>
      {overdue.map((o) => (
        <Tag key={o} color="red" data-testid="project-overdue">
          {t(`project.overdue.${o}`)}
        </Tag>
      ))}
    </Space>
  );
}

export function PercentBar({ percent }: { percent: number }) {
  return <Progress percent={percent} size="small" style={{ minWidth: 100, margin: 0 }} />;
}

/** The list's sort keys (the contract's ProjectListQuery.sort). */
export const PROJECT_SORTS: readonly ProjectSort[] = [
  "createdAt",
  "plannedStartDate",
  "totalInvestmentFen",
  "updatedAt",
];
const DEFAULTS = { sort: "createdAt", order: "desc" } as const;
function parse(sp: URLSearchParams) {
  const districtCode = sp.get("districtCode");
  const year = positiveInt(sp.get("year"), 0, 2100);
  return {
    q: sp.get("q")?.trim() || undefined,
    status: pick(sp.get("status"), PROJECT_STATUSES),
    type: pick(sp.get("type"), PROJECT_TYPES),
    districtCode: districtCode && /^\d{6}$/.test(districtCode) ? districtCode : undefined,
    year: year >= 2000 ? year : undefined,
    overdue: pick<"true" | "false">(sp.get("overdue"), ["true", "false"]),
    toScore: pick<"true" | "false">(sp.get("toScore"), ["true", "false"]),
    sort: pick(sp.get("sort"), PROJECT_SORTS) ?? DEFAULTS.sort,
    order: pick<SortOrder>(sp.get("order"), ["asc", "desc"]) ?? DEFAULTS.order,
  };
}
/** Project list filters in the URL (reload and back keep them). */
export function useProjectListParams() {
  return useUrlListParams<ProjectListParams>(parse, DEFAULTS);
}
