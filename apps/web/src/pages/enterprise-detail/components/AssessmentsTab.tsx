import { Button, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAssessmentList } from "../../../api/hooks";
import type { AssessmentListParams } from "../../../api/types";
import { QueryError } from "../../../components/QueryError";
import { AssessmentTable } from "../../assessments/components/AssessmentTable";
import { EnterpriseImpact } from "../../impact/components/EnterpriseImpact";

/** This enterprise's assessments (drafts and submitted), newest first. */
export function AssessmentsTab({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useState<AssessmentListParams>({
    enterpriseId,
    page: 1,
    pageSize: 10,
    sort: "updatedAt",
    order: "desc",
  });
  const list = useAssessmentList(params);
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Link to="/assessments">
        <Button data-testid="enterprise-assessments-link">{t("nav.assessments")}</Button>
      </Link>
      {/* T0 → T1 once the enterprise has two submitted assessments of an instrument. */}
      <EnterpriseImpact enterpriseId={enterpriseId} />
      <AssessmentTable
        params={params}
        data={list.data}
        loading={list.isLoading}
        onChange={(patch) => setParams((p) => ({ ...p, ...patch }))}
      />
    </Space>
  );
}
