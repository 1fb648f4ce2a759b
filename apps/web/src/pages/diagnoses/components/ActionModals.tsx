import {
  App,
  DatePicker,
  Form,
  Input,
  Modal,
  type ModalProps,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo, useState } from "react";
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
import { useDebouncedSearch } from "../../../components/useDebouncedSearch";
import { useFormSubmit } from "../../../components/useFormSubmit";

interface Props {
  detail: DiagnosisDetail;
  onClose: () => void;
}

/** 纳入诊断计划: a plan of the enterprise's district and a visit day inside its window. */
export function ScheduleModal({ detail, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ planId: string; visitDate: Dayjs }>();
  const plans = usePlanList({ districtCode: detail.districtCode, pageSize: 200 });
  const schedule = useScheduleDiagnosis(detail.id);
  const planId = Form.useWatch("planId", form);
  const plan = plans.data?.items.find((p) => p.id === planId);

  const onOk = useFormSubmit(
    form,
    (v) =>
      schedule.mutateAsync({
        planId: v.planId,
        visitDate: v.visitDate.format("YYYY-MM-DD"),
        version: detail.version,
      }),
    { done: t("diagnosis.schedule.done"), onClose },
  );

  return (
    <Modal
      open
      title={t("diagnosis.schedule.title")}
      onOk={onOk}
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
  const [q, setText] = useDebouncedSearch();
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

/** The two actions that ask for one required text; keys of their texts in `diagnosis.*`. */
const TEXT_ACTIONS = {
  /** 出具诊断意见并办结. */
  close: {
    field: "conclusion",
    title: "diagnosis.close.title",
    label: "diagnosis.close.conclusion",
    required: "diagnosis.close.required",
    done: "diagnosis.close.done",
    placeholder: "diagnosis.close.placeholder",
    input: { rows: 8, maxLength: 5000, "data-testid": "close-conclusion" },
    modal: { width: 640, okButtonProps: { "data-testid": "close-ok" } },
  },
  /** 取消诊断 / 撤回申请. */
  cancel: {
    field: "reason",
    title: "diagnosis.cancel.title",
    label: "diagnosis.cancel.reason",
    required: "diagnosis.cancel.required",
    done: "diagnosis.cancel.done",
    placeholder: undefined,
    input: { rows: 3, maxLength: 500 },
    modal: { okButtonProps: { danger: true, "data-testid": "cancel-ok" } },
  },
} as const;

/** 出具诊断意见并办结 (`close`) or 取消诊断 / 撤回申请 (`cancel`): one required text, then the action. */
export function TextActionModal({ action, detail, onClose }: Props & { action: keyof typeof TEXT_ACTIONS }) {
  const { t } = useTranslation();
  const close = useCloseDiagnosis(detail.id);
  const cancel = useCancelDiagnosis(detail.id);
  const a = TEXT_ACTIONS[action];
  const [form] = Form.useForm<Record<string, string>>();
  const save = (text: string) =>
    action === "close"
      ? close.mutateAsync({ conclusion: text, version: detail.version })
      : cancel.mutateAsync({ reason: text, version: detail.version });
  const onOk = useFormSubmit(form, (v) => save(v[a.field] ?? ""), { done: t(a.done), onClose });
  return (
    <Modal
      open
      title={t(a.title)}
      onOk={onOk}
      onCancel={onClose}
      okText={t("common.confirm")}
      cancelText={t("common.cancel")}
      confirmLoading={close.isPending || cancel.isPending}
      destroyOnHidden
      {...(a.modal as ModalProps)}
    >
      <Form form={form} layout="vertical" preserve={false} style={{ marginTop: 16 }}>
        <Form.Item
          name={a.field}
          label={t(a.label)}
          rules={[{ required: true, whitespace: true, message: t(a.required) }]}
        >
          <Input.TextArea showCount placeholder={a.placeholder && t(a.placeholder)} {...a.input} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
