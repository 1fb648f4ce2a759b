import { DownloadOutlined } from "@ant-design/icons";
import { PAYER_LABELS, PAYERS } from "@dxcenter/domain";
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Progress,
  Select,
  Space,
  Table,
  Tooltip,
  Typography,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { downloadFile, errorMessage } from "../../api/client";
import {
  type AwardItem,
  type AwardListParams,
  type AwardStatus,
  type BudgetPool,
  useAwardList,
  useBudgetPools,
  usePolicyList,
  useSavePool,
  useStartSweep,
  useSweep,
} from "../../api/policies";
import type { SortOrder } from "../../api/types";
import { useCurrentUser } from "../../auth/context";
import { QueryError } from "../../components/QueryError";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { formatDateTime } from "../../utils/format";
import { exportQuery, PAGE_SIZES, pick, useUrlListParams } from "../../utils/urlListParams";
import { AwardActions, AwardStatusTag, wan6 } from "./components";

const STATUSES: readonly AwardStatus[] = [
  "identified",
  "district_confirmed",
  "enterprise_confirmed",
  "paid",
  "declined",
  "withdrawn",
];
const SORTS = ["identifiedAt", "amountFen", "enterpriseName", "updatedAt"] as const;
const DEFAULTS = { sort: "identifiedAt", order: "desc" } as const;
function parse(sp: URLSearchParams) {
  const d = sp.get("districtCode");
  return {
    q: sp.get("q")?.trim() || undefined,
    policyId: sp.get("policyId") || undefined,
    status: pick(sp.get("status"), STATUSES),
    districtCode: d && /^\d{6}$/.test(d) ? d : undefined,
    sort: pick(sp.get("sort"), SORTS) ?? DEFAULTS.sort,
    order: pick<SortOrder>(sp.get("order"), ["asc", "desc"]) ?? DEFAULTS.order,
  };
}

function SweepPanel({ policyId, onDone }: { policyId: string | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const { districtOptions } = useReferenceOptions();
  const [district, setDistrict] = useState<string | undefined>();
  const [sweepId, setSweepId] = useState<string | undefined>();
  const start = useStartSweep();
  const sweep = useSweep(sweepId);
  const s = sweep.data;
  const finished = s?.status === "done" ? s.id : null;
  // Refresh the award list once per finished sweep.
  useEffect(() => {
    if (finished) onDone();
  }, [finished, onDone]);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap>
        {me.role === "city_admin" ? (
          <Select
            allowClear
            placeholder={t("policy.sweep.wholeCity")}
            value={district}
            onChange={setDistrict}
            options={districtOptions}
            style={{ width: 160 }}
          />
        ) : null}
        <Button
          type="primary"
          disabled={!policyId}
          loading={start.isPending || (s !== undefined && s.status === "running")}
          data-testid="sweep-run"
          onClick={async () => {
            try {
              const r = await start.mutateAsync({
                policyId: policyId!,
                ...(district ? { districtCode: district } : {}),
              });
              setSweepId(r.id);
            } catch (e) {
              void message.error(errorMessage(e));
            }
          }}
        >
          {t("policy.sweep.run")}
        </Button>
      </Space>
      {s ? (
        <>
          <Progress
            percent={s.progress}
            status={s.status === "failed" ? "exception" : s.status === "done" ? "success" : "active"}
          />
          {s.status === "done" ? (
            <Typography.Text data-testid="sweep-result">{t("policy.sweep.result", s)}</Typography.Text>
          ) : null}
          {s.errorMessage ? <Typography.Text type="danger">{s.errorMessage}</Typography.Text> : null}
        </>
      ) : null}
    </Space>
  );
}

function PoolModal({ pool, year, onClose }: { pool: BudgetPool | null; year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { currentDistrictOptions } = useReferenceOptions();
  const save = useSavePool();
  const [form] = Form.useForm();
  const payer = Form.useWatch("payer", form);
  return (
    <Modal
      open
      title={pool ? `${t("policy.sweep.poolEdit")} · ${pool.name}` : t("policy.sweep.poolCreate")}
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await save.mutateAsync(
            pool
              ? { id: pool.id, version: pool.version, body: { name: v.name, totalWan: v.totalWan } }
              : { body: { ...v, year } },
          );
          onClose();
        } catch (e) {
          void message.error(errorMessage(e));
        }
      }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          pool ? { name: pool.name, totalWan: wan6(pool.totalFen).replace(/,/g, "") } : { payer: "city" }
        }
      >
        {pool ? null : (
          <>
            <Form.Item name="code" label={t("policy.sweep.poolCode")} rules={[{ required: true }]}>
              <Input placeholder="demo-dx-award" />
            </Form.Item>
            <Form.Item name="payer" label={t("policy.sweep.poolPayer")} rules={[{ required: true }]}>
              <Select options={PAYERS.map((p) => ({ value: p, label: PAYER_LABELS[p] }))} />
            </Form.Item>
            {payer === "district" ? (
              <Form.Item
                name="districtCode"
                label={t("policy.sweep.districtName")}
                rules={[{ required: true }]}
              >
                <Select options={currentDistrictOptions} />
              </Form.Item>
            ) : null}
          </>
        )}
        <Form.Item name="name" label={t("policy.sweep.poolName")} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="totalWan" label={t("policy.sweep.poolTotalWan")} rules={[{ required: true }]}>
          <Input suffix="万元" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Pools() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
  const pools = useBudgetPools(year);
  const [editing, setEditing] = useState<BudgetPool | null | undefined>(undefined);
  const city = me.role === "city_admin";
  return (
    <Card
      title={`${t("policy.sweep.pools")} ${year}`}
      size="small"
      extra={
        city ? (
          <Button size="small" onClick={() => setEditing(null)}>
            {t("policy.sweep.poolCreate")}
          </Button>
        ) : null
      }
    >
      {editing !== undefined ? (
        <PoolModal pool={editing} year={year} onClose={() => setEditing(undefined)} />
      ) : null}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        loading={pools.isFetching}
        dataSource={pools.data ?? []}
        locale={{ emptyText: t("policy.sweep.noPools") }}
        data-testid="pools"
        columns={[
          { title: t("policy.sweep.poolName"), dataIndex: "name" },
          {
            title: t("policy.sweep.poolTotal"),
            dataIndex: "totalFen",
            render: (v: number) => `${wan6(v)} 万元`,
          },
          {
            title: t("policy.sweep.poolReserved"),
            dataIndex: "reservedFen",
            render: (v: number) => `${wan6(v)} 万元`,
          },
          {
            title: t("policy.sweep.poolPaid"),
            dataIndex: "paidFen",
            render: (v: number) => `${wan6(v)} 万元`,
          },
          {
            title: t("policy.sweep.poolAvailable"),
            dataIndex: "availableFen",
            render: (v: number) => <Typography.Text strong>{wan6(v)} 万元</Typography.Text>,
          },
          ...(city
            ? [
                {
                  title: "",
                  key: "edit",
                  width: 80,
                  render: (_: unknown, p: BudgetPool) => (
                    <Button size="small" type="link" onClick={() => setEditing(p)}>
                      {t("policy.sweep.poolEdit")}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
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
              options={STATUSES.map((s) => ({ value: s, label: t(`policy.statuses.${s}`) }))}
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
              sort: (sorter?.order ? (sorter.field as AwardListParams["sort"]) : undefined) ?? DEFAULTS.sort,
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
