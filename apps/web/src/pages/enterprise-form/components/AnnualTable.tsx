import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { parseWanYuanToFen } from "@dxcenter/domain";
import { Button, Form, Input, InputNumber } from "antd";
import type { FormListFieldData } from "antd/es/form/FormList";
import { useTranslation } from "react-i18next";
import { DetailTable } from "../../../components/DetailTable";
import type { AnnualRow } from "../formModel";

const MAX_YEAR = new Date().getFullYear() + 1;

/** Editable table of 年度经营数据 (year, 营业收入 in 万元, 从业人员) bound to Form.List "annual". */
export function AnnualTable({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();

  return (
    <Form.List
      name="annual"
      rules={[
        {
          validator: async (_, rows: AnnualRow[] | undefined) => {
            const years = (rows ?? []).map((r) => r?.year).filter((y): y is number => typeof y === "number");
            if (new Set(years).size !== years.length) throw new Error(t("enterprise.duplicateYear"));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          <DetailTable<FormListFieldData>
            rowKey="key"
            dataSource={fields}
            data-testid="annual-table"
            locale={{ emptyText: t("enterprise.annualEmpty") }}
            columns={[
              {
                title: t("enterprise.fields.year"),
                width: 140,
                render: (_, field) => (
                  <Form.Item
                    name={[field.name, "year"]}
                    style={{ margin: 0 }}
                    rules={[
                      {
                        required: true,
                        message: t("enterprise.required", { field: t("enterprise.fields.year") }),
                      },
                      {
                        type: "integer",
                        min: 1949,
                        max: MAX_YEAR,
                        message: t("enterprise.yearInvalid", { max: MAX_YEAR }),
                      },
                    ]}
                  >
                    <InputNumber
                      min={1949}
                      max={MAX_YEAR}
                      precision={0}
                      disabled={disabled}
                      style={{ width: "100%" }}
                      aria-label={t("enterprise.fields.year")}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t("enterprise.fields.revenueWan"),
                render: (_, field) => (
                  <Form.Item
                    name={[field.name, "revenueWan"]}
                    style={{ margin: 0 }}
                    rules={[
                      {
                        validator: async (_r, v: string | null | undefined) => {
                          const s = (v ?? "").trim();
                          if (s === "") return;
                          const fen = parseWanYuanToFen(s);
                          if (fen === null || fen < 0) throw new Error(t("enterprise.revenueInvalid"));
                        },
                      },
                    ]}
                  >
                    <Input
                      inputMode="decimal"
                      disabled={disabled}
                      suffix={t("enterprise.wanUnit")}
                      aria-label={t("enterprise.fields.revenueWan")}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t("enterprise.fields.employees"),
                width: 160,
                render: (_, field) => (
                  <Form.Item name={[field.name, "employees"]} style={{ margin: 0 }}>
                    <InputNumber
                      min={0}
                      max={10_000_000}
                      precision={0}
                      disabled={disabled}
                      style={{ width: "100%" }}
                      aria-label={t("enterprise.fields.employees")}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t("common.actions"),
                width: 80,
                render: (_, field) => (
                  <Button
                    type="link"
                    danger
                    icon={<DeleteOutlined />}
                    disabled={disabled}
                    onClick={() => remove(field.name)}
                    aria-label={t("enterprise.removeYear")}
                  />
                ),
              },
            ]}
          />
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            disabled={disabled}
            style={{ marginTop: 8 }}
            onClick={() => {
              const rows: AnnualRow[] = form.getFieldValue("annual") ?? [];
              const years = rows.map((r) => r?.year).filter((y): y is number => typeof y === "number");
              const next =
                years.length > 0 ? Math.min(Math.max(...years) + 1, MAX_YEAR) : new Date().getFullYear() - 1;
              add({ year: next, revenueWan: "", employees: null });
            }}
            data-testid="annual-add"
          >
            {t("enterprise.addYear")}
          </Button>
        </>
      )}
    </Form.List>
  );
}
