import type { Programme } from "@dxcenter/contracts";
import { LEVEL_ISSUER_LABELS, ROUTE_STEP_LABELS } from "@dxcenter/contracts";
import { Alert, Card, Collapse, Descriptions, List, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useProgrammes } from "../../api/tiers";
import { ListHeader } from "../../components/list";
import { QueryError } from "../../components/QueryError";

type Provenance = { confirmed: boolean; label: string | null; source: { file: string; line: number } | null };

/** 本市规则 / 待确认 beside a rule the sources do not state; the cited file:line beside a sourced one. */
export function ProvenanceTag({ p }: { p: Provenance }) {
  const { t } = useTranslation();
  if (!p.confirmed) return <Tag color="orange">{p.label}</Tag>;
  return (
    <Tag color="green" title={p.source ? `${p.source.file}:${p.source.line}` : undefined}>
      {t("tiers.programmes.confirmed")}
    </Tag>
  );
}

function LevelCard({ level }: { level: Programme["levels"][number] }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={1} bordered labelStyle={{ width: 140 }}>
      <Descriptions.Item label={t("tiers.programmes.issuing")}>
        {LEVEL_ISSUER_LABELS[level.issuingLevel]} · {t(`tiers.programmes.obtained.${level.obtainedBy}`)}
      </Descriptions.Item>
      <Descriptions.Item label={t("tiers.programmes.prerequisites")}>
        {level.prerequisites.length === 0 ? (
          t("tiers.programmes.none")
        ) : (
          <List
            size="small"
            dataSource={level.prerequisites}
            renderItem={(p) => (
              <List.Item style={{ padding: "2px 0" }}>
                <Space>
                  {p.text}
                  <ProvenanceTag p={p} />
                </Space>
              </List.Item>
            )}
          />
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t("tiers.programmes.route")}>
        <Space wrap>
          {level.route.steps.map((s) => ROUTE_STEP_LABELS[s]).join(" → ")}
          <ProvenanceTag p={level.route} />
          {level.publicNoticeDays !== null && t("tiers.programmes.noticeDays", { n: level.publicNoticeDays })}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t("tiers.programmes.validity")}>
        <Space wrap>
          {level.validity.years === null
            ? t("tiers.programmes.noTerm")
            : t("tiers.programmes.years", { n: level.validity.years })}
          <ProvenanceTag p={level.validity} />
          {t("tiers.programmes.reReview")}：{level.reReview.rule}
        </Space>
      </Descriptions.Item>
      {level.reviewSheet && (
        <Descriptions.Item label={t("tiers.programmes.sheet", { pass: level.reviewSheet.passMark })}>
          <Space wrap>
            {level.reviewSheet.items.map((i) => (
              <Tag key={i.id}>
                {i.name} {i.weight}%
              </Tag>
            ))}
            <ProvenanceTag p={level.reviewSheet} />
          </Space>
        </Descriptions.Item>
      )}
      {level.form.fields.length > 0 && (
        <Descriptions.Item label={t("tiers.programmes.form")}>
          <Typography.Text>{level.form.fields.map((f) => f.label).join("、")}</Typography.Text>
          <br />
          <Typography.Text type="secondary">
            {t("tiers.programmes.evidence")}：{level.form.evidence.map((e) => e.label).join("、")}
          </Typography.Text>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** 认定项目: every programme with its levels, prerequisites, route, validity and review sheet, by name. */
export default function ProgrammesPage() {
  const { t } = useTranslation();
  const q = useProgrammes();
  return (
    <Card>
      <ListHeader title={t("tiers.programmes.title")} marginBottom={8} />
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t("tiers.programmes.hint")} />
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      <Collapse
        data-testid="programme-list"
        items={(q.data ?? []).map((p) => ({
          key: p.id,
          label: (
            <Space>
              <strong>{p.name}</strong>
              <Typography.Text type="secondary">{p.levels.map((l) => l.name).join(" → ")}</Typography.Text>
            </Space>
          ),
          children: (
            <Space direction="vertical" style={{ width: "100%" }}>
              <Typography.Paragraph>{p.description}</Typography.Paragraph>
              <Collapse
                size="small"
                items={p.levels.map((l) => ({
                  key: l.id,
                  label: `${l.name}：${l.description}`,
                  children: <LevelCard level={l} />,
                }))}
              />
              {p.notes.map((n) => (
                <Typography.Text key={n} type="secondary">
                  {n}
                </Typography.Text>
              ))}
            </Space>
          ),
        }))}
      />
    </Card>
  );
}
