import { FACT_CATALOGUE, type FactDefinition, formatMoney } from "@dxcenter/domain";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  List,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { errorMessage, isApiError } from "../../api/client";
import { type CalculatorFacts, type CalculatorResult, useCalculate } from "../../api/policies";
import { useCurrentUser } from "../../auth/context";
import { EnterpriseSearchSelect } from "../../components/EnterpriseSearchSelect";

/** Facts the registry and assessments provide; the form asks only for the others. */
const RECORDED = new Set([
  "districtCode",
  "industryCode",
  "aboveScale",
  "size",
  "srdiTier",
  "certifications",
  "cloudAdopted",
  "itfCertified",
  "dcmmLevel",
  "miitLevel",
  "cmmmLevel",
]);
const inputKey = (f: FactDefinition) => (f.type === "money" ? f.id.replace(/Fen$/, "Wan") : f.id);

function FactField({ f }: { f: FactDefinition }) {
  const { t } = useTranslation();
  const name = inputKey(f);
  const common = { name, label: f.label, style: { marginBottom: 8 } };
  switch (f.type) {
    case "money":
      return (
        <Form.Item {...common}>
          <Input suffix={t("policy.units.wan")} inputMode="decimal" data-testid={`fact-${name}`} />
        </Form.Item>
      );
    case "count":
    case "months":
    case "level":
      return (
        <Form.Item {...common}>
          <InputNumber min={0} precision={0} style={{ width: "100%" }} data-testid={`fact-${name}`} />
        </Form.Item>
      );
    case "boolean":
      return (
        <Form.Item {...common}>
          <Select
            allowClear
            data-testid={`fact-${name}`}
            options={[
              { value: true, label: t("policy.calc.yes") },
              { value: false, label: t("policy.calc.no") },
            ]}
          />
        </Form.Item>
      );
    case "enum":
      return (
        <Form.Item {...common}>
          <Select
            allowClear
            data-testid={`fact-${name}`}
            options={(f.values ?? []).map((v) => ({ value: v.key, label: v.label }))}
          />
        </Form.Item>
      );
    case "date":
      return (
        <Form.Item {...common}>
          <Input placeholder="YYYY-MM-DD" data-testid={`fact-${name}`} />
        </Form.Item>
      );
    default:
      return null;
  }
}

type Result = CalculatorResult["results"][number];

function EligibleItem({ r }: { r: Result }) {
  const { t } = useTranslation();
  const e = r.evaluation;
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid={`calc-result-${e.policyId}`}>
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <Link to={`/policies/${e.policyId}`}>{e.policyName}</Link>
        <Typography.Text strong style={{ fontSize: 16 }} data-testid={`calc-amount-${e.policyId}`}>
          {formatMoney(e.amountFen ?? 0)}
        </Typography.Text>
      </Space>
      {r.exclusion ? (
        <Alert
          style={{ marginTop: 8 }}
          type="warning"
          showIcon
          message={`${t("policy.calc.excluded")}：${r.exclusion.text}`}
        />
      ) : null}
      <Typography.Text type="secondary">{t("policy.calc.steps")}</Typography.Text>
      <ol style={{ margin: "4px 0 0", paddingLeft: 20 }} data-testid={`calc-steps-${e.policyId}`}>
        {e.steps.map((s) => (
          <li key={s.text}>{s.text}</li>
        ))}
      </ol>
      {e.amountNote ? <Typography.Paragraph type="secondary">{e.amountNote}</Typography.Paragraph> : null}
    </Card>
  );
}

