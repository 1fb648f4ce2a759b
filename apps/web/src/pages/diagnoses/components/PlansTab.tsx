import { DownloadOutlined, PlusOutlined, SearchOutlined } from "@ant-design/icons";
import type { TableProps } from "antd";
import { App, Button, DatePicker, Empty, Input, Progress, Select, Space, Table, Tag } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { downloadFile, errorMessage } from "../../../api/client";
import { type DiagnosisPlan, usePlanList } from "../../../api/diagnoses";
import { useCurrentUser } from "../../../auth/context";
import { QueryError } from "../../../components/QueryError";
import { useReferenceOptions } from "../../../components/useReferenceOptions";
import { exportQuery, PAGE_SIZES } from "../../../utils/urlListParams";
import { usePlanListParams } from "../useListParams";
import { PlanModal } from "./PlanModal";

/** 诊断计划: each district's dated plans with progress (visited / total) and overdue visits. */
export function PlansTab() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const ref = useReferenceOptions();
  const { params, update, reset } = usePlanListParams();
  const list = usePlanList(params);
  const [editing, setEditing] = useState<DiagnosisPlan | "new" | null>(null);
  const [exporting, setExporting] = useState(false);
  const [text, setText] = useState(params.q ?? "");
  useEffect(() => setText(params.q ?? ""), [params.q]);
  useEffect(() => {
    const h = window.setTimeout(() => {
      if (text.trim() !== (params.q ?? "")) update({ q: text.trim() || undefined });
    }, 400);
    return () => window.clearTimeout(h);
  }, [text, params.q, update]);

  const onExport = async () => {
    setExporting(true);
    try {
      await downloadFile(
        "/api/diagnoses/plans/export",
        { ...exportQuery(params) },
        t("diagnosis.plans.exportName"),
      );
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  const columns: TableProps<DiagnosisPlan>["columns"] = [
    { key: "name", title: t("diagnosis.plans.name"), dataIndex: "name", width: 240 },
    { key: "district", title: t("diagnosis.plans.district"), dataIndex: "districtName", width: 100 },
    {
      key: "period",
      title: t("diagnosis.plans.period"),
      width: 210,
      render: (_: unknown, p) => `${p.startDate} 至 ${p.endDate}`,
    },
    {
      key: "progress",
      title: `${t("diagnosis.plans.progress")}（${t("diagnosis.plans.visited")}/${t("diagnosis.plans.total")}）`,
      width: 220,
      render: (_: unknown, p) => (
        <div data-testid="plan-progress">
          <Progress
            percent={p.total ? Math.round((p.visited / p.total) * 100) : 0}
            size="small"
            format={() => `${p.visited}/${p.total}`}
          />
        </div>
      ),
    },
    { key: "closed", title: t("diagnosis.plans.closed"), dataIndex: "closed", width: 80, align: "right" },
    {
      key: "overdue",
      title: t("diagnosis.plans.overdue"),
      dataIndex: "overdue",
      width: 100,
      align: "right",
      render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : 0),
    },
    {
      key: "actions",
      title: t("common.actions"),
      width: 170,
      fixed: "right",
      render: (_: unknown, p) => (
        <Space>
          <Link to={`/diagnoses?planId=${p.id}`}>{t("diagnosis.plans.viewDiagnoses")}</Link>
          <Button type="link" size="small" onClick={() => setEditing(p)}>
            {t("common.edit")}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="plans-tab">
      <Space
        wrap
        size={[12, 12]}
        style={{ marginBottom: 16, width: "100%", justifyContent: "space-between" }}
      >
        <Space wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t("diagnosis.plans.searchPlaceholder")}
            style={{ width: 220 }}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          {me.role === "city_admin" ? (
            <Select
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              placeholder={t("diagnosis.plans.district")}
              style={{ width: 150 }}
              options={ref.districtOptions}
              value={params.districtCode}
              onChange={(v: string | undefined) => update({ districtCode: v })}
            />
          ) : null}
          <DatePicker
            picker="year"
            placeholder={t("diagnosis.plans.year")}
            value={params.year ? dayjs(`${params.year}-01-01`) : null}
            onChange={(d) => update({ year: d ? d.year() : undefined })}
          />
          <Button onClick={reset}>{t("common.reset")}</Button>
        </Space>
        <Space>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()}>
            {t("common.exportExcel")}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing("new")}
            data-testid="plan-new"
          >
            {t("diagnosis.plans.new")}
          </Button>
        </Space>
      </Space>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<DiagnosisPlan>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 1100 }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("diagnosis.plans.empty")} />,
        }}
        onChange={(pagination, _f, _s, extra) => {
          if (extra.action === "paginate") {
            const pageSize = pagination.pageSize ?? params.pageSize;
            update({ page: pageSize !== params.pageSize ? 1 : (pagination.current ?? 1), pageSize });
          }
        }}
        pagination={{
          current: params.page ?? 1,
          pageSize: params.pageSize ?? 20,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES.map(String),
          showTotal: (total) => t("common.total", { total }),
        }}
      />
      {editing ? (
        <PlanModal plan={editing === "new" ? undefined : editing} onClose={() => setEditing(null)} />
      ) : null}
    </div>
  );
}
