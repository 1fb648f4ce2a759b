import { formatMoney, formatRatio, PAYER_LABELS, POLICY_LEVEL_LABELS } from "@dxcenter/domain";
import { Alert, Card, Descriptions, List, Space, Spin, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { type PolicyDefinition, usePolicy } from "../../api/policies";
import { QueryError } from "../../components/QueryError";

type Parameter = PolicyDefinition["parameters"][number];

/** 政策详情: source clause, conditions in words, parameters (flagged when the city sets them), open points. */
export default function PolicyDetailPage({
  backTo = "/policies",
  backLabel,
}: {
  /** The list the back link returns to (the public page passes /open-policies). */
  backTo?: string;
  backLabel?: string;
} = {}) {
  const { t } = useTranslation();
  const { id } = useParams();
  const q = usePolicy(id);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin />;
  const p = q.data;
  const def = p.definition;
  const paramValue = (x: Parameter) =>
    x.value === null
      ? t("policy.detail.unset")
      : typeof x.value === "number"
        ? formatMoney(x.value)
        : formatRatio(x.value);
  const paramText = (id: string) => {
    const x = def.parameters.find((y) => y.id === id);
    return x ? `${x.label}（${paramValue(x)}）` : id;
  };
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle">
      <Link to={backTo}>← {backLabel ?? t("policy.detail.back")}</Link>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="policy-title">
          {p.name}
        </Typography.Title>
        <Descriptions column={2} size="small">
          <Descriptions.Item label={t("policy.library.level")}>
            {POLICY_LEVEL_LABELS[p.level]}
          </Descriptions.Item>
          <Descriptions.Item label={t("policy.library.beneficiary")}>
            {t(`policy.library.beneficiaries.${p.beneficiary}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t("policy.detail.document")}>{def.source.document}</Descriptions.Item>
          <Descriptions.Item label={t("policy.library.validity")}>
            {p.validFrom ?? t("policy.library.notStated")} — {p.validUntil ?? t("policy.library.notStated")}{" "}
            {p.validToday ? null : <Tag>{t("policy.library.no")}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t("policy.detail.version")}>
            {p.version}
            {p.otherVersions.length
              ? `（${t("policy.detail.otherVersions")}：${p.otherVersions.join("、")}）`
              : ""}
          </Descriptions.Item>
          <Descriptions.Item label={t("policy.library.issuer")}>{p.issuer}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t("policy.detail.source")}>
        <Typography.Paragraph>
          <blockquote style={{ margin: 0 }} data-testid="policy-clause">
            {def.source.clause}
          </blockquote>
        </Typography.Paragraph>
        {def.source.validityClause ? (
          <Typography.Paragraph type="secondary">
            {t("policy.detail.validityClause")}：{def.source.validityClause}
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Card title={t("policy.detail.conditions")}>
        <List
          size="small"
          dataSource={p.conditionTexts}
          renderItem={(c) => <List.Item>{c}</List.Item>}
          data-testid="policy-conditions"
        />
      </Card>
      <Card title={t("policy.detail.amount")}>
        <Typography.Paragraph strong>{p.formulaText}</Typography.Paragraph>
        {def.amount.note ? (
          <Typography.Paragraph type="secondary">{def.amount.note}</Typography.Paragraph>
        ) : null}
        <Typography.Title level={5}>{t("policy.detail.funding")}</Typography.Title>
        <List
          size="small"
          dataSource={def.funding.shares}
          renderItem={(s) => (
            <List.Item>
              {PAYER_LABELS[s.payer]}：
              {"remainder" in s
                ? t("policy.detail.remainder")
                : "param" in s.ratio
                  ? paramText(s.ratio.param)
                  : formatRatio(s.ratio)}
            </List.Item>
          )}
        />
        {def.nonCumulation ? (
          <Alert
            type="info"
            showIcon
            message={t("policy.detail.nonCumulation")}
            description={def.nonCumulation.note}
          />
        ) : null}
      </Card>
      {def.parameters.length ? (
        <Card title={t("policy.detail.parameters")}>
          <List
            dataSource={def.parameters}
            renderItem={(x) => (
              <List.Item data-testid={`param-${x.id}`}>
                <List.Item.Meta
                  title={
                    <Space>
                      {x.label}：{paramValue(x)}
                      {x.setByCity ? <Tag color="orange">{t("policy.detail.setByCity")}</Tag> : null}
                    </Space>
                  }
                  description={x.note}
                />
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      {def.unconfirmed?.length ? (
        <Card title={t("policy.detail.unconfirmedTitle")}>
          <List size="small" dataSource={def.unconfirmed} renderItem={(x) => <List.Item>{x}</List.Item>} />
        </Card>
      ) : null}
      {def.notes?.length ? (
        <Card title={t("policy.detail.notes")}>
          <List size="small" dataSource={def.notes} renderItem={(x) => <List.Item>{x}</List.Item>} />
        </Card>
      ) : null}
    </Space>
  );
}
