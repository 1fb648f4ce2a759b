import { ArrowLeftOutlined } from "@ant-design/icons";
import type { ScoreResult } from "@dxcenter/domain";
import { Alert, Card, Space, Spin, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useAssessment, useInstrument } from "../../api/assessments";
import { isApiError } from "../../api/client";
import { QueryError } from "../../components/QueryError";
import { NotFound } from "../../components/StatusPages";
import { AssessmentEditor } from "./components/AssessmentEditor";
import { ResultView } from "./components/ResultView";

/** /assessments/:id — the draft form when the user may edit it, otherwise the result. */
export default function AssessmentDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const detail = useAssessment(id);
  const d = detail.data;
  const instrument = useInstrument(d?.instrumentId, d?.instrumentVersion);
  const [reloads, setReloads] = useState(0);

  if (detail.isError) {
    if (isApiError(detail.error) && detail.error.status === 404) return <NotFound />;
    return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  if (!d) {
    return (
      <div style={{ padding: 48, textAlign: "center" }}>
        <Spin />
      </div>
    );
  }

  const editable = d.status === "draft" && d.permissions.edit;
  const def = instrument.data;

  const onReload = () => {
    void detail.refetch().then(() => setReloads((n) => n + 1));
  };

  return (
    <div data-testid="assessment-detail">
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: "16px 24px" } }}>
        <Space orientation="vertical" size={4} style={{ width: "100%" }}>
          {d.diagnosisId ? (
            <Link to={`/diagnoses/${d.diagnosisId}`}>
              <ArrowLeftOutlined /> {t("diagnosis.backToDiagnosis")}
            </Link>
          ) : (
            <Link to="/assessments">
              <ArrowLeftOutlined /> {t("assessment.back")}
            </Link>
          )}
          <Space wrap align="center">
            <Typography.Title level={3} style={{ margin: 0 }}>
              {d.enterpriseName}
            </Typography.Title>
            <Tag color={d.status === "submitted" ? "green" : "orange"} data-testid="assessment-status">
              {t(`assessment.status.${d.status}`)}
            </Tag>
            {d.kind === "onsite" ? (
              <Tag color="purple" data-testid="assessment-kind">
                {t("diagnosis.kind.onsite")}
              </Tag>
            ) : null}
            {d.diagnosisId ? (
              <Link to={`/diagnoses/${d.diagnosisId}`} data-testid="assessment-diagnosis-link">
                {t("diagnosis.title")}
              </Link>
            ) : null}
          </Space>
          <Typography.Text type="secondary">
            {d.instrumentName}（{t("assessment.instrumentVersion", { version: d.instrumentVersion })}）·{" "}
            {d.districtName}
          </Typography.Text>
        </Space>
      </Card>
      {d.kind === "onsite" && editable ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("diagnosis.onsiteBanner")} />
      ) : null}
      {d.status === "draft" && !d.permissions.edit ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("assessment.draftReadOnly")} />
      ) : null}
      {editable ? (
        instrument.isError ? (
          <QueryError error={instrument.error} onRetry={() => void instrument.refetch()} />
        ) : def ? (
          <AssessmentEditor key={`${d.id}:${reloads}`} detail={d} def={def} onReload={onReload} />
        ) : (
          <div style={{ padding: 48, textAlign: "center" }}>
            <Spin />
          </div>
        )
      ) : (
        <ResultView detail={d} result={(d.result ?? null) as ScoreResult | null} />
      )}
    </div>
  );
}
