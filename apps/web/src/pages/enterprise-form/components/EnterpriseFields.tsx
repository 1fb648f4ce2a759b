import { ENTERPRISE_SIZES, SRDI_TIERS, validateUscc } from "@dxcenter/domain";
import { Card, Col, Form, Input, InputNumber, Radio, Row, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useReferenceOptions } from "../../../components/useReferenceOptions";
import type { Messages } from "../../../i18n/zh-CN";
import { type BodyKey, PHONE_RE } from "../formModel";
import { AnnualTable } from "./AnnualTable";

interface Props {
  mode: "create" | "edit";
  /** Whether a field may be changed (create: all; edit: permissions.editableFields). */
  canEdit: (key: BodyKey) => boolean;
  /** district_admin creates only in its own district. */
  districtLocked: boolean;
  /** Contact fields are masked when the full values could not be loaded; they are then read-only. */
  contactLocked: boolean;
}

const LEVELS = [1, 2, 3, 4, 5];
type FieldKey = keyof Messages["enterprise"]["fields"];

export function EnterpriseFields({ mode, canEdit, districtLocked, contactLocked }: Props) {
  const { t } = useTranslation();
  const ref = useReferenceOptions();
  const f = (k: FieldKey) => t(`enterprise.fields.${k}`);
  const required = (k: FieldKey) => ({ required: true, message: t("enterprise.required", { field: f(k) }) });
  const requiredSelect = (k: FieldKey) => ({
    required: true,
    message: t("enterprise.requiredSelect", { field: f(k) }),
  });
  const triOptions = [
    { value: "yes", label: t("enterprise.triState.yes") },
    { value: "no", label: t("enterprise.triState.no") },
  ];
  const levelOptions = LEVELS.map((l) => ({ value: l, label: t("common.level", { level: l }) }));

  return (
    <>
      <Card title={t("enterprise.formSections.basic")} style={{ marginBottom: 16 }}>
        <Row gutter={24}>
          <Col xs={24} md={12}>
            <Form.Item
              name="uscc"
              label={f("uscc")}
              normalize={(v: string) => v.toUpperCase()}
              rules={[
                {
                  validator: async (_, v: string | undefined) => {
                    if (mode === "edit") return;
                    const r = validateUscc(v ?? "");
                    if (!r.ok) throw new Error(r.message);
                  },
                },
              ]}
              required={mode === "create"}
            >
              <Input
                maxLength={24}
                disabled={mode === "edit"}
                autoComplete="off"
                placeholder="91120116MA05XXXXXX"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={f("name")}
              rules={[
                required("name"),
                { whitespace: true, min: 2, max: 100, message: t("enterprise.nameInvalid") },
              ]}
            >
              <Input maxLength={100} disabled={!canEdit("name")} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="districtCode" label={f("districtCode")} rules={[requiredSelect("districtCode")]}>
              <Select
                showSearch={{ optionFilterProp: "label" }}
                options={ref.currentDistrictOptions}
                loading={ref.loading}
                disabled={districtLocked || !canEdit("districtCode")}
                placeholder={t("enterprise.selectPlaceholder")}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="industryCode" label={f("industryCode")} rules={[requiredSelect("industryCode")]}>
              <Select
                showSearch={{ optionFilterProp: "label" }}
                options={ref.industryOptions}
                loading={ref.loading}
                disabled={!canEdit("industryCode")}
                placeholder={t("enterprise.selectPlaceholder")}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="aboveScale" label={f("aboveScale")} rules={[requiredSelect("aboveScale")]}>
              <Radio.Group
                disabled={!canEdit("aboveScale")}
                options={[
                  { value: true, label: t("common.yes") },
                  { value: false, label: t("common.no") },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="size" label={f("size")} rules={[requiredSelect("size")]}>
              <Select
                disabled={!canEdit("size")}
                placeholder={t("enterprise.selectPlaceholder")}
                options={ENTERPRISE_SIZES.map((s) => ({ value: s, label: t(`size.${s}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="srdiTier" label={f("srdiTier")} rules={[requiredSelect("srdiTier")]}>
              <Select
                disabled={!canEdit("srdiTier")}
                options={SRDI_TIERS.map((s) => ({ value: s, label: t(`srdi.${s}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="tags"
              label={f("tags")}
              rules={[
                {
                  validator: async (_, v: string[] | undefined) => {
                    const tags = v ?? [];
                    if (tags.length > 20 || tags.some((x) => x.trim().length > 20)) {
                      throw new Error(t("enterprise.tagInvalid"));
                    }
                  },
                },
              ]}
            >
              <Select
                mode="tags"
                tokenSeparators={[",", "，", " "]}
                suffixIcon={null}
                disabled={!canEdit("tags")}
                placeholder={t("enterprise.tagsPlaceholder")}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t("enterprise.formSections.contact")} style={{ marginBottom: 16 }}>
        <Row gutter={24}>
          <Col xs={24} md={8}>
            <Form.Item name="contactName" label={f("contactName")} rules={[{ max: 50 }]}>
              <Input maxLength={50} disabled={contactLocked || !canEdit("contactName")} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="contactPhone"
              label={f("contactPhone")}
              rules={[
                {
                  validator: async (_, v: string | null | undefined) => {
                    if (contactLocked) return;
                    if (!PHONE_RE.test((v ?? "").trim())) throw new Error(t("enterprise.phoneInvalid"));
                  },
                },
              ]}
            >
              <Input maxLength={24} disabled={contactLocked || !canEdit("contactPhone")} inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="address" label={f("address")} rules={[{ max: 200 }]}>
              <Input maxLength={200} disabled={!canEdit("address")} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t("enterprise.formSections.digital")} style={{ marginBottom: 16 }}>
        <Row gutter={24}>
          <Col xs={24} md={8}>
            <Form.Item name="digitalRdTools" label={f("digitalRdTools")}>
              <Select
                allowClear
                options={triOptions}
                disabled={!canEdit("digitalRdTools")}
                placeholder={t("common.unknown")}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="keyProcessNcRate" label={f("keyProcessNcRate")}>
              <InputNumber
                min={0}
                max={100}
                step={0.01}
                precision={2}
                style={{ width: "100%" }}
                disabled={!canEdit("keyProcessNcRate")}
                placeholder={t("common.unknown")}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="cloudAdopted" label={f("cloudAdopted")}>
              <Select
                allowClear
                options={triOptions}
                disabled={!canEdit("cloudAdopted")}
                placeholder={t("common.unknown")}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="itfCertified" label={f("itfCertified")}>
              <Select
                allowClear
                options={triOptions}
                disabled={!canEdit("itfCertified")}
                placeholder={t("common.unknown")}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="dcmmLevel" label={f("dcmmLevel")}>
              <Select
                allowClear
                options={levelOptions}
                disabled={!canEdit("dcmmLevel")}
                placeholder={t("enterprise.levelPlaceholder")}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="cmmmLevel" label={f("cmmmLevel")}>
              <Select
                allowClear
                options={levelOptions}
                disabled={!canEdit("cmmmLevel")}
                placeholder={t("enterprise.levelPlaceholder")}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t("enterprise.formSections.annual")} style={{ marginBottom: 16 }}>
        <AnnualTable disabled={!canEdit("annual")} />
      </Card>
    </>
  );
}
