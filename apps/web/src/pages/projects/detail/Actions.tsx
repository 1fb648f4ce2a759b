import { Button, Space } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { type ProjectDetail, useSubmitProject } from "../../../api/projects";
import { useCurrentUser } from "../../../auth/context";
import { DrawButton } from "../../experts/DrawButton";
import { AssignButton } from "./AssignReviewers";
import { DistrictReviewButton } from "./DistrictReview";
import { useRun } from "./useRun";

/** The header's steps the caller may take now (the server says which in `permissions`). */
export function Actions({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const run = useRun();
  const submit = useSubmitProject(p.id);
  return (
    <Space wrap>
      {p.permissions.edit ? (
        <Button onClick={() => navigate(`/projects/${p.id}/edit`)}>{t("project.detail.edit")}</Button>
      ) : null}
      {p.permissions.submit ? (
        <Button
          type="primary"
          loading={submit.isPending}
          data-testid="project-submit"
          onClick={() => void run(() => submit.mutateAsync({ version: p.version }))}
        >
          {t("project.detail.submit")}
        </Button>
      ) : null}
      {p.permissions.districtReview ? <DistrictReviewButton p={p} /> : null}
      {me.role === "city_admin" &&
      (p.permissions.assignReviewers || p.reviews.some((r) => r.stage === "expert")) ? (
        <DrawButton
          purpose="project_review"
          subjectId={p.id}
          canDraw={p.permissions.assignReviewers}
          defaultN={5}
        />
      ) : null}
      {p.permissions.assignReviewers ? <AssignButton key={p.version} p={p} /> : null}
    </Space>
  );
}
