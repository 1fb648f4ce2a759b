import type { TableProps } from "antd";
import {
  Alert,
  Card,
  Col,
  Flex,
  Input,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
} from "antd";
import type { SortOrder } from "antd/es/table/interface";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import Chart, { type ChartOption } from "../../../charts/Chart";
import { DownloadButton } from "../../../components/DownloadButton";
import { pick, positiveInt } from "../../../components/list/useListParams";
import { QueryError } from "../../../components/QueryError";
import {
  type CoverageParams,
  type CoverageResponse,
  type CoverageRow,
  type CoverageSort,
  useCoverage,
} from "../api";
import { useUrlParams } from "../useUrlParams";
import { pct } from "./Delta";

const SORTS: readonly CoverageSort[] = ["district", "aboveScale", "diagnosed", "rate", "gap"];
const thisYear = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

const readCoverageParams = (sp: URLSearchParams): CoverageParams => ({
  year: positiveInt(sp.get("year"), thisYear(), 2100),
  q: sp.get("q") ?? undefined,
  sort: pick(sp.get("sort"), SORTS),
  order: pick(sp.get("order"), ["asc", "desc"] as const),
});

function chartOption(
  rows: CoverageRow[],
  labels: Record<"diagnosed" | "target" | "rate", string>,
): ChartOption {
  return {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0 },
    grid: { left: 48, right: 56, top: 36, bottom: 64 },
    xAxis: {
      type: "category",
      data: rows.map((r) => r.districtName),
      axisLabel: { interval: 0, rotate: rows.length > 8 ? 35 : 0 },
    },
    yAxis: [
      { type: "value", minInterval: 1 },
      { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
    ],
    series: [
      {
        name: labels.diagnosed,
        type: "bar",
        data: rows.map((r) => r.diagnosed),
        itemStyle: { color: "#1658b8" },
      },
      { name: labels.target, type: "bar", data: rows.map((r) => r.target), itemStyle: { color: "#faad14" } },
      {
        name: labels.rate,
        type: "line",
        yAxisIndex: 1,
        data: rows.map((r) => Math.round(r.rate * 1000) / 10),
        itemStyle: { color: "#52c41a" },
      },
    ],
  };
}

function CoverageProgress({ row }: { row: CoverageRow }) {
  const { t } = useTranslation();
  return (
    <Tooltip
      title={`${t("impact.coverage.rate")} ${pct(row.rate)} · ${t("impact.coverage.targetRate")} ${pct(row.targetRate)}`}
    >
      <div data-testid="coverage-progress" data-district={row.districtCode ?? "city"}>
        <Progress
          percent={Math.round(row.rate * 1000) / 10}
          status={row.onTrack ? "success" : "exception"}
          format={() => `${pct(row.rate)} / ${pct(row.targetRate)}`}
          size="small"
          style={{ width: 150, marginBottom: 0 }}
        />
      </div>
    </Tooltip>
  );
}

