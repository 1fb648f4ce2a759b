import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { availabilityProblem } from "@dxcenter/domain";
import { Alert, App, Button, Card, DatePicker, Form, Space, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { ApiError, errorMessage } from "../../api/client";
import { type AvailabilityBody, useMyExpert, useUpdateMyAvailability } from "../../api/experts";

type Range = [Dayjs | null, Dayjs | null] | null | undefined;
/** One 可用时间 window as the contract takes it (YYYY-MM-DD, both ends included). */
type Window = AvailabilityBody["availability"][number];

/** Form rows (RangePicker values) → stored windows; rows left empty are dropped. */
export function toWindows(rows: Range[] | undefined): Window[] {
  return (rows ?? [])
    .filter((r): r is [Dayjs, Dayjs] => !!r?.[0] && !!r[1])
    .map(([a, b]) => ({ from: a.format("YYYY-MM-DD"), to: b.format("YYYY-MM-DD") }));
}
/** Stored windows → form rows. */
export function toRows(windows: readonly Window[] | undefined): Range[] {
  return (windows ?? []).map((w) => [dayjs(w.from), dayjs(w.to)]);
}

/**
 * 可用时间 editor: a list of inclusive date ranges (start ≤ end by construction, no overlaps — the
 * domain's availabilityProblem, the same rule the server applies). Use inside a Form; the field
 * holds RangePicker values, convert with toWindows / toRows.
 */
export function AvailabilityFields({ name = "availability" }: { name?: string }) {
  const { t } = useTranslation();
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_, rows: Range[] | undefined) => {
            const p = availabilityProblem(toWindows(rows));
            if (p) throw new Error(p.message);
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label={t("pool.availability.label")} extra={t("pool.availability.hint")}>
          <Space direction="vertical" style={{ width: "100%" }} data-testid="availability-list">
            {fields.map((f) => (
              <Space key={f.key} align="baseline">
                <Form.Item
                  name={f.name}
                  rules={[{ required: true, message: t("pool.availability.required") }]}
                  style={{ marginBottom: 0 }}
                >
                  <DatePicker.RangePicker
                    placeholder={[t("pool.availability.start"), t("pool.availability.end")]}
                    data-testid="availability-range"
                  />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t("pool.availability.remove")}
                  onClick={() => remove(f.name)}
                />
              </Space>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add()}
              data-testid="availability-add"
            >
              {t("pool.availability.add")}
            </Button>
            <Form.ErrorList errors={errors} />
          </Space>
        </Form.Item>
      )}
    </Form.List>
  );
}

/** Windows as text for tables: "2026-06-01 至 2026-06-30；…". */
export function formatWindows(windows: readonly Window[], none: string, sep = " ~ "): string {
  return windows.length ? windows.map((w) => `${w.from}${sep}${w.to}`).join("；") : none;
}

/** 我的可用时间: an expert keeps its own availability (PUT /api/experts/me/availability). */
export function MyAvailabilityCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const act = useUpdateMyAvailability();
  const me = useMyExpert();
  if (me.isError && me.error instanceof ApiError && me.error.status === 404)
    return (
      <Alert type="info" showIcon message={t("pool.availability.noProfile")} style={{ marginBottom: 16 }} />
    );
  if (!me.data) return null;
  return (
    <Card
      size="small"
      title={t("pool.availability.myTitle")}
      style={{ marginBottom: 16 }}
      data-testid="my-availability"
    >
      <Typography.Paragraph type="secondary">{t("pool.availability.myHint")}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        key={me.data.version}
        initialValues={{ availability: toRows(me.data.availability) }}
        onFinish={async (v: { availability: Range[] }) => {
          try {
            await act.mutateAsync({ availability: toWindows(v.availability), version: me.data.version });
            void message.success(t("pool.availability.saved"));
          } catch (e) {
            void message.error(errorMessage(e));
          }
        }}
      >
        <AvailabilityFields />
        <Button type="primary" htmlType="submit" loading={act.isPending} data-testid="availability-save">
          {t("pool.availability.save")}
        </Button>
      </Form>
    </Card>
  );
}
