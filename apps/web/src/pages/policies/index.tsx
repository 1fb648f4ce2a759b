import { BENEFICIARY_KINDS, POLICY_LEVEL_LABELS, POLICY_LEVELS } from "@dxcenter/domain";
import { Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { type PolicyItem, type PolicyListParams, usePolicyList } from "../../api/policies";
import { useCurrentUser } from "../../auth/context";
import {
  column,
  filter,
  ListPage,
  listSpec,
  param,
  type ServerColumn,
  useListParams,
} from "../../components/list";

type PolicySort = NonNullable<PolicyListParams["sort"]>;
const POLICY_LIST = listSpec({
  filters: {
    q: param.text,
    level: param.oneOf(POLICY_LEVELS),
    beneficiary: param.oneOf(BENEFICIARY_KINDS),
    validToday: param.bool,
  },
  sort: { keys: ["name", "level", "validUntil"] satisfies PolicySort[], default: "level", order: "asc" },
});

/** 政策库: every loaded policy with how its amount is computed; staff can export it. */
export default function PolicyLibraryPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const list = useListParams(POLICY_LIST);
  const query = usePolicyList(list.params);
  const staff = me.role === "city_admin" || me.role === "district_admin";
  const columns: ServerColumn<PolicyItem, PolicySort>[] = [
    column.link("name", t("policy.library.title"), (p) => `/policies/${p.id}`, { sortKey: "name" }),
    {
      title: t("policy.library.level"),
      dataIndex: "level",
      sortKey: "level",
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
      sortKey: "validUntil",
      width: 200,
      render: (_: unknown, p) => (
        <Space direction="vertical" size={0}>
          <span>
            {p.validFrom ?? t("policy.library.notStated")} — {p.validUntil ?? t("policy.library.notStated")}
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
  ];
  return (
    <ListPage
      title={t("policy.library.title")}
      list={list}
      filterMargin={12}
      filters={[
        filter.search(t("policy.library.search"), 260, { button: true, testId: "policy-search" }),
        filter.oneOf("level", t("policy.library.level"), 120, POLICY_LEVELS, (l) => POLICY_LEVEL_LABELS[l]),
        filter.oneOf("beneficiary", t("policy.library.beneficiary"), 120, BENEFICIARY_KINDS, (b) =>
          t(`policy.library.beneficiaries.${b}`),
        ),
        {
          kind: "select",
          key: "validToday",
          placeholder: t("policy.library.validToday"),
          width: 160,
          options: filter.yesNo(t("policy.library.yes"), t("policy.library.no")),
        },
      ]}
      export={staff && { path: "/api/policies/export", fileName: t("policy.library.exportName") }}
      columns={columns}
      query={query}
      size="large"
    />
  );
}
