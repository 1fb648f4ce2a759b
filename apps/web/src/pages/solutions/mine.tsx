import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { SOLUTION_KINDS, SOLUTION_STATUSES } from "@dxcenter/domain";
import { Alert, App, Button, Checkbox, Form, Input, Modal, Select, Space, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, isApiError } from "../../api/client";
import { type SolutionItem, useMySolutions, useSaveSolution } from "../../api/solutions";
import {
  CreateButton,
  column,
  filter,
  ListPage,
  listSpec,
  param,
  type ServerColumn,
  useListParams,
} from "../../components/list";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { wan } from "../../utils/format";
import { PriceText, SceneTags, useSceneOptions } from "./components";

const STATUS_COLORS = { draft: "default", published: "green", withdrawn: "orange" } as const;
const MINE_LIST = listSpec({
  filters: { q: param.text, status: param.oneOf(SOLUTION_STATUSES), kind: param.oneOf(SOLUTION_KINDS) },
  sort: { keys: ["updatedAt", "name"] as const, default: "updatedAt", order: "desc" },
});

interface FormValues {
  name: string;
  kind: SolutionItem["kind"];
  summary?: string;
  sceneIds: string[];
  industries?: string[];
  priceMinWan?: string;
  priceMaxWan?: string;
  subsidyText?: string;
  subsidyWan?: string;
  deployment: SolutionItem["deployment"];
  firstEdition?: boolean;
  serviceDistricts?: string[];
  references?: { customer: string; result: string }[];
}

const fenToWan = (fen: number | null) => (fen === null ? undefined : wan(fen).replaceAll(",", ""));

