import { CheckCircleFilled, CloseCircleFilled } from "@ant-design/icons";
import { type ConditionStatus, type Improvement, levelLabel, type ScoreResult } from "@dxcenter/domain";
import type { TableProps } from "antd";
import {
  Alert,
  Card,
  Col,
  Collapse,
  Descriptions,
  Empty,
  List,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { AssessmentDetail } from "../../../api/assessments";
import Chart, { type ChartOption } from "../../../charts/Chart";
import { formatDateTime } from "../../../utils/format";
import { formatPts, percentOf } from "./format";
import { ReportButtons } from "./ReportButtons";

const IMPACT_COLORS = {
  raisesLevel: "green",
  closesCondition: "blue",
  reducesGap: "cyan",
  none: "default",
} as const;

function ConditionLine({ c }: { c: ConditionStatus }) {
  const { t } = useTranslation();
  return (
    <div style={{ marginBottom: 8 }}>
      <Space align="start">
        {c.met ? (
          <CheckCircleFilled style={{ color: "#52c41a" }} />
        ) : (
          <CloseCircleFilled style={{ color: "#ff4d4f" }} />
        )}
        <div>
          <Typography.Text strong>{c.description}</Typography.Text>
          <div>
            <Typography.Text type={c.met ? "secondary" : "danger"}>{c.message}</Typography.Text>
          </div>
          {!c.met && c.scenesBelow?.length ? (
            <div style={{ marginTop: 4 }}>
              <Typography.Text type="secondary">{t("assessment.result.scenesBelow")}</Typography.Text>
              {c.scenesBelow.map((s) => (
                <Tag
                  key={s.questionId}
                  color={s.constrained ? "volcano" : undefined}
                  style={{ marginBottom: 4 }}
                >
                  {s.name}（{s.level === 0 ? "—" : levelLabel(s.level)}）
                </Tag>
              ))}
            </div>
          ) : null}
        </div>
      </Space>
    </div>
  );
}

/** Read-only result: level, total, dimension radar, scene levels, explanations, gap and improvements. */
export function ResultView({ detail, result }: { detail: AssessmentDetail; result: ScoreResult | null }) {
  const { t } = useTranslation();

  const charts = useMemo(() => {
    if (!result) return null;
    const dims = result.dimensions.filter((d) => d.maxPoints > 0);
    const radar: ChartOption = {
      tooltip: {},
      radar: {
        indicator: dims.map((d) => ({
          name: `${d.name}\n${formatPts(d.points)}/${formatPts(d.maxPoints)}`,
          max: 100,
        })),
        radius: "62%",
      },
      series: [
        {
          type: "radar",
          data: [
            {
              name: t("assessment.result.radarValue"),
              value: dims.map((d) => percentOf(d.points, d.maxPoints)),
              areaStyle: { opacity: 0.25 },
            },
          ],
        },
      ],
    };
    const scenes = result.scenes;
    const maxLevel = Math.max(1, ...scenes.map((s) => s.maxLevel));
    const sceneBar: ChartOption | null = scenes.length
      ? {
          tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
          grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
          xAxis: {
            type: "value",
            min: 0,
            max: maxLevel,
            interval: 1,
            name: t("assessment.result.sceneLevel"),
          },
          yAxis: { type: "category", inverse: true, data: scenes.map((s) => s.name) },
          series: [
            {
              type: "bar",
              name: t("assessment.result.sceneLevel"),
              label: { show: true, position: "right" },
              data: scenes.map((s) => ({
                value: s.level,
                itemStyle: { color: s.constrained ? "#d4380d" : "#1658b8" },
              })),
            },
          ],
        }
      : null;
    return { radar, sceneBar, sceneHeight: Math.max(200, scenes.length * 26 + 40) };
  }, [result, t]);

  if (!result || !charts) {
    return (
      <Card>
        <Empty description={t("assessment.result.noResult")} />
      </Card>
    );
  }

  const gap = result.gapToNextLevel;

  const improvementColumns: TableProps<Improvement>["columns"] = [
    { key: "rank", title: t("assessment.improvement.rank"), width: 60, render: (_v, _r, i) => i + 1 },
    {
      key: "item",
      title: t("assessment.improvement.item"),
      render: (_v, r) => (
        <div>
          <Typography.Text strong>
            {r.questionId} {r.title}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary">{r.action}</Typography.Text>
          </div>
        </div>
      ),
    },
    {
      key: "impact",
      title: t("assessment.improvement.impact"),
      width: 200,
      render: (_v, r) => (
        <div>
          <Tag color={IMPACT_COLORS[r.levelImpact]}>
            {t(`assessment.improvement.impacts.${r.levelImpact}`)}
          </Tag>
          {r.levelImpact === "raisesLevel" ? (
            <div style={{ fontSize: 12 }}>
              {t("assessment.improvement.levelAfter", {
                name: result.levels.find((l) => l.level === r.levelAfter)?.name ?? levelLabel(r.levelAfter),
              })}
            </div>
          ) : null}
          {r.closesConditions.map((c) => (
            <div key={c} style={{ fontSize: 12, color: "rgba(0,0,0,.45)" }}>
              {c}
            </div>
          ))}
        </div>
      ),
    },
    {
      key: "pointsGained",
      title: t("assessment.improvement.pointsGained"),
      dataIndex: "pointsGained",
      width: 110,
      align: "right",
      render: (v: number) => (v > 0 ? `+${formatPts(v)}` : "0"),
    },
    {
      key: "effort",
      title: t("assessment.improvement.effort"),
      dataIndex: "effort",
      width: 90,
      align: "right",
    },
  ];

  return (
    <div data-testid="assessment-result">
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={[24, 16]} align="middle">
          <Col xs={24} md={8} style={{ textAlign: "center" }}>
            <div style={{ color: "rgba(0,0,0,.45)", marginBottom: 8 }}>{t("assessment.result.level")}</div>
            <Tag
              data-testid="assessment-level"
              color={result.level > 0 ? "blue" : "default"}
              style={{ fontSize: 28, lineHeight: "44px", padding: "0 20px", marginInlineEnd: 0 }}
            >
              {result.levelName}
            </Tag>
          </Col>
          <Col xs={24} md={8} style={{ textAlign: "center" }}>
            <div style={{ color: "rgba(0,0,0,.45)", marginBottom: 8 }}>{t("assessment.result.total")}</div>
            <div data-testid="assessment-total" style={{ fontSize: 32, fontWeight: 600, lineHeight: "44px" }}>
              {formatPts(result.total)}
              <span style={{ fontSize: 18, color: "rgba(0,0,0,.45)", fontWeight: 400 }}>
                {" "}
                / {formatPts(result.maxTotal)}
              </span>
            </div>
            {result.maturityScore !== undefined ? (
              <div>
                {t("assessment.result.maturity")}：<strong>{result.maturityScore.toFixed(2)}</strong>
              </div>
            ) : null}
          </Col>
          <Col xs={24} md={8}>
            <Descriptions column={1} size="small">
              {detail.status === "draft" ? (
                <Descriptions.Item label={t("assessment.columns.status")}>
                  <Tag color="orange">{t("assessment.result.draftPreview")}</Tag>
                </Descriptions.Item>
              ) : null}
              {detail.submittedAt ? (
                <Descriptions.Item label={t("assessment.result.submittedAt")}>
                  {formatDateTime(detail.submittedAt)}
                </Descriptions.Item>
              ) : null}
              {detail.commitmentAt ? (
                <Descriptions.Item label={t("assessment.result.commitmentAt")}>
                  {formatDateTime(detail.commitmentAt)}
                </Descriptions.Item>
              ) : null}
              {result.ratedLevelScores.length ? (
                <Descriptions.Item label={t("assessment.result.ratedLevels")}>
                  <Space size={[4, 4]} wrap>
                    {result.ratedLevelScores.map((r) => (
                      <Tag key={r.level}>
                        {levelLabel(r.level)} {r.score.toFixed(2)}
                      </Tag>
                    ))}
                  </Space>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Col>
        </Row>
        {detail.status === "submitted" ? (
          <div
            style={{
              marginTop: 16,
              paddingTop: 16,
              borderTop: "1px solid rgba(5,5,5,.06)",
              textAlign: "right",
            }}
          >
            <ReportButtons assessmentId={detail.id} />
          </div>
        ) : null}
      </Card>

      <Row gutter={16}>
        <Col xs={24} lg={charts.sceneBar ? 10 : 24}>
          <Card title={t("assessment.result.radar")} style={{ marginBottom: 16 }}>
            <Chart option={charts.radar} style={{ height: 340 }} />
          </Card>
        </Col>
        {charts.sceneBar ? (
          <Col xs={24} lg={14}>
            <Card
              title={t("assessment.result.scenes")}
              style={{ marginBottom: 16 }}
              extra={
                <Space size={4}>
                  <Tag color="#d4380d">{t("assessment.result.constrained")}</Tag>
                  <Tag color="#1658b8">{t("assessment.result.guiding")}</Tag>
                </Space>
              }
            >
              <Chart option={charts.sceneBar} style={{ height: charts.sceneHeight }} />
            </Card>
          </Col>
        ) : null}
      </Row>

      <Card title={t("assessment.result.gap")} style={{ marginBottom: 16 }} data-testid="assessment-gap">
        {gap ? (
          <>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t("assessment.result.gapTarget", { name: gap.targetName })}
            </Typography.Title>
            {gap.conditions.map((c) => (
              <ConditionLine key={c.description} c={c} />
            ))}
          </>
        ) : (
          <Alert type="success" showIcon title={t("assessment.result.topLevel")} />
        )}
      </Card>

      <Card title={t("assessment.result.improvements")} style={{ marginBottom: 16 }}>
        <div data-testid="assessment-improvements">
          <Table<Improvement>
            rowKey="id"
            size="small"
            columns={improvementColumns}
            dataSource={[...result.improvements]}
            pagination={result.improvements.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            locale={{ emptyText: t("assessment.improvement.empty") }}
          />
        </div>
      </Card>

      <Card title={t("assessment.result.explanations")} data-testid="assessment-explanations">
        <Collapse
          items={result.dimensions.map((d) => ({
            key: d.id,
            label: (
              <Space>
                <span>{d.name}</span>
                {d.maxPoints > 0 ? (
                  <Tag>
                    {t("assessment.result.points", {
                      points: formatPts(d.points),
                      max: formatPts(d.maxPoints),
                    })}
                  </Tag>
                ) : null}
              </Space>
            ),
            children: d.subDimensions.map((s) => (
              <div key={s.id} style={{ marginBottom: 12 }}>
                <Typography.Text strong>
                  {s.name}
                  {s.maxPoints > 0
                    ? `（${t("assessment.result.points", { points: formatPts(s.points), max: formatPts(s.maxPoints) })}）`
                    : ""}
                </Typography.Text>
                <List
                  size="small"
                  dataSource={[...s.questions]}
                  renderItem={(q) => (
                    <List.Item
                      key={q.questionId}
                      data-testid={`explanation-${q.questionId}`}
                      extra={
                        q.maxPoints > 0 ? (
                          <Tag color={q.points >= q.maxPoints ? "green" : q.points > 0 ? "blue" : "default"}>
                            {formatPts(q.points)} / {formatPts(q.maxPoints)}
                          </Tag>
                        ) : null
                      }
                    >
                      <List.Item.Meta
                        title={
                          <span>
                            <Tag>{q.questionId}</Tag>
                            {q.title}
                          </span>
                        }
                        description={q.explanation}
                      />
                    </List.Item>
                  )}
                />
              </div>
            )),
          }))}
        />
      </Card>
    </div>
  );
}
