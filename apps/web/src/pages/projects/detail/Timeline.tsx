import { PROJECT_MAIN_LINE } from "@dxcenter/domain";
import { Steps } from "antd";
import { useTranslation } from "react-i18next";
import type { ProjectDetail } from "../../../api/projects";

/** Where the project is on the main line (草稿 → … → 已竣工验收); 未通过 shown at the review that ended it. */
export function Timeline({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  const status = p.status === "returned" ? "draft" : p.status;
  let current = PROJECT_MAIN_LINE.indexOf(status === "rejected" ? "expert_review" : status);
  if (p.status === "rejected") {
    const districtRejected = p.reviews.some((r) => r.stage === "district" && r.decision === "reject");
    current = districtRejected ? 1 : 2;
  }
  return (
    <Steps
      size="small"
      current={current}
      status={p.status === "rejected" ? "error" : p.status === "completed" ? "finish" : "process"}
      items={PROJECT_MAIN_LINE.map((s, i) => ({
        title:
          p.status === "rejected" && i === current
            ? t("project.statuses.rejected")
            : t(`project.statuses.${s}`),
      }))}
      data-testid="project-steps"
    />
  );
}
