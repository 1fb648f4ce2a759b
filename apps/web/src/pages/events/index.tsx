import { App, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Tag } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { errorMessage, isApiError } from "../../api/client";
import { type EventItem, useCreateEvent, useEventList } from "../../api/events";
import { useCurrentUser } from "../../auth/context";
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

const STATUSES = ["planned", "finished", "cancelled"] as const;
export const EVENT_COLORS = { planned: "blue", finished: "green", cancelled: "default" } as const;
const EVENT_LIST = listSpec({
  filters: { q: param.text, status: param.oneOf(STATUSES), districtCode: param.district },
  sort: { keys: ["eventDate", "createdAt"] as const, default: "eventDate", order: "desc" },
});

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
  const action = useCreateEvent();
  const onOk = async () => {
    const v = await form.validateFields();
    try {
      const e = await action.mutateAsync({
        ...v,
        eventDate: v.eventDate.format("YYYY-MM-DD"),
        capacity: v.capacity ?? null,
        description: v.description || null,
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
  const me = useCurrentUser();
  const ref = useReferenceOptions();
  const list = useListParams(EVENT_LIST);
  const query = useEventList(list.params);
  const [creating, setCreating] = useState(false);
  const staff = me.role === "city_admin" || me.role === "district_admin";
  const columns: ServerColumn<EventItem, "eventDate" | "createdAt">[] = [
    column.link("name", t("matching.event.name"), (r) => `/events/${r.id}`, {
      testId: "event-link",
      width: 260,
    }),
    {
      key: "eventDate",
      title: t("matching.event.date"),
      dataIndex: "eventDate",
      width: 120,
      sortKey: "eventDate",
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
  return (
    <ListPage<EventItem, "eventDate" | "createdAt", typeof list.params>
      title={t("matching.event.title")}
      headerMargin={12}
      exportInHeader
      export={
        staff && {
          path: "/api/events/export",
          fileName: t("matching.event.exportName"),
          label: t("matching.common.export"),
        }
      }
      actions={
        staff ? (
          <CreateButton onClick={() => setCreating(true)} testId="event-create">
            {t("matching.event.create")}
          </CreateButton>
        ) : null
      }
      list={list}
      filters={[
        filter.search(t("matching.event.searchPlaceholder"), 240, { button: true }),
        filter.oneOf("status", t("matching.common.status"), 130, STATUSES, (s) =>
          t(`matching.event.statuses.${s}`),
        ),
        me.role !== "district_admin" &&
          filter.district(t("matching.common.district"), 140, ref.districtOptions),
      ]}
      columns={columns}
      query={query}
      scrollX={1200}
      empty={t("matching.event.empty")}
    >
      {creating ? <CreateEventModal onClose={() => setCreating(false)} /> : null}
    </ListPage>
  );
}
