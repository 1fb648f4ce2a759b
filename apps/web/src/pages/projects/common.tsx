import { type OverdueKind, PROJECT_STATUSES, PROJECT_TYPES, type ProjectStatus } from "@dxcenter/domain";
import { Progress, Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { ProjectSort } from "../../api/projects";
import { listSpec, param } from "../../components/list";

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

/** The project list's URL filters and sort keys (the contract's ProjectListQuery). */
export const PROJECT_LIST = listSpec({
  filters: {
    q: param.text,
    status: param.oneOf(PROJECT_STATUSES),
    type: param.oneOf(PROJECT_TYPES),
    districtCode: param.district,
    year: param.int(2000, 2100),
    overdue: param.bool,
    toScore: param.bool,
  },
  sort: {
    keys: ["createdAt", "plannedStartDate", "totalInvestmentFen", "updatedAt"] satisfies ProjectSort[],
    default: "createdAt",
    order: "desc",
  },
});
