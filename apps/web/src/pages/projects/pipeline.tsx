import { PROJECT_STATUSES, type ProjectStatus } from "@dxcenter/domain";
import { Card, Col, Row, Select, Space, Statistic, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { usePipeline } from "../../api/projects";
import { useCurrentUser } from "../../auth/context";
import Chart from "../../charts/Chart";
import { DetailTable } from "../../components/DetailTable";
import { QueryError } from "../../components/QueryError";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { wan, wanNumber } from "../../utils/format";

/** 项目储备与建设统计: planned / completed 技改投资 by year (vs 2023, target +25 %) and by status. */
export default function PipelinePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const refs = useReferenceOptions();
  const [district, setDistrict] = useState<string | undefined>();
  const q = usePipeline(me.role === "city_admin" ? district : undefined);
  const s = q.data;
  const years = s?.years ?? [];
  const target = s ? (years.find((y) => y.year === s.baseYear)?.plannedFen ?? 0) : 0;
  const cellYears = [...new Set((s?.cells ?? []).map((c) => c.year))].sort();
  return (
    <Card>
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("project.pipeline.title")}
          {s?.districtName
            ? ` · ${s.districtName}`
            : me.role === "city_admin"
              ? ` · ${t("project.pipeline.allCity")}`
              : ""}
        </Typography.Title>
        {me.role === "city_admin" ? (
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t("project.pipeline.allCity")}
            style={{ width: 180 }}
            value={district}
            onChange={setDistrict}
            options={refs.districtOptions}
          />
        ) : null}
      </Space>
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Row gutter={16} style={{ margin: "16px 0" }}>
        <Col span={4}>
          <Statistic
            title={t("project.pipeline.count")}
            value={s?.totals.count ?? 0}
            data-testid="pipeline-count"
          />
        </Col>
        <Col span={5}>
          <Statistic title={t("project.pipeline.planned")} value={wan(s?.totals.plannedFen ?? 0)} />
        </Col>
        <Col span={5}>
          <Statistic title={t("project.pipeline.completed")} value={wan(s?.totals.completedFen ?? 0)} />
        </Col>
        <Col span={5}>
          <Statistic title={t("project.pipeline.approved")} value={wan(s?.totals.approvedFen ?? 0)} />
        </Col>
        <Col span={5}>
          <Statistic title={t("project.pipeline.paid")} value={wan(s?.totals.paidFen ?? 0)} />
        </Col>
      </Row>
      <Card
        size="small"
        title={t("project.pipeline.byYear")}
        extra={s ? t("project.pipeline.target", { year: s.baseYear, pct: s.targetGrowthPercent }) : null}
      >
        <Chart
          style={{ height: 320 }}
          option={{
            tooltip: { trigger: "axis" },
            legend: {
              top: 0,
              data: [
                t("project.pipeline.planned"),
                t("project.pipeline.completed"),
                `${s?.baseYear ?? 2023} × 125%`,
              ],
            },
            grid: { left: 70, right: 30, top: 40, bottom: 30 },
            xAxis: { type: "category", data: years.map((y) => String(y.year)) },
            yAxis: { type: "value", name: t("project.units.wan") },
            series: [
              {
                name: t("project.pipeline.planned"),
                type: "bar",
                data: years.map((y) => wanNumber(y.plannedFen)),
              },
              {
                name: t("project.pipeline.completed"),
                type: "bar",
                data: years.map((y) => wanNumber(y.completedFen)),
              },
              {
                name: `${s?.baseYear ?? 2023} × 125%`,
                type: "line",
                symbol: "none",
                lineStyle: { type: "dashed" },
                data: years.map(() =>
                  wanNumber(Math.round((target * (100 + (s?.targetGrowthPercent ?? 25))) / 100)),
                ),
              },
            ],
          }}
        />
        <DetailTable
          rowKey="year"
          dataSource={years}
          data-testid="pipeline-years"
          columns={[
            { title: t("project.year"), dataIndex: "year" },
            { title: t("project.pipeline.count"), dataIndex: "count" },
            {
              title: t("project.pipeline.planned"),
              dataIndex: "plannedFen",
              align: "right",
              render: (v: number) => wan(v),
            },
            {
              title: t("project.pipeline.completed"),
              dataIndex: "completedFen",
              align: "right",
              render: (v: number) => wan(v),
            },
            {
              title: t("project.pipeline.vsBase", { year: s?.baseYear ?? 2023 }),
              dataIndex: "vsBasePercent",
              align: "right",
              render: (v: string | null) =>
                v === null ? (
                  "—"
                ) : (
                  <Typography.Text
                    type={Number(v) >= 100 + (s?.targetGrowthPercent ?? 25) ? "success" : undefined}
                  >
                    {v}%
                  </Typography.Text>
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t("project.pipeline.byStatus")} style={{ marginTop: 12 }}>
        <DetailTable
          rowKey="status"
          scroll={{ x: 900 }}
          dataSource={PROJECT_STATUSES.map((st) => ({ status: st }))}
          columns={[
            {
              title: t("project.columns.status"),
              dataIndex: "status",
              fixed: "left",
              width: 110,
              render: (v: ProjectStatus) => t(`project.statuses.${v}`),
            },
            ...cellYears.map((y) => ({
              title: String(y),
              key: String(y),
              render: (_v: unknown, r: { status: ProjectStatus }) => {
                const c = s?.cells.find((x) => x.year === y && x.status === r.status);
                return c ? t("project.pipeline.cell", { count: c.count, amount: wan(c.plannedFen) }) : "";
              },
            })),
          ]}
        />
      </Card>
    </Card>
  );
}
