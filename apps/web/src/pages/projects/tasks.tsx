import { TASK_STATUSES, type TaskStatus } from "@dxcenter/domain";
import { App, Button, Card, Input, Modal, Radio, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../api/client";
import { type CoordinationTask, useAnswerTask, useTaskList } from "../../api/projects";
import { useCurrentUser } from "../../auth/context";
import { filter, ListHeader, ListView, listSpec, param, useListParams } from "../../components/list";

const TASK_LIST = listSpec({
  filters: { q: param.text, status: param.oneOf(TASK_STATUSES), overdue: param.bool },
});

/** 协同任务: a department's tasks (only those assigned to it); the bureau's tasks of its projects. */
export default function TaskListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const list = useListParams(TASK_LIST);
  const query = useTaskList(list.params);
  const answer = useAnswerTask();
  const [editing, setEditing] = useState<CoordinationTask | null>(null);
  const [status, setStatus] = useState<TaskStatus>("in_progress");
  const [response, setResponse] = useState("");
  const bureau = me.role !== "department";
  const onSave = async () => {
    if (!editing) return;
    try {
      await answer.mutateAsync({ id: editing.id, version: editing.version, status, response });
      void message.success(t("project.detail.done"));
      setEditing(null);
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  return (
    <Card>
      <ListHeader title={t("project.tasksPage.title")} marginBottom={12} />
      <ListView
        list={list}
        resettable={false}
        filterMargin={12}
        filters={[
          filter.search(t("project.search"), 240, { button: true }),
          filter.oneOf("status", t("project.columns.status"), 130, TASK_STATUSES, (s) =>
            t(`project.taskStatuses.${s}`),
          ),
          { kind: "check", key: "overdue", label: t("project.tasksPage.overdue") },
        ]}
        testId="task-table"
        query={query}
        scrollX={1100}
        columns={[
          {
            title: t("project.detail.kind"),
            dataIndex: "kind",
            width: 90,
            render: (_v, r) => <Tag>{t(`project.kinds.${r.kind}`)}</Tag>,
          },
          { title: t("project.detail.taskTitle"), dataIndex: "title", width: 220 },
          {
            title: t("project.tasksPage.project"),
            dataIndex: "projectName",
            width: 240,
            render: (v: string, r) => (
              <Space direction="vertical" size={0}>
                {bureau ? <Link to={`/projects/${r.projectId}`}>{v}</Link> : <span>{v}</span>}
                <Typography.Text type="secondary">
                  {r.enterpriseName} · {r.districtName}
                </Typography.Text>
              </Space>
            ),
          },
          ...(bureau
            ? [{ title: t("project.detail.department"), dataIndex: "departmentName", width: 160 }]
            : []),
          {
            title: t("project.detail.deadline"),
            dataIndex: "deadline",
            width: 150,
            render: (v: string, r: CoordinationTask) => (
              <Space size={4}>
                {v}
                {r.overdue ? <Tag color="red">{t("project.tasksPage.overdue")}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t("project.columns.status"),
            dataIndex: "status",
            width: 90,
            render: (_v, r) => t(`project.taskStatuses.${r.status}`),
          },
          {
            title: t("project.detail.response"),
            dataIndex: "response",
            render: (v: string | null) => v ?? "",
          },
          {
            title: "",
            key: "act",
            width: 90,
            render: (_v, r) =>
              r.canAnswer ? (
                <Button
                  size="small"
                  data-testid="task-answer"
                  onClick={() => {
                    setEditing(r);
                    setStatus(r.status === "open" ? "in_progress" : r.status);
                    setResponse(r.response ?? "");
                  }}
                >
                  {t("project.tasksPage.answer")}
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing?.title}
        onCancel={() => setEditing(null)}
        onOk={() => void onSave()}
        okButtonProps={{ loading: answer.isPending }}
      >
        <Space direction="vertical" style={{ width: "100%" }}>
          <Radio.Group
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            options={TASK_STATUSES.map((s) => ({ value: s, label: t(`project.taskStatuses.${s}`) }))}
          />
          <Input.TextArea
            rows={4}
            value={response}
            onChange={(e) => setResponse(e.target.value)}
            placeholder={t("project.detail.response")}
          />
        </Space>
      </Modal>
    </Card>
  );
}
