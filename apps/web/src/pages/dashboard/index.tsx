import { BankOutlined, RiseOutlined, TrophyOutlined } from "@ant-design/icons";
import { Card, Col, Empty, Row, Skeleton, Statistic, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useEnterpriseStats } from "../../api/hooks";
import type { EnterpriseStats } from "../../api/types";
import Chart, { type ChartOption } from "../../charts/Chart";
import { QueryError } from "../../components/QueryError";

function districtOption(stats: EnterpriseStats, labels: { total: string; above: string }): ChartOption {
  const rows = stats.byDistrict;
  return {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 64 },
    xAxis: {
      type: "category",
      data: rows.map((r) => r.districtName),
      axisLabel: { interval: 0, rotate: rows.length > 8 ? 35 : 0 },
    },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: labels.total, type: "bar", data: rows.map((r) => r.total), itemStyle: { color: "#1658b8" } },
      {
        name: labels.above,
        type: "bar",
        data: rows.map((r) => r.aboveScale),
        itemStyle: { color: "#52c41a" },
      },
    ],
  };
}

function industryOption(stats: EnterpriseStats, label: string): ChartOption {
  const rows = [...stats.byIndustry].sort((a, b) => a.total - b.total);
  return {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: {
      type: "category",
      data: rows.map((r) => `${r.industryCode} ${r.industryName}`),
      axisLabel: { width: 220, overflow: "truncate" },
    },
    series: [{ name: label, type: "bar", data: rows.map((r) => r.total), itemStyle: { color: "#faad14" } }],
  };
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const stats = useEnterpriseStats();
  const data = stats.data;

  const charts = useMemo(() => {
    if (!data) return null;
    return {
      district: districtOption(data, {
        total: t("dashboard.seriesTotal"),
        above: t("dashboard.seriesAboveScale"),
      }),
      industry: industryOption(data, t("dashboard.seriesTotal")),
      industryHeight: Math.max(320, data.byIndustry.length * 24 + 40),
    };
  }, [data, t]);

  const cards = [
    {
      key: "total",
      title: t("dashboard.total"),
      value: data?.total,
      icon: <BankOutlined />,
      color: "#1658b8",
    },
    {
      key: "above",
      title: t("dashboard.aboveScale"),
      value: data?.aboveScale,
      icon: <RiseOutlined />,
      color: "#52c41a",
    },
    {
      key: "srdi",
      title: t("dashboard.srdi"),
      value: data?.srdi,
      icon: <TrophyOutlined />,
      color: "#faad14",
    },
  ];

  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("dashboard.title")}
      </Typography.Title>
      {stats.isError ? <QueryError error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      <Row gutter={[16, 16]}>
        {cards.map((c) => (
          <Col xs={24} md={8} key={c.key}>
            <Card data-testid={`stat-${c.key}`}>
              <Statistic
                title={c.title}
                value={c.value ?? 0}
                loading={stats.isPending}
                prefix={<span style={{ color: c.color }}>{c.icon}</span>}
                suffix={t("dashboard.unit")}
              />
            </Card>
          </Col>
        ))}
        <Col xs={24} xl={12}>
          <Card title={t("dashboard.byDistrict")}>
            {stats.isPending ? (
              <Skeleton active />
            ) : charts && data && data.byDistrict.length > 0 ? (
              <Chart option={charts.district} style={{ height: 420 }} />
            ) : (
              <Empty description={t("common.empty")} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t("dashboard.byIndustry")}>
            {stats.isPending ? (
              <Skeleton active />
            ) : charts && data && data.byIndustry.length > 0 ? (
              <Chart option={charts.industry} style={{ height: charts.industryHeight }} />
            ) : (
              <Empty description={t("common.empty")} />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
