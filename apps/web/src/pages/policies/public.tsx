import { POLICY_LEVEL_LABELS, POLICY_LEVELS } from "@dxcenter/domain";
import { Button, Card, Select, Space, Tag, Tooltip, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type PolicyItem, usePolicyList } from "../../api/policies";
import { filter, ListView, listSpec, param, type ServerColumn, useListParams } from "../../components/list";
import { PublicShell } from "../../layouts/PublicShell";

/** The public pages' frame: the platform name, the page title and a sign-in button (like /catalogue). */
export function PublicPolicyShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <PublicShell
      title={t("policy.public.title")}
      loginText={t("policy.public.login")}
      contentStyle={{ maxWidth: 1400, width: "calc(100% - 48px)", alignSelf: "center" }}
    >
      {children}
    </PublicShell>
  );
}

const PUBLIC_POLICY_LIST = listSpec({
  // The policies in force by default; validToday=all also lists expired / not yet valid ones.
  filters: { q: param.text, level: param.oneOf(POLICY_LEVELS), validToday: param.oneOf(["all"] as const) },
});

/** 惠企政策公开查询: no sign-in; the policies in force with conditions, formula and caps in Chinese. */
export default function PublicPolicyListPage() {
  const { t } = useTranslation();
  const list = useListParams(PUBLIC_POLICY_LIST);
  const { validToday, ...rest } = list.params;
  const query = usePolicyList({
    ...rest,
    sort: "level",
    order: "asc",
    ...(validToday === "all" ? {} : { validToday: "true" }),
  });
  const columns: ServerColumn<PolicyItem>[] = [
    {
      title: t("policy.public.name"),
      dataIndex: "name",
      width: 260,
      render: (name: string, p) => (
        <Space direction="vertical" size={2}>
          <Link to={`/open-policies/${encodeURIComponent(p.id)}`}>{name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.issuer}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t("policy.library.level"),
      dataIndex: "level",
      width: 80,
      render: (l: PolicyItem["level"], p) => (
        <Space direction="vertical" size={2}>
          <Tag color="blue">{POLICY_LEVEL_LABELS[l]}</Tag>
          <span>{p.region}</span>
        </Space>
      ),
    },
    {
      title: t("policy.public.conditions"),
      dataIndex: "conditionTexts",
      render: (c: string[]) => (
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {c.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      ),
    },
    {
      title: t("policy.public.amount"),
      dataIndex: "formulaText",
      width: 280,
      render: (f: string, p) => (
        <Space direction="vertical" size={2}>
          <span>{f}</span>
          {p.unsetParameters > 0 ? (
            <Tooltip title={t("policy.detail.unset")}>
              <Tag color="orange">
                {t("policy.library.unsetParams")} {p.unsetParameters}
              </Tag>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    {
      title: t("policy.library.validity"),
      dataIndex: "validUntil",
      width: 190,
      render: (_: unknown, p) => (
        <Space direction="vertical" size={0}>
          <span>
            {p.validFrom === null && p.validUntil === null
              ? t("policy.public.validityNotStated")
              : `${p.validFrom ?? t("policy.library.notStated")} — ${p.validUntil ?? t("policy.library.notStated")}`}
          </span>
          {p.validToday ? null : <Tag>{t("policy.library.no")}</Tag>}
        </Space>
      ),
    },
  ];
  return (
    <PublicPolicyShell>
      <Card>
        <Space direction="vertical" style={{ width: "100%" }} size="middle">
          <Typography.Text type="secondary">{t("policy.public.hint")}</Typography.Text>
          <ListView
            list={list}
            resettable={false}
            filterMargin={0}
            filters={[
              filter.search(t("policy.library.search"), 280, {
                button: true,
                testId: "public-policy-search",
              }),
              filter.oneOf(
                "level",
                t("policy.library.level"),
                120,
                POLICY_LEVELS,
                (l) => POLICY_LEVEL_LABELS[l],
                { testId: "public-policy-level" },
              ),
              <Select
                key="validToday"
                value={validToday === "all" ? "all" : "true"}
                onChange={(v) => list.update({ validToday: v === "all" ? "all" : undefined })}
                options={[
                  { value: "true", label: t("policy.public.inForce") },
                  { value: "all", label: t("common.all") },
                ]}
                style={{ width: 140 }}
              />,
              <Button key="reset" onClick={list.reset}>
                {t("common.reset")}
              </Button>,
              query.data ? (
                <Typography.Text key="count" type="secondary">
                  {t("policy.public.count", { n: query.data.total })}
                </Typography.Text>
              ) : null,
            ]}
            testId="public-policy-table"
            columns={columns}
            query={query}
            size="large"
            tableLayout="fixed"
            empty={t("policy.public.empty")}
          />
        </Space>
      </Card>
    </PublicPolicyShell>
  );
}
