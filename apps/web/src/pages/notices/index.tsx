import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Layout,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../api/client";
import { type NoticeRow, useNotices, usePoolAction } from "../../api/providers";
import { QueryError } from "../../components/QueryError";
import {
  categoryLabel,
  categoryOptions,
  ExportButton,
  pagination,
  sortOrderOf,
  tableChange,
  useListParams,
} from "../providers/common";

const DEFAULTS = { sort: "noticeStart", order: "desc" } as const;

function ObjectionModal({ notice, onClose }: { notice: NoticeRow; onClose: () => void }) {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const act = usePoolAction<{ message: string }>();
  const [form] = Form.useForm();
  return (
    <Modal
      open
      title={t("pool.notices.modalTitle", { name: notice.providerName })}
      okText={t("pool.notices.submit")}
      confirmLoading={act.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ "data-testid": "objection-submit" } as Record<`data-${string}`, string>}
    >
      <Typography.Paragraph type="secondary">
        {t("pool.notices.modalHint", { start: notice.noticeStart, end: notice.noticeEnd })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v: { content: string; contactName?: string; contactPhone: string }) => {
          try {
            const r = await act.mutateAsync({
              method: "POST",
              path: `/api/pool/notices/${notice.applicationId}/objections`,
              body: v,
            });
            void message.success(r.message);
            onClose();
          } catch (e) {
            void message.error(errorMessage(e));
          }
        }}
      >
        <Form.Item
          name="content"
          label={t("pool.notices.content")}
          rules={[{ required: true, min: 10, message: t("pool.notices.contentRule") }]}
        >
          <Input.TextArea rows={4} data-testid="objection-content" />
        </Form.Item>
        <Form.Item name="contactName" label={t("pool.notices.contactName")}>
          <Input />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t("pool.notices.contactPhone")}
          rules={[{ required: true, message: t("pool.notices.phoneRule") }]}
        >
          <Input data-testid="objection-phone" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 入库公示: public (no sign-in), with the objection channel during each notice period. */
export default function NoticesPage() {
  const { params, update } = useListParams(["q", "category"], ["noticeStart", "noticeEnd", "name"], DEFAULTS);
  const list = useNotices(params);
  const { t } = useTranslation();
  const [objecting, setObjecting] = useState<NoticeRow | null>(null);
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header style={{ display: "flex", alignItems: "center", justifyContent: "space-between" }}>
        <Typography.Title level={4} style={{ color: "#fff", margin: 0 }}>
          {t("pool.notices.title")}
        </Typography.Title>
        <Space size="large">
          <Link to="/provider-pool" style={{ color: "#fff" }}>
            {t("pool.nav.providers")}
          </Link>
          <Link to="/" style={{ color: "#fff" }}>
            {t("pool.common.backToApp")}
          </Link>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <Card>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t("pool.notices.intro")} />
          <Space style={{ marginBottom: 12 }} wrap>
            <Input.Search
              allowClear
              placeholder={t("pool.notices.searchPlaceholder")}
              defaultValue={params.q as string | undefined}
              onSearch={(v) => update({ q: v })}
              style={{ width: 220 }}
            />
            <Select
              allowClear
              placeholder={t("pool.notices.category")}
              style={{ width: 170 }}
              value={params.category as string | undefined}
              options={categoryOptions()}
              onChange={(v) => update({ category: v })}
            />
            <ExportButton
              path="/api/pool/notices/export"
              params={params}
              name={t("pool.notices.exportName")}
              testId="notice-export"
            />
          </Space>
          {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
          <Table<NoticeRow>
            rowKey="applicationId"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={pagination(params, list.data?.total)}
            onChange={tableChange<NoticeRow>(update, DEFAULTS)}
            expandable={{ expandedRowRender: (r) => r.noticeText }}
            columns={[
              {
                key: "name",
                title: t("pool.notices.name"),
                dataIndex: "providerName",
                sorter: true,
                sortOrder: sortOrderOf(params, "name"),
              },
              { key: "uscc", title: t("pool.notices.uscc"), dataIndex: "uscc" },
              {
                key: "category",
                title: t("pool.notices.category"),
                dataIndex: "category",
                render: categoryLabel,
              },
              { key: "score", title: t("pool.notices.score"), dataIndex: "averageScore" },
              {
                key: "noticeStart",
                title: t("pool.notices.noticeStart"),
                dataIndex: "noticeStart",
                sorter: true,
                sortOrder: sortOrderOf(params, "noticeStart"),
              },
              {
                key: "noticeEnd",
                title: t("pool.notices.noticeEnd"),
                dataIndex: "noticeEnd",
                sorter: true,
                sortOrder: sortOrderOf(params, "noticeEnd"),
              },
              {
                key: "action",
                title: t("pool.notices.objection"),
                render: (_: unknown, r) =>
                  r.open ? (
                    <Button size="small" onClick={() => setObjecting(r)} data-testid="objection-open">
                      {t("pool.notices.object")}
                    </Button>
                  ) : (
                    <Tag>{t("pool.notices.closed")}</Tag>
                  ),
              },
            ]}
          />
        </Card>
      </Layout.Content>
      {objecting ? <ObjectionModal notice={objecting} onClose={() => setObjecting(null)} /> : null}
    </Layout>
  );
}
