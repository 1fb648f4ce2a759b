import { ArrowLeftOutlined, EditOutlined } from "@ant-design/icons";
import { Button, Card, Skeleton, Space, Tabs, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { useEnterprise } from "../../api/hooks";
import { REGISTRY_ROLES, useCurrentUser } from "../../auth/context";
import { QueryError } from "../../components/QueryError";
import { EnterpriseDemands } from "../demands/EnterpriseDemands";
import { EnterprisePolicyTab } from "../policies/EnterprisePolicyTab";
import { EnterpriseProjectsTab } from "../projects/EnterpriseProjectsTab";
import { LadderTab } from "../tiers/LadderTab";
import { AssessmentsTab } from "./components/AssessmentsTab";
import { BasicInfo } from "./components/BasicInfo";
import { BenchmarkTab } from "./components/BenchmarkTab";
import { DigitalTab } from "./components/DigitalTab";
import { OperationTab } from "./components/OperationTab";

const TABS = [
  "basic",
  "operation",
  "digital",
  "assessment",
  "matching",
  "projects",
  "policy",
  "benchmark",
  "tiers",
] as const;

export default function EnterpriseDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const q = useEnterprise(id);
  // The open tab is in the URL (?tab=projects), so a link or a reload lands on it.
  const [search, setSearch] = useSearchParams();
  const asked = search.get("tab");
  // An enterprise's 我的企业 opens on 我的指标 (its own tab, first); the bureaus' 指标对比 comes last.
  const ownHome = me.role === "enterprise";
  const home = ownHome ? "benchmark" : "basic";
  const tab = TABS.find((k) => k === asked) ?? home;

  if (q.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const e = q.data;
  const canList = REGISTRY_ROLES.includes(me.role);
  // Back to the filtered list when we came from it; to the list itself after a direct visit.
  const goBack = () => {
    const idx: unknown = (window.history.state as { idx?: unknown } | null)?.idx;
    if (typeof idx === "number" && idx > 0) navigate(-1);
    else navigate("/enterprises");
  };

  const benchmark = {
    key: "benchmark",
    label: t(ownHome ? "benchmark.tabOwn" : "benchmark.tabBureau"),
    children: <BenchmarkTab enterpriseId={e.id} />,
  };

  return (
    <Card>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 8 }} wrap>
        <Space align="center" wrap>
          {canList ? (
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={goBack} aria-label={t("common.back")} />
          ) : null}
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="enterprise-name">
            {e.name}
          </Typography.Title>
          {e.aboveScale ? <Tag color="green">{t("enterprise.filters.aboveScaleYes")}</Tag> : null}
          {e.srdiTier !== "none" ? <Tag color="gold">{t(`srdi.${e.srdiTier}`)}</Tag> : null}
        </Space>
        {e.permissions.update ? (
          <Button
            type="primary"
            icon={<EditOutlined />}
            onClick={() => navigate(`/enterprises/${e.id}/edit`)}
            data-testid="enterprise-edit"
          >
            {t("common.edit")}
          </Button>
        ) : null}
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => setSearch(k === home ? {} : { tab: k }, { replace: true })}
        items={[
          ...(ownHome ? [benchmark] : []),
          { key: "basic", label: t("enterprise.tabs.basic"), children: <BasicInfo e={e} /> },
          {
            key: "operation",
            label: t("enterprise.tabs.operation"),
            children: <OperationTab annual={e.annual} />,
          },
          { key: "digital", label: t("enterprise.tabs.digital"), children: <DigitalTab e={e} /> },
          {
            key: "assessment",
            label: t("enterprise.tabs.assessment"),
            children: <AssessmentsTab enterpriseId={e.id} />,
          },
          {
            key: "matching",
            label: t("enterprise.tabs.matching"),
            children: <EnterpriseDemands enterpriseId={e.id} />,
          },
          {
            key: "projects",
            label: t("enterprise.tabs.projects"),
            children: <EnterpriseProjectsTab enterpriseId={e.id} />,
          },
          {
            key: "policy",
            label: t("enterprise.tabs.policy"),
            children: <EnterprisePolicyTab enterpriseId={e.id} />,
          },
          { key: "tiers", label: t("tiers.ladder.tab"), children: <LadderTab enterpriseId={e.id} /> },
          ...(ownHome ? [] : [benchmark]),
        ]}
      />
    </Card>
  );
}
