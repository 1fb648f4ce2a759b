import { FileZipOutlined } from "@ant-design/icons";
import { Button, Card, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAssessmentList } from "../../api/assessments";
import { useCurrentUser } from "../../auth/context";
import { CreateButton, ExportButton, ListHeader, useListParams } from "../../components/list";
import { AssessmentFilters } from "./components/AssessmentFilters";
import { AssessmentTable } from "./components/AssessmentTable";
import { BatchReportModal } from "./components/BatchReportModal";
import { NewAssessmentModal } from "./components/NewAssessmentModal";
import { ASSESSMENT_LIST } from "./listSpec";

/** 评估诊断: self-assessments in the user's scope (city: all, district: its district, enterprise: itself). */
export default function AssessmentListPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const list = useListParams(ASSESSMENT_LIST);
  const query = useAssessmentList(list.params);
  const [creating, setCreating] = useState(false);
  const [batchOpen, setBatchOpen] = useState(false);
  const canBatch = me.role === "city_admin" || me.role === "district_admin";
  const canCreate = me.role !== "enterprise" || !!me.enterpriseId;

  return (
    <Card>
      <ListHeader
        title={t("assessment.listTitle")}
        actions={
          <Space>
            <ExportButton
              path="/api/assessments/export"
              query={list.params}
              fileName={t("assessment.exportName")}
              testId="assessment-export"
            />
            {canBatch ? (
              <Button
                icon={<FileZipOutlined />}
                onClick={() => setBatchOpen(true)}
                data-testid="batch-report-open"
              >
                {t("report.batchButton")}
              </Button>
            ) : null}
            {canCreate ? (
              <CreateButton onClick={() => setCreating(true)} testId="assessment-new">
                {t("assessment.newAssessment")}
              </CreateButton>
            ) : null}
          </Space>
        }
      />
      <AssessmentFilters list={list} />
      <AssessmentTable list={list} query={query} />
      {creating ? <NewAssessmentModal onClose={() => setCreating(false)} /> : null}
      {batchOpen ? <BatchReportModal onClose={() => setBatchOpen(false)} /> : null}
    </Card>
  );
}
