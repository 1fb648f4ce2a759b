import { Card, Tabs } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useDiagnosisList } from "../../api/diagnoses";
import { useCurrentUser } from "../../auth/context";
import { CreateButton, ExportButton, ListHeader, useListParams } from "../../components/list";
import { DiagnosisFilters } from "./components/DiagnosisFilters";
import { DiagnosisTable } from "./components/DiagnosisTable";
import { PlansTab } from "./components/PlansTab";
import { RequestDiagnosisModal } from "./components/RequestDiagnosisModal";
import { DIAGNOSIS_LIST } from "./listSpec";

function DiagnosisList() {
  const { t } = useTranslation();
  const list = useListParams(DIAGNOSIS_LIST);
  const query = useDiagnosisList(list.params);
  return (
    <>
      <DiagnosisFilters
        list={list}
        extra={
          <ExportButton
            path="/api/diagnoses/export"
            query={list.params}
            fileName={t("diagnosis.exportName")}
            testId="diagnosis-export"
          />
        }
      />
      <DiagnosisTable list={list} query={query} />
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
      <ListHeader
        title={t("diagnosis.title")}
        marginBottom={8}
        actions={
          canRequest ? (
            <CreateButton onClick={() => setRequesting(true)} testId="diagnosis-request">
              {t("diagnosis.request")}
            </CreateButton>
          ) : null
        }
      />
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
