import { Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ProjectDetail } from "../../../api/projects";
import { DetailTable } from "../../../components/DetailTable";
import { formatDateTime } from "../../../utils/format";

type Review = ProjectDetail["reviews"][number];

/**
 * A review's decision in words: 区级初审 approve/return/reject, 市级审定 立项/不予立项, 竣工验收
 * accept/rectify; an expert's sheet shows its points.
 */
function DecisionCell({ r }: { r: Review }) {
  const { t } = useTranslation();
  if (r.stage === "expert")
    return r.total === null ? (
      <Tag>{t("project.detail.toScore")}</Tag>
    ) : (
      <Tag color="blue">{t("project.detail.points", { n: r.total })}</Tag>
    );
  if (r.decision === null) return <>—</>;
  if (r.stage === "city" && (r.decision === "approve" || r.decision === "reject"))
    return <>{t(`project.detail.${r.decision}`)}</>;
  return <>{t(`project.decisions.${r.decision}`)}</>;
}

/** 评审: one row per review (区级初审, each expert's sheet, 市级审定, 竣工验收). */
export function Reviews({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  const rows = p.reviews;
  if (!rows.length) return <Typography.Text type="secondary">{t("project.detail.none")}</Typography.Text>;
  return (
    <DetailTable<Review>
      rowKey="id"
      dataSource={rows}
      data-testid="project-reviews"
      columns={[
        {
          title: "",
          dataIndex: "stage",
          width: 100,
          // 竣工验收 decisions are stored under the deciding bureau's stage; show them as 竣工验收.
          render: (_v, r) =>
            r.decision === "accept" || r.decision === "rectify"
              ? t("project.detail.accept")
              : t(`project.stages.${r.stage}`),
        },
        {
          title: t("project.detail.reviewers"),
          dataIndex: "reviewerName",
          width: 160,
          render: (_v, r) => (
            <>
              {`${r.reviewerName}${r.reviewerOrganization ? t("project.units.paren", { text: r.reviewerOrganization }) : ""}`}
              {r.drawn ? (
                <Tag color="purple" style={{ marginInlineStart: 4 }} data-testid="review-drawn">
                  {t("draw.drawn")}
                </Tag>
              ) : null}
            </>
          ),
        },
        {
          title: t("project.detail.decision"),
          dataIndex: "decision",
          width: 140,
          render: (_v, r) => <DecisionCell r={r} />,
        },
        { title: t("project.detail.opinion"), dataIndex: "opinion", render: (_v, r) => r.opinion ?? "—" },
        { title: "", dataIndex: "submittedAt", width: 160, render: (_v, r) => formatDateTime(r.submittedAt) },
      ]}
    />
  );
}
