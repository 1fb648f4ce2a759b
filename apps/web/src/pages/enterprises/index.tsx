import { Card, Space } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useEnterpriseList } from "../../api/hooks";
import { CreateButton, ExportButton, ListHeader, useListParams } from "../../components/list";
import { EnterpriseFilters } from "./components/EnterpriseFilters";
import { EnterpriseTable } from "./components/EnterpriseTable";
import { ENTERPRISE_LIST } from "./listSpec";

export default function EnterpriseListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useListParams(ENTERPRISE_LIST);
  const query = useEnterpriseList(list.params);

  return (
    <Card>
      <ListHeader
        title={t("enterprise.listTitle")}
        actions={
          <Space>
            <ExportButton
              path="/api/enterprises/export"
              query={list.params}
              fileName="企业库导出.xlsx"
              testId="enterprise-export"
            />
            <CreateButton onClick={() => navigate("/enterprises/new")} testId="enterprise-new">
              {t("enterprise.newEnterprise")}
            </CreateButton>
          </Space>
        }
      />
      <EnterpriseFilters list={list} />
      <EnterpriseTable list={list} query={query} />
    </Card>
  );
}
