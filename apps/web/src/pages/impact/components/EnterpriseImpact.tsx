import { ArrowRightOutlined } from "@ant-design/icons";
import type { TableProps } from "antd";
import { Card, Col, List, Row, Select, Space, Tag, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import Chart, { type ChartOption } from "../../../charts/Chart";
import { DetailTable } from "../../../components/DetailTable";
import { QueryError } from "../../../components/QueryError";
import { formatDate } from "../../../utils/format";
import { type EnterpriseImpact as Impact, useEnterpriseImpact } from "../api";
import { Delta } from "./Delta";

type Comparison = NonNullable<Impact["comparison"]>;
type DimRow = Comparison["dimensions"][number];

function barOption(c: Comparison, labels: { t0: string; t1: string }): ChartOption {
  const dims = c.dimensions.filter((d) => d.max > 0);
  return {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 40 },
    xAxis: { type: "category", data: dims.map((d) => d.name), axisLabel: { interval: 0 } },
    yAxis: { type: "value" },
    series: [
      { name: labels.t0, type: "bar", data: dims.map((d) => d.t0 ?? 0), itemStyle: { color: "#8c8c8c" } },
      { name: labels.t1, type: "bar", data: dims.map((d) => d.t1 ?? 0), itemStyle: { color: "#1658b8" } },
    ],
  };
}

/**
 * T0 → T1 of one enterprise for one instrument: level from → to, total and per-dimension change,
 * grouped bars, and the scenes / indicators that moved. Renders nothing until the enterprise has
 * two submitted assessments of some instrument (the server scopes who may see it).
 */
