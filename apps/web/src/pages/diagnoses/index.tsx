import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Space, Tabs, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { downloadFile, errorMessage } from "../../api/client";
import { useDiagnosisList } from "../../api/diagnoses";
import { useCurrentUser } from "../../auth/context";
import { QueryError } from "../../components/QueryError";
import { exportQuery } from "../../utils/urlListParams";
import { DiagnosisFilters } from "./components/DiagnosisFilters";
import { DiagnosisTable } from "./components/DiagnosisTable";
import { PlansTab } from "./components/PlansTab";
import { RequestDiagnosisModal } from "./components/RequestDiagnosisModal";
import { useDiagnosisListParams } from "./useListParams";

function DiagnosisList() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { params, update, reset } = useDiagnosisListParams();
  const list = useDiagnosisList(params);
  const [exporting, setExporting] = useState(false);
  const onExport = async () => {
    setExporting(true);
    try {
      await downloadFile("/api/diagnoses/export", { ...exportQuery(params) }, t("diagnosis.exportName"));
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };
  return (
    <>
      <Space style={{ width: "100%", justifyContent: "space-between" }} align="start" wrap>
        <DiagnosisFilters params={params} onChange={update} onReset={reset} />
        <Button
          icon={<DownloadOutlined />}
          loading={exporting}
          onClick={() => void onExport()}
          data-testid="diagnosis-export"
        >
          {t("common.exportExcel")}
        </Button>
      </Space>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <DiagnosisTable params={params} data={list.data} loading={list.isFetching} onChange={update} />
    </>
  );
}

/** 诊断服务: the diagnosis list for everyone in the workflow; plans for the bureau. */
export default function DiagnosisPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [sp, setSp] = useSearchParams();
  const [requesting, setRequesting] = useState(false);
  const bureau = me.role === "city_admin" || me.role === "district_admin";
  const canRequest = bureau || (me.role === "enterprise" && !!me.enterpriseId);
  const tab = bureau && sp.get("tab") === "plans" ? "plans" : "list";

  return (
    <Card>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 8 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("diagnosis.title")}
        </Typography.Title>
        {canRequest ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setRequesting(true)}
            data-testid="diagnosis-request"
          >
            {t("diagnosis.request")}
          </Button>
        ) : null}
      </Space>
      {bureau ? (
        <Tabs
          activeKey={tab}
          onChange={(k) =>
            setSp(k === "plans" ? new URLSearchParams({ tab: "plans" }) : new URLSearchParams())
          }
          items={[
            {
              key: "list",
              label: t("diagnosis.tabs.list"),
              children: tab === "list" ? <DiagnosisList /> : null,
            },
            {
              key: "plans",
              label: t("diagnosis.tabs.plans"),
              children: tab === "plans" ? <PlansTab /> : null,
            },
          ]}
        />
      ) : (
        <div style={{ marginTop: 16 }}>
          <DiagnosisList />
        </div>
      )}
      {requesting ? <RequestDiagnosisModal onClose={() => setRequesting(false)} /> : null}
    </Card>
  );
}
