import { DownloadOutlined, FileZipOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { downloadFile, errorMessage } from "../../api/client";
import { useAssessmentList } from "../../api/hooks";
import { useCurrentUser } from "../../auth/context";
import { QueryError } from "../../components/QueryError";
import { AssessmentFilters } from "./components/AssessmentFilters";
import { AssessmentTable } from "./components/AssessmentTable";
import { BatchReportModal } from "./components/BatchReportModal";
import { NewAssessmentModal } from "./components/NewAssessmentModal";
import { exportQuery, useAssessmentListParams } from "./useListParams";

/** 评估诊断: self-assessments in the user's scope (city: all, district: its district, enterprise: itself). */
export default function AssessmentListPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const { params, update, reset } = useAssessmentListParams();
  const list = useAssessmentList(params);
  const [exporting, setExporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const [batchOpen, setBatchOpen] = useState(false);
  const canBatch = me.role === "city_admin" || me.role === "district_admin";
  const canCreate = me.role !== "enterprise" || !!me.enterpriseId;

  const onExport = async () => {
    setExporting(true);
    try {
      await downloadFile("/api/assessments/export", { ...exportQuery(params) }, t("assessment.exportName"));
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("assessment.listTitle")}
        </Typography.Title>
        <Space>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void onExport()}
            data-testid="assessment-export"
          >
            {t("common.exportExcel")}
          </Button>
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
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="assessment-new"
            >
              {t("assessment.newAssessment")}
            </Button>
          ) : null}
        </Space>
      </Space>
      <AssessmentFilters params={params} onChange={update} onReset={reset} />
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <AssessmentTable params={params} data={list.data} loading={list.isFetching} onChange={update} />
      {creating ? <NewAssessmentModal onClose={() => setCreating(false)} /> : null}
      {batchOpen ? <BatchReportModal onClose={() => setBatchOpen(false)} /> : null}
    </Card>
  );
}
