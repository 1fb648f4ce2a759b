import type { TableProps } from "antd";
import { Card, DatePicker, Empty, Flex, Input, Segmented, Select, Space, Table, Typography } from "antd";
import type { SortOrder } from "antd/es/table/interface";
import dayjs from "dayjs";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useInstruments } from "../../../api/assessments";
import Chart, { type ChartOption } from "../../../charts/Chart";
import { DownloadButton } from "../../../components/DownloadButton";
import { pick } from "../../../components/list/useListParams";
import { QueryError } from "../../../components/QueryError";
import {
  type CohortGroup,
  type CohortParams,
  type CohortResponse,
  type CohortSort,
  useCohorts,
} from "../api";
import { useUrlParams } from "../useUrlParams";
import { Delta, DOWN_COLOR, pct, UP_COLOR } from "./Delta";

const SORTS: readonly CohortSort[] = ["name", "n", "avgT0", "avgT1", "avgDelta", "leveledUpShare"];
const DEFAULT_INSTRUMENT = "miit-2024-manufacturing";
const isDate = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

const readCohortParams = (sp: URLSearchParams): CohortParams => ({
  instrumentId: sp.get("instrumentId") || DEFAULT_INSTRUMENT,
  groupBy: pick(sp.get("groupBy"), ["district", "provider"] as const) ?? "district",
  from: isDate(sp.get("from")),
  to: isDate(sp.get("to")),
  q: sp.get("q") ?? undefined,
  sort: pick(sp.get("sort"), SORTS),
  order: pick(sp.get("order"), ["asc", "desc"] as const),
});

function chartOption(data: CohortResponse, label: string): ChartOption {
  const rows = data.groups;
  return {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    grid: { left: 48, right: 16, top: 24, bottom: 72 },
    xAxis: {
      type: "category",
      data: rows.map((g) => g.name),
      axisLabel: { interval: 0, rotate: rows.length > 6 ? 35 : 0, width: 120, overflow: "truncate" },
    },
    yAxis: { type: "value", name: label },
    series: [
      {
        name: label,
        type: "bar",
        data: rows.map((g) => ({
          value: g.avgDelta,
          itemStyle: { color: g.avgDelta >= 0 ? UP_COLOR : DOWN_COLOR },
        })),
        label: { show: true, position: "top", formatter: "{c}" },
      },
    ],
  };
}

