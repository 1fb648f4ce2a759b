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
import { Link } from "react-router";
import { errorMessage } from "../../api/client";
import { type NoticeRow, useNotices, usePoolAction } from "../../api/providers";
import { QueryError } from "../../components/QueryError";
import {
  CATEGORY_OPTIONS,
  categoryLabel,
  ExportButton,
  pagination,
  sortOrderOf,
  tableChange,
  useListParams,
} from "../providers/common";

const DEFAULTS = { sort: "noticeStart", order: "desc" } as const;

function ObjectionModal({ notice, onClose }: { notice: NoticeRow; onClose: () => void }) {
  const { message } = App.useApp();
  const act = usePoolAction<{ message: string }>();
  const [form] = Form.useForm();
  return (
    <Modal
      open
      title={`对“${notice.providerName}”的公示提出异议`}
      okText="提交异议"
      confirmLoading={act.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ "data-testid": "objection-submit" } as Record<`data-${string}`, string>}
    >
      <Typography.Paragraph type="secondary">
        可匿名提出；请留联系电话以便核实。公示期 {notice.noticeStart} 至 {notice.noticeEnd}。
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
          label="异议内容及依据"
          rules={[{ required: true, min: 10, message: "异议内容至少10个字" }]}
        >
          <Input.TextArea rows={4} data-testid="objection-content" />
        </Form.Item>
        <Form.Item name="contactName" label="联系人（可不填，匿名提出）">
          <Input />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label="联系电话"
          rules={[{ required: true, message: "请填写联系电话" }]}
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
  const [objecting, setObjecting] = useState<NoticeRow | null>(null);
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header style={{ display: "flex", alignItems: "center", justifyContent: "space-between" }}>
        <Typography.Title level={4} style={{ color: "#fff", margin: 0 }}>
          制造业数字化转型服务商资源池 · 入库公示
        </Typography.Title>
        <Space size="large">
          <Link to="/provider-pool" style={{ color: "#fff" }}>
            服务商资源池
          </Link>
          <Link to="/" style={{ color: "#fff" }}>
            返回平台
          </Link>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <Card>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message="以下服务商经专家评审拟认定入库，现予公示。任何单位和个人对公示内容有异议的，可在公示期内提出（可匿名，须留联系电话）。"
          />
          <Space style={{ marginBottom: 12 }} wrap>
            <Input.Search
              allowClear
              placeholder="机构名称"
              defaultValue={params.q as string | undefined}
              onSearch={(v) => update({ q: v })}
              style={{ width: 220 }}
            />
            <Select
              allowClear
              placeholder="类别"
              style={{ width: 170 }}
              value={params.category as string | undefined}
              options={CATEGORY_OPTIONS}
              onChange={(v) => update({ category: v })}
            />
            <ExportButton
              path="/api/pool/notices/export"
              params={params}
              name="入库公示.xlsx"
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
                title: "机构名称",
                dataIndex: "providerName",
                sorter: true,
                sortOrder: sortOrderOf(params, "name"),
              },
              { key: "uscc", title: "统一社会信用代码", dataIndex: "uscc" },
              { key: "category", title: "类别", dataIndex: "category", render: categoryLabel },
              { key: "score", title: "专家评审平均分", dataIndex: "averageScore" },
              {
                key: "noticeStart",
                title: "公示开始",
                dataIndex: "noticeStart",
                sorter: true,
                sortOrder: sortOrderOf(params, "noticeStart"),
              },
              {
                key: "noticeEnd",
                title: "公示结束",
                dataIndex: "noticeEnd",
                sorter: true,
                sortOrder: sortOrderOf(params, "noticeEnd"),
              },
              {
                key: "action",
                title: "异议",
                render: (_: unknown, r) =>
                  r.open ? (
                    <Button size="small" onClick={() => setObjecting(r)} data-testid="objection-open">
                      提出异议
                    </Button>
                  ) : (
                    <Tag>不在公示期内</Tag>
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
