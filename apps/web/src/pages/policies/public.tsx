import { POLICY_LEVEL_LABELS, POLICY_LEVELS } from "@dxcenter/domain";
import { Button, Card, Input, Layout, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type PolicyItem, type PolicyListParams, usePolicyList } from "../../api/policies";
import { QueryError } from "../../components/QueryError";
import { PAGE_SIZES, pick, useUrlListParams } from "../../utils/urlListParams";

/** The public pages' frame: the platform name, the page title and a sign-in button (like /catalogue). */
export function PublicPolicyShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header
        style={{ display: "flex", alignItems: "center", justifyContent: "space-between", color: "#fff" }}
      >
        <Typography.Title level={4} style={{ margin: 0, color: "#fff" }}>
          {t("app.name")} · {t("policy.public.title")}
        </Typography.Title>
        <Link to="/login">
          <Button>{t("policy.public.login")}</Button>
        </Link>
      </Layout.Header>
      <Layout.Content style={{ margin: 24, maxWidth: 1400, width: "calc(100% - 48px)", alignSelf: "center" }}>
        {children}
      </Layout.Content>
    </Layout>
  );
}

type Params = Omit<PolicyListParams, "validToday"> & { validToday?: "true" | "all" };
const DEFAULTS = { sort: "level", order: "asc" } as const;
function parse(sp: URLSearchParams): Omit<Params, "page" | "pageSize"> {
  return {
    q: sp.get("q")?.trim() || undefined,
    level: pick(sp.get("level"), POLICY_LEVELS),
    // The policies in force by default; "all" also lists expired / not yet valid ones.
    validToday: sp.get("validToday") === "all" ? "all" : undefined,
    sort: DEFAULTS.sort,
    order: DEFAULTS.order,
  };
}

/** 惠企政策公开查询: no sign-in; the policies in force with conditions, formula and caps in Chinese. */
export default function PublicPolicyListPage() {
  const { t } = useTranslation();
  const { params, update, reset } = useUrlListParams<Params>(parse, DEFAULTS);
  const { validToday, ...rest } = params;
  const list = usePolicyList({ ...rest, ...(validToday === "all" ? {} : { validToday: "true" }) });
  const [q, setQ] = useState(params.q ?? "");
  return (
    <PublicPolicyShell>
      <Card>
        <Space direction="vertical" style={{ width: "100%" }} size="middle">
          <Typography.Text type="secondary">{t("policy.public.hint")}</Typography.Text>
          <Space wrap>
            <Input.Search
              allowClear
              placeholder={t("policy.library.search")}
              value={q}
              onChange={(e) => setQ(e.target.value)}
              onSearch={(v) => update({ q: v.trim() || undefined })}
              style={{ width: 280 }}
              data-testid="public-policy-search"
            />
            <Select
              allowClear
              placeholder={t("policy.library.level")}
              value={params.level}
              onChange={(v) => update({ level: v })}
              options={POLICY_LEVELS.map((l) => ({ value: l, label: POLICY_LEVEL_LABELS[l] }))}
              style={{ width: 120 }}
              data-testid="public-policy-level"
            />
            <Select
              value={validToday === "all" ? "all" : "true"}
              onChange={(v) => update({ validToday: v === "all" ? "all" : undefined })}
              options={[
                { value: "true", label: t("policy.public.inForce") },
                { value: "all", label: t("common.all") },
              ]}
              style={{ width: 140 }}
            />
            <Button
              onClick={() => {
                setQ("");
                reset();
              }}
            >
              {t("common.reset")}
            </Button>
            {list.data ? (
              <Typography.Text type="secondary">
                {t("policy.public.count", { n: list.data.total })}
              </Typography.Text>
            ) : null}
          </Space>
          {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
          <Table<PolicyItem>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t("policy.public.empty") }}
            data-testid="public-policy-table"
            tableLayout="fixed"
            onChange={(p) => update({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES.map(String),
            }}
            columns={[
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
            ]}
          />
        </Space>
      </Card>
    </PublicPolicyShell>
  );
}
