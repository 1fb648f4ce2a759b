import type { OverdueKind, ProjectStatus, ProjectType } from "@dxcenter/domain";
import { Progress, Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { ProjectListParams, ProjectSort } from "../../api/projects";
import type { SortOrder } from "../../api/types";
import { pick, positiveInt, useUrlListParams } from "../../utils/urlListParams";

/** t() for keys built at run time from enum values (the typed t only takes literal keys). */
export const looseT =
  (t: unknown) =>
  (key: string, options?: Record<string, unknown>): string =>
    (t as (k: string, o?: Record<string, unknown>) => string)(key, options);

export const STATUSES: readonly ProjectStatus[] = [
  "draft",
  "returned",
  "district_review",
  "expert_review",
  "approved",
  "rejected",
  "in_construction",
  "acceptance",
  "completed",
];
export const TYPES: readonly ProjectType[] = [
  "tech_upgrade",
  "equipment_renewal",
  "digital_transformation",
  "industrial_internet",
  "cloud",
  "other",
];
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
  const tx = looseT(t);
  return (
    <Space size={4} wrap>
      <Tag color={COLORS[status]} data-testid="project-status">
        {tx(`project.statuses.${status}`)}
      </Tag>
      {overdue.map((o) => (
        <Tag key={o} color="red" data-testid="project-overdue">
          {tx(`project.overdue.${o}`)}
        </Tag>
      ))}
    </Space>
  );
}

export function PercentBar({ percent }: { percent: number }) {
  return <Progress percent={percent} size="small" style={{ minWidth: 100, margin: 0 }} />;
}

const SORTS: readonly ProjectSort[] = ["createdAt", "plannedStartDate", "totalInvestmentFen", "updatedAt"];
const DEFAULTS = { sort: "createdAt", order: "desc" } as const;
function parse(sp: URLSearchParams) {
  const districtCode = sp.get("districtCode");
  const year = positiveInt(sp.get("year"), 0, 2100);
  return {
    q: sp.get("q")?.trim() || undefined,
    status: pick(sp.get("status"), STATUSES),
    type: pick(sp.get("type"), TYPES),
    districtCode: districtCode && /^\d{6}$/.test(districtCode) ? districtCode : undefined,
    year: year >= 2000 ? year : undefined,
    overdue: pick<"true" | "false">(sp.get("overdue"), ["true", "false"]),
    toScore: pick<"true" | "false">(sp.get("toScore"), ["true", "false"]),
    sort: pick(sp.get("sort"), SORTS) ?? DEFAULTS.sort,
    order: pick<SortOrder>(sp.get("order"), ["asc", "desc"]) ?? DEFAULTS.order,
  };
}
/** Project list filters in the URL (reload and back keep them). */
export function useProjectListParams() {
  return useUrlListParams<ProjectListParams>(parse, DEFAULTS);
}