export function CoverageTab() {
  const { t } = useTranslation();
  const { params, update } = useUrlParams(readCoverageParams);
  const query = useCoverage(params);
  const data: CoverageResponse | undefined = query.data;
  const [search, setSearch] = useState(params.q ?? "");

  const years = useMemo(() => {
    const start = data?.plan.startYear ?? 2025;
    const end = data?.plan.endYear ?? 2029;
    const set = new Set<number>();
    for (let y = start - 1; y <= Math.max(end + 1, thisYear()); y++) set.add(y);
    if (params.year) set.add(params.year);
    return [...set].sort((a, b) => a - b);
  }, [data, params.year]);

  const option = useMemo(
    () =>
      data
        ? chartOption(data.rows, {
            diagnosed: t("impact.coverage.seriesDiagnosed"),
            target: t("impact.coverage.seriesTarget"),
            rate: t("impact.coverage.seriesRate"),
          })
        : null,
    [data, t],
  );

  const sortOrder = (key: CoverageSort): SortOrder =>
    (params.sort ?? "district") === key ? (params.order === "desc" ? "descend" : "ascend") : null;
  const columns: TableProps<CoverageRow>["columns"] = [
    {
      key: "district",
      title: t("impact.coverage.district"),
      dataIndex: "districtName",
      sorter: true,
      sortOrder: sortOrder("district"),
      width: 120,
    },
    {
      key: "aboveScale",
      title: t("impact.coverage.aboveScale"),
      dataIndex: "aboveScale",
      sorter: true,
      sortOrder: sortOrder("aboveScale"),
      align: "right",
    },
    {
      key: "baseline",
      title: t("impact.coverage.baseline"),
      dataIndex: "baseline",
      align: "right",
    },
    {
      key: "diagnosed",
      title: t("impact.coverage.diagnosed"),
      dataIndex: "diagnosed",
      sorter: true,
      sortOrder: sortOrder("diagnosed"),
      align: "right",
    },
    { key: "inYear", title: t("impact.coverage.inYear"), dataIndex: "diagnosedInYear", align: "right" },
    { key: "target", title: t("impact.coverage.target"), dataIndex: "target", align: "right" },
    {
      key: "rate",
      title: t("impact.coverage.progress"),
      sorter: true,
      sortOrder: sortOrder("rate"),
      render: (_: unknown, r) => <CoverageProgress row={r} />,
    },
    {
      key: "gap",
      title: t("impact.coverage.gap"),
      dataIndex: "gap",
      sorter: true,
      sortOrder: sortOrder("gap"),
      align: "right",
    },
    {
      key: "onTrack",
      title: t("impact.coverage.onTrack"),
      dataIndex: "onTrack",
      render: (v: boolean) =>
        v ? (
          <Tag color="success">{t("impact.coverage.onTrackYes")}</Tag>
        ) : (
          <Tag color="error">{t("impact.coverage.onTrackNo")}</Tag>
        ),
    },
  ];

  const onTable: TableProps<CoverageRow>["onChange"] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? (s.columnKey as CoverageSort) : undefined;
    update({
      sort: key && key !== "district" ? key : undefined,
      order: s?.order === "descend" ? "desc" : undefined,
    });
  };

  const summary = data?.city ?? (data?.rows.length === 1 ? data.rows[0] : undefined);

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      {data ? (
        <Alert
          type="info"
          showIcon
          data-testid="coverage-plan"
          title={t("impact.plan", {
            startYear: data.plan.startYear,
            endYear: data.plan.endYear,
            years: data.plan.years,
          })}
          description={
            <>
              <div>
                {t("impact.planSource")}：{data.plan.source}
              </div>
              <div>{t("impact.coverage.definition")}</div>
            </>
          }
        />
      ) : null}
      <Flex wrap gap="small" align="center">
        <span>{t("impact.year")}</span>
        <Select
          data-testid="coverage-year"
          value={params.year}
          style={{ width: 120 }}
          options={years.map((y) => ({ value: y, label: t("impact.yearOption", { year: y }) }))}
          onChange={(year) => update({ year })}
        />
        <Input.Search
          allowClear
          placeholder={t("impact.searchDistrict")}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          style={{ width: 200 }}
          data-testid="coverage-search"
        />
        <DownloadButton
          style={{ marginInlineStart: "auto" }}
          path="/api/impact/coverage/export"
          query={{ ...params }}
          fileName={t("impact.exportName")}
          testId="coverage-export"
        >
          {t("common.exportExcel")}
        </DownloadButton>
      </Flex>
      {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
      {summary ? (
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t("impact.coverage.aboveScale")} value={summary.aboveScale} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t("impact.coverage.diagnosed")} value={summary.diagnosed} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t("impact.coverage.target")} value={summary.target} />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small" data-testid="coverage-summary-rate">
              <Statistic
                title={`${t("impact.coverage.rate")} / ${t("impact.coverage.targetRate")}`}
                value={`${pct(summary.rate)} / ${pct(summary.targetRate)}`}
                styles={{ content: { color: summary.onTrack ? "#389e0d" : "#cf1322" } }}
              />
            </Card>
          </Col>
        </Row>
      ) : null}
      {option && data && data.rows.length > 0 ? (
        <Card size="small" title={t("impact.coverage.chartTitle")}>
          <Chart option={option} style={{ height: 360 }} />
        </Card>
      ) : null}
      <Table<CoverageRow>
        rowKey={(r) => r.districtCode ?? "city"}
        data-testid="coverage-table"
        size="middle"
        loading={query.isFetching}
        columns={columns}
        dataSource={data?.rows ?? []}
        onChange={onTable}
        pagination={{
          pageSize: 20,
          hideOnSinglePage: true,
          showTotal: (total) => t("common.total", { total }),
        }}
        scroll={{ x: 960 }}
        summary={() =>
          data?.city ? (
            <Table.Summary.Row style={{ fontWeight: 600 }}>
              <Table.Summary.Cell index={0}>{t("impact.coverage.city")}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {data.city.aboveScale}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {data.city.baseline}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {data.city.diagnosed}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {data.city.diagnosedInYear}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {data.city.target}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6}>
                <CoverageProgress row={data.city} />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">
                {data.city.gap}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={8}>
                {data.city.onTrack ? (
                  <Tag color="success">{t("impact.coverage.onTrackYes")}</Tag>
                ) : (
                  <Tag color="error">{t("impact.coverage.onTrackNo")}</Tag>
                )}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </Space>
  );
}
