import { ROUND_STATUSES } from "@dxcenter/domain";
import { Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Tag } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type RoundItem, tierCalls, useProgrammes, useRoundList, useTierMutation } from "../../api/tiers";
import { useCurrentUser } from "../../auth/context";
import { FilterBar, ListHeader, type ServerColumn, ServerTable, useListParams } from "../../components/list";
import { useFormSubmit } from "../../components/useFormSubmit";
import { useReferenceOptions } from "../../components/useReferenceOptions";
import { ROUND_COLOR, ROUND_LIST } from "./listSpecs";

interface CreateValues {
  name: string;
  target: string;
  dates: [Dayjs, Dayjs];
  noticeDays?: number;
  quotas: { district: string; quota: number }[];
}

function CreateRoundModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateValues>();
  const programmes = useProgrammes();
  const ref = useReferenceOptions();
  const create = useTierMutation(tierCalls.createRound);
  const targets = (programmes.data ?? []).flatMap((p) =>
    p.levels
      .filter((l) => l.obtainedBy === "round")
      .map((l) => ({ value: `${p.id}/${l.id}`, label: `${p.name} · ${l.name}` })),
  );
  const submit = useFormSubmit(
    form,
    (v) => {
      const [programmeId = "", levelId = ""] = v.target.split("/");
      return create.mutateAsync({
        name: v.name,
        programmeId,
        levelId,
        applyFrom: v.dates[0].format("YYYY-MM-DD"),
        applyTo: v.dates[1].format("YYYY-MM-DD"),
        ...(v.noticeDays ? { noticeDays: v.noticeDays } : {}),
        quotas: Object.fromEntries((v.quotas ?? []).map((q) => [q.district, q.quota])),
      });
    },
    { done: t("tiers.rounds.created"), onClose },
  );
  return (
    <Modal
      open={open}
      title={t("tiers.rounds.create")}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={{ quotas: [{ quota: 5 }] }}>
        <Form.Item name="name" label={t("tiers.rounds.name")} rules={[{ required: true }]}>
          <Input data-testid="round-name" maxLength={60} />
        </Form.Item>
        <Form.Item
          name="target"
          label={`${t("tiers.rounds.programme")} · ${t("tiers.rounds.level")}`}
          rules={[{ required: true }]}
        >
          <Select data-testid="round-target" options={targets} loading={programmes.isLoading} />
        </Form.Item>
        <Form.Item name="dates" label={t("tiers.rounds.applyDates")} rules={[{ required: true }]}>
          <DatePicker.RangePicker data-testid="round-dates" />
        </Form.Item>
        <Form.Item name="noticeDays" label={t("tiers.rounds.noticeDays")}>
          <InputNumber min={1} max={30} />
        </Form.Item>
        <Form.List name="quotas">
          {(fields, { add, remove }) => (
            <Form.Item label={t("tiers.rounds.quotas")}>
              {fields.map((f) => (
                <Space key={f.key} style={{ display: "flex", marginBottom: 8 }}>
                  <Form.Item name={[f.name, "district"]} noStyle rules={[{ required: true }]}>
                    <Select
                      style={{ width: 200 }}
                      options={ref.districtOptions}
                      showSearch
                      optionFilterProp="label"
                      data-testid="round-quota-district"
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, "quota"]} noStyle rules={[{ required: true }]}>
                    <InputNumber min={0} max={1000} addonAfter={t("tiers.rounds.quota")} />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>−</Button>
                </Space>
              ))}
              <Button onClick={() => add({ quota: 5 })}>+</Button>
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** 认定批次: the rounds (the city opens one here); each links to its detail. */
export default function RoundsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const programmes = useProgrammes();
  const list = useListParams(ROUND_LIST);
  const query = useRoundList(list.params);
  const [creating, setCreating] = useState(false);
  const columns: ServerColumn<RoundItem, "createdAt" | "applyTo" | "name">[] = [
    {
      title: t("tiers.rounds.name"),
      dataIndex: "name",
      sortKey: "name",
      render: (v: string, r) => <Link to={`/certification-rounds/${r.id}`}>{v}</Link>,
    },
    { title: t("tiers.rounds.programme"), dataIndex: "programmeName", width: 180 },
    { title: t("tiers.rounds.level"), dataIndex: "levelName", width: 100 },
    {
      title: t("tiers.rounds.status"),
      dataIndex: "status",
      width: 90,
      render: (_, r) => <Tag color={ROUND_COLOR[r.status]}>{t(`tiers.rounds.statuses.${r.status}`)}</Tag>,
    },
    {
      title: t("tiers.rounds.applyDates"),
      dataIndex: "applyTo",
      sortKey: "applyTo",
      width: 200,
      render: (_, r) => `${r.applyFrom} ~ ${r.applyTo}`,
    },
    {
      title: t("tiers.rounds.notice"),
      dataIndex: "noticeFrom",
      width: 200,
      render: (_, r) => (r.noticeFrom ? `${r.noticeFrom} ~ ${r.noticeTo}` : "—"),
    },
    { title: t("tiers.rounds.applications"), dataIndex: "applications", width: 80 },
  ];
  return (
    <Card>
      <ListHeader
        title={t("tiers.rounds.title")}
        actions={
          me.role === "city_admin" && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="round-create">
              {t("tiers.rounds.create")}
            </Button>
          )
        }
      />
      <FilterBar
        list={list}
        items={[
          { kind: "search", key: "q", placeholder: t("tiers.rounds.search"), width: 220 },
          {
            kind: "select",
            key: "programme",
            placeholder: t("tiers.rounds.programme"),
            width: 200,
            options: (programmes.data ?? []).map((p) => ({ value: p.id, label: p.name })),
          },
          {
            kind: "select",
            key: "status",
            placeholder: t("tiers.rounds.status"),
            width: 120,
            options: ROUND_STATUSES.map((s) => ({ value: s, label: t(`tiers.rounds.statuses.${s}`) })),
          },
        ]}
      />
      <ServerTable
        list={list}
        query={query}
        columns={columns}
        empty={t("tiers.rounds.empty")}
        testId="round-table"
      />
      <CreateRoundModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
