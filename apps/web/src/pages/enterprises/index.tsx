import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { downloadFile, errorMessage } from "../../api/client";
import { useEnterpriseList } from "../../api/hooks";
import { QueryError } from "../../components/QueryError";
import { EnterpriseFilters } from "./components/EnterpriseFilters";
import { EnterpriseTable } from "./components/EnterpriseTable";
import { exportQuery, useEnterpriseListParams } from "./useListParams";

export default function EnterpriseListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { params, update, reset } = useEnterpriseListParams();
  const list = useEnterpriseList(params);
  const [exporting, setExporting] = useState(false);

  const onExport = async () => {
    setExporting(true);
    try {
      await downloadFile("/api/enterprises/export", { ...exportQuery(params) }, "企业库导出.xlsx");
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
          {t("enterprise.listTitle")}
        </Typography.Title>
        <Space>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void onExport()}
            data-testid="enterprise-export"
          >
            {t("common.exportExcel")}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate("/enterprises/new")}
            data-testid="enterprise-new"
          >
            {t("enterprise.newEnterprise")}
          </Button>
        </Space>
      </Space>
      <EnterpriseFilters params={params} onChange={update} onReset={reset} />
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <EnterpriseTable params={params} data={list.data} loading={list.isFetching} onChange={update} />
    </Card>
  );
}
