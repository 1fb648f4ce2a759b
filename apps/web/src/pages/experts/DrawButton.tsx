import type { DrawPurpose } from "@dxcenter/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App, Button, Form, InputNumber, Modal, Select, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../api/client";
import { createDraw, useDraws } from "../../api/experts";

interface Values {
  n: number;
  fields: string[];
  serviceMonths: number;
  togetherMonths: number;
  maxPanels?: number;
}

/**
 * The draw form for one subject: size, fields and the avoidance windows; the server picks the seed.
 * Inline on the pool application page, in a modal elsewhere (DrawButton).
 */
export function DrawForm({
  purpose,
  subjectId,
  defaultN = 3,
  layout = "vertical",
  onDone,
}: {
  purpose: DrawPurpose;
  subjectId: string;
  defaultN?: number;
  layout?: "vertical" | "inline";
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: (v: Values) =>
      createDraw({
        purpose,
        subjectId,
        n: v.n,
        fields: v.fields,
        avoidance: {
          serviceMonths: v.serviceMonths,
          togetherMonths: v.togetherMonths,
          ...(v.maxPanels ? { maxPanels: v.maxPanels } : {}),
        },
      }),
    // The draw seats experts on the panel / team / as reviewers: everything showing the subject is stale.
    onSuccess: () => void qc.invalidateQueries(),
  });
  const items = (
    <>
      <Form.Item name="n" label={t("draw.n")} rules={[{ required: true }]}>
        <InputNumber min={1} max={15} data-testid="draw-n" />
      </Form.Item>
      <Form.Item name="fields" label={t("draw.fields")}>
        <Select
          mode="tags"
          style={{ minWidth: 220 }}
          placeholder={t("draw.fieldsPlaceholder")}
          data-testid="draw-fields"
        />
      </Form.Item>
      <Form.Item name="serviceMonths" label={t("draw.serviceMonths")}>
        <InputNumber min={0} max={60} />
      </Form.Item>
      <Form.Item name="togetherMonths" label={t("draw.togetherMonths")}>
        <InputNumber min={0} max={60} />
      </Form.Item>
      <Form.Item name="maxPanels" label={t("draw.maxPanels")}>
        <InputNumber min={1} max={100} placeholder={t("draw.unlimited")} />
      </Form.Item>
    </>
  );
  return (
    <Form<Values>
      layout={layout}
      initialValues={{ n: defaultN, fields: [], serviceMonths: 12, togetherMonths: 6 }}
      onFinish={async (v) => {
        try {
          await m.mutateAsync(v);
          void message.success(t("draw.done"));
          onDone?.();
        } catch (e) {
          void message.error(errorMessage(e));
        }
      }}
      data-testid="draw-form"
    >
      {layout === "inline" ? (
        items
      ) : (
        <Space wrap size="large" align="start">
          {items}
        </Space>
      )}
      <Button type="primary" htmlType="submit" loading={m.isPending} data-testid="draw-submit">
        {t("draw.submit")}
      </Button>
    </Form>
  );
}

/**
 * 随机抽取专家 for one subject (a diagnosis team, a project's expert review): a button that opens the
 * draw form while nothing is drawn yet, else the link to the stored draw record. The server decides
 * who may draw (the city; a district for its own diagnoses) and refuses with a Chinese reason.
 */
export function DrawButton({
  purpose,
  subjectId,
  canDraw,
  defaultN = 3,
}: {
  purpose: DrawPurpose;
  subjectId: string;
  /** The caller may change the panel now (the subject's own permission). */
  canDraw: boolean;
  defaultN?: number;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const draws = useDraws({ purpose, subjectId, pageSize: 5 });
  const record = draws.data?.items[0];
  if (record)
    return (
      <Link to={`/experts/draws/${record.id}`} data-testid="draw-record-link">
        {t("draw.record")}
      </Link>
    );
  if (!canDraw || draws.isPending) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="draw-open">
        {t(`draw.button.${purpose}`)}
      </Button>
      <Modal
        open={open}
        title={t(`draw.title.${purpose}`)}
        footer={null}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        width={600}
      >
        <Typography.Paragraph type="secondary">{t(`draw.hint.${purpose}`)}</Typography.Paragraph>
        <DrawForm purpose={purpose} subjectId={subjectId} defaultN={defaultN} onDone={() => setOpen(false)} />
      </Modal>
    </>
  );
}
