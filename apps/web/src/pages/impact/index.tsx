import { Card, Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { CohortTab } from "./components/CohortTab";
import { CoverageTab } from "./components/CoverageTab";

/**
 * 成效分析 (city and district staff): diagnosis coverage of 规上 enterprises against the yearly
 * target, and re-assessment cohorts (average T0 → T1 change per district / diagnosing provider).
 * Filters live in the URL, so reload and back keep them; the server scopes district staff.
 */
export default function ImpactPage() {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const tab = sp.get("tab") === "cohorts" ? "cohorts" : "coverage";
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("impact.title")}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={(key) =>
          setSp(key === "cohorts" ? new URLSearchParams({ tab: "cohorts" }) : new URLSearchParams())
        }
        items={[
          {
            key: "coverage",
            label: <span data-testid="impact-tab-coverage">{t("impact.tabs.coverage")}</span>,
            children: <CoverageTab />,
          },
          {
            key: "cohorts",
            label: <span data-testid="impact-tab-cohorts">{t("impact.tabs.cohorts")}</span>,
            children: <CohortTab />,
          },
        ]}
      />
    </Card>
  );
}
