import { DownloadOutlined, SearchOutlined } from "@ant-design/icons";
import type { TableProps } from "antd";
import { App, Button, Card, Checkbox, Input, Select, Space, Table, Typography } from "antd";
import type { SortOrder as AntSortOrder } from "antd/es/table/interface";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { downloadFile, errorMessage } from "../../api/client";
import { type SolutionItem, type SolutionListParams, useSolutionList } from "../../api/solutions";
import { QueryError } from "../../components/QueryError";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { formatDate } from "../../utils/format";
import { exportQuery, PAGE_SIZES, pick, useUrlListParams } from "../../utils/urlListParams";
import { PriceText, SceneTags, SolutionDrawer, useSceneOptions } from "./components";

const KINDS = [
  "cloud_product",
  "industrial_app",
  "industrial_software",
  "sme_package",
  "system_solution",
] as const;
const DEPLOYMENTS = ["saas", "private", "hybrid"] as const;
const SORTS = ["updatedAt", "name", "price"] as const;
const DEFAULTS = { sort: "updatedAt", order: "desc" } as const;

function parse(sp: URLSearchParams): Omit<SolutionListParams, "page" | "pageSize"> {
  const d = sp.get("districtCode");
  const ind = sp.get("industry");
  return {
    q: sp.get("q")?.trim() || undefined,
    sceneId: sp.get("sceneId") || undefined,
    industry: ind && /^C\d\d$/.test(ind) ? ind : undefined,
    kind: pick(sp.get("kind"), KINDS),
    deployment: pick(sp.get("deployment"), DEPLOYMENTS),
    firstEdition: pick<"true" | "false">(sp.get("firstEdition"), ["true", "false"]),
    districtCode: d && /^\d{6}$/.test(d) ? d : undefined,
    priceMaxWan: sp.get("priceMaxWan") || undefined,
    sort: pick(sp.get("sort"), SORTS) ?? DEFAULTS.sort,
    order: pick<"asc" | "desc">(sp.get("order"), ["asc", "desc"]) ?? DEFAULTS.order,
  };
}

