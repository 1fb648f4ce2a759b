import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import type { ProviderCategory } from "@dxcenter/domain";
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, isApiError } from "../../api/client";
import {
  type ProviderFull,
  type RegisterProviderBody,
  useMyProvider,
  usePoolWrite,
} from "../../api/providers";
import { QueryError } from "../../components/QueryError";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { categoryOptions, ProviderStatusTag, SCENE_OPTIONS } from "./common";
import { ApplicationsTable, EvaluationsAndHistory, ProviderProfile } from "./detail";

/** The form's fields: the contract's profile (qualifications as names only). */
type FormValues = Partial<Omit<RegisterProviderBody, "qualifications">> & { qualificationNames?: string[] };
/** The form's own fields: a server error on one of them is shown under it. */
const FIELDS: readonly (keyof FormValues)[] = [
  "uscc",
  "name",
  "categories",
  "sceneIds",
  "industries",
  "technologyFields",
  "serviceDistricts",
  "staffCount",
  "qualificationNames",
  "contactName",
  "contactPhone",
  "address",
  "website",
  "profile",
  "cases",
];

function toForm(p: ProviderFull | null): FormValues {
  if (!p)
    return {
      categories: [],
      sceneIds: [],
      industries: [],
      technologyFields: [],
      serviceDistricts: ["120000"],
      cases: [],
    };
  return { ...p, cases: p.cases.map((c) => ({ ...c })) };
}

function ProfileForm({ p, onDone }: { p: ProviderFull | null; onDone: () => void }) {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const ref = useReferenceOptions();
  const [form] = Form.useForm<FormValues>();
  const register = usePoolWrite("POST /api/providers/mine");
  const update = usePoolWrite("PUT /api/providers/mine");
  const districtOptions = [
    { value: "120000", label: t("pool.common.wholeCity") },
    ...ref.currentDistrictOptions,
  ];
  const onFinish = async (v: FormValues) => {
    const body = {
      name: v.name ?? "",
      categories: v.categories ?? [],
      sceneIds: v.sceneIds ?? [],
      industries: v.industries ?? [],
      technologyFields: v.technologyFields ?? [],
      serviceDistricts: v.serviceDistricts ?? [],
      staffCount: v.staffCount ?? null,
      qualifications: (v.qualificationNames ?? []).map((name) => ({ name })),
      contactName: v.contactName ?? null,
      contactPhone: v.contactPhone ?? null,
      address: v.address ?? null,
      profile: v.profile ?? null,
      cases: (v.cases ?? []).map((c) => ({
        ...c,
        sceneIds: c.sceneIds ?? [],
        measuredChange: c.measuredChange ?? null,
        year: c.year ?? null,
      })),
    };
    try {
      if (p) await update.mutateAsync({ body: { ...body, version: p.version } });
      else await register.mutateAsync({ body: { ...body, uscc: v.uscc ?? "" } });
      void message.success(t("pool.mine.saved"));
      onDone();
    } catch (e) {
      if (isApiError(e) && e.field) {
        const name = FIELDS.find((f) => f === e.field?.split(".")[0]);
        if (name) form.setFields([{ name, errors: [e.message] }]);
      }
      void message.error(errorMessage(e));
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ ...toForm(p), qualificationNames: p?.qualifications.map((q) => q.name) ?? [] }}
      onFinish={(v) => void onFinish(v)}
      data-testid="provider-form"
    >
      <Space wrap align="start" size="large">
        <Form.Item
          name="uscc"
          label={t("pool.mine.uscc")}
          rules={[{ required: !p, message: t("pool.mine.usccRule") }]}
          style={{ width: 260 }}
        >
          <Input disabled={!!p} maxLength={18} data-testid="provider-uscc" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t("pool.mine.name")}
          rules={[{ required: true, message: t("pool.mine.nameRule") }]}
          style={{ width: 360 }}
        >
          <Input data-testid="provider-name" />
        </Form.Item>
        <Form.Item name="staffCount" label={t("pool.mine.staff")} style={{ width: 140 }}>
          <InputNumber min={0} style={{ width: "100%" }} />
        </Form.Item>
      </Space>
      <Form.Item
        name="categories"
        label={t("pool.mine.categories")}
        rules={[{ required: true, message: t("pool.mine.categoriesRule") }]}
      >
        <Select mode="multiple" options={categoryOptions()} data-testid="provider-categories" />
      </Form.Item>
      <Form.Item name="sceneIds" label={t("pool.mine.scenes")}>
        <Select mode="multiple" options={SCENE_OPTIONS} optionFilterProp="label" />
      </Form.Item>
      <Space wrap size="large" style={{ width: "100%" }}>
        <Form.Item name="industries" label={t("pool.mine.industries")} style={{ minWidth: 320 }}>
          <Select mode="multiple" options={ref.industryOptions} optionFilterProp="label" />
        </Form.Item>
        <Form.Item
          name="serviceDistricts"
          label={t("pool.mine.districts")}
          rules={[{ required: true, message: t("pool.mine.districtsRule") }]}
          style={{ minWidth: 320 }}
        >
          <Select mode="multiple" options={districtOptions} optionFilterProp="label" />
        </Form.Item>
      </Space>
      <Form.Item name="technologyFields" label={t("pool.mine.tech")}>
        <Select mode="tags" />
      </Form.Item>
      <Form.Item name="qualificationNames" label={t("pool.mine.qualifications")}>
        <Select mode="tags" />
      </Form.Item>
      <Space wrap size="large">
        <Form.Item name="contactName" label={t("pool.mine.contactName")}>
          <Input />
        </Form.Item>
        <Form.Item name="contactPhone" label={t("pool.mine.contactPhone")}>
          <Input />
        </Form.Item>
        <Form.Item name="address" label={t("pool.mine.address")} style={{ width: 360 }}>
          <Input />
        </Form.Item>
      </Space>
      <Form.Item name="profile" label={t("pool.mine.profile")}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Typography.Title level={5}>{t("pool.mine.cases")}</Typography.Title>
      <Form.List name="cases">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} wrap align="start" style={{ marginBottom: 8 }}>
                <Form.Item
                  name={[f.name, "customer"]}
                  rules={[{ required: true, message: t("pool.mine.caseCustomer") }]}
                >
                  <Input placeholder={t("pool.mine.caseCustomerPh")} />
                </Form.Item>
                <Form.Item
                  name={[f.name, "industry"]}
                  rules={[{ required: true, message: t("pool.mine.caseIndustry") }]}
                >
                  <Select
                    placeholder={t("pool.mine.caseIndustry")}
                    options={ref.industryOptions}
                    style={{ width: 160 }}
                    showSearch
                    optionFilterProp="label"
                  />
                </Form.Item>
                <Form.Item name={[f.name, "sceneIds"]}>
                  <Select
                    mode="multiple"
                    placeholder={t("pool.mine.caseScenes")}
                    options={SCENE_OPTIONS}
                    style={{ width: 200 }}
                  />
                </Form.Item>
                <Form.Item
                  name={[f.name, "result"]}
                  rules={[{ required: true, message: t("pool.mine.caseResult") }]}
                >
                  <Input placeholder={t("pool.mine.caseResult")} style={{ width: 260 }} />
                </Form.Item>
                <Form.Item name={[f.name, "year"]}>
                  <InputNumber placeholder={t("pool.mine.caseYear")} min={2000} max={2100} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(f.name)} style={{ marginTop: 8 }} />
              </Space>
            ))}
            <Button type="dashed" onClick={() => add({ sceneIds: [] })} icon={<PlusOutlined />}>
              {t("pool.mine.addCase")}
            </Button>
          </>
        )}
      </Form.List>
      <div style={{ marginTop: 16 }}>
        <Button
          type="primary"
          htmlType="submit"
          loading={register.isPending || update.isPending}
          data-testid="provider-save"
        >
          {p ? t("pool.mine.saveChanges") : t("pool.mine.register")}
        </Button>
      </div>
    </Form>
  );
}

function ApplyModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const act = usePoolWrite("POST /api/pool/applications");
  const [form] = Form.useForm();
  return (
    <Modal
      open
      title={t("pool.mine.applyTitle")}
      okText={t("pool.mine.applySubmit")}
      onCancel={onClose}
      confirmLoading={act.isPending}
      onOk={() => form.submit()}
      okButtonProps={{ "data-testid": "apply-submit" } as Record<`data-${string}`, string>}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ materials: [t("pool.mine.material1"), t("pool.mine.material2")] }}
        onFinish={async (v: { category: ProviderCategory; materials: string[]; statement: string }) => {
          try {
            await act.mutateAsync({
              body: {
                category: v.category,
                materials: v.materials.map((name) => ({ name })),
                statement: v.statement,
              },
            });
            void message.success(t("pool.mine.applied"));
            onClose();
          } catch (e) {
            void message.error(errorMessage(e));
          }
        }}
      >
        <Form.Item
          name="category"
          label={t("pool.mine.applyCategory")}
          rules={[{ required: true, message: t("pool.mine.applyCategoryRule") }]}
        >
          <Select options={categoryOptions()} data-testid="apply-category" />
        </Form.Item>
        <Form.Item
          name="materials"
          label={t("pool.mine.materials")}
          rules={[{ required: true, message: t("pool.mine.materialsRule") }]}
        >
          <Select mode="tags" />
        </Form.Item>
        <Form.Item
          name="statement"
          label={t("pool.mine.statement")}
          rules={[{ required: true, min: 10, message: t("pool.mine.statementRule") }]}
        >
          <Input.TextArea rows={4} data-testid="apply-statement" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 我的机构: the provider account's own organisation, its applications and evaluations. */
export default function MyOrganizationPage() {
  const q = useMyProvider();
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [applying, setApplying] = useState(false);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Card loading />;
  const p = q.data ?? null;
  if (!p || editing)
    return (
      <Card
        title={p ? t("pool.mine.editTitle") : t("pool.mine.registerTitle")}
        extra={p ? <Button onClick={() => setEditing(false)}>{t("pool.mine.cancel")}</Button> : null}
      >
        {!p ? (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t("pool.mine.registerHint")} />
        ) : null}
        <ProfileForm p={p} onDone={() => setEditing(false)} />
      </Card>
    );
  return (
    <Card
      title={
        <Space>
          {p.name}
          <ProviderStatusTag status={p.status} />
        </Space>
      }
      extra={
        <Space>
          {p.permissions.edit ? (
            <Button onClick={() => setEditing(true)}>{t("pool.mine.edit")}</Button>
          ) : null}
          {p.permissions.apply ? (
            <Button type="primary" onClick={() => setApplying(true)} data-testid="provider-apply">
              {t("pool.mine.apply")}
            </Button>
          ) : null}
        </Space>
      }
    >
      <ProviderProfile p={p} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("pool.mine.applications")}
      </Typography.Title>
      <ApplicationsTable rows={p.applications} linkable />
      <EvaluationsAndHistory p={p} />
      {applying ? <ApplyModal onClose={() => setApplying(false)} /> : null}
    </Card>
  );
}