export function CohortTab() {
  const { t } = useTranslation();
  const { params, update } = useUrlParams(readCohortParams);
  const instruments = useInstruments();
  const query = useCohorts(params);
  const data = query.data;
  const [search, setSearch] = useState(params.q ?? "");

  const option = useMemo(
    () => (data && data.groups.length > 0 ? chartOption(data, t("impact.cohorts.avgDelta")) : null),
    [data, t],
  );

  const sortOrder = (key: CohortSort): SortOrder =>
    (params.sort ?? "name") === key ? (params.order === "desc" ? "descend" : "ascend") : null;
  const num = (v: number) => <span style={{ fontVariantNumeric: "tabular-nums" }}>{v}</span>;
  const dims = data?.dimensions ?? [];
  const columns: TableProps<CohortGroup>["columns"] = [
    {
      key: "name",
      title: params.groupBy === "provider" ? t("impact.cohorts.provider") : t("impact.cohorts.district"),
      dataIndex: "name",
      fixed: "left",
      width: 200,
      sorter: true,
      sortOrder: sortOrder("name"),
    },
    {
      key: "n",
      title: t("impact.cohorts.n"),
      dataIndex: "n",
      align: "right",
      sorter: true,
      sortOrder: sortOrder("n"),
    },
    {
      key: "avgT0",
      title: t("impact.cohorts.avgT0"),
      dataIndex: "avgT0",
      align: "right",
      sorter: true,
      sortOrder: sortOrder("avgT0"),
      render: num,
    },
    {
      key: "avgT1",
      title: t("impact.cohorts.avgT1"),
      dataIndex: "avgT1",
      align: "right",
      sorter: true,
      sortOrder: sortOrder("avgT1"),
      render: num,
    },
    {
      key: "avgDelta",
      title: t("impact.cohorts.avgDelta"),
      dataIndex: "avgDelta",
      align: "right",
      sorter: true,
      sortOrder: sortOrder("avgDelta"),
      render: (v: number) => <Delta value={v} arrow />,
    },
    {
      key: "leveledUpShare",
      title: t("impact.cohorts.leveledUpShare"),
      align: "right",
      sorter: true,
      sortOrder: sortOrder("leveledUpShare"),
      render: (_: unknown, g) => `${pct(g.leveledUpShare)}（${g.leveledUp}）`,
    },
    { key: "leveledDown", title: t("impact.cohorts.leveledDown"), dataIndex: "leveledDown", align: "right" },
    {
      key: "dims",
      title: t("impact.cohorts.dimensionDelta"),
      children: dims.map((d, i) => ({
        key: `dim-${d.id}`,
        title: d.name,
        align: "right" as const,
        width: 110,
        render: (_: unknown, g: CohortGroup) => <Delta value={g.dimensions[i]?.avgDelta ?? 0} />,
      })),
    },
  ];

  const onTable: TableProps<CohortGroup>["onChange"] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? (s.columnKey as CohortSort) : undefined;
    update({
      sort: key && key !== "name" ? key : undefined,
      order: s?.order === "descend" ? "desc" : undefined,
    });
  };

  const overall = data?.overall;
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Flex wrap gap="small" align="center">
        <Select
          data-testid="cohort-instrument"
          style={{ width: 300 }}
          loading={instruments.isPending}
          value={params.instrumentId}
          options={(instruments.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
          onChange={(instrumentId) => update({ instrumentId })}
          aria-label={t("impact.cohorts.instrument")}
        />
        <Segmented
          data-testid="cohort-groupby"
          value={params.groupBy}
          options={[
            { value: "district", label: t("impact.cohorts.byDistrict") },
            { value: "provider", label: t("impact.cohorts.byProvider") },
          ]}
          onChange={(groupBy) => update({ groupBy: groupBy as CohortParams["groupBy"], sort: undefined })}
        />
        <DatePicker.RangePicker
          value={[params.from ? dayjs(params.from) : null, params.to ? dayjs(params.to) : null]}
          allowEmpty={[true, true]}
          placeholder={[t("impact.cohorts.window"), t("impact.cohorts.window")]}
          onChange={(range) =>
            update({
              from: range?.[0]?.format("YYYY-MM-DD") ?? undefined,
              to: range?.[1]?.format("YYYY-MM-DD") ?? undefined,
            })
          }
        />
        <Input.Search
          allowClear
          placeholder={t("impact.searchGroup")}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          style={{ width: 200 }}
        />
        <DownloadButton
          style={{ marginInlineStart: "auto" }}
          path="/api/impact/cohorts/export"
          query={{ ...params }}
          fileName={t("impact.exportName")}
          testId="cohort-export"
        >
          {t("common.exportExcel")}
        </DownloadButton>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t("impact.cohorts.definition")}
      </Typography.Paragraph>
      {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Card size="small" title={t("impact.cohorts.chartTitle")}>
        {option ? (
          <Chart option={option} style={{ height: 340 }} />
        ) : (
          <Empty description={t("common.empty")} data-testid="cohort-chart-empty" />
        )}
      </Card>
      <Table<CohortGroup>
        rowKey={(g) => g.key ?? "overall"}
        data-testid="cohort-table"
        size="middle"
        bordered
        loading={query.isFetching}
        columns={columns}
        dataSource={data?.groups ?? []}
        onChange={onTable}
        pagination={{
          pageSize: 20,
          hideOnSinglePage: true,
          showTotal: (total) => t("common.total", { total }),
        }}
        scroll={{ x: 900 + dims.length * 110 }}
        summary={() =>
          overall && overall.n > 0 ? (
            <Table.Summary.Row style={{ fontWeight: 600 }} data-testid="cohort-overall">
              <Table.Summary.Cell index={0}>{overall.name}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {overall.n}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {overall.avgT0}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {overall.avgT1}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                <Delta value={overall.avgDelta} arrow />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {`${pct(overall.leveledUpShare)}（${overall.leveledUp}）`}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                {overall.leveledDown}
              </Table.Summary.Cell>
              {overall.dimensions.map((d, i) => (
                <Table.Summary.Cell key={d.id} index={7 + i} align="right">
                  <Delta value={d.avgDelta} />
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
    </Space>
  );
}