/** 解决方案目录: public (also without login, under /catalogue) with filters in the URL. */
export function Catalogue() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const ref = useReferenceOptions();
  const scenes = useSceneOptions();
  const { params, update, reset } = useUrlListParams<SolutionListParams>(parse, DEFAULTS);
  const list = useSolutionList(params);
  const [open, setOpen] = useState<string>();
  const [text, setText] = useState(params.q ?? "");
  const [price, setPrice] = useState(params.priceMaxWan ?? "");
  const [exporting, setExporting] = useState(false);
  useEffect(() => setText(params.q ?? ""), [params.q]);

  const sortOrder = (key: string): AntSortOrder =>
    params.sort === key ? (params.order === "asc" ? "ascend" : "descend") : null;
  const columns: TableProps<SolutionItem>["columns"] = [
    {
      key: "name",
      title: t("matching.mine.name"),
      dataIndex: "name",
      width: 240,
      sorter: true,
      sortOrder: sortOrder("name"),
      render: (v: string, r) => (
        <Button
          type="link"
          style={{ padding: 0, height: "auto", whiteSpace: "normal", textAlign: "left" }}
          onClick={() => setOpen(r.id)}
          data-testid="solution-link"
        >
          {v}
        </Button>
      ),
    },
    {
      key: "provider",
      title: t("matching.solution.provider"),
      dataIndex: "providerName",
      width: 200,
      ellipsis: true,
    },
    {
      key: "kind",
      title: t("matching.solution.kind"),
      dataIndex: "kind",
      width: 130,
      render: (v: SolutionItem["kind"], r) => (
        <>
          {t(`matching.solution.kinds.${v}`)}
          {r.firstEdition ? (
            <Typography.Text type="warning">（{t("matching.solution.firstEdition")}）</Typography.Text>
          ) : null}
        </>
      ),
    },
    {
      key: "scenes",
      title: t("matching.solution.scene"),
      dataIndex: "sceneNames",
      width: 260,
      render: (v: string[]) => <SceneTags names={v} />,
    },
    {
      key: "price",
      title: t("matching.solution.price"),
      width: 140,
      sorter: true,
      sortOrder: sortOrder("price"),
      render: (_: unknown, r) => <PriceText min={r.priceMinFen} max={r.priceMaxFen} />,
    },
    {
      key: "deployment",
      title: t("matching.solution.deployment"),
      dataIndex: "deployment",
      width: 110,
      render: (v: SolutionItem["deployment"]) => t(`matching.solution.deployments.${v}`),
    },
    {
      key: "updatedAt",
      title: t("matching.solution.updatedAt"),
      dataIndex: "updatedAt",
      width: 120,
      sorter: true,
      sortOrder: sortOrder("updatedAt"),
      render: (v: string) => formatDate(v),
    },
  ];
  const onTableChange: TableProps<SolutionItem>["onChange"] = (pagination, _f, sorter, extra) => {
    if (extra.action === "sort") {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = s?.order ? (String(s.columnKey) as SolutionListParams["sort"]) : undefined;
      update({ sort: key, order: key ? (s?.order === "ascend" ? "asc" : "desc") : undefined });
    } else if (extra.action === "paginate") {
      const pageSize = pagination.pageSize ?? params.pageSize;
      update({ page: pageSize !== params.pageSize ? 1 : (pagination.current ?? 1), pageSize });
    }
  };
  const onExport = async () => {
    setExporting(true);
    try {
      await downloadFile(
        "/api/solutions/export",
        { ...exportQuery(params) },
        t("matching.solution.exportName"),
      );
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Space
        wrap
        size={[12, 12]}
        style={{ marginBottom: 16, width: "100%", justifyContent: "space-between" }}
        align="start"
      >
        <Space wrap size={[12, 12]}>
          <Input
            data-testid="solution-search"
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t("matching.solution.searchPlaceholder")}
            style={{ width: 220 }}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onPressEnter={() => update({ q: text.trim() || undefined })}
            onBlur={() => update({ q: text.trim() || undefined })}
          />
          <Select
            data-testid="solution-filter-scene"
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("matching.solution.scene")}
            style={{ width: 200 }}
            loading={scenes.loading}
            options={scenes.options}
            value={params.sceneId}
            onChange={(v: string | undefined) => update({ sceneId: v })}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("matching.solution.industry")}
            style={{ width: 200 }}
            options={ref.industryOptions}
            value={params.industry}
            onChange={(v: string | undefined) => update({ industry: v })}
          />
          <Select
            data-testid="solution-filter-kind"
            allowClear
            placeholder={t("matching.solution.kind")}
            style={{ width: 160 }}
            options={KINDS.map((k) => ({ value: k, label: t(`matching.solution.kinds.${k}`) }))}
            value={params.kind}
            onChange={(v: SolutionListParams["kind"]) => update({ kind: v })}
          />
          <Select
            allowClear
            placeholder={t("matching.solution.deployment")}
            style={{ width: 130 }}
            options={DEPLOYMENTS.map((k) => ({ value: k, label: t(`matching.solution.deployments.${k}`) }))}
            value={params.deployment}
            onChange={(v: SolutionListParams["deployment"]) => update({ deployment: v })}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("matching.solution.districtServed")}
            style={{ width: 150 }}
            options={ref.districtOptions}
            value={params.districtCode}
            onChange={(v: string | undefined) => update({ districtCode: v })}
          />
          <Input
            placeholder={t("matching.solution.priceMax")}
            style={{ width: 170 }}
            value={price}
            onChange={(e) => setPrice(e.target.value)}
            onPressEnter={() => update({ priceMaxWan: price.trim() || undefined })}
            onBlur={() => update({ priceMaxWan: price.trim() || undefined })}
          />
          <Checkbox
            checked={params.firstEdition === "true"}
            onChange={(e) => update({ firstEdition: e.target.checked ? "true" : undefined })}
          >
            {t("matching.solution.firstEditionOnly")}
          </Checkbox>
          <Button
            onClick={() => {
              setPrice("");
              reset();
            }}
          >
            {t("matching.common.reset")}
          </Button>
        </Space>
        <Button
          icon={<DownloadOutlined />}
          loading={exporting}
          onClick={() => void onExport()}
          data-testid="solution-export"
        >
          {t("matching.common.export")}
        </Button>
      </Space>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <div data-testid="solution-table">
        <Table<SolutionItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          onChange={onTableChange}
          scroll={{ x: 1200 }}
          locale={{ emptyText: t("matching.solution.empty") }}
          pagination={{
            current: params.page ?? 1,
            pageSize: params.pageSize ?? 20,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES.map(String),
            showTotal: (total) => t("matching.common.total", { total }),
          }}
        />
      </div>
      <SolutionDrawer id={open} onClose={() => setOpen(undefined)} />
    </>
  );
}

export default function SolutionCataloguePage() {
  const { t } = useTranslation();
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("matching.solution.title")}
      </Typography.Title>
      <Catalogue />
    </Card>
  );
}
