import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import { PROJECT_STATUSES, PROJECT_TYPES } from "@dxcenter/domain";
import { App, Button, Card, Checkbox, Input, Select, Space, Table, type TableProps, Typography } from "antd";
import type { SortOrder as AntSortOrder } from "antd/es/table/interface";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { downloadFile, errorMessage } from "../../api/client";
import {
  type ProjectItem,
  type ProjectListParams,
  type ProjectSort,
  useProjectList,
} from "../../api/projects";
import { useCurrentUser } from "../../auth/context";
import { QueryError } from "../../components/QueryError";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { wan } from "../../utils/format";
import { exportQuery, PAGE_SIZES, pick } from "../../utils/urlListParams";
import { PercentBar, PROJECT_SORTS, ProjectStatusTag, useProjectListParams } from "./common";

const YEARS = Array.from({ length: 8 }, (_, i) => new Date().getFullYear() + 1 - i);

/** 技改项目库: list with filters, overdue tags, sort, paging and export (all in the URL). */
export default function ProjectListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { params, update, reset } = useProjectListParams();
  const list = useProjectList(params);
  const [exporting, setExporting] = useState(false);
  const refs = useReferenceOptions();
  const canApply =
    me.role === "city_admin" ||
    me.role === "district_admin" ||
    (me.role === "enterprise" && !!me.enterpriseId);
  const [q, setQ] = useState(params.q ?? "");

  const sortOrder = (key: ProjectSort): AntSortOrder =>
    params.sort === key ? (params.order === "asc" ? "ascend" : "descend") : null;
  const columns: TableProps<ProjectItem>["columns"] = [
    {
      key: "name",
      title: t("project.columns.name"),
      dataIndex: "name",
      fixed: "left",
      width: 240,
      render: (v: string, r) => (
        <Link to={`/projects/${r.id}`} data-testid="project-link">
          {v}
        </Link>
      ),
    },
    {
      key: "enterprise",
      title: t("project.columns.enterprise"),
      dataIndex: "enterpriseName",
      width: 220,
      ellipsis: true,
    },
    { key: "district", title: t("project.columns.district"), dataIndex: "districtName", width: 100 },
    {
      key: "type",
      title: t("project.columns.type"),
      dataIndex: "type",
      width: 110,
      render: (_v, r) => t(`project.types.${r.type}`),
    },
    {
      key: "status",
      title: t("project.columns.status"),
      dataIndex: "status",
      width: 200,
      render: (v: ProjectItem["status"], r) => <ProjectStatusTag status={v} overdue={r.overdue} />,
    },
    {
      key: "totalInvestmentFen",
      title: t("project.columns.total"),
      dataIndex: "totalInvestmentFen",
      width: 140,
      align: "right",
      sorter: true,
      sortOrder: sortOrder("totalInvestmentFen"),
      render: (v: number) => wan(v),
    },
    {
      key: "plannedStartDate",
      title: t("project.columns.plannedStart"),
      dataIndex: "plannedStartDate",
      width: 120,
      sorter: true,
      sortOrder: sortOrder("plannedStartDate"),
    },
    {
      key: "progress",
      title: t("project.columns.progress"),
      dataIndex: "percentComplete",
      width: 140,
      render: (v: number) => <PercentBar percent={v} />,
    },
    {
      key: "score",
      title: t("project.columns.score"),
      dataIndex: "expertScore",
      width: 90,
      render: (v: string | null) => v ?? "—",
    },
    {
      key: "approved",
      title: t("project.columns.approved"),
      dataIndex: "approvedAmountFen",
      width: 130,
      align: "right",
      render: (v: number | null) => (v === null ? "—" : wan(v)),
    },
    {
      key: "paid",
      title: t("project.columns.paid"),
      dataIndex: "paidFen",
      width: 120,
      align: "right",
      render: (v: number) => wan(v),
    },
  ];
  const onExport = async () => {
    setExporting(true);
    try {
      await downloadFile("/api/projects/export", { ...exportQuery(params) }, t("project.exportName"));
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };
  const bureau = me.role === "city_admin" || me.role === "district_admin";
  return (
    <Card>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {me.role === "expert" ? t("project.nav.reviews") : t("project.title")}
        </Typography.Title>
        <Space>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void onExport()}
            data-testid="project-export"
          >
            {t("common.exportExcel")}
          </Button>
          {canApply ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate("/projects/new")}
              data-testid="project-apply"
            >
              {t("project.apply")}
            </Button>
          ) : null}
        </Space>
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t("project.search")}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => update({ q: v.trim() || undefined })}
          style={{ width: 240 }}
          data-testid="project-search"
        />
        <Select
          allowClear
          placeholder={t("project.columns.status")}
          value={params.status}
          onChange={(v) => update({ status: v })}
          options={PROJECT_STATUSES.map((s) => ({ value: s, label: t(`project.statuses.${s}`) }))}
          style={{ width: 140 }}
          data-testid="project-filter-status"
        />
        <Select
          allowClear
          placeholder={t("project.columns.type")}
          value={params.type}
          onChange={(v) => update({ type: v })}
          options={PROJECT_TYPES.map((s) => ({ value: s, label: t(`project.types.${s}`) }))}
          style={{ width: 140 }}
        />
        {me.role === "city_admin" ? (
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t("project.columns.district")}
            value={params.districtCode}
            onChange={(v) => update({ districtCode: v })}
            options={refs.districtOptions}
            style={{ width: 140 }}
          />
        ) : null}
        <Select
          allowClear
          placeholder={t("project.year")}
          value={params.year}
          onChange={(v) => update({ year: v })}
          options={YEARS.map((y) => ({ value: y, label: String(y) }))}
          style={{ width: 130 }}
        />
        {bureau || me.role === "enterprise" ? (
          <Checkbox
            checked={params.overdue === "true"}
            onChange={(e) => update({ overdue: e.target.checked ? "true" : undefined })}
            data-testid="project-filter-overdue"
          >
            {t("project.overdueOnly")}
          </Checkbox>
        ) : null}
        {me.role === "expert" ? (
          <Checkbox
            checked={params.toScore === "true"}
            onChange={(e) => update({ toScore: e.target.checked ? "true" : undefined })}
          >
            {t("project.toScoreOnly")}
          </Checkbox>
        ) : null}
        <Button
          onClick={() => {
            setQ("");
            reset();
          }}
        >
          {t("common.reset")}
        </Button>
      </Space>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<ProjectItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 1500 }}
        data-testid="project-table"
        pagination={{
          current: params.page ?? 1,
          pageSize: params.pageSize ?? 20,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES.map(String),
          showTotal: (n) => t("common.total", { total: n }),
        }}
        onChange={(p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const patch: Partial<ProjectListParams> = { page: p.current ?? 1, pageSize: p.pageSize ?? 20 };
          const sort = s?.order ? pick(String(s.columnKey), PROJECT_SORTS) : undefined;
          if (s?.order && sort) {
            patch.sort = sort;
            patch.order = s.order === "ascend" ? "asc" : "desc";
          } else {
            patch.sort = undefined;
            patch.order = undefined;
          }
          update(patch);
        }}
      />
    </Card>
  );
}
