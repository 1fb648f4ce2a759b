import { App, DatePicker, Form, Input, Modal, Select, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { errorMessage, isApiError } from "../../api/client";
import { type DemandItem, useDemandFromAssessment, usePostDemand } from "../../api/demands";
import { column, type ListTableProps, type ServerColumn, ServerTable } from "../../components/list";
import { wan } from "../../utils/format";
import { SceneTags, useSceneOptions } from "../solutions/components";

export const DEMAND_STATUS_COLORS = { open: "blue", matched: "processing", closed: "default" } as const;
export const LEAD_COLORS = {
  shortlisted: "blue",
  contacted: "cyan",
  contracted: "green",
  declined: "default",
} as const;

type DemandSort = "createdAt" | "budget" | "updatedAt";

export function DemandTable({
  list,
  query,
  showEnterprise = true,
}: ListTableProps<DemandItem, DemandSort> & { showEnterprise?: boolean }) {
  const { t } = useTranslation();
  const columns: ServerColumn<DemandItem, DemandSort>[] = [
    column.link("title", t("matching.demand.titleLabel"), (r) => `/demands/${r.id}`, {
      testId: "demand-link",
      width: 240,
    }),
    ...(showEnterprise
      ? [
          {
            key: "enterprise",
            title: t("matching.demand.enterprise"),
            dataIndex: "enterpriseName",
            width: 200,
            ellipsis: true,
          },
          { key: "district", title: t("matching.common.district"), dataIndex: "districtName", width: 100 },
        ]
      : []),
    {
      key: "scenes",
      title: t("matching.demand.scenes"),
      dataIndex: "sceneNames",
      width: 240,
      render: (v: string[]) => <SceneTags names={v} />,
    },
    {
      key: "budget",
      title: t("matching.demand.budget"),
      dataIndex: "budgetFen",
      width: 110,
      sortKey: "budget",
      render: (v: number | null) => (v === null ? "—" : wan(v)),
    },
    {
      key: "source",
      title: t("matching.demand.source"),
      dataIndex: "source",
      width: 120,
      render: (v: DemandItem["source"]) => t(`matching.demand.sources.${v}`),
    },
    {
      key: "status",
      title: t("matching.common.status"),
      dataIndex: "status",
      width: 90,
      render: (v: DemandItem["status"]) => (
        <Tag color={DEMAND_STATUS_COLORS[v]}>{t(`matching.demand.statuses.${v}`)}</Tag>
      ),
    },
    {
      key: "furthest",
      title: t("matching.demand.furthest"),
      dataIndex: "furthestLead",
      width: 110,
      render: (v: DemandItem["furthestLead"], r) =>
        v ? (
          <Tag color={LEAD_COLORS[v]}>
            {t(`matching.demand.leadStatuses.${v}`)}（{r.leadCount}）
          </Tag>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    column.dateTime("createdAt", t("matching.common.createdAt"), { sortKey: "createdAt" }),
  ];
  return (
    <ServerTable<DemandItem, DemandSort>
      testId="demand-table"
      columns={columns}
      query={query}
      list={list}
      scrollX={1200}
      empty={t("matching.demand.empty")}
    />
  );
}

interface PostValues {
  title: string;
  sceneIds: string[];
  budgetWan?: string;
  timing?: [Dayjs | null, Dayjs | null] | null;
  description?: string;
}

/** 发布需求 (enterprise for itself; staff pass the enterprise). */
export function PostDemandModal({ enterpriseId, onClose }: { enterpriseId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PostValues>();
  const post = usePostDemand();
  const scenes = useSceneOptions();
  const onOk = async () => {
    const v = await form.validateFields();
    try {
      const d = await post.mutateAsync({
        ...(enterpriseId ? { enterpriseId } : {}),
        title: v.title,
        sceneIds: v.sceneIds,
        budgetWan: v.budgetWan?.trim() || null,
        timingStart: v.timing?.[0]?.format("YYYY-MM-DD") ?? null,
        timingEnd: v.timing?.[1]?.format("YYYY-MM-DD") ?? null,
        description: v.description || null,
      });
      onClose();
      navigate(`/demands/${d.id}`);
    } catch (e) {
      if (isApiError(e) && e.field)
        form.setFields([{ name: e.field as keyof PostValues, errors: [e.message] }]);
      void message.error(errorMessage(e));
    }
  };
  return (
    <Modal
      open
      title={t("matching.demand.post")}
      onCancel={onClose}
      onOk={() => void onOk()}
      confirmLoading={post.isPending}
      okButtonProps={{ "data-testid": "demand-submit" } as never}
      width={640}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="title" label={t("matching.demand.titleLabel")} rules={[{ required: true, min: 2 }]}>
          <Input data-testid="demand-title" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="sceneIds"
          label={t("matching.demand.scenes")}
          rules={[{ required: true, type: "array", min: 1 }]}
        >
          <Select
            mode="multiple"
            data-testid="demand-scenes"
            options={scenes.options}
            loading={scenes.loading}
            showSearch={{ optionFilterProp: "label" }}
          />
        </Form.Item>
        <Form.Item
          name="budgetWan"
          label={t("matching.demand.budget")}
          extra={t("matching.demand.budgetHint")}
        >
          <Input data-testid="demand-budget" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="timing"
          label={`${t("matching.demand.timingStart")} / ${t("matching.demand.timingEnd")}`}
        >
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="description" label={t("matching.demand.description")}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function FromAssessmentModal({
  enterpriseId,
  onClose,
}: {
  enterpriseId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ budgetWan?: string }>();
  const gen = useDemandFromAssessment();
  const onOk = async () => {
    const v = await form.validateFields();
    try {
      const d = await gen.mutateAsync({
        ...(enterpriseId ? { enterpriseId } : {}),
        budgetWan: v.budgetWan?.trim() || null,
      });
      onClose();
      navigate(`/demands/${d.id}`);
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  return (
    <Modal
      open
      title={t("matching.demand.fromAssessment")}
      onCancel={onClose}
      onOk={() => void onOk()}
      okText={t("matching.demand.generate")}
      confirmLoading={gen.isPending}
      okButtonProps={{ "data-testid": "demand-generate-submit" } as never}
    >
      <Typography.Paragraph type="secondary">{t("matching.demand.fromAssessmentHint")}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="budgetWan"
          label={t("matching.demand.budget")}
          extra={t("matching.demand.budgetHint")}
        >
          <Input style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
