import { DRAW_PURPOSES, type DrawPurpose, EXPERT_STATUSES, type ExpertStatus } from "@dxcenter/domain";
import { App, Button, Card, Form, Input, Modal, Select, Space, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { errorMessage } from "../../api/client";
import {
  type CreateExpertBody,
  type ExpertRow,
  useDraws,
  useExperts,
  useSaveExpert,
} from "../../api/experts";
import {
  CreateButton,
  ExportButton,
  filter,
  ListView,
  listSpec,
  param,
  useListParams,
} from "../../components/list";
import { formatDateTime } from "../../utils/format";
import { expertStatusLabel } from "../providers/common";
import { AvailabilityFields, formatWindows, toRows, toWindows } from "./availability";

const statusOptions = () => EXPERT_STATUSES.map((value) => ({ value, label: expertStatusLabel(value) }));

/** The form's values: the profile as typed, 回避单位 as tags, 可用时间 as date ranges. */
type ExpertFormValues = Pick<
  CreateExpertBody,
  "name" | "organization" | "title" | "fields" | "status" | "phone" | "note"
> & { conflictOrgs: string[]; availability: Parameters<typeof toWindows>[0] };

function ExpertModal({ expert, onClose }: { expert: ExpertRow | null; onClose: () => void }) {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const act = useSaveExpert();
  const [form] = Form.useForm();
  return (
    <Modal
      open
      title={expert ? t("pool.experts.edit") : t("pool.experts.add")}
      okText={t("pool.common.save")}
      confirmLoading={act.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          expert
            ? {
                ...expert,
                availability: toRows(expert.availability),
                conflictOrgs: expert.conflicts.map((c) => c.organization).filter(Boolean),
              }
            : { status: "active", fields: [], conflictOrgs: [], availability: [] }
        }
        onFinish={async ({ conflictOrgs, availability, ...rest }: ExpertFormValues) => {
          const body = {
            name: rest.name,
            organization: rest.organization,
            title: rest.title ?? null,
            fields: rest.fields,
            status: rest.status,
            phone: rest.phone ?? null,
            note: rest.note ?? null,
            availability: toWindows(availability),
            conflicts: conflictOrgs.map((organization) => ({ organization })),
            userId: expert?.userId ?? null,
          };
          try {
            await act.mutateAsync(
              expert ? { id: expert.id, body: { ...body, version: expert.version } } : { body },
            );
            void message.success(t("pool.common.saved"));
            onClose();
          } catch (e) {
            void message.error(errorMessage(e));
          }
        }}
      >
        <Space wrap>
          <Form.Item
            name="name"
            label={t("pool.experts.name")}
            rules={[{ required: true, message: t("pool.experts.nameRule") }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="organization"
            label={t("pool.experts.organization")}
            rules={[{ required: true, message: t("pool.experts.organizationRule") }]}
          >
            <Input style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="title" label={t("pool.experts.jobTitle")}>
            <Input />
          </Form.Item>
          <Form.Item name="status" label={t("pool.experts.status")}>
            <Select options={statusOptions()} style={{ width: 110 }} />
          </Form.Item>
        </Space>
        <Form.Item
          name="fields"
          label={t("pool.experts.fieldsInput")}
          rules={[{ required: true, message: t("pool.experts.fieldsRule") }]}
        >
          <Select mode="tags" />
        </Form.Item>
        <AvailabilityFields />
        <Form.Item name="conflictOrgs" label={t("pool.experts.conflicts")}>
          <Select mode="tags" />
        </Form.Item>
        <Form.Item name="phone" label={t("pool.experts.phone")}>
          <Input />
        </Form.Item>
        <Form.Item name="note" label={t("pool.experts.note")}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const EXPERT_SORTS = ["name", "organization", "workload", "rating", "updatedAt"] as const;
const EXPERT_LIST = listSpec({
  filters: { q: param.text, status: param.oneOf(EXPERT_STATUSES), field: param.text },
  sort: { keys: EXPERT_SORTS, default: "name", order: "asc" },
});

function ExpertList() {
  const list = useListParams(EXPERT_LIST);
  const query = useExperts(list.params);
  const { t } = useTranslation();
  const [editing, setEditing] = useState<ExpertRow | null | "new">(null);
  return (
    <>
      <ListView
        list={list}
        filterMargin={12}
        filters={[
          filter.search(t("pool.experts.searchPlaceholder"), 220, { button: true, testId: "expert-search" }),
          {
            kind: "select",
            key: "status",
            placeholder: t("pool.experts.status"),
            width: 110,
            options: statusOptions(),
          },
          { kind: "search", key: "field", button: true, placeholder: t("pool.experts.field"), width: 160 },
        ]}
        filterExtra={
          <Space>
            <CreateButton onClick={() => setEditing("new")}>{t("pool.experts.add")}</CreateButton>
            <ExportButton
              path="/api/experts/export"
              query={list.params}
              fileName={t("pool.experts.exportName")}
              label={t("pool.common.export")}
            />
          </Space>
        }
        query={query}
        columns={[
          {
            key: "name",
            title: t("pool.experts.name"),
            dataIndex: "name",
            sortKey: "name",
            render: (v: string, r) => (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setEditing(r)}>
                {v}
              </Button>
            ),
          },
          {
            key: "organization",
            title: t("pool.experts.organization"),
            dataIndex: "organization",
            sortKey: "organization",
          },
          { key: "title", title: t("pool.experts.jobTitle"), dataIndex: "title" },
          {
            key: "fields",
            title: t("pool.experts.fields"),
            dataIndex: "fields",
            render: (f: string[]) => f.map((x) => <Tag key={x}>{x}</Tag>),
          },
          {
            key: "availability",
            title: t("pool.availability.column"),
            dataIndex: "availability",
            render: (w: ExpertRow["availability"]) => (
              <Typography.Text type={w.length ? undefined : "secondary"} style={{ fontSize: 12 }}>
                {formatWindows(w, t("pool.experts.unrestricted"))}
              </Typography.Text>
            ),
          },
          {
            key: "status",
            title: t("pool.experts.status"),
            dataIndex: "status",
            width: 80,
            render: (s: ExpertStatus) => expertStatusLabel(s),
          },
          {
            key: "workload",
            title: t("pool.experts.workload"),
            dataIndex: "workload",
            width: 120,
            sortKey: "workload",
          },
          {
            key: "rating",
            title: t("pool.experts.rating"),
            dataIndex: "rating",
            width: 110,
            sortKey: "rating",
            render: (v: number | null, r) =>
              v === null ? "—" : t("pool.experts.ratingValue", { avg: v.toFixed(1), n: r.ratingCount }),
          },
          {
            key: "answers",
            title: t("pool.experts.answers"),
            width: 100,
            render: (_: unknown, r) => `${r.accepted} / ${r.declined}`,
          },
          {
            key: "account",
            title: t("pool.experts.account"),
            dataIndex: "userId",
            width: 90,
            render: (u: string | null) => (u ? t("pool.experts.linked") : "—"),
          },
        ]}
      />
      {editing ? (
        <ExpertModal expert={editing === "new" ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}

const DRAW_LIST = listSpec({
  filters: { q: param.text, purpose: param.oneOf(DRAW_PURPOSES) },
  sort: { keys: ["drawnAt"] as const, default: "drawnAt", order: "desc" },
});

function DrawList() {
  const { t } = useTranslation();
  const list = useListParams(DRAW_LIST);
  const query = useDraws(list.params);
  return (
    <ListView
      list={list}
      filterMargin={12}
      resettable={false}
      filters={[
        filter.search(t("draw.list.search"), 240, { button: true }),
        filter.oneOf(
          "purpose",
          t("draw.list.purpose"),
          160,
          DRAW_PURPOSES,
          (value) => t(`draw.purposes.${value}`),
          { testId: "draw-purpose-filter" },
        ),
      ]}
      export={{
        path: "/api/experts/draws/export",
        fileName: t("draw.list.exportName"),
        label: t("pool.common.export"),
      }}
      query={query}
      columns={[
        {
          key: "drawnAt",
          title: t("draw.list.drawnAt"),
          dataIndex: "drawnAt",
          sortKey: "drawnAt",
          render: (v: string, r) => <Link to={`/experts/draws/${r.id}`}>{formatDateTime(v)}</Link>,
        },
        {
          key: "purpose",
          title: t("draw.list.purpose"),
          dataIndex: "purpose",
          width: 130,
          render: (v: DrawPurpose) => t(`draw.purposes.${v}`),
        },
        { key: "subject", title: t("draw.list.subject"), dataIndex: "subjectLabel" },
        {
          key: "seed",
          title: t("draw.list.seed"),
          dataIndex: "seed",
          render: (s: string) => (
            <Typography.Text code copyable>
              {s}
            </Typography.Text>
          ),
        },
        {
          key: "selected",
          title: t("draw.list.selected"),
          dataIndex: "selectedNames",
          render: (n: string[]) => n.join(t("draw.listSep")),
        },
        {
          key: "pool",
          title: t("draw.list.pool"),
          render: (_: unknown, r) => `${r.poolSize} / ${r.eligibleCount}`,
        },
        {
          key: "round",
          title: t("draw.list.round"),
          dataIndex: "round",
          render: (r: number) => (r ? t("draw.list.rounds", { n: r }) : "—"),
        },
        { key: "by", title: t("draw.list.by"), dataIndex: "drawnByName" },
      ]}
    />
  );
}

/** 专家库: the pool (city) and the record of every draw. */
export default function ExpertPoolPage() {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const tab = sp.get("tab") === "draws" ? "draws" : "list";
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("pool.experts.title")}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp(k === "draws" ? new URLSearchParams({ tab: k }) : new URLSearchParams())}
        items={[
          { key: "list", label: t("pool.experts.tabList"), children: tab === "list" ? <ExpertList /> : null },
          {
            key: "draws",
            label: t("pool.experts.tabDraws"),
            children: tab === "draws" ? <DrawList /> : null,
          },
        ]}
      />
    </Card>
  );
}
