import { FUNDED_PROJECT_STATUSES } from "@dxcenter/domain";
import { Card, Space, Statistic, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { type ProjectDetail, type SubsidyPreview, useSubsidyPreview } from "../../../api/projects";
import { QueryError } from "../../../components/QueryError";
import { wan } from "../../../utils/format";
import { CityDecision } from "./CityDecision";

type Result = SubsidyPreview["results"][number];

/** Ordered formula steps of one evaluation. */
function Steps({ steps, testId }: { steps: readonly { text: string }[]; testId?: string }) {
  return (
    <ol style={{ margin: 0 }} data-testid={testId}>
      {steps.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: steps are an ordered, immutable list
        <li key={i}>{s.text}</li>
      ))}
    </ol>
  );
}

/** One policy of the preview: granted / not granted / why not, its amount and formula steps. */
function PolicyResult({ r }: { r: Result }) {
  const { t } = useTranslation();
  const e = r.evaluation;
  const color = r.granted
    ? "green"
    : e.status === "eligible"
      ? "orange"
      : e.status === "missing"
        ? "default"
        : "red";
  return (
    <Card
      size="small"
      data-testid={`subsidy-policy-${e.policyId}`}
      title={
        <Space wrap>
          <Tag color={color}>
            {r.granted
              ? t("project.detail.granted")
              : e.status === "eligible"
                ? t("project.detail.notGranted")
                : t(`project.detail.${e.status}`)}
          </Tag>
          <span>{e.policyName}</span>
          {e.amountFen !== null ? (
            <Typography.Text strong>
              {t("project.units.wanAmount", { amount: wan(e.amountFen) })}
            </Typography.Text>
          ) : null}
        </Space>
      }
    >
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        {r.exclusion?.text ?? e.summary}
      </Typography.Paragraph>
      {e.steps.length ? <Steps steps={e.steps} /> : null}
    </Card>
  );
}

/**
 * 补助测算: once approved, the approved amount with the formula it was based on; before, the
 * evaluation under the policies in force today and (for the city) the decision.
 */
export function SubsidyCard({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  const preview = useSubsidyPreview(p.id, !p.awardId && p.status !== "rejected");
  if (p.evaluation) {
    return (
      <Space direction="vertical" style={{ width: "100%" }}>
        <Statistic
          title={t("project.detail.approvedAmountTitle", { policy: p.policyName ?? "" })}
          value={wan(p.approvedAmountFen)}
          data-testid="project-approved-amount"
        />
        <Typography.Text strong>{t("project.detail.formula")}</Typography.Text>
        <Steps steps={p.evaluation.steps} testId="project-formula" />
      </Space>
    );
  }
  if (FUNDED_PROJECT_STATUSES.includes(p.status))
    return <Typography.Text type="secondary">{t("project.detail.none")}</Typography.Text>;
  if (preview.isError) return <QueryError error={preview.error} onRetry={() => void preview.refetch()} />;
  const data = preview.data;
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="project-subsidy-preview">
      <Typography.Text type="secondary">
        {t("project.detail.preview")}
        {t("project.units.paren", { text: data?.today ?? "" })}
      </Typography.Text>
      {(data?.results ?? []).map((r) => (
        <PolicyResult key={r.evaluation.policyId} r={r} />
      ))}
      {p.permissions.decide ? <CityDecision p={p} preview={data} /> : null}
    </Space>
  );
}