/** 政策计算器: every policy for one enterprise (and a draft project): why, why not, what is missing. */
export default function PolicyCalculatorPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [sp] = useSearchParams();
  const [form] = Form.useForm<CalculatorFacts>();
  const [enterpriseId, setEnterpriseId] = useState<string | undefined>(sp.get("enterpriseId") ?? undefined);
  const [result, setResult] = useState<CalculatorResult | null>(null);
  const calc = useCalculate();
  const isEnterprise = me.role === "enterprise";
  const projectFacts = FACT_CATALOGUE.filter((f) => f.subject === "project" && !RECORDED.has(f.id));
  const enterpriseFacts = FACT_CATALOGUE.filter((f) => f.subject === "enterprise" && !RECORDED.has(f.id));

  const run = async () => {
    const values = form.getFieldsValue();
    const facts = Object.fromEntries(
      Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== ""),
    );
    try {
      setResult(await calc.mutateAsync({ ...(isEnterprise ? {} : { enterpriseId }), facts }));
    } catch (e) {
      if (isApiError(e) && e.field?.startsWith("facts.")) {
        form.setFields([{ name: e.field.slice(6), errors: [e.message] }]);
      }
      void message.error(errorMessage(e));
    }
  };
  const groups = {
    eligible: result?.results.filter((r) => r.evaluation.status === "eligible") ?? [],
    missing: result?.results.filter((r) => r.evaluation.status === "missing") ?? [],
    ineligible: result?.results.filter((r) => r.evaluation.status === "ineligible") ?? [],
  };
  return (
    <Space direction="vertical" style={{ width: "100%" }} size="middle">
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t("policy.calc.title")}
        </Typography.Title>
        <Form form={form} layout="vertical">
          {isEnterprise ? null : (
            <Form.Item label={t("policy.calc.enterprise")} required>
              <EnterpriseSearchSelect
                value={enterpriseId}
                onChange={setEnterpriseId}
                testId="calc-enterprise"
              />
            </Form.Item>
          )}
          <Typography.Title level={5}>{t("policy.calc.project")}</Typography.Title>
          <Row gutter={16}>
            {projectFacts.map((f) => (
              <Col key={f.id} xs={24} sm={12} md={8} lg={6}>
                <FactField f={f} />
              </Col>
            ))}
          </Row>
          <Typography.Title level={5}>{t("policy.calc.enterpriseFacts")}</Typography.Title>
          <Row gutter={16}>
            {enterpriseFacts.map((f) => (
              <Col key={f.id} xs={24} sm={12} md={8} lg={6}>
                <FactField f={f} />
              </Col>
            ))}
          </Row>
          <Space>
            <Button
              type="primary"
              loading={calc.isPending}
              disabled={!isEnterprise && !enterpriseId}
              onClick={() => void run()}
              data-testid="calc-run"
            >
              {t("policy.calc.run")}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setResult(null);
              }}
            >
              {t("policy.calc.reset")}
            </Button>
          </Space>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t("policy.calc.hint")}
        </Typography.Paragraph>
      </Card>
      {result ? (
        <>
          <Card
            title={`${result.enterprise.name}（${result.enterprise.districtName}） · ${result.today}`}
            extra={
              <Typography.Text strong data-testid="calc-total">
                {t("policy.calc.total")}：{formatMoney(result.totalGrantedFen)}
              </Typography.Text>
            }
          >
            <Typography.Text type="secondary">{t("policy.calc.facts")}：</Typography.Text>
            <Space wrap size={[4, 4]}>
              {result.facts.map((f) => (
                <Tag
                  key={f.fact}
                  color={f.source === "input" ? "blue" : f.source === "assessment" ? "purple" : "default"}
                >
                  {f.label}：{f.display}（{t(`policy.calc.source.${f.source}`)}）
                </Tag>
              ))}
            </Space>
          </Card>
          <Card
            title={`${t("policy.calc.eligible")}（${groups.eligible.length}）`}
            data-testid="calc-eligible"
          >
            {groups.eligible.map((r) => (
              <EligibleItem key={r.evaluation.policyId} r={r} />
            ))}
          </Card>
          <Card title={`${t("policy.calc.missing")}（${groups.missing.length}）`} data-testid="calc-missing">
            <List
              dataSource={groups.missing}
              renderItem={(r) => (
                <List.Item data-testid={`calc-result-${r.evaluation.policyId}`}>
                  <List.Item.Meta
                    title={<Link to={`/policies/${r.evaluation.policyId}`}>{r.evaluation.policyName}</Link>}
                    description={
                      <Space direction="vertical" size={0}>
                        {r.evaluation.missing.length ? (
                          <span>
                            {t("policy.calc.missingFacts")}：
                            {r.evaluation.missing.map((m) => m.label).join("、")}
                          </span>
                        ) : null}
                        {r.evaluation.missingParameters.length ? (
                          <span>
                            {t("policy.calc.missingParams")}：
                            {r.evaluation.missingParameters.map((m) => m.label).join("、")}
                          </span>
                        ) : null}
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
          <Card
            title={`${t("policy.calc.ineligible")}（${groups.ineligible.length}）`}
            data-testid="calc-ineligible"
          >
            <List
              dataSource={groups.ineligible}
              renderItem={(r) => (
                <List.Item data-testid={`calc-result-${r.evaluation.policyId}`}>
                  <List.Item.Meta
                    title={<Link to={`/policies/${r.evaluation.policyId}`}>{r.evaluation.policyName}</Link>}
                    description={
                      <span data-testid={`calc-reason-${r.evaluation.policyId}`}>
                        {t("policy.calc.reason")}：{r.reason}
                      </span>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </>
      ) : null}
    </Space>
  );
}
