import { DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import type { TableProps } from "antd";
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { downloadFile, errorMessage, isApiError } from "../../api/client";
import { type EventItem, type EventListParams, useEventAction, useEventList } from "../../api/events";
import { useCurrentUser } from "../../auth/context";
import { QueryError } from "../../components/QueryError";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { exportQuery, PAGE_SIZES, pick, useUrlListParams } from "../../utils/urlListParams";

const STATUSES = ["planned", "finished", "cancelled"] as const;
export const EVENT_COLORS = { planned: "blue", finished: "green", cancelled: "default" } as const;
const DEFAULTS = { sort: "eventDate", order: "desc" } as const;

function parse(sp: URLSearchParams): Omit<EventListParams, "page" | "pageSize"> {
  const d = sp.get("districtCode");
  return {
    q: sp.get("q")?.trim() || undefined,
    status: pick(sp.get("status"), STATUSES),
    districtCode: d && /^\d{6}$/.test(d) ? d : undefined,
    sort: pick<"eventDate" | "createdAt">(sp.get("sort"), ["eventDate", "createdAt"]) ?? DEFAULTS.sort,
    order: pick<"asc" | "desc">(sp.get("order"), ["asc", "desc"]) ?? DEFAULTS.order,
  };
}

interface CreateValues {
  districtCode?: string;
  name: string;
  eventDate: Dayjs;
  place: string;
  organiser: string;
  capacity?: number | null;
  description?: string;
}

function CreateEventModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const ref = useReferenceOptions();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateValues>();
  const action = useEventAction();
  const onOk = async () => {
    const v = await form.validateFields();
    try {
      const e = await action.mutateAsync({
        method: "POST",
        path: "",
        body: {
          ...v,
          eventDate: v.eventDate.format("YYYY-MM-DD"),
          capacity: v.capacity ?? null,
          description: v.description || null,
        },
      });
      onClose();
      navigate(`/events/${e.id}`);
    } catch (e) {
      if (isApiError(e) && e.field)
        form.setFields([{ name: e.field as keyof CreateValues, errors: [e.message] }]);
      void message.error(errorMessage(e));
    }
  };
  return (
    <Modal
      open
      title={t("matching.event.create")}
      onCancel={onClose}
      onOk={() => void onOk()}
      confirmLoading={action.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          organiser: me.districtName ? `${me.districtName}工业和信息化局` : "市工业和信息化局",
        }}
      >
        {me.role === "city_admin" ? (
          <Form.Item name="districtCode" label={t("matching.common.district")} rules={[{ required: true }]}>
            <Select options={ref.currentDistrictOptions} showSearch={{ optionFilterProp: "label" }} />
          </Form.Item>
        ) : null}
        <Form.Item name="name" label={t("matching.event.name")} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="eventDate" label={t("matching.event.date")} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="place" label={t("matching.event.place")} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="organiser"
          label={t("matching.event.organiser")}
          rules={[{ required: true, min: 2 }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="capacity" label={t("matching.event.capacity")}>
          <InputNumber min={1} max={10000} />
        </Form.Item>
        <Form.Item name="description" label={t("matching.event.description")}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 对接活动: events list (bureau creates; enterprises and providers register). */
export default function EventsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const ref = useReferenceOptions();
  const { params, update, reset } = useUrlListParams<EventListParams>(parse, DEFAULTS);
  const list = useEventList(params);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const staff = me.role === "city_admin" || me.role === "district_admin";
  const sortOrder = (key: string) =>
    params.sort === key ? (params.order === "asc" ? ("ascend" as const) : ("descend" as const)) : null;
  const columns: TableProps<EventItem>["columns"] = [
    {
      key: "name",
      title: t("matching.event.name"),
      dataIndex: "name",
      width: 260,
      render: (v: string, r) => (
        <Link to={`/events/${r.id}`} data-testid="event-link">
          {v}
        </Link>
      ),
    },
    {
      key: "eventDate",
      title: t("matching.event.date"),
      dataIndex: "eventDate",
      width: 120,
      sorter: true,
      sortOrder: sortOrder("eventDate"),
    },
    { key: "district", title: t("matching.common.district"), dataIndex: "districtName", width: 100 },
    { key: "place", title: t("matching.event.place"), dataIndex: "place", width: 200, ellipsis: true },
    {
      key: "organiser",
      title: t("matching.event.organiser"),
      dataIndex: "organiser",
      width: 180,
      ellipsis: true,
    },
    {
      key: "status",
      title: t("matching.common.status"),
      dataIndex: "status",
      width: 100,
      render: (v: EventItem["status"], r) => (
        <Space size={4}>
          <Tag color={EVENT_COLORS[v]}>{t(`matching.event.statuses.${v}`)}</Tag>
          {r.myRegistrationId ? <Tag color="green">{t("matching.event.registered")}</Tag> : null}
        </Space>
      ),
    },
    {
      key: "stats",
      title: `${t("matching.event.registrations")} / ${t("matching.event.attended")} / ${t("matching.event.leads")} / ${t("matching.event.converted")}`,
      width: 200,
      render: (_: unknown, r) =>
        `${r.registrations}${r.capacity ? `/${r.capacity}` : ""} · ${r.attended} · ${r.leads} · ${r.converted}`,
    },
  ];
  const onExport = async () => {
    setExporting(true);
    try {
      await downloadFile("/api/events/export", { ...exportQuery(params) }, t("matching.event.exportName"));
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };
  return (
    <Card>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("matching.event.title")}
        </Typography.Title>
        {staff ? (
          <Space>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()}>
              {t("matching.common.export")}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="event-create"
            >
              {t("matching.event.create")}
            </Button>
          </Space>
        ) : null}
      </Space>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t("matching.event.searchPlaceholder")}
          style={{ width: 240 }}
          defaultValue={params.q}
          onSearch={(v) => update({ q: v.trim() || undefined })}
        />
        <Select
          allowClear
          placeholder={t("matching.common.status")}
          style={{ width: 130 }}
          options={STATUSES.map((s) => ({ value: s, label: t(`matching.event.statuses.${s}`) }))}
          value={params.status}
          onChange={(v: EventListParams["status"]) => update({ status: v })}
        />
        {me.role !== "district_admin" ? (
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("matching.common.district")}
            style={{ width: 140 }}
            options={ref.districtOptions}
            value={params.districtCode}
            onChange={(v: string | undefined) => update({ districtCode: v })}
          />
        ) : null}
        <Button onClick={reset}>{t("matching.common.reset")}</Button>
      </Space>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<EventItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 1200 }}
        locale={{ emptyText: t("matching.event.empty") }}
        onChange={(pagination, _f, sorter, extra) => {
          if (extra.action === "sort") {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = s?.order ? "eventDate" : undefined;
            update({ sort: key, order: key ? (s?.order === "ascend" ? "asc" : "desc") : undefined });
          } else if (extra.action === "paginate")
            update({ page: pagination.current ?? 1, pageSize: pagination.pageSize });
        }}
        pagination={{
          current: params.page ?? 1,
          pageSize: params.pageSize ?? 20,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES.map(String),
          showTotal: (total) => t("matching.common.total", { total }),
        }}
      />
      {creating ? <CreateEventModal onClose={() => setCreating(false)} /> : null}
    </Card>
  );
}
