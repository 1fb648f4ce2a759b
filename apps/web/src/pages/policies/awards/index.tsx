import { Card, Select, Space, Tooltip, Typography } from "antd";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import {
  type AwardItem,
  type AwardListParams,
  type AwardStatus,
  useAwardList,
  usePolicyList,
} from "../../../api/policies";
import {
  filter,
  ListView,
  listSpec,
  param,
  type ServerColumn,
  useListParams,
} from "../../../components/list";
import { formatDateTime } from "../../../utils/format";
import { AWARD_STATUS_LIST, AwardActions, AwardStatusTag, wan6 } from "../components";
import { Pools } from "./Pools";
import { SweepPanel } from "./SweepPanel";

type AwardSort = NonNullable<AwardListParams["sort"]>;
const AWARD_LIST = listSpec({
  filters: {
    q: param.text,
    policyId: param.text,
    status: param.oneOf(AWARD_STATUS_LIST),
    districtCode: param.district,
  },
  sort: {
    keys: ["identifiedAt", "amountFen", "enterpriseName", "updatedAt"] satisfies AwardSort[],
    default: "identifiedAt",
    order: "desc",
  },
});

/** 免申即享 (bureau): pick a policy, sweep the enterprises in scope, confirm, pay; pools beside. */
export default function PolicySweepPage() {
  const { t } = useTranslation();
  const list = useListParams(AWARD_LIST);
  const { params, update } = list;
  const policies = usePolicyList({ beneficiary: "enterprise", pageSize: 100 });
  const query = useAwardList(params);
  const { refetch } = query;
  const refetchList = useCallback(() => void refetch(), [refetch]);
  const columns: ServerColumn<AwardItem, AwardSort>[] = [
    {
      title: t("policy.sweep.enterpriseName"),
      dataIndex: "enterpriseName",
      sortKey: "enterpriseName",
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
      sortKey: "amountFen",
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
      sortKey: "identifiedAt",
      width: 150,
      // To the minute in the column, to the second on hover.
      render: (v: string) => <Tooltip title={formatDateTime(v)}>{formatDateTime(v).slice(0, 16)}</Tooltip>,
    },
    {
      title: t("policy.sweep.actions"),
      key: "actions",
      width: 160,
      render: (_: unknown, a) => <AwardActions a={a} />,
    },
  ];
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
        <ListView
          list={list}
          filterMargin={12}
          filters={[
            filter.search(t("policy.sweep.search"), 240, { button: true, testId: "award-search" }),
            filter.oneOf("status", t("policy.sweep.status"), 200, AWARD_STATUS_LIST, (s) =>
              t(`policy.statuses.${s}`),
            ),
          ]}
          export={{ path: "/api/policy-awards/export", fileName: t("policy.sweep.exportName") }}
          testId="award-table"
          columns={columns}
          query={query}
          size="large"
          // Fixed layout: names and policies are cut with an ellipsis (full text on hover) instead of
          // wrapping every row onto four lines at 1440 px; narrower screens scroll sideways.
          tableLayout="fixed"
          scrollX={1100}
        />
      </Card>
    </Space>
  );
}
