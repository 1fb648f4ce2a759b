import { Col, Empty, Row, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { AnnualFigures } from "../../../api/types";
import Chart, { type ChartOption } from "../../../charts/Chart";
import { DetailTable } from "../../../components/DetailTable";
import { formatInt, wan, wanNumber } from "../../../utils/format";

export function OperationTab({ annual }: { annual: AnnualFigures[] }) {
  const { t } = useTranslation();
  const rows = useMemo(() => [...annual].sort((a, b) => a.year - b.year), [annual]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 56, right: 56, top: 36, bottom: 28 },
      xAxis: { type: "category", data: rows.map((r) => String(r.year)) },
      yAxis: [
        { type: "value", name: t("enterprise.chartRevenue") },
        { type: "value", name: t("enterprise.chartEmployees"), minInterval: 1 },
      ],
      series: [
        {
          name: t("enterprise.chartRevenue"),
          type: "line",
          smooth: true,
          connectNulls: true,
          data: rows.map((r) => wanNumber(r.revenueFen)),
        },
        {
          name: t("enterprise.chartEmployees"),
          type: "line",
          yAxisIndex: 1,
          smooth: true,
          connectNulls: true,
          data: rows.map((r) => r.employees),
        },
      ],
    }),
    [rows, t],
  );

  if (rows.length === 0) return <Empty description={t("enterprise.annualEmpty")} />;
  const dash = <Typography.Text type="secondary">—</Typography.Text>;

  return (
    <Row gutter={[24, 16]}>
      <Col xs={24} lg={10}>
        <DetailTable<AnnualFigures>
          rowKey="year"
          dataSource={[...rows].reverse()}
          data-testid="annual-figures"
          columns={[
            { title: t("enterprise.fields.year"), dataIndex: "year", width: 90 },
            {
              title: t("enterprise.fields.revenueWan"),
              dataIndex: "revenueFen",
              align: "right",
              render: (v: number | null) => (v === null ? dash : wan(v)),
            },
            {
              title: t("enterprise.fields.employees"),
              dataIndex: "employees",
              align: "right",
              render: (v: number | null) => (v === null ? dash : formatInt(v)),
            },
          ]}
        />
      </Col>
      <Col xs={24} lg={14}>
        <Chart option={option} style={{ height: 300 }} />
      </Col>
    </Row>
  );
}
