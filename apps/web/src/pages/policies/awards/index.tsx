import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, Card, Input, Select, Space, Table, Tooltip, Typography } from "antd";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { downloadFile, errorMessage } from "../../../api/client";
import {
  type AwardItem,
  type AwardListParams,
  type AwardStatus,
  useAwardList,
  usePolicyList,
} from "../../../api/policies";
import type { SortOrder } from "../../../api/types";
import { QueryError } from "../../../components/QueryError";
import { formatDateTime } from "../../../utils/format";
import { exportQuery, PAGE_SIZES, pick, useUrlListParams } from "../../../utils/urlListParams";
import { AWARD_STATUS_LIST, AwardActions, AwardStatusTag, wan6 } from "../components";
import { Pools } from "./Pools";
import { SweepPanel } from "./SweepPanel";

const SORTS = [
  "identifiedAt",
  "amountFen",
  "enterpriseName",
  "updatedAt",
] as const satisfies readonly NonNullable<AwardListParams["sort"]>[];
const DEFAULTS = { sort: "identifiedAt", order: "desc" } as const;
function parse(sp: URLSearchParams) {
  const d = sp.get("districtCode");
  return {
    q: sp.get("q")?.trim() || undefined,
    policyId: sp.get("policyId") || undefined,
    status: pick(sp.get("status"), AWARD_STATUS_LIST),
    districtCode: d && /^\d{6}$/.test(d) ? d : undefined,
    sort: pick(sp.get("sort"), SORTS) ?? DEFAULTS.sort,
    order: pick<SortOrder>(sp.get("order"), ["asc", "desc"]) ?? DEFAULTS.order,
  };
}

/** 免申即享 (bureau): pick a policy, sweep the enterprises in scope, confirm, pay; pools beside. */
export default function PolicySweepPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { params, update, reset } = useUrlListParams<AwardListParams>(parse, DEFAULTS);
  const policies = usePolicyList({ beneficiary: "enterprise", pageSize: 100 });
  const list = useAwardList(params);
  const { refetch } = list;
  const refetchList = useCallback(() => void refetch(), [refetch]);
  const [q, setQ] = useState(params.q ?? "");
  const [exporting, setExporting] = useState(false);
  const sortOrder = (k: string) =>
    params.sort === k ? (params.order === "asc" ? "ascend" : "descend") : null;
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle">
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t("policy.sweep.title")}
        </Typography.Title>
        <Space direction="vertical" style={{ width: "100%" }}>
          <Select
            placeholder={t("policy.sweep.pickPolicy")}
            value={params.policyId}
            onChange={(v) => update({ policyId: v })}
            allowClear
            style={{ width: 420 }}
            data-testid="sweep-policy"
            options={(policies.data?.items ?? []).map((p) => ({
              value: p.id,
              label: `${p.name}${p.validToday ? "" : `（${t("policy.library.no")}）`}`,
            }))}
          />
          <SweepPanel policyId={params.policyId} onDone={refetchList} />
        </Space>
      </Card>
      <Pools />
      <Card title={t("policy.sweep.list")}>
        <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} wrap>
          <Space wrap>
            <Input.Search
              allowClear
              placeholder={t("policy.sweep.search")}
              value={q}
              onChange={(e) => setQ(e.target.value)}
              onSearch={(v) => update({ q: v.trim() || undefined })}
              style={{ width: 240 }}
              data-testid="award-search"
            />
            <Select
              allowClear
              placeholder={t("policy.sweep.status")}
              value={params.status}
              onChange={(v) => update({ status: v })}
              options={AWARD_STATUS_LIST.map((s) => ({ value: s, label: t(`policy.statuses.${s}`) }))}
              style={{ width: 200 }}
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
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={async () => {
              setExporting(true);
              try {
                await downloadFile(
                  "/api/policy-awards/export",
                  { ...exportQuery(params) },
                  t("policy.sweep.exportName"),
                );
              } catch (e) {
                void message.error(errorMessage(e));
              } finally {
                setExporting(false);
              }
            }}
          >
            {t("common.exportExcel")}
          </Button>
        </Space>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<AwardItem>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          data-testid="award-table"
          onChange={(p, _f, s) => {
            const sorter = Array.isArray(s) ? s[0] : s;
            update({
              page: p.current ?? 1,
              pageSize: p.pageSize ?? 20,
              sort: (sorter?.order ? pick(String(sorter.field), SORTS) : undefined) ?? DEFAULTS.sort,
              order: sorter?.order === "ascend" ? "asc" : "desc",
            });
          }}
          pagination={{
            current: params.page,
            pageSize: params.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES.map(String),
          }}
          // Fixed layout: names and policies are cut with an ellipsis (full text on hover) instead of
          // wrapping every row onto four lines at 1440 px; narrower screens scroll sideways.
          tableLayout="fixed"
          scroll={{ x: 1100 }}
          columns={[
            {
              title: t("policy.sweep.enterpriseName"),
              dataIndex: "enterpriseName",
              sorter: true,
              sortOrder: sortOrder("enterpriseName"),
              ellipsis: { showTitle: false },
              render: (v: string) => (
                <Tooltip title={v} placement="topLeft">
                  {v}
                </Tooltip>
              ),
            },
            {
              title: t("policy.sweep.districtName"),
              dataIndex: "districtName",
              width: 90,
              ellipsis: true,
            },
            {
              title: t("policy.sweep.policy"),
              dataIndex: "policyName",
              ellipsis: { showTitle: false },
              render: (v: string) => (
                <Tooltip title={v} placement="topLeft">
                  {v}
                </Tooltip>
              ),
            },
            {
              title: t("policy.sweep.amount"),
              dataIndex: "amountFen",
              sorter: true,
              sortOrder: sortOrder("amountFen"),
              width: 130,
              align: "right",
              render: (v: number) => wan6(v),
            },
            {
              title: t("policy.sweep.paid"),
              dataIndex: "paidFen",
              width: 130,
              align: "right",
              render: (v: number) => wan6(v),
            },
            {
              title: t("policy.sweep.status"),
              dataIndex: "status",
              width: 150,
              render: (s: AwardStatus) => <AwardStatusTag status={s} />,
            },
            {
              title: t("policy.sweep.identifiedAt"),
              dataIndex: "identifiedAt",
              sorter: true,
              sortOrder: sortOrder("identifiedAt"),
              width: 150,
              // To the minute in the column, to the second on hover.
              render: (v: string) => (
                <Tooltip title={formatDateTime(v)}>{formatDateTime(v).slice(0, 16)}</Tooltip>
              ),
            },
            {
              title: t("policy.sweep.actions"),
              key: "actions",
              width: 160,
              render: (_: unknown, a) => <AwardActions a={a} />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
