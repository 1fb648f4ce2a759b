import { ArrowLeftOutlined, DownloadOutlined, PlusOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { downloadFile, errorMessage } from "../../api/client";
import {
  type EventDetail,
  useCreateEventLead,
  useEvent,
  useMarkAttendance,
  useRegisterForEvent,
  useUpdateEvent,
  useUpdateEventLead,
} from "../../api/events";
import { QueryError } from "../../components/QueryError";
import { formatDate, formatDateTime } from "../../utils/format";
import { EVENT_COLORS } from ".";

type Lead = EventDetail["leadList"][number];
const LEAD_COLORS = { following: "blue", converted: "green", lost: "default" } as const;

function AddLeadModal({ e, onClose }: { e: EventDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{
    enterpriseId: string;
    providerId: string;
    note?: string;
    followUpDate?: Dayjs;
  }>();
  const action = useCreateEventLead(e.id);
  const ents = e.registrationList.filter((r) => r.kind === "enterprise");
  const provs = e.registrationList.filter((r) => r.kind === "provider");
  const onOk = async () => {
    const v = await form.validateFields();
    try {
      await action.mutateAsync({
        ...v,
        note: v.note || null,
        followUpDate: v.followUpDate?.format("YYYY-MM-DD") ?? null,
      });
      onClose();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  return (
    <Modal
      open
      title={t("matching.event.addLead")}
      onCancel={onClose}
      onOk={() => void onOk()}
      confirmLoading={action.isPending}
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="enterpriseId"
          label={t("matching.event.leadEnterprise")}
          rules={[{ required: true }]}
        >
          <Select options={ents.map((r) => ({ value: r.enterpriseId!, label: r.name }))} />
        </Form.Item>
        <Form.Item name="providerId" label={t("matching.event.leadProvider")} rules={[{ required: true }]}>
          <Select options={provs.map((r) => ({ value: r.providerId!, label: r.name }))} />
        </Form.Item>
        <Form.Item name="followUpDate" label={t("matching.event.followUp")}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="note" label={t("matching.event.note")}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function EventDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id } = useParams();
  const navigate = useNavigate();
  const q = useEvent(id);
  const registerFor = useRegisterForEvent(id ?? "");
  const update = useUpdateEvent(id ?? "");
  const attendance = useMarkAttendance(id ?? "");
  const updateLead = useUpdateEventLead(id ?? "");
  const [adding, setAdding] = useState(false);
  if (q.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const e = q.data;
  const run = async (write: () => Promise<EventDetail>) => {
    try {
      await write();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  const report = async () => {
    try {
      await downloadFile(`/api/events/${e.id}/report`, undefined, `${e.name}.xlsx`);
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  const manage = e.permissions.manage;
  const notYet = e.eventDate > formatDate(new Date().toISOString());
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card>
        <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
          <Space>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate("/events")}>
              {t("matching.common.back")}
            </Button>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {e.name}
            </Typography.Title>
            <Tag color={EVENT_COLORS[e.status]}>{t(`matching.event.statuses.${e.status}`)}</Tag>
          </Space>
          <Space>
            {e.permissions.register ? (
              <Button
                type="primary"
                onClick={() => void run(() => registerFor.mutateAsync({}))}
                data-testid="event-register"
              >
                {t("matching.event.register")}
              </Button>
            ) : e.myRegistrationId ? (
              <Tag color="green">{t("matching.event.registered")}</Tag>
            ) : null}
            {manage && e.status === "planned" ? (
              <>
                <Button
                  onClick={() =>
                    void run(() => update.mutateAsync({ status: "finished", version: e.version }))
                  }
                >
                  {t("matching.event.markFinished")}
                </Button>
                <Button
                  danger
                  onClick={() =>
                    void run(() => update.mutateAsync({ status: "cancelled", version: e.version }))
                  }
                >
                  {t("matching.event.cancel")}
                </Button>
              </>
            ) : null}
            {manage ? (
              <Button icon={<DownloadOutlined />} onClick={() => void report()} data-testid="event-report">
                {t("matching.event.report")}
              </Button>
            ) : null}
          </Space>
        </Space>
        <Descriptions column={{ xs: 1, md: 3 }} size="small" style={{ marginTop: 16 }}>
          <Descriptions.Item label={t("matching.event.date")}>{e.eventDate}</Descriptions.Item>
          <Descriptions.Item label={t("matching.common.district")}>{e.districtName}</Descriptions.Item>
          <Descriptions.Item label={t("matching.event.place")}>{e.place}</Descriptions.Item>
          <Descriptions.Item label={t("matching.event.organiser")}>{e.organiser}</Descriptions.Item>
          <Descriptions.Item label={t("matching.event.capacity")}>{e.capacity ?? "—"}</Descriptions.Item>
          <Descriptions.Item label={`${t("matching.event.registrations")} / ${t("matching.event.attended")}`}>
            {e.registrations} / {e.attended}
          </Descriptions.Item>
          <Descriptions.Item label={`${t("matching.event.leads")} / ${t("matching.event.converted")}`}>
            {e.leads} / {e.converted}
          </Descriptions.Item>
          <Descriptions.Item label={t("matching.event.description")} span={2}>
            {e.description ?? "—"}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t("matching.event.registrations")}>
        <Table
          rowKey="id"
          size="small"
          pagination={{ pageSize: 20 }}
          dataSource={e.registrationList}
          locale={{ emptyText: t("matching.event.noRegistrations") }}
          columns={[
            {
              key: "name",
              title: `${t("matching.event.kinds.enterprise")} / ${t("matching.event.kinds.provider")}`,
              dataIndex: "name",
            },
            {
              key: "kind",
              title: t("matching.event.kind"),
              dataIndex: "kind",
              render: (v: "enterprise" | "provider") => t(`matching.event.kinds.${v}`),
            },
            {
              key: "at",
              title: t("matching.event.registeredAt"),
              dataIndex: "registeredAt",
              render: (v: string) => formatDateTime(v),
            },
            {
              key: "attended",
              title: t("matching.event.attendance"),
              dataIndex: "attended",
              render: (v: boolean, r) =>
                manage ? (
                  <Tooltip
                    title={notYet ? t("matching.event.attendanceFromDay", { date: e.eventDate }) : undefined}
                  >
                    <Switch
                      checked={v}
                      // 签到 from the event's day on (the server refuses earlier ones too).
                      disabled={notYet && !v}
                      onChange={(c) => void run(() => attendance.mutateAsync({ subId: r.id, attended: c }))}
                    />
                  </Tooltip>
                ) : v ? (
                  "✓"
                ) : (
                  "—"
                ),
            },
          ]}
        />
      </Card>
      {manage ? (
        <Card
          title={t("matching.event.leads")}
          extra={
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t("matching.event.addLead")}
            </Button>
          }
        >
          <Table<Lead>
            rowKey="id"
            size="small"
            pagination={{ pageSize: 20 }}
            dataSource={e.leadList}
            locale={{ emptyText: t("matching.event.noLeads") }}
            columns={[
              { key: "e", title: t("matching.event.leadEnterprise"), dataIndex: "enterpriseName" },
              { key: "p", title: t("matching.event.leadProvider"), dataIndex: "providerName" },
              {
                key: "n",
                title: t("matching.event.note"),
                dataIndex: "note",
                render: (v: string | null) => v ?? "—",
              },
              {
                key: "f",
                title: t("matching.event.followUp"),
                dataIndex: "followUpDate",
                render: (v: string | null) => v ?? "—",
              },
              {
                key: "s",
                title: t("matching.common.status"),
                dataIndex: "status",
                render: (v: Lead["status"]) => (
                  <Tag color={LEAD_COLORS[v]}>{t(`matching.event.leadStatuses.${v}`)}</Tag>
                ),
              },
              {
                key: "a",
                title: t("matching.common.actions"),
                render: (_: unknown, l) =>
                  l.status === "following" ? (
                    <Space>
                      <Button
                        size="small"
                        type="primary"
                        onClick={() =>
                          void run(() =>
                            updateLead.mutateAsync({ subId: l.id, status: "converted", version: l.version }),
                          )
                        }
                      >
                        {t("matching.event.markConverted")}
                      </Button>
                      <Button
                        size="small"
                        onClick={() =>
                          void run(() =>
                            updateLead.mutateAsync({ subId: l.id, status: "lost", version: l.version }),
                          )
                        }
                      >
                        {t("matching.event.markLost")}
                      </Button>
                    </Space>
                  ) : null,
              },
            ]}
          />
        </Card>
      ) : null}
      {adding ? <AddLeadModal e={e} onClose={() => setAdding(false)} /> : null}
    </Space>
  );
}
