import { COORDINATION_KINDS, type CoordinationKind } from "@dxcenter/domain";
import { Button, DatePicker, Form, Input, Select, Space, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import {
  type CoordinationTask,
  type ProjectDetail,
  useAnswerTask,
  useCreateTask,
  useDepartmentOptions,
} from "../../../api/projects";
import { DetailTable } from "../../../components/DetailTable";
import { useRun } from "./useRun";

interface TaskValues {
  departmentUserId?: string;
  departmentName?: string;
  kind: CoordinationKind;
  title: string;
  deadline: Dayjs;
}

/** 发起协同任务: a task for a department (account or name) with a kind and a deadline. */
function NewTaskForm({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  const run = useRun();
  const create = useCreateTask(p.id);
  const depts = useDepartmentOptions(p.permissions.coordinate);
  const [form] = Form.useForm<TaskValues>();
  return (
    <Form<TaskValues>
      form={form}
      layout="inline"
      initialValues={{ kind: "land", deadline: dayjs().add(14, "day") }}
      onFinish={(v) =>
        void run(() =>
          create.mutateAsync({
            ...(v.departmentUserId ? { departmentUserId: v.departmentUserId } : {}),
            ...(v.departmentName ? { departmentName: v.departmentName } : {}),
            kind: v.kind,
            title: v.title,
            deadline: v.deadline.format("YYYY-MM-DD"),
          }),
        ).then((ok) => ok && form.resetFields())
      }
    >
      <Form.Item name="departmentUserId" label={t("project.detail.department")}>
        <Select
          allowClear
          style={{ width: 220 }}
          options={(depts.data ?? []).map((d) => ({ value: d.id, label: d.organization ?? d.displayName }))}
        />
      </Form.Item>
      <Form.Item name="departmentName" label={t("project.detail.departmentName")}>
        <Input style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="kind" label={t("project.detail.kind")}>
        <Select
          style={{ width: 110 }}
          options={COORDINATION_KINDS.map((k) => ({ value: k, label: t(`project.kinds.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="title" label={t("project.detail.taskTitle")} rules={[{ required: true }]}>
        <Input style={{ width: 220 }} />
      </Form.Item>
      <Form.Item name="deadline" label={t("project.detail.deadline")}>
        <DatePicker />
      </Form.Item>
      <Button htmlType="submit" loading={create.isPending}>
        {t("project.detail.addTask")}
      </Button>
    </Form>
  );
}

/** 协同任务 of the project: the tasks (a department marks an answered one 已办结) and a new one for the bureau. */
export function Tasks({ p }: { p: ProjectDetail }) {
  const { t } = useTranslation();
  const run = useRun();
  const answer = useAnswerTask();
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <DetailTable<CoordinationTask>
        rowKey="id"
        dataSource={p.tasks}
        locale={{ emptyText: t("project.detail.none") }}
        data-testid="project-tasks"
        columns={[
          {
            title: t("project.detail.kind"),
            dataIndex: "kind",
            width: 90,
            render: (_v, r) => t(`project.kinds.${r.kind}`),
          },
          { title: t("project.detail.taskTitle"), dataIndex: "title" },
          { title: t("project.detail.department"), dataIndex: "departmentName", width: 180 },
          {
            title: t("project.detail.deadline"),
            dataIndex: "deadline",
            width: 140,
            render: (_v, r) => (
              <Space size={4}>
                {r.deadline}
                {r.overdue ? <Tag color="red">{t("project.tasksPage.overdue")}</Tag> : null}
              </Space>
            ),
          },
          {
            title: "",
            dataIndex: "status",
            width: 90,
            render: (_v, r) => t(`project.taskStatuses.${r.status}`),
          },
          {
            title: t("project.detail.response"),
            dataIndex: "response",
            render: (_v, r) => r.response ?? "",
          },
          {
            title: "",
            key: "done",
            width: 90,
            render: (_v, r) =>
              r.canAnswer && r.status !== "done" && r.response ? (
                <Button
                  size="small"
                  onClick={() =>
                    void run(() => answer.mutateAsync({ id: r.id, version: r.version, status: "done" }))
                  }
                >
                  {t("project.taskStatuses.done")}
                </Button>
              ) : null,
          },
        ]}
      />
      {p.permissions.coordinate ? <NewTaskForm p={p} /> : null}
    </Space>
  );
}
