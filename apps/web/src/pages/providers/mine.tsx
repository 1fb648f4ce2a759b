import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Typography } from "antd";
import { useState } from "react";
import { errorMessage, isApiError } from "../../api/client";
import { type ProviderFull, useMyProvider, usePoolAction } from "../../api/providers";
import { QueryError } from "../../components/QueryError";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { categoryOptions, ProviderStatusTag, SCENE_OPTIONS } from "./common";
import { ApplicationsTable, EvaluationsAndHistory, ProviderProfile } from "./detail";

type FormValues = Record<string, unknown> & { cases?: Record<string, unknown>[] };

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
  const ref = useReferenceOptions();
  const [form] = Form.useForm<FormValues>();
  const act = usePoolAction();
  const districtOptions = [{ value: "120000", label: "天津市全域" }, ...ref.currentDistrictOptions];
  const onFinish = async (v: FormValues) => {
    const body: Record<string, unknown> = {
      name: v.name,
      categories: v.categories,
      sceneIds: v.sceneIds ?? [],
      industries: v.industries ?? [],
      technologyFields: v.technologyFields ?? [],
      serviceDistricts: v.serviceDistricts ?? [],
      staffCount: v.staffCount ?? null,
      qualifications: ((v.qualificationNames as string[] | undefined) ?? []).map((name) => ({ name })),
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
      if (p)
        await act.mutateAsync({
          method: "PUT",
          path: "/api/providers/mine",
          body: { ...body, version: p.version },
        });
      else
        await act.mutateAsync({
          method: "POST",
          path: "/api/providers/mine",
          body: { ...body, uscc: v.uscc },
        });
      void message.success("机构信息已保存");
      onDone();
    } catch (e) {
      if (isApiError(e) && e.field) {
        const name = e.field.split(".")[0]!;
        form.setFields([{ name, errors: [e.message] }]);
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
          label="统一社会信用代码"
          rules={[{ required: !p, message: "请填写统一社会信用代码" }]}
          style={{ width: 260 }}
        >
          <Input disabled={!!p} maxLength={18} data-testid="provider-uscc" />
        </Form.Item>
        <Form.Item
          name="name"
          label="机构名称"
          rules={[{ required: true, message: "请填写机构名称" }]}
          style={{ width: 360 }}
        >
          <Input data-testid="provider-name" />
        </Form.Item>
        <Form.Item name="staffCount" label="员工人数" style={{ width: 140 }}>
          <InputNumber min={0} style={{ width: "100%" }} />
        </Form.Item>
      </Space>
      <Form.Item
        name="categories"
        label="服务类别"
        rules={[{ required: true, message: "请至少选择一个服务类别" }]}
      >
        <Select mode="multiple" options={categoryOptions()} data-testid="provider-categories" />
      </Form.Item>
      <Form.Item name="sceneIds" label="服务场景（MIIT 评测场景/子域）">
        <Select mode="multiple" options={SCENE_OPTIONS} optionFilterProp="label" />
      </Form.Item>
      <Space wrap size="large" style={{ width: "100%" }}>
        <Form.Item name="industries" label="服务行业（GB/T 4754）" style={{ minWidth: 320 }}>
          <Select mode="multiple" options={ref.industryOptions} optionFilterProp="label" />
        </Form.Item>
        <Form.Item
          name="serviceDistricts"
          label="服务区域"
          rules={[{ required: true, message: "请至少选择一个服务区域" }]}
          style={{ minWidth: 320 }}
        >
          <Select mode="multiple" options={districtOptions} optionFilterProp="label" />
        </Form.Item>
      </Space>
      <Form.Item name="technologyFields" label="技术领域（回车添加）">
        <Select mode="tags" />
      </Form.Item>
      <Form.Item name="qualificationNames" label="资质（回车添加）">
        <Select mode="tags" />
      </Form.Item>
      <Space wrap size="large">
        <Form.Item name="contactName" label="联系人">
          <Input />
        </Form.Item>
        <Form.Item name="contactPhone" label="联系电话">
          <Input />
        </Form.Item>
        <Form.Item name="address" label="地址" style={{ width: 360 }}>
          <Input />
        </Form.Item>
      </Space>
      <Form.Item name="profile" label="机构简介">
        <Input.TextArea rows={3} />
      </Form.Item>
      <Typography.Title level={5}>服务案例</Typography.Title>
      <Form.List name="cases">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} wrap align="start" style={{ marginBottom: 8 }}>
                <Form.Item name={[f.name, "customer"]} rules={[{ required: true, message: "客户名称" }]}>
                  <Input placeholder="客户（可脱敏）" />
                </Form.Item>
                <Form.Item name={[f.name, "industry"]} rules={[{ required: true, message: "行业" }]}>
                  <Select
                    placeholder="行业"
                    options={ref.industryOptions}
                    style={{ width: 160 }}
                    showSearch
                    optionFilterProp="label"
                  />
                </Form.Item>
                <Form.Item name={[f.name, "sceneIds"]}>
                  <Select mode="multiple" placeholder="场景" options={SCENE_OPTIONS} style={{ width: 200 }} />
                </Form.Item>
                <Form.Item name={[f.name, "result"]} rules={[{ required: true, message: "成效" }]}>
                  <Input placeholder="成效" style={{ width: 260 }} />
                </Form.Item>
                <Form.Item name={[f.name, "year"]}>
                  <InputNumber placeholder="年份" min={2000} max={2100} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(f.name)} style={{ marginTop: 8 }} />
              </Space>
            ))}
            <Button type="dashed" onClick={() => add({ sceneIds: [] })} icon={<PlusOutlined />}>
              添加案例
            </Button>
          </>
        )}
      </Form.List>
      <div style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={act.isPending} data-testid="provider-save">
          {p ? "保存修改" : "登记机构"}
        </Button>
      </div>
    </Form>
  );
}

function ApplyModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const act = usePoolAction();
  const [form] = Form.useForm();
  return (
    <Modal
      open
      title="申请加入服务商资源池"
      okText="提交申请"
      onCancel={onClose}
      confirmLoading={act.isPending}
      onOk={() => form.submit()}
      okButtonProps={{ "data-testid": "apply-submit" } as Record<`data-${string}`, string>}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ materials: ["营业执照", "近三年服务案例及成效证明"] }}
        onFinish={async (v: { category: string; materials: string[]; statement: string }) => {
          try {
            await act.mutateAsync({
              method: "POST",
              path: "/api/pool/applications",
              body: {
                category: v.category,
                materials: v.materials.map((name) => ({ name })),
                statement: v.statement,
              },
            });
            void message.success("入库申请已提交");
            onClose();
          } catch (e) {
            void message.error(errorMessage(e));
          }
        }}
      >
        <Form.Item name="category" label="申请类别" rules={[{ required: true, message: "请选择申请类别" }]}>
          <Select options={categoryOptions()} data-testid="apply-category" />
        </Form.Item>
        <Form.Item
          name="materials"
          label="申报材料清单（回车添加）"
          rules={[{ required: true, message: "请至少列出一项申报材料" }]}
        >
          <Select mode="tags" />
        </Form.Item>
        <Form.Item
          name="statement"
          label="申请说明与承诺"
          rules={[{ required: true, min: 10, message: "申请说明至少10个字" }]}
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
  const [editing, setEditing] = useState(false);
  const [applying, setApplying] = useState(false);
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Card loading />;
  const p = q.data ?? null;
  if (!p || editing)
    return (
      <Card
        title={p ? "修改机构信息" : "登记本机构"}
        extra={p ? <Button onClick={() => setEditing(false)}>取消</Button> : null}
      >
        {!p ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message="登记机构信息后即可申请加入服务商资源池（统一社会信用代码将按 GB 32100 校验）。"
          />
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
          {p.permissions.edit ? <Button onClick={() => setEditing(true)}>修改信息</Button> : null}
          {p.permissions.apply ? (
            <Button type="primary" onClick={() => setApplying(true)} data-testid="provider-apply">
              申请入库
            </Button>
          ) : null}
        </Space>
      }
    >
      <ProviderProfile p={p} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        入库申请
      </Typography.Title>
      <ApplicationsTable rows={p.applications} linkable />
      <EvaluationsAndHistory p={p} />
      {applying ? <ApplyModal onClose={() => setApplying(false)} /> : null}
    </Card>
  );
}
