import { formatFenAsWanYuan, PROJECT_TYPES } from "@dxcenter/domain";
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { errorMessage, isApiError } from "../../api/client";
import { type ApplicationBody, useCreateProject, useProject, useUpdateProject } from "../../api/projects";
import { useCurrentUser } from "../../auth/context";
import { EnterpriseSearchSelect } from "../../components/EnterpriseSearchSelect";
import { QueryError } from "../../components/QueryError";

/** The application as the form holds it: the contract's body with the dates as pickers' values. */
type Values = Omit<ApplicationBody, "plannedStartDate" | "plannedFinishDate"> & {
  plannedStartDate: Dayjs;
  plannedFinishDate: Dayjs;
};

/** The form's fields, to put a server validation message (400 with `field`) under the right one. */
const FIELDS = [
  "enterpriseId",
  "name",
  "type",
  "totalInvestmentWan",
  "equipmentInvestmentWan",
  "softwareInvestmentWan",
  "loanPrincipalWan",
  "loanMonths",
  "cityDemonstration",
  "reloanSupported",
  "plannedStartDate",
  "plannedFinishDate",
  "expectedOutcomes",
] as const satisfies readonly (keyof Values)[];

const plainWan = (fen: number | null) =>
  fen === null
    ? undefined
    : formatFenAsWanYuan(fen, 6)
        .replace(/,/g, "")
        .replace(/\.?0+$/, "");

