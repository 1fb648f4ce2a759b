import { EXPERT_SCORE_SHEET, type ScoreItemId } from "@dxcenter/domain";
import { Button, Col, Form, Input, InputNumber, Row, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type ProjectDetail, useScoreProject } from "../../../api/projects";
import { useCurrentUser } from "../../../auth/context";
import { useRun } from "./useRun";

type Values = Partial<Record<ScoreItemId, number | null>> & { opinion?: string };

const totalOf = (v: Values) => EXPERT_SCORE_SHEET.reduce((s, i) => s + (Number(v[i.id]) || 0), 0);

/** 我的评分: the expert's score sheet (whole points per item, total of 100) and opinion. */
export function ScoreForm({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  const run = useRun();
  const m = useScoreProject(p.id);
  const me = useCurrentUser();
  const mine = p.reviews.find((r) => r.stage === "expert" && r.reviewerId === me.id);
  const [form] = Form.useForm<Values>();
  const [total, setTotal] = useState<number>(mine?.total ?? 0);
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ ...(mine?.scores ?? {}), opinion: mine?.opinion ?? "" }}
      onValuesChange={(_c, all) => setTotal(totalOf(all))}
      onFinish={(v) => {
        const scores = Object.fromEntries(EXPERT_SCORE_SHEET.map((i) => [i.id, Number(v[i.id] ?? 0)]));
        void run(() => m.mutateAsync({ scores, opinion: String(v.opinion ?? "") }));
      }}
      data-testid="project-score-form"
    >
      <Row gutter={16}>
        {EXPERT_SCORE_SHEET.map((i) => (
          <Col key={i.id} xs={24} md={12}>
            <Form.Item
              name={i.id}
              label={t("project.detail.scoreItem", { label: i.label, max: i.max })}
              rules={[{ required: true }]}
            >
              <InputNumber
                min={0}
                max={i.max}
                precision={0}
                style={{ width: 140 }}
                data-testid={`score-${i.id}`}
              />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Typography.Paragraph strong>
        {t("project.detail.scoreTotal")}：{total} / 100
      </Typography.Paragraph>
      <Form.Item name="opinion" label={t("project.detail.opinion")} rules={[{ required: true }]}>
        <Input.TextArea rows={3} data-testid="score-opinion" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={m.isPending} data-testid="score-submit">
        {t("project.detail.score")}
      </Button>
    </Form>
  );
}
