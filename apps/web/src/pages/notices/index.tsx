import { PROVIDER_CATEGORIES } from "@dxcenter/domain";
import { Alert, App, Button, Card, Form, Input, Layout, Modal, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../api/client";
import { type NoticeRow, useNotices, usePoolWrite } from "../../api/providers";
import { ExportButton, filter, ListView, listSpec, param, useListParams } from "../../components/list";
import { categoryLabel, categoryOptions } from "../providers/common";

const NOTICE_SORTS = ["noticeStart", "noticeEnd", "name"] as const;
const NOTICE_LIST = listSpec({
  filters: { q: param.text, category: param.oneOf(PROVIDER_CATEGORIES) },
  sort: { keys: NOTICE_SORTS, default: "noticeStart", order: "desc" },
});

function ObjectionModal({ notice, onClose }: { notice: NoticeRow; onClose: () => void }) {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const act = usePoolWrite("POST /api/pool/notices/:id/objections");
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
            const r = await act.mutateAsync({ params: { id: notice.applicationId }, body: v });
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
  const list = useListParams(NOTICE_LIST);
  const query = useNotices(list.params);
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
          <ListView
            list={list}
            filterMargin={12}
            resettable={false}
            filters={[
              filter.search(t("pool.notices.searchPlaceholder"), 220, { button: true }),
              {
                kind: "select",
                key: "category",
                placeholder: t("pool.notices.category"),
                width: 170,
                options: categoryOptions(),
              },
              <ExportButton
                key="export"
                path="/api/pool/notices/export"
                query={list.params}
                fileName={t("pool.notices.exportName")}
                testId="notice-export"
                label={t("pool.common.export")}
              />,
            ]}
            size="large"
            rowKey="applicationId"
            query={query}
            expandable={{ expandedRowRender: (r) => r.noticeText }}
            columns={[
              {
                key: "name",
                title: t("pool.notices.name"),
                dataIndex: "providerName",
                sortKey: "name",
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
                sortKey: "noticeStart",
              },
              {
                key: "noticeEnd",
                title: t("pool.notices.noticeEnd"),
                dataIndex: "noticeEnd",
                sortKey: "noticeEnd",
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
