import { Button, Modal, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type ProjectDetail, useAssignReviewers, useReviewerOptions } from "../../../api/projects";
import { useRun } from "./useRun";

/** 指派评审专家: pick the expert panel by hand (the random draw is the DrawButton beside it). */
export function AssignButton({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  const run = useRun();
  const m = useAssignReviewers(p.id);
  const [open, setOpen] = useState(false);
  const options = useReviewerOptions(open);
  const [ids, setIds] = useState<string[]>(
    p.reviews.filter((r) => r.stage === "expert").map((r) => r.reviewerId),
  );
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="project-assign">
        {t("project.detail.assign")}
      </Button>
      <Modal
        open={open}
        title={t("project.detail.assign")}
        onCancel={() => setOpen(false)}
        okButtonProps={{ loading: m.isPending, id: "project-assign-ok" }}
        onOk={() =>
          void run(() => m.mutateAsync({ version: p.version, reviewerIds: ids })).then(
            (ok) => ok && setOpen(false),
          )
        }
      >
        <Select
          mode="multiple"
          style={{ width: "100%" }}
          value={ids}
          onChange={setIds}
          loading={options.isPending}
          optionFilterProp="label"
          data-testid="project-assign-select"
          options={(options.data ?? []).map((o) => ({
            value: o.id,
            label: `${o.displayName}${o.organization ? t("project.units.paren", { text: o.organization }) : ""} · ${t("project.detail.openReviews", { n: o.openReviews })}`,
          }))}
        />
      </Modal>
    </>
  );
}
