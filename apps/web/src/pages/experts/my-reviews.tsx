import type { DrawPurpose } from "@dxcenter/domain";
import { App, Button, Card, Input, Modal, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../api/client";
import {
  type AssignmentRow,
  type InvitationAnswer,
  useAnswerInvitation,
  useMyAssignments,
} from "../../api/experts";
import { filter, ListView, listSpec, param, useListParams } from "../../components/list";
import { formatDateTime } from "../../utils/format";
import { MyAvailabilityCard } from "./availability";
import { subjectPath } from "./draw";

const STATUSES = ["invited", "accepted", "declined"] as const;
const ASSIGNMENT_LIST = listSpec({
  filters: { status: param.oneOf(STATUSES) },
  sort: { keys: ["createdAt"] as const, default: "createdAt", order: "desc" },
});

/** 我的评审任务: an expert's own invitations (accept / decline) and the sheets to score. */
export default function MyReviewsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useListParams(ASSIGNMENT_LIST);
  const query = useMyAssignments(list.params);
  const act = useAnswerInvitation();
  const [declining, setDeclining] = useState<AssignmentRow | null>(null);
  const [reason, setReason] = useState("");
  const run = async (answer: InvitationAnswer, ok: string) => {
    try {
      void message.success((await act.mutateAsync(answer)) ?? ok);
      void query.refetch();
      return true;
    } catch (e) {
      void message.error(errorMessage(e));
      return false;
    }
  };
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("pool.myReviews.title")}
      </Typography.Title>
      <MyAvailabilityCard />
      <ListView
        list={list}
        filterMargin={12}
        resettable={false}
        filters={[
          filter.oneOf("status", t("pool.myReviews.statusFilter"), 120, STATUSES, (value) =>
            t(`draw.answers.${value}`),
          ),
        ]}
        size="large"
        query={query}
        columns={[
          {
            key: "createdAt",
            title: t("pool.myReviews.invitedAt"),
            dataIndex: "createdAt",
            render: formatDateTime,
          },
          {
            key: "purpose",
            title: t("pool.myReviews.purpose"),
            dataIndex: "purpose",
            render: (v: DrawPurpose) => t(`draw.purposes.${v}`),
          },
          {
            key: "subject",
            title: t("pool.myReviews.subject"),
            dataIndex: "subjectLabel",
            render: (v: string, r) =>
              r.purpose === "pool_review" ? v : <Link to={subjectPath(r.purpose, r.subjectId)}>{v}</Link>,
          },
          {
            key: "round",
            title: t("pool.myReviews.round"),
            dataIndex: "round",
            render: (r: number) => (r ? t("draw.redrawRound", { n: r }) : t("draw.firstRound")),
          },
          {
            key: "status",
            title: t("pool.myReviews.status"),
            dataIndex: "status",
            render: (s: (typeof STATUSES)[number]) => <Tag>{t(`draw.answers.${s}`)}</Tag>,
          },
          {
            key: "scored",
            title: t("pool.myReviews.scored"),
            dataIndex: "scored",
            render: (v: boolean) => (v ? t("pool.myReviews.submitted") : "—"),
          },
          {
            key: "action",
            title: t("pool.myReviews.action"),
            render: (_: unknown, r) => (
              <Space>
                {r.answerable ? (
                  <>
                    <Button
                      size="small"
                      type="primary"
                      loading={act.isPending}
                      data-testid="invite-accept"
                      onClick={() => void run({ id: r.id }, t("pool.myReviews.accepted"))}
                    >
                      {t("pool.myReviews.accept")}
                    </Button>
                    <Button size="small" data-testid="invite-decline" onClick={() => setDeclining(r)}>
                      {t("pool.myReviews.decline")}
                    </Button>
                  </>
                ) : null}
                {r.status === "accepted" && r.purpose === "pool_review" ? (
                  <Link to={`/pool-review/${r.subjectId}`} data-testid="invite-score">
                    {r.scored ? t("pool.myReviews.editSheet") : t("pool.myReviews.fillSheet")}
                  </Link>
                ) : null}
                {r.status !== "declined" && r.purpose !== "pool_review" ? (
                  <Link to={subjectPath(r.purpose, r.subjectId)} data-testid="invite-open">
                    {r.purpose === "project_review"
                      ? r.scored
                        ? t("pool.myReviews.viewScores")
                        : t("pool.myReviews.score")
                      : t("pool.myReviews.viewDiagnosis")}
                  </Link>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!declining}
        title={t("pool.myReviews.declineTitle")}
        okText={t("pool.myReviews.declineOk")}
        okButtonProps={{ disabled: reason.trim().length < 2, loading: act.isPending }}
        onCancel={() => setDeclining(null)}
        onOk={async () => {
          if (
            declining &&
            (await run({ id: declining.id, decline: { reason } }, t("pool.myReviews.declined")))
          )
            setDeclining(null);
        }}
      >
        <Typography.Paragraph type="secondary">{t("pool.myReviews.declineHint")}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          placeholder={t("pool.myReviews.declinePlaceholder")}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </Card>
  );
}
