import { DownloadOutlined } from "@ant-design/icons";
import { BENEFICIARY_KINDS, POLICY_LEVEL_LABELS, POLICY_LEVELS } from "@dxcenter/domain";
import { App, Button, Card, Input, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { downloadFile, errorMessage } from "../../api/client";
import { type PolicyItem, type PolicyListParams, usePolicyList } from "../../api/policies";
import type { SortOrder } from "../../api/types";
import { useCurrentUser } from "../../auth/context";
import { QueryError } from "../../components/QueryError";
import { exportQuery, PAGE_SIZES, pick, useUrlListParams } from "../../utils/urlListParams";

const SORTS = ["name", "level", "validUntil"] as const satisfies readonly NonNullable<
  PolicyListParams["sort"]
>[];
const DEFAULTS = { sort: "level", order: "asc" } as const;
function parse(sp: URLSearchParams) {
  return {
    q: sp.get("q")?.trim() || undefined,
    level: pick(sp.get("level"), POLICY_LEVELS),
    beneficiary: pick(sp.get("beneficiary"), BENEFICIARY_KINDS),
    validToday: pick<"true" | "false">(sp.get("validToday"), ["true", "false"]),
    sort: pick(sp.get("sort"), SORTS) ?? DEFAULTS.sort,
    order: pick<SortOrder>(sp.get("order"), ["asc", "desc"]) ?? DEFAULTS.order,
  };
}

/** 政策库: every loaded policy with how its amount is computed; staff can export it. */
export default function PolicyLibraryPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const { params, update, reset } = useUrlListParams<PolicyListParams>(parse, DEFAULTS);
  const list = usePolicyList(params);
  const [q, setQ] = useState(params.q ?? "");
  const [exporting, setExporting] = useState(false);
  const staff = me.role === "city_admin" || me.role === "district_admin";
  const onExport = async () => {
    setExporting(true);
    try {
      await downloadFile("/api/policies/export", { ...exportQuery(params) }, t("policy.library.exportName"));
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };
  const sortOrder = (k: string) =>
    params.sort === k ? (params.order === "asc" ? "ascend" : "descend") : null;
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("policy.library.title")}
      </Typography.Title>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} wrap>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t("policy.library.search")}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            style={{ width: 260 }}
            data-testid="policy-search"
          />
          <Select
            allowClear
            placeholder={t("policy.library.level")}
            value={params.level}
            onChange={(v) => update({ level: v })}
            options={POLICY_LEVELS.map((l) => ({ value: l, label: POLICY_LEVEL_LABELS[l] }))}
            style={{ width: 120 }}
          />
          <Select
            allowClear
            placeholder={t("policy.library.beneficiary")}
            value={params.beneficiary}
            onChange={(v) => update({ beneficiary: v })}
            options={BENEFICIARY_KINDS.map((b) => ({
              value: b,
              label: t(`policy.library.beneficiaries.${b}`),
            }))}
            style={{ width: 120 }}
          />
          <Select
            allowClear
            placeholder={t("policy.library.validToday")}
            value={params.validToday}
            onChange={(v) => update({ validToday: v })}
            options={[
              { value: "true", label: t("policy.library.yes") },
              { value: "false", label: t("policy.library.no") },
            ]}
            style={{ width: 160 }}
          />
          <Button
            onClick={() => {
              setQ("");
              reset();
            }}
          >
            {t("common.reset")}
          </Button>
        </Space>
        {staff ? (
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()}>
            {t("common.exportExcel")}
          </Button>
        ) : null}
      </Space>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<PolicyItem>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        onChange={(p, _f, s) => {
          const sorter = Array.isArray(s) ? s[0] : s;
          update({
            page: p.current ?? 1,
            pageSize: p.pageSize ?? 20,
            sort: (sorter?.order ? pick(String(sorter.field), SORTS) : undefined) ?? DEFAULTS.sort,
            order: sorter?.order === "descend" ? "desc" : "asc",
          });
        }}
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES.map(String),
        }}
        columns={[
          {
            title: t("policy.library.title"),
            dataIndex: "name",
            sorter: true,
            sortOrder: sortOrder("name"),
            render: (name: string, p) => <Link to={`/policies/${p.id}`}>{name}</Link>,
          },
          {
            title: t("policy.library.level"),
            dataIndex: "level",
            sorter: true,
            sortOrder: sortOrder("level"),
            width: 90,
            render: (l: PolicyItem["level"]) => POLICY_LEVEL_LABELS[l],
          },
          { title: t("policy.library.region"), dataIndex: "region", width: 90 },
          {
            title: t("policy.library.beneficiary"),
            dataIndex: "beneficiary",
            width: 90,
            render: (b: PolicyItem["beneficiary"]) => t(`policy.library.beneficiaries.${b}`),
          },
          { title: t("policy.library.formula"), dataIndex: "formulaText" },
          {
            title: t("policy.library.validity"),
            dataIndex: "validUntil",
            sorter: true,
            sortOrder: sortOrder("validUntil"),
            width: 200,
            render: (_: unknown, p) => (
              <Space direction="vertical" size={0}>
                <span>
                  {p.validFrom ?? t("policy.library.notStated")} —{" "}
                  {p.validUntil ?? t("policy.library.notStated")}
                </span>
                {p.validToday ? null : <Tag color="default">{t("policy.library.no")}</Tag>}
              </Space>
            ),
          },
          {
            title: t("policy.library.unsetParams"),
            dataIndex: "unsetParameters",
            width: 110,
            render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : "—"),
          },
        ]}
      />
    </Card>
  );
}
