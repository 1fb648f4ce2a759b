import { ArrowLeftOutlined, StarOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Progress,
  Row,
  Skeleton,
  Space,
  Tabs,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { errorMessage } from "../../api/client";
import {
  type DemandDetail,
  type LeadItem,
  type SolutionMatch,
  useDemand,
  useDemandMatches,
  useLeadStep,
  useShortlist,
  useUpdateDemand,
} from "../../api/demands";
import { useCurrentUser } from "../../auth/context";
import { DetailTable } from "../../components/DetailTable";
import { QueryError } from "../../components/QueryError";
import { formatDateTime, wan } from "../../utils/format";
import { PriceText, SceneTags, SolutionDrawer } from "../solutions/components";
import { DEMAND_STATUS_COLORS, LEAD_COLORS } from "./components";

function Breakdown({ m }: { m: Pick<SolutionMatch, "breakdown"> }) {
  return (
    <div data-testid="match-breakdown">
      {m.breakdown.map((b) => (
        <Row key={b.criterion} gutter={8} align="middle" style={{ marginBottom: 2 }}>
          <Col flex="72px">
            <Typography.Text type="secondary">{b.label}</Typography.Text>
          </Col>
          <Col flex="140px">
            <Progress
              percent={Math.round(b.value * 100)}
              size="small"
              showInfo={false}
              status={b.applicable ? "normal" : "exception"}
              strokeColor={b.applicable ? undefined : "#d9d9d9"}
            />
          </Col>
          <Col flex="70px">
            <Typography.Text>
              {b.points.toFixed(1)}/{Math.round(b.weight * 1000) / 10}
            </Typography.Text>
          </Col>
          <Col flex="auto">
            <Typography.Text data-testid="match-reason">{b.reason}</Typography.Text>
          </Col>
        </Row>
      ))}
    </div>
  );
}

function Matches({ d }: { d: DemandDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const q = useDemandMatches(d.id, true);
  const shortlist = useShortlist(d.id);
  const [open, setOpen] = useState<string>();
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const m = q.data;
  const onShortlist = async (solutionId: string) => {
    try {
      await shortlist.mutateAsync({ solutionId });
      void message.success(t("matching.demand.shortlisted"));
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message={t("matching.demand.matchHint")}
        description={t("matching.demand.candidates", { n: m.candidates })}
      />
      <Tabs
        items={[
          {
            key: "solutions",
            label: t("matching.demand.matches"),
            children: m.solutions.length ? (
              <List
                data-testid="match-list"
                dataSource={m.solutions}
                renderItem={(s) => (
                  <List.Item key={s.solution.id} data-testid="match-item">
                    <Card size="small" style={{ width: "100%" }}>
                      <Row gutter={16}>
                        <Col flex="64px" style={{ textAlign: "center" }}>
                          <Typography.Title level={3} style={{ margin: 0 }}>
                            {s.rank}
                          </Typography.Title>
                          <Typography.Text type="secondary">{t("matching.demand.rank")}</Typography.Text>
                        </Col>
                        <Col flex="auto">
                          <Space direction="vertical" size={4} style={{ width: "100%" }}>
                            <Space wrap>
                              <Button
                                type="link"
                                style={{ padding: 0, fontWeight: 600 }}
                                onClick={() => setOpen(s.solution.id)}
                                data-testid="match-solution-name"
                              >
                                {s.solution.name}
                              </Button>
                              <Typography.Text type="secondary">{s.solution.providerName}</Typography.Text>
                              <Tag>{t(`matching.solution.kinds.${s.solution.kind}`)}</Tag>
                              <PriceText min={s.solution.priceMinFen} max={s.solution.priceMaxFen} />
                            </Space>
                            <Breakdown m={s} />
                          </Space>
                        </Col>
                        <Col flex="120px" style={{ textAlign: "center" }}>
                          <Progress
                            type="circle"
                            size={72}
                            percent={Math.round(s.score)}
                            format={() => s.score.toFixed(1)}
                          />
                          <div style={{ marginTop: 8 }}>
                            {s.leadStatus ? (
                              <Tag color={LEAD_COLORS[s.leadStatus]}>
                                {t(`matching.demand.leadStatuses.${s.leadStatus}`)}
                              </Tag>
                            ) : d.permissions.manage ? (
                              <Button
                                size="small"
                                type="primary"
                                icon={<StarOutlined />}
                                loading={shortlist.isPending}
                                onClick={() => void onShortlist(s.solution.id)}
                                data-testid="match-shortlist"
                              >
                                {t("matching.demand.shortlist")}
                              </Button>
                            ) : null}
                          </div>
                        </Col>
                      </Row>
                    </Card>
                  </List.Item>
                )}
              />
            ) : (
              <Empty description={t("matching.demand.noMatches")} />
            ),
          },
          {
            key: "providers",
            label: t("matching.demand.providerMatches"),
            children: (
              <List
                dataSource={m.providers}
                renderItem={(p) => (
                  <List.Item key={p.providerId}>
                    <Card size="small" style={{ width: "100%" }}>
                      <Space direction="vertical" style={{ width: "100%" }}>
                        <Space>
                          <Typography.Text strong>
                            {p.rank}. {p.providerName}
                          </Typography.Text>
                          <Tag color="blue">
                            {t("matching.demand.score")} {p.score.toFixed(1)}
                          </Tag>
                        </Space>
                        <Breakdown m={p} />
                      </Space>
                    </Card>
                  </List.Item>
                )}
              />
            ),
          },
        ]}
      />
      <SolutionDrawer id={open} onClose={() => setOpen(undefined)} />
    </>
  );
}

function Leads({ d }: { d: DemandDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const step = useLeadStep(d.id);
  const go = async (l: LeadItem, status: "contacted" | "contracted" | "declined") => {
    try {
      await step.mutateAsync({ leadId: l.id, status, version: l.version });
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const provider = me.role === "provider";
  return (
    <DetailTable<LeadItem>
      data-testid="lead-table"
      rowKey="id"
      dataSource={d.leads}
      locale={{ emptyText: t("matching.demand.noLeads") }}
      scroll={{ x: 900 }}
      columns={[
        {
          key: "s",
          title: t("matching.demand.leadSolution"),
          dataIndex: "solutionName",
          render: (v: string | null) => v ?? "—",
        },
        { key: "p", title: t("matching.demand.leadProvider"), dataIndex: "providerName" },
        {
          key: "score",
          title: t("matching.demand.leadScore"),
          dataIndex: "score",
          width: 110,
          render: (v: number | null) => v?.toFixed(1) ?? "—",
        },
        {
          key: "status",
          title: t("matching.common.status"),
          dataIndex: "status",
          width: 100,
          render: (v: LeadItem["status"]) => (
            <Tag color={LEAD_COLORS[v]}>{t(`matching.demand.leadStatuses.${v}`)}</Tag>
          ),
        },
        {
          key: "steps",
          title: t("matching.demand.leadSteps"),
          render: (_: unknown, l) => (
            <Space direction="vertical" size={0}>
              <span>
                {t("matching.demand.leadStatuses.shortlisted")}：{formatDateTime(l.shortlistedAt)}{" "}
                {l.shortlistedByName ?? ""}
              </span>
              {l.contactedAt ? (
                <span>
                  {t("matching.demand.leadStatuses.contacted")}：{formatDateTime(l.contactedAt)}{" "}
                  {l.contactedByName ?? ""}
                </span>
              ) : null}
              {l.contractedAt ? (
                <span>
                  {t("matching.demand.leadStatuses.contracted")}：{formatDateTime(l.contractedAt)}{" "}
                  {l.contractedByName ?? ""}
                </span>
              ) : null}
              {l.declinedAt ? (
                <span>
                  {t("matching.demand.leadStatuses.declined")}：{formatDateTime(l.declinedAt)}{" "}
                  {l.declinedByName ?? ""}
                </span>
              ) : null}
            </Space>
          ),
        },
        {
          key: "actions",
          title: t("matching.common.actions"),
          width: 240,
          render: (_: unknown, l) => {
            const open = l.status === "shortlisted" || l.status === "contacted";
            if (!open) return null;
            if (provider)
              return l.status === "shortlisted" ? (
                <Button size="small" onClick={() => void go(l, "contacted")} data-testid="lead-contact">
                  {t("matching.demand.markContacted")}
                </Button>
              ) : null;
            if (!d.permissions.manage) return null;
            return (
              <Space>
                {l.status === "shortlisted" ? (
                  <Button size="small" onClick={() => void go(l, "contacted")} data-testid="lead-contact">
                    {t("matching.demand.markContacted")}
                  </Button>
                ) : null}
                <Button
                  size="small"
                  type="primary"
                  onClick={() => void go(l, "contracted")}
                  data-testid="lead-contract"
                >
                  {t("matching.demand.markContracted")}
                </Button>
                <Button size="small" danger onClick={() => void go(l, "declined")}>
                  {t("matching.demand.decline")}
                </Button>
              </Space>
            );
          },
        },
      ]}
    />
  );
}

export default function DemandDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id } = useParams();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const q = useDemand(id);
  const update = useUpdateDemand(id ?? "");
  if (q.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const owner = me.role !== "provider";
  const toggle = async () => {
    try {
      await update.mutateAsync({ status: d.status === "closed" ? "open" : "closed", version: d.version });
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card>
        <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
          <Space>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate("/demands")}>
              {t("matching.common.back")}
            </Button>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="demand-title-text">
              {d.title}
            </Typography.Title>
            <Tag color={DEMAND_STATUS_COLORS[d.status]}>{t(`matching.demand.statuses.${d.status}`)}</Tag>
          </Space>
          {owner && (d.permissions.manage || d.status === "closed") ? (
            <Button onClick={() => void toggle()} loading={update.isPending}>
              {d.status === "closed" ? t("matching.demand.reopen") : t("matching.demand.close")}
            </Button>
          ) : null}
        </Space>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} style={{ marginTop: 16 }} size="small">
          <Descriptions.Item label={t("matching.demand.enterprise")}>{d.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label={t("matching.common.district")}>{d.districtName}</Descriptions.Item>
          <Descriptions.Item label={t("matching.demand.source")}>
            {t(`matching.demand.sources.${d.source}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t("matching.demand.scenes")}>
            <SceneTags names={d.sceneNames} />
          </Descriptions.Item>
          <Descriptions.Item label={t("matching.demand.budget")}>
            {d.budgetFen === null ? "—" : wan(d.budgetFen)}
          </Descriptions.Item>
          <Descriptions.Item
            label={`${t("matching.demand.timingStart")} / ${t("matching.demand.timingEnd")}`}
          >
            {d.timingStart ?? "—"} / {d.timingEnd ?? "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("matching.demand.description")} span={3}>
            {d.description ?? "—"}
          </Descriptions.Item>
        </Descriptions>
        {d.gapSources.length ? (
          <Card size="small" title={t("matching.demand.gapSources")} data-testid="demand-gap-sources">
            <List
              size="small"
              dataSource={d.gapSources}
              renderItem={(g) => (
                <List.Item>
                  <Space direction="vertical" size={0}>
                    <Typography.Text strong>{g.name}</Typography.Text>
                    <Typography.Text type="secondary">
                      {t("matching.demand.gapFrom")}：{g.improvementTitles.join("；")}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        ) : null}
      </Card>
      <Card title={t("matching.demand.leads")}>
        <Leads d={d} />
      </Card>
      {owner ? (
        <Card title={t("matching.demand.matches")}>
          <Matches d={d} />
        </Card>
      ) : null}
    </Space>
  );
}
