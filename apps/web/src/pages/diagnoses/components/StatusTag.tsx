import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { DiagnosisStatus } from "../../../api/diagnoses";

export const STATUS_COLORS: Record<DiagnosisStatus, string> = {
  requested: "gold",
  scheduled: "blue",
  in_progress: "processing",
  verified: "purple",
  closed: "green",
  cancelled: "default",
};

export function DiagnosisStatusTag({ status, overdue }: { status: DiagnosisStatus; overdue?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={STATUS_COLORS[status]} data-testid="diagnosis-status">
        {t(`diagnosis.status.${status}`)}
      </Tag>
      {overdue ? (
        <Tag color="red" data-testid="diagnosis-overdue">
          {t("diagnosis.overdue")}
        </Tag>
      ) : null}
    </>
  );
}

export function TeamNames({
  team,
}: {
  team: {
    userId: string;
    displayName: string;
    organization: string | null;
    lead: boolean;
    drawn?: boolean;
  }[];
}) {
  const { t } = useTranslation();
  if (team.length === 0) return <span style={{ color: "#999" }}>{t("diagnosis.noTeam")}</span>;
  // One member per line; the lead first (the API orders it so) and marked.
  return (
    <span>
      {team.map((m) => (
        <div key={m.userId} style={{ whiteSpace: "nowrap" }}>
          {m.displayName}
          {m.organization ? <span style={{ color: "#8c8c8c" }}>（{m.organization}）</span> : null}
          {m.lead ? (
            <Tag color="blue" style={{ marginInlineStart: 4 }}>
              {t("diagnosis.lead")}
            </Tag>
          ) : null}
          {m.drawn ? (
            <Tag color="purple" style={{ marginInlineStart: 4 }} data-testid="team-drawn">
              {t("draw.drawn")}
            </Tag>
          ) : null}
        </div>
      ))}
    </span>
  );
}