export function EnterpriseImpact({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const [instrumentId, setInstrumentId] = useState<string | undefined>();
  const [pair, setPair] = useState<{ a?: string | undefined; b?: string | undefined }>({});
  const query = useEnterpriseImpact(enterpriseId, { instrumentId, ...pair });
  const data = query.data;
  const c = data?.comparison ?? null;
  const option = useMemo(
    () => (c ? barOption(c, { t0: t("impact.enterprise.t0"), t1: t("impact.enterprise.t1") }) : null),
    [c, t],
  );
  const eligible = (data?.instruments ?? []).filter((i) => i.submitted >= 2);
  // The server defaults to the most recently used instrument; switch to one that can be compared.
  const fallback =
    data &&
    !instrumentId &&
    eligible.length > 0 &&
    !eligible.some((i) => i.instrumentId === data.instrumentId)
      ? eligible[0]!.instrumentId
      : undefined;
  useEffect(() => {
    if (fallback) setInstrumentId(fallback);
  }, [fallback]);
  if (!data || eligible.length === 0) return null;

  const kind = (k: string) =>
    k === "onsite" ? t("impact.enterprise.kindOnsite") : t("impact.enterprise.kindSelf");
  const assessmentOptions = data.assessments.map((a) => ({
    value: a.id,
    label: `${formatDate(a.submittedAt)} · ${kind(a.kind)} · ${a.total} · ${a.levelName}`,
  }));
  const columns: TableProps<DimRow>["columns"] = [
    { key: "name", title: t("impact.enterprise.dimension"), dataIndex: "name" },
    { key: "max", title: t("impact.enterprise.max"), dataIndex: "max", align: "right" },
    { key: "t0", title: "T0", dataIndex: "t0", align: "right", render: (v: number | null) => v ?? "—" },
    { key: "t1", title: "T1", dataIndex: "t1", align: "right", render: (v: number | null) => v ?? "—" },
    {
      key: "delta",
      title: t("impact.enterprise.delta"),
      dataIndex: "delta",
      align: "right",
      render: (v: number, r) => <Delta value={v} arrow testId={`impact-dim-${r.id}`} />,
    },
  ];
  const sceneLevel = (level: number) =>
    level === 0 ? t("impact.enterprise.noSceneLevel") : t("common.level", { level });
  const levelColor =
    c?.level.direction === "up" ? "success" : c?.level.direction === "down" ? "error" : "default";
  const moved = (which: "improved" | "declined") =>
    c
      ? [
          ...c.scenes[which].map((s) =>
            t("impact.enterprise.sceneLevel", { name: s.name, from: sceneLevel(s.t0), to: sceneLevel(s.t1) }),
          ),
          ...c.requirements[which].map((r) =>
            t("impact.enterprise.points", { title: r.title, from: r.t0, to: r.t1 }),
          ),
        ]
      : [];

  return (
    <Card
      size="small"
      title={t("impact.enterprise.title")}
      data-testid="enterprise-impact"
      extra={
        <Space wrap>
          {eligible.length > 1 ? (
            <Select
              size="small"
              style={{ width: 260 }}
              value={data.instrumentId ?? undefined}
              options={eligible.map((i) => ({ value: i.instrumentId, label: i.instrumentName }))}
              onChange={(v) => {
                setInstrumentId(v);
                setPair({});
              }}
            />
          ) : (
            <Typography.Text type="secondary">{data.instrumentName}</Typography.Text>
          )}
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        {query.isError ? <QueryError error={query.error} onRetry={() => setPair({})} /> : null}
        <Space wrap>
          <span>{t("impact.enterprise.t0")}</span>
          <Select
            size="small"
            style={{ width: 300 }}
            value={data.t0Id ?? undefined}
            options={assessmentOptions}
            onChange={(a) => setPair((p) => ({ ...p, a }))}
            data-testid="impact-t0"
          />
          <ArrowRightOutlined />
          <span>{t("impact.enterprise.t1")}</span>
          <Select
            size="small"
            style={{ width: 300 }}
            value={data.t1Id ?? undefined}
            options={assessmentOptions}
            onChange={(b) => setPair((p) => ({ ...p, b }))}
            data-testid="impact-t1"
          />
        </Space>
        {c ? (
          <>
            <Space size="large" wrap>
              <span data-testid="impact-level">
                {t("impact.enterprise.level")}：<Tag>{c.level.fromName}</Tag>
                <ArrowRightOutlined /> <Tag color={levelColor}>{c.level.toName}</Tag>
                <Typography.Text type="secondary">
                  {c.level.direction === "up"
                    ? t("impact.enterprise.levelUp")
                    : c.level.direction === "down"
                      ? t("impact.enterprise.levelDown")
                      : t("impact.enterprise.levelSame")}
                </Typography.Text>
              </span>
              <span data-testid="impact-total">
                {t("impact.enterprise.total")}：{c.total.t0} <ArrowRightOutlined /> {c.total.t1} /{" "}
                {c.total.max}（
                <Delta value={c.total.delta} />）
              </span>
            </Space>
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <DetailTable<DimRow>
                  rowKey="id"
                  columns={columns}
                  dataSource={[...c.dimensions]}
                  data-testid="impact-dimensions"
                />
              </Col>
              <Col xs={24} xl={12}>
                {option ? <Chart option={option} style={{ height: 280 }} /> : null}
              </Col>
            </Row>
            <Row gutter={[16, 16]}>
              {(["improved", "declined"] as const).map((which) => {
                const items = moved(which);
                return (
                  <Col xs={24} md={12} key={which}>
                    <List
                      size="small"
                      header={
                        <Typography.Text strong>
                          {t(`impact.enterprise.${which}`)}（{items.length}）
                        </Typography.Text>
                      }
                      dataSource={items.slice(0, 8)}
                      locale={{ emptyText: t("impact.enterprise.none") }}
                      renderItem={(text) => <List.Item>{text}</List.Item>}
                    />
                  </Col>
                );
              })}
            </Row>
          </>
        ) : (
          <Typography.Text type="secondary">{t("impact.enterprise.needTwo")}</Typography.Text>
        )}
      </Space>
    </Card>
  );
}