/** 项目申报 (new) and 修改 (draft / returned): amounts typed in 万元, converted exactly by the server. */
export default function ProjectFormPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { id } = useParams();
  const existing = useProject(id);
  const create = useCreateProject();
  const update = useUpdateProject(id ?? "");
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    const p = existing.data;
    if (!p) return;
    form.setFieldsValue({
      name: p.name,
      type: p.type,
      totalInvestmentWan: plainWan(p.totalInvestmentFen),
      equipmentInvestmentWan: plainWan(p.equipmentInvestmentFen),
      softwareInvestmentWan: plainWan(p.softwareInvestmentFen),
      loanPrincipalWan: plainWan(p.loanPrincipalFen),
      loanMonths: p.loanMonths ?? undefined,
      cityDemonstration: p.cityDemonstration,
      reloanSupported: p.reloanSupported,
      plannedStartDate: dayjs(p.plannedStartDate),
      plannedFinishDate: dayjs(p.plannedFinishDate),
      expectedOutcomes: p.expectedOutcomes,
    });
  }, [existing.data, form]);

  const onFinish = async (v: Values) => {
    const body: ApplicationBody = {
      name: v.name,
      type: v.type,
      totalInvestmentWan: v.totalInvestmentWan,
      equipmentInvestmentWan: v.equipmentInvestmentWan || "0",
      softwareInvestmentWan: v.softwareInvestmentWan || "0",
      ...(v.loanPrincipalWan ? { loanPrincipalWan: v.loanPrincipalWan } : {}),
      ...(v.loanMonths ? { loanMonths: v.loanMonths } : {}),
      cityDemonstration: v.cityDemonstration ?? false,
      reloanSupported: v.reloanSupported ?? false,
      plannedStartDate: v.plannedStartDate.format("YYYY-MM-DD"),
      plannedFinishDate: v.plannedFinishDate.format("YYYY-MM-DD"),
      expectedOutcomes: v.expectedOutcomes ?? "",
      ...(v.enterpriseId ? { enterpriseId: v.enterpriseId } : {}),
    };
    try {
      const saved = id
        ? await update.mutateAsync({ ...body, version: existing.data!.version })
        : await create.mutateAsync(body);
      void message.success(t("project.form.saved"));
      navigate(`/projects/${saved.id}`);
    } catch (e) {
      if (isApiError(e) && e.field) {
        const name = FIELDS.find((f) => f === e.field?.split(".")[0]);
        if (name) form.setFields([{ name, errors: [e.message] }]);
      }
      void message.error(errorMessage(e));
    }
  };

  if (id && existing.isError)
    return <QueryError error={existing.error} onRetry={() => void existing.refetch()} />;
  const req = { required: true, message: t("project.form.required") };
  const wanRule = { pattern: /^\d+(\.\d{1,6})?$/, message: t("project.form.wanHint") };
  return (
    <Card>
      <Typography.Title level={3}>
        {id ? t("project.form.editTitle") : t("project.form.title")}
      </Typography.Title>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void onFinish(v)}
        style={{ maxWidth: 720 }}
        data-testid="project-form"
      >
        {!id && me.role !== "enterprise" ? (
          <Form.Item name="enterpriseId" label={t("project.form.enterprise")} rules={[req]}>
            <EnterpriseSearchSelect testId="project-enterprise" />
          </Form.Item>
        ) : null}
        <Form.Item name="name" label={t("project.form.name")} rules={[req]}>
          <Input maxLength={200} data-testid="project-name" />
        </Form.Item>
        <Form.Item name="type" label={t("project.form.type")} rules={[req]} initialValue="tech_upgrade">
          <Select
            options={PROJECT_TYPES.map((x) => ({ value: x, label: t(`project.types.${x}`) }))}
            data-testid="project-type"
          />
        </Form.Item>
        <Space wrap size="large">
          <Form.Item
            name="totalInvestmentWan"
            label={t("project.form.total")}
            rules={[req, wanRule]}
            extra={t("project.form.wanHint")}
          >
            <Input style={{ width: 200 }} data-testid="project-total" />
          </Form.Item>
          <Form.Item name="equipmentInvestmentWan" label={t("project.form.equipment")} rules={[wanRule]}>
            <Input style={{ width: 200 }} data-testid="project-equipment" />
          </Form.Item>
          <Form.Item name="softwareInvestmentWan" label={t("project.form.software")} rules={[wanRule]}>
            <Input style={{ width: 200 }} data-testid="project-software" />
          </Form.Item>
        </Space>
        <Space wrap size="large">
          <Form.Item name="loanPrincipalWan" label={t("project.form.loan")} rules={[wanRule]}>
            <Input style={{ width: 200 }} data-testid="project-loan" />
          </Form.Item>
          <Form.Item name="loanMonths" label={t("project.form.loanMonths")}>
            <InputNumber min={1} max={360} style={{ width: 200 }} data-testid="project-loan-months" />
          </Form.Item>
        </Space>
        <Form.Item
          name="reloanSupported"
          valuePropName="checked"
          extra={t("project.form.reloanSupportedHint")}
          style={{ marginTop: -8 }}
        >
          <Checkbox data-testid="project-reloan">{t("project.form.reloanSupported")}</Checkbox>
        </Form.Item>
        <Form.Item
          name="cityDemonstration"
          valuePropName="checked"
          extra={t("project.form.cityDemonstrationHint")}
        >
          <Checkbox data-testid="project-demo">{t("project.form.cityDemonstration")}</Checkbox>
        </Form.Item>
        <Space wrap size="large">
          <Form.Item name="plannedStartDate" label={t("project.form.plannedStart")} rules={[req]}>
            <DatePicker data-testid="project-start" />
          </Form.Item>
          <Form.Item name="plannedFinishDate" label={t("project.form.plannedFinish")} rules={[req]}>
            <DatePicker data-testid="project-finish" />
          </Form.Item>
        </Space>
        <Form.Item name="expectedOutcomes" label={t("project.form.outcomes")}>
          <Input.TextArea rows={4} maxLength={4000} data-testid="project-outcomes" />
        </Form.Item>
        <Space>
          <Button
            type="primary"
            htmlType="submit"
            loading={create.isPending || update.isPending}
            data-testid="project-save"
          >
            {t("project.form.save")}
          </Button>
          <Button onClick={() => navigate(-1)}>{t("common.cancel")}</Button>
        </Space>
      </Form>
    </Card>
  );
}
