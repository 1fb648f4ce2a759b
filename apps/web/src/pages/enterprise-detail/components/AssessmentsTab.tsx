import { MedicineBoxOutlined } from "@ant-design/icons";
import { Alert, Button, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type AssessmentListParams, useAssessmentList } from "../../../api/assessments";
import { type DiagnosisListParams, useDiagnosisList } from "../../../api/diagnoses";
import { useCurrentUser } from "../../../auth/context";
import { QueryError } from "../../../components/QueryError";
import { AssessmentTable } from "../../assessments/components/AssessmentTable";
import { DiagnosisTable } from "../../diagnoses/components/DiagnosisTable";
import { RequestDiagnosisModal } from "../../diagnoses/components/RequestDiagnosisModal";
import { EnterpriseImpact } from "../../impact/components/EnterpriseImpact";

const CLOSED = new Set(["closed", "cancelled"]);

/**
 * This enterprise's assessments (drafts and submitted, newest first), its T0 → T1 change and its
 * diagnosis service requests, with 申请诊断 right here for the enterprise itself and bureau staff.
 */
export function AssessmentsTab({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useState<AssessmentListParams>({
    enterpriseId,
    page: 1,
    pageSize: 10,
    sort: "updatedAt",
    order: "desc",
  });
  const list = useAssessmentList(params);
  // Diagnoses are the bureau's and the enterprise's business; team members reach theirs from /diagnoses.
  const seesDiagnoses =
    me.role === "city_admin" ||
    me.role === "district_admin" ||
    (me.role === "enterprise" && me.enterpriseId === enterpriseId);
  const [dParams, setDParams] = useState<DiagnosisListParams>({
    enterpriseId,
    page: 1,
    pageSize: 5,
    sort: "requestedAt",
    order: "desc",
  });
  const diagnoses = useDiagnosisList(dParams, seesDiagnoses);
  // At most one diagnosis is open at a time and nothing can be requested after it, so it is among
  // the newest: a fixed first page finds it whatever page of the table is shown.
  const newest = useDiagnosisList(
    { enterpriseId, page: 1, pageSize: 5, sort: "requestedAt", order: "desc" },
    seesDiagnoses,
  );
  const [requesting, setRequesting] = useState(false);
  const open = newest.data?.items.find((d) => !CLOSED.has(d.status));

  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle">
      <Space wrap>
        <Link to="/assessments">
          <Button data-testid="enterprise-assessments-link">{t("nav.assessments")}</Button>
        </Link>
        {seesDiagnoses && newest.isSuccess && !open ? (
          <Button
            type="primary"
            icon={<MedicineBoxOutlined />}
            onClick={() => setRequesting(true)}
            data-testid="enterprise-diagnosis-request"
          >
            {t("diagnosis.request")}
          </Button>
        ) : null}
      </Space>
      {open ? (
        <Alert
          type="info"
          showIcon
          data-testid="enterprise-open-diagnosis"
          title={t("diagnosis.openForEnterprise", { status: t(`diagnosis.status.${open.status}`) })}
          action={
            <Link to={`/diagnoses/${open.id}`}>
              <Button size="small">{t("diagnosis.openDetail")}</Button>
            </Link>
          }
        />
      ) : null}
      {/* T0 → T1 once the enterprise has two submitted assessments of an instrument. */}
      <EnterpriseImpact enterpriseId={enterpriseId} />
      <AssessmentTable
        list={{ params, update: (patch) => setParams((p) => ({ ...p, ...patch })) }}
        query={list}
      />
      {seesDiagnoses && (diagnoses.data?.total ?? 0) > 0 ? (
        <>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t("diagnosis.title")}
          </Typography.Title>
          <DiagnosisTable
            list={{ params: dParams, update: (patch) => setDParams((p) => ({ ...p, ...patch })) }}
            query={diagnoses}
          />
        </>
      ) : null}
      {requesting ? (
        <RequestDiagnosisModal enterpriseId={enterpriseId} onClose={() => setRequesting(false)} />
      ) : null}
    </Space>
  );
}