function SolutionForm({ editing, onClose }: { editing: SolutionItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveSolution();
  const ref = useReferenceOptions();
  const scenes = useSceneOptions();
  const kind = Form.useWatch("kind", form);
  const initial: Partial<FormValues> = editing
    ? {
        ...editing,
        summary: editing.summary ?? undefined,
        subsidyText: editing.subsidyText ?? undefined,
        priceMinWan: fenToWan(editing.priceMinFen),
        priceMaxWan: fenToWan(editing.priceMaxFen),
        subsidyWan: fenToWan(editing.subsidyFen),
      }
    : { kind: "system_solution", deployment: "saas", sceneIds: [], references: [] };
  const onOk = async () => {
    const v = await form.validateFields();
    const body = {
      ...v,
      summary: v.summary || null,
      subsidyText: v.subsidyText || null,
      priceMinWan: v.priceMinWan || null,
      priceMaxWan: v.priceMaxWan || null,
      subsidyWan: v.subsidyWan || null,
      industries: v.industries ?? [],
      serviceDistricts: v.serviceDistricts ?? [],
      references: v.references ?? [],
      firstEdition: !!v.firstEdition,
    };
    try {
      await save.mutateAsync(
        editing ? { id: editing.id, body: { ...body, version: editing.version } } : { body },
      );
      void message.success(t("matching.mine.saved"));
      onClose();
    } catch (e) {
      if (isApiError(e) && e.field)
        form.setFields([{ name: e.field.split(".")[0] as keyof FormValues, errors: [e.message] }]);
      void message.error(errorMessage(e));
    }
  };
  return (
    <Modal
      open
      width={760}
      title={editing ? t("matching.mine.edit") : t("matching.mine.create")}
      onCancel={onClose}
      onOk={() => void onOk()}
      confirmLoading={save.isPending}
      okText={t("matching.common.save")}
      okButtonProps={{ "data-testid": "solution-save" } as never}
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="name" label={t("matching.mine.name")} rules={[{ required: true, min: 2 }]}>
          <Input data-testid="solution-name" />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="kind" label={t("matching.solution.kind")} rules={[{ required: true }]}>
            <Select
              style={{ width: 200 }}
              options={SOLUTION_KINDS.map((k) => ({ value: k, label: t(`matching.solution.kinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="deployment" label={t("matching.solution.deployment")} rules={[{ required: true }]}>
            <Select
              style={{ width: 160 }}
              options={(["saas", "private", "hybrid"] as const).map((k) => ({
                value: k,
                label: t(`matching.solution.deployments.${k}`),
              }))}
            />
          </Form.Item>
          {kind === "industrial_software" ? (
            <Form.Item name="firstEdition" valuePropName="checked" label=" ">
              <Checkbox>{t("matching.solution.firstEdition")}</Checkbox>
            </Form.Item>
          ) : null}
        </Space>
        <Form.Item
          name="sceneIds"
          label={t("matching.solution.scene")}
          rules={[{ required: true, type: "array", min: 1 }]}
        >
          <Select
            mode="multiple"
            data-testid="solution-scenes"
            options={scenes.options}
            showSearch={{ optionFilterProp: "label" }}
          />
        </Form.Item>
        <Form.Item name="industries" label={t("matching.solution.industry")}>
          <Select mode="multiple" options={ref.industryOptions} showSearch={{ optionFilterProp: "label" }} />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="priceMinWan" label={t("matching.mine.priceMin")}>
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="priceMaxWan" label={t("matching.mine.priceMaxLabel")}>
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="subsidyWan" label={t("matching.mine.subsidyWan")}>
            <Input style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Form.Item name="subsidyText" label={t("matching.mine.subsidyText")}>
          <Input />
        </Form.Item>
        <Form.Item name="serviceDistricts" label={t("matching.solution.districtServed")}>
          <Select mode="multiple" options={ref.districtOptions} showSearch={{ optionFilterProp: "label" }} />
        </Form.Item>
        <Form.Item name="summary" label={t("matching.solution.summary")}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.List name="references">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, "customer"]} rules={[{ required: true }]}>
                    <Input placeholder={t("matching.mine.customer")} style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, "result"]} rules={[{ required: true }]}>
                    <Input placeholder={t("matching.mine.result")} style={{ width: 380 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                {t("matching.mine.addReference")}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** 我的解决方案: a provider account's organisation's catalogue entries. */
export default function MySolutionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useListParams(MINE_LIST);
  const query = useMySolutions(list.params);
  const save = useSaveSolution();
  const [editing, setEditing] = useState<SolutionItem | null | "new">(null);
  const setStatus = async (s: SolutionItem, status: SolutionItem["status"]) => {
    try {
      await save.mutateAsync({ id: s.id, body: { status, version: s.version } });
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const columns: ServerColumn<SolutionItem, "updatedAt" | "name">[] = [
    { key: "name", title: t("matching.mine.name"), dataIndex: "name", width: 240, sortKey: "name" },
    {
      key: "status",
      title: t("matching.common.status"),
      dataIndex: "status",
      width: 90,
      render: (v: SolutionItem["status"]) => (
        <Tag color={STATUS_COLORS[v]}>{t(`matching.solution.statuses.${v}`)}</Tag>
      ),
    },
    {
      key: "kind",
      title: t("matching.solution.kind"),
      dataIndex: "kind",
      width: 140,
      render: (v: SolutionItem["kind"]) => t(`matching.solution.kinds.${v}`),
    },
    {
      key: "scenes",
      title: t("matching.solution.scene"),
      dataIndex: "sceneNames",
      width: 240,
      render: (v: string[]) => <SceneTags names={v} />,
    },
    {
      key: "price",
      title: t("matching.solution.price"),
      width: 130,
      render: (_: unknown, r) => <PriceText min={r.priceMinFen} max={r.priceMaxFen} />,
    },
    column.dateTime("updatedAt", t("matching.solution.updatedAt"), { sortKey: "updatedAt" }),
    {
      key: "actions",
      title: t("matching.common.actions"),
      fixed: "right",
      width: 170,
      render: (_: unknown, r) => (
        <Space>
          <Button size="small" onClick={() => setEditing(r)}>
            {t("matching.mine.editShort")}
          </Button>
          {r.status === "published" ? (
            <Button size="small" danger onClick={() => void setStatus(r, "withdrawn")}>
              {t("matching.mine.withdraw")}
            </Button>
          ) : (
            <Button
              size="small"
              type="primary"
              data-testid="solution-publish"
              onClick={() => void setStatus(r, "published")}
            >
              {r.status === "withdrawn" ? t("matching.mine.republish") : t("matching.mine.publish")}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <ListPage
      title={t("matching.mine.title")}
      headerMargin={12}
      exportInHeader
      export={{
        path: "/api/solutions/mine/export",
        fileName: t("matching.solution.mineExportName"),
        label: t("matching.common.export"),
      }}
      actions={
        <CreateButton onClick={() => setEditing("new")} testId="solution-create">
          {t("matching.mine.create")}
        </CreateButton>
      }
      list={list}
      resettable={false}
      filters={[
        filter.search(t("matching.mine.name"), 220, { button: true }),
        filter.oneOf("status", t("matching.common.status"), 120, SOLUTION_STATUSES, (s) =>
          t(`matching.solution.statuses.${s}`),
        ),
        filter.oneOf("kind", t("matching.solution.kind"), 160, SOLUTION_KINDS, (k) =>
          t(`matching.solution.kinds.${k}`),
        ),
      ]}
      columns={columns}
      query={query}
      scrollX={1200}
      empty={t("matching.mine.empty")}
      renderError={(error) =>
        isApiError(error) && error.status === 403 ? (
          <Alert type="warning" message={t("matching.mine.noOrg")} />
        ) : undefined
      }
    >
      {editing ? (
        <SolutionForm editing={editing === "new" ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </ListPage>
  );
}
