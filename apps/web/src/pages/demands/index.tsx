import { ExperimentOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Select, Space, Table, Tabs, Tag, Typography } from "antd";
import { lazy, Suspense, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { type Funnel, useDemandList, useFunnel } from "../../api/demands";
import { useCurrentUser } from "../../auth/context";
import type { ChartOption } from "../../charts/Chart";
import {
  CreateButton,
  ExportButton,
  FilterBar,
  filter,
  listSpec,
  param,
  useListParams,
} from "../../components/list";
import { QueryError } from "../../components/QueryError";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { useSceneOptions } from "../solutions/components";
import { DemandTable, FromAssessmentModal, PostDemandModal } from "./components";

const Chart = lazy(() => import("../../charts/Chart"));
const STATUSES = ["open", "matched", "closed"] as const;
const DEMAND_LIST = listSpec({
  filters: {
    q: param.text,
    status: param.oneOf(STATUSES),
    source: param.oneOf(["posted", "assessment"] as const),
    districtCode: param.district,
    sceneId: param.text,
  },
  sort: { keys: ["createdAt", "budget", "updatedAt"] as const, default: "createdAt", order: "desc" },
});

function DemandList() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const ref = useReferenceOptions();
  const scenes = useSceneOptions();
  const list = useListParams(DEMAND_LIST);
  const query = useDemandList(list.params);
  const staff = me.role === "city_admin" || me.role === "district_admin";
  return (
    <>
      <FilterBar
        list={list}
        items={[
          me.role !== "enterprise" &&
            filter.search(t("matching.demand.searchPlaceholder"), 220, {
              button: true,
              testId: "demand-search",
            }),
          filter.oneOf("status", t("matching.common.status"), 120, STATUSES, (s) =>
            t(`matching.demand.statuses.${s}`),
          ),
          filter.oneOf("source", t("matching.demand.source"), 140, ["posted", "assessment"] as const, (s) =>
            t(`matching.demand.sources.${s}`),
          ),
          {
            kind: "select",
            key: "sceneId",
            searchable: true,
            placeholder: t("matching.demand.scenes"),
            width: 200,
            options: scenes.options,
          },
          me.role === "city_admin" &&
            filter.district(t("matching.common.district"), 140, ref.districtOptions),
          me.role === "district_admin" && (
            <Tag key="district" color="blue">
              {t("matching.common.district")}：{me.districtName}
            </Tag>
          ),
        ]}
        extra={
          staff ? (
            <ExportButton
              path="/api/demands/export"
              query={list.params}
              fileName={t("matching.demand.exportName")}
              testId="demand-export"
              label={t("matching.common.export")}
            />
          ) : null
        }
      />
      {me.role === "provider" && query.data?.total === 0 ? (
        <Empty description={t("matching.demand.providerEmpty")} />
      ) : (
        <DemandTable list={list} query={query} />
      )}
    </>
  );
}

export function FunnelView() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const ref = useReferenceOptions();
  const [districtCode, setDistrictCode] = useState<string>();
  const f = useFunnel({ districtCode });
  const option = useMemo<ChartOption | null>(() => {
    const data: Funnel | undefined = f.data;
    if (!data) return null;
    const keys = ["demands", "shortlisted", "contacted", "contracted"] as const;
    return {
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 40, bottom: 60 },
      xAxis: { type: "category", data: data.rows.map((r) => r.districtName), axisLabel: { rotate: 30 } },
      yAxis: { type: "value", minInterval: 1 },
      series: keys.map((k) => ({
        type: "bar" as const,
        barMaxWidth: 48,
        name: t(`matching.demand.funnel.${k}`),
        data: data.rows.map((r) => r[k]),
      })),
    };
  }, [f.data, t]);
  if (f.isError) return <QueryError error={f.error} onRetry={() => void f.refetch()} />;
  const rows = f.data ? [...f.data.rows, { ...f.data.total, districtName: t("matching.demand.city") }] : [];
  const pct = (a: number, b: number) => (b ? `${Math.round((a / b) * 100)}%` : "—");
  return (
    <div data-testid="demand-funnel">
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text strong>{t("matching.demand.funnelTitle")}</Typography.Text>
        {me.role === "city_admin" ? (
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("matching.common.district")}
            style={{ width: 140 }}
            options={ref.districtOptions}
            value={districtCode}
            onChange={setDistrictCode}
          />
        ) : null}
      </Space>
      {option ? (
        <Suspense fallback={null}>
          <Chart option={option} style={{ height: 320 }} />
        </Suspense>
      ) : null}
      <Table
        rowKey="districtName"
        size="small"
        pagination={false}
        loading={f.isFetching}
        dataSource={rows}
        columns={[
          { key: "d", title: t("matching.common.district"), dataIndex: "districtName" },
          { key: "n", title: t("matching.demand.funnel.demands"), dataIndex: "demands" },
          {
            key: "s",
            title: t("matching.demand.funnel.shortlisted"),
            render: (_: unknown, r) => `${r.shortlisted}（${pct(r.shortlisted, r.demands)}）`,
          },
          {
            key: "c",
            title: t("matching.demand.funnel.contacted"),
            render: (_: unknown, r) => `${r.contacted}（${pct(r.contacted, r.demands)}）`,
          },
          {
            key: "k",
            title: t("matching.demand.funnel.contracted"),
            render: (_: unknown, r) => `${r.contracted}（${pct(r.contracted, r.demands)}）`,
          },
        ]}
      />
    </div>
  );
}

/** 需求对接: enterprises post and follow demands; providers see matched ones; the bureau the funnel. */
export default function DemandsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [sp, setSp] = useSearchParams();
  const [modal, setModal] = useState<"post" | "assess" | null>(null);
  const staff = me.role === "city_admin" || me.role === "district_admin";
  const tab = staff && sp.get("tab") === "funnel" ? "funnel" : "list";
  return (
    <Card>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 8 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("matching.demand.title")}
        </Typography.Title>
        {me.role === "enterprise" ? (
          <Space>
            <Button
              icon={<ExperimentOutlined />}
              onClick={() => setModal("assess")}
              data-testid="demand-from-assessment"
            >
              {t("matching.demand.fromAssessment")}
            </Button>
            <CreateButton onClick={() => setModal("post")} testId="demand-post">
              {t("matching.demand.post")}
            </CreateButton>
          </Space>
        ) : null}
      </Space>
      {staff ? (
        <Tabs
          activeKey={tab}
          onChange={(k) =>
            setSp(k === "funnel" ? new URLSearchParams({ tab: "funnel" }) : new URLSearchParams())
          }
          items={[
            {
              key: "list",
              label: t("matching.demand.tabs.list"),
              children: tab === "list" ? <DemandList /> : null,
            },
            {
              key: "funnel",
              label: t("matching.demand.tabs.funnel"),
              children: tab === "funnel" ? <FunnelView /> : null,
            },
          ]}
        />
      ) : (
        <div style={{ marginTop: 16 }}>
          <DemandList />
        </div>
      )}
      {modal === "post" ? <PostDemandModal onClose={() => setModal(null)} /> : null}
      {modal === "assess" ? <FromAssessmentModal onClose={() => setModal(null)} /> : null}
    </Card>
  );
}
