import { App, DatePicker, Form, Input, Modal, Select, Space, Switch, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../api/client";
import {
  type AssigneeItem,
  type DiagnosisDetail,
  useAssignees,
  useAssignTeam,
  useCancelDiagnosis,
  useCloseDiagnosis,
  usePlanList,
  useScheduleDiagnosis,
} from "../../../api/diagnoses";
import { applyServerFieldError } from "../../../utils/serverErrors";

interface Props {
  detail: DiagnosisDetail;
  onClose: () => void;
}

/** 纳入诊断计划: a plan of the enterprise's district and a visit day inside its window. */
export function ScheduleModal({ detail, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ planId: string; visitDate: Dayjs }>();
  const plans = usePlanList({ districtCode: detail.districtCode, pageSize: 200 });
  const schedule = useScheduleDiagnosis(detail.id);
  const planId = Form.useWatch("planId", form);
  const plan = plans.data?.items.find((p) => p.id === planId);

  const onOk = async () => {
    const v = await form.validateFields();
    try {
      await schedule.mutateAsync({
        planId: v.planId,
        visitDate: v.visitDate.format("YYYY-MM-DD"),
        version: detail.version,
      });
      void message.success(t("diagnosis.schedule.done"));
      onClose();
    } catch (e) {
      if (!applyServerFieldError(form, e)) void message.error(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      title={t("diagnosis.schedule.title")}
      onOk={() => void onOk()}
      onCancel={onClose}
      okText={t("common.confirm")}
      cancelText={t("common.cancel")}
      confirmLoading={schedule.isPending}
      destroyOnHidden
      okButtonProps={{ "data-testid": "schedule-ok" } as never}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        style={{ marginTop: 16 }}
        initialValues={{
          planId: detail.planId ?? undefined,
          visitDate: detail.visitDate ? dayjs(detail.visitDate) : undefined,
        }}
      >
        <Form.Item
          name="planId"
          label={t("diagnosis.schedule.plan")}
          rules={[{ required: true, message: t("diagnosis.schedule.planRequired") }]}
          extra={
            plan
              ? t("diagnosis.schedule.window", { start: plan.startDate, end: plan.endDate })
              : plans.data && plans.data.items.length === 0
                ? t("diagnosis.schedule.noPlan")
                : undefined
          }
        >
          <Select
            data-testid="schedule-plan"
            placeholder={t("diagnosis.schedule.planPlaceholder")}
            loading={plans.isPending}
            options={(plans.data?.items ?? []).map((p) => ({
              value: p.id,
              label: `${p.name}（${p.startDate} 至 ${p.endDate}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="visitDate"
          label={t("diagnosis.schedule.visitDate")}
          rules={[{ required: true, message: t("diagnosis.schedule.visitDateRequired") }]}
        >
          <DatePicker
            style={{ width: "100%" }}
            data-testid="schedule-date"
            disabledDate={(d) =>
              plan ? d.isBefore(dayjs(plan.startDate), "day") || d.isAfter(dayjs(plan.endDate), "day") : false
            }
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const assigneeLabel = (a: Pick<AssigneeItem, "displayName" | "organization">) =>
  `${a.displayName}${a.organization ? `（${a.organization}）` : ""}`;

/** 指派诊断团队: provider and expert accounts, one of them the lead. */
export function TeamModal({ detail, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const h = window.setTimeout(() => setQ(text.trim()), 300);
    return () => window.clearTimeout(h);
  }, [text]);
  const assignees = useAssignees({ q: q || undefined });
  const assign = useAssignTeam(detail.id);
  const [members, setMembers] = useState<string[]>(detail.team.map((m) => m.userId));
  const [lead, setLead] = useState<string | undefined>(detail.team.find((m) => m.lead)?.userId);
  const [error, setError] = useState<string | null>(null);
  // Names of chosen members stay known while the search shows other people.
  const known = useMemo(() => {
    const m = new Map<string, string>(detail.team.map((x) => [x.userId, assigneeLabel(x)]));
    for (const a of assignees.data ?? []) m.set(a.id, assigneeLabel(a));
    return m;
  }, [assignees.data, detail.team]);

  const onOk = async () => {
    if (members.length === 0) {
      setError(t("diagnosis.team.membersRequired"));
      return;
    }
    const leadId = lead && members.includes(lead) ? lead : members[0];
    try {
      await assign.mutateAsync({
        members: members.map((userId) => ({ userId, lead: userId === leadId })),
        version: detail.version,
      });
      void message.success(t("diagnosis.team.done"));
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      title={t("diagnosis.team.title")}
      onOk={() => void onOk()}
      onCancel={onClose}
      okText={t("common.confirm")}
      cancelText={t("common.cancel")}
      confirmLoading={assign.isPending}
      destroyOnHidden
      width={620}
      okButtonProps={{ "data-testid": "team-ok" } as never}
    >
      <Typography.Text strong>{t("diagnosis.team.members")}</Typography.Text>
      <Select<string[]>
        mode="multiple"
        style={{ width: "100%", marginTop: 8 }}
        data-testid="team-members"
        value={members}
        onChange={(v) => {
          setMembers(v);
          setError(null);
        }}
        showSearch={{ filterOption: false, onSearch: setText }}
        placeholder={t("diagnosis.team.membersPlaceholder")}
        loading={assignees.isFetching}
        optionRender={(o) => {
          const a = (assignees.data ?? []).find((x) => x.id === o.value);
          return a ? (
            <Space>
              <Tag color={a.role === "expert" ? "purple" : "blue"}>{t(`diagnosis.roles.${a.role}`)}</Tag>
              {assigneeLabel(a)}
              <Typography.Text type="secondary">
                {t("diagnosis.team.workload", { count: a.openAssignments })}
              </Typography.Text>
            </Space>
          ) : (
            o.label
          );
        }}
        options={[
          ...(assignees.data ?? []).map((a) => ({ value: a.id, label: assigneeLabel(a) })),
          ...members
            .filter((id) => !(assignees.data ?? []).some((a) => a.id === id))
            .map((id) => ({ value: id, label: known.get(id) ?? id })),
        ]}
      />
      {members.length > 0 ? (
        <div style={{ marginTop: 16 }}>
          <Typography.Text strong>{t("diagnosis.team.lead")}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            {members.map((id) => (
              <div key={id} style={{ marginBottom: 6 }}>
                <Switch
                  size="small"
                  checked={(lead && members.includes(lead) ? lead : members[0]) === id}
                  onChange={(on) => setLead(on ? id : undefined)}
                />{" "}
                {known.get(id) ?? id}
              </div>
            ))}
          </div>
        </div>
      ) : null}
      {error ? (
        <Typography.Text type="danger" data-testid="team-error">
          {error}
        </Typography.Text>
      ) : null}
    </Modal>
  );
}

/** 出具诊断意见并办结. */
export function CloseModal({ detail, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ conclusion: string }>();
  const close = useCloseDiagnosis(detail.id);
  const onOk = async () => {
    const v = await form.validateFields();
    try {
      await close.mutateAsync({ conclusion: v.conclusion, version: detail.version });
      void message.success(t("diagnosis.close.done"));
      onClose();
    } catch (e) {
      if (!applyServerFieldError(form, e)) void message.error(errorMessage(e));
    }
  };
  return (
    <Modal
      open
      title={t("diagnosis.close.title")}
      onOk={() => void onOk()}
      onCancel={onClose}
      okText={t("common.confirm")}
      cancelText={t("common.cancel")}
      confirmLoading={close.isPending}
      destroyOnHidden
      width={640}
      okButtonProps={{ "data-testid": "close-ok" } as never}
    >
      <Form form={form} layout="vertical" preserve={false} style={{ marginTop: 16 }}>
        <Form.Item
          name="conclusion"
          label={t("diagnosis.close.conclusion")}
          rules={[{ required: true, whitespace: true, message: t("diagnosis.close.required") }]}
        >
          <Input.TextArea
            rows={8}
            maxLength={5000}
            showCount
            placeholder={t("diagnosis.close.placeholder")}
            data-testid="close-conclusion"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 取消诊断 / 撤回申请. */
export function CancelModal({ detail, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelDiagnosis(detail.id);
  const onOk = async () => {
    const v = await form.validateFields();
    try {
      await cancel.mutateAsync({ reason: v.reason, version: detail.version });
      void message.success(t("diagnosis.cancel.done"));
      onClose();
    } catch (e) {
      if (!applyServerFieldError(form, e)) void message.error(errorMessage(e));
    }
  };
  return (
    <Modal
      open
      title={t("diagnosis.cancel.title")}
      onOk={() => void onOk()}
      onCancel={onClose}
      okText={t("common.confirm")}
      cancelText={t("common.cancel")}
      okButtonProps={{ danger: true, "data-testid": "cancel-ok" } as never}
      confirmLoading={cancel.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} style={{ marginTop: 16 }}>
        <Form.Item
          name="reason"
          label={t("diagnosis.cancel.reason")}
          rules={[{ required: true, whitespace: true, message: t("diagnosis.cancel.required") }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
