import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Space,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { errorMessage } from "../../api/client";
import { tierCalls, usePublicCertificate, usePublicNotices, useTierMutation } from "../../api/tiers";
import { useFormSubmit } from "../../components/useFormSubmit";
import { PublicShell } from "../../layouts/PublicShell";
import { STATE_COLOR } from "./listSpecs";

interface ObjectionValues {
  name: string;
  contact: string;
  content: string;
}

function ObjectionModal({
  target,
  onClose,
}: {
  target: { id: string; name: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ObjectionValues>();
  const lodge = useTierMutation(tierCalls.lodgeObjection);
  const submit = useFormSubmit(form, (v) => lodge.mutateAsync({ applicationId: target?.id ?? "", ...v }), {
    done: t("tiers.public.lodged"),
    onClose,
  });
  return (
    <Modal
      open={target !== null}
      title={t("tiers.public.objectTitle", { name: target?.name ?? "" })}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={lodge.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t("tiers.public.name")} rules={[{ required: true }]}>
          <Input maxLength={60} data-testid="objection-name" />
        </Form.Item>
        <Form.Item name="contact" label={t("tiers.public.contact")} rules={[{ required: true }]}>
          <Input maxLength={60} data-testid="objection-contact" />
        </Form.Item>
        <Form.Item name="content" label={t("tiers.public.content")} rules={[{ required: true }]}>
          <Input.TextArea rows={4} maxLength={2000} data-testid="objection-content" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 公示与认定名单 (no sign-in): rounds in 公示 with an objection button per enterprise, and recognised lists. */
export function PublicNoticesPage() {
  const { t } = useTranslation();
  const q = usePublicNotices();
  const [target, setTarget] = useState<{ id: string; name: string } | null>(null);
  return (
    <PublicShell title={t("tiers.public.noticesTitle")} loginText={t("tiers.public.login")}>
      <Space direction="vertical" style={{ width: "100%" }}>
        {q.isError && <Alert type="error" message={errorMessage(q.error)} />}
        {q.data?.length === 0 && <Empty description={t("tiers.public.noNotices")} />}
        {(q.data ?? []).map((n) => (
          <Card
            key={n.roundId}
            data-testid="public-notice"
            title={
              <Space>
                {n.roundName}
                <Tag color={n.status === "in_notice" ? "orange" : "green"}>
                  {n.status === "in_notice" ? t("tiers.public.inNotice") : t("tiers.public.recognised")}
                </Tag>
              </Space>
            }
            extra={n.noticeFrom && t("tiers.public.noticePeriod", { from: n.noticeFrom, to: n.noticeTo })}
          >
            <Typography.Paragraph type="secondary">
              {n.programmeName} · {n.levelName}
            </Typography.Paragraph>
            <List
              size="small"
              dataSource={n.entries}
              renderItem={(e) => (
                <List.Item
                  actions={
                    n.objectionsOpen
                      ? [
                          <Button
                            key="o"
                            size="small"
                            onClick={() => setTarget({ id: e.applicationId, name: e.enterpriseName })}
                            data-testid="public-object"
                          >
                            {t("tiers.public.object")}
                          </Button>,
                        ]
                      : []
                  }
                >
                  <Space>
                    {e.enterpriseName}
                    <Typography.Text type="secondary">{e.districtName}</Typography.Text>
                    {e.certificateNo && <Tag>{e.certificateNo}</Tag>}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        ))}
      </Space>
      <ObjectionModal target={target} onClose={() => setTarget(null)} />
    </PublicShell>
  );
}

/** 证书查验 (no sign-in): a certificate by its number — programme, level, enterprise, issuer, validity, state. */
export function PublicVerifyPage() {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const no = sp.get("no")?.trim() ?? "";
  const [text, setText] = useState(no);
  const q = usePublicCertificate(no);
  return (
    <PublicShell title={t("tiers.public.verifyTitle")} loginText={t("tiers.public.login")}>
      <Card style={{ maxWidth: 720, margin: "0 auto" }}>
        <Typography.Paragraph type="secondary">{t("tiers.public.verifyHint")}</Typography.Paragraph>
        <Space.Compact style={{ width: "100%", marginBottom: 16 }}>
          <Input
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t("tiers.public.verifyPlaceholder")}
            onPressEnter={() => setSp(new URLSearchParams({ no: text.trim() }))}
            data-testid="verify-input"
          />
          <Button
            type="primary"
            onClick={() => setSp(new URLSearchParams({ no: text.trim() }))}
            data-testid="verify-button"
          >
            {t("tiers.public.verify")}
          </Button>
        </Space.Compact>
        {q.isError && (
          <Alert
            type="warning"
            showIcon
            message={t("tiers.public.notFound")}
            data-testid="verify-not-found"
          />
        )}
        {q.data && (
          <Descriptions bordered column={1} size="small" data-testid="verify-result">
            <Descriptions.Item label={t("tiers.certificates.certificateNo")}>
              {q.data.certificateNo}
            </Descriptions.Item>
            <Descriptions.Item label={t("tiers.certificates.programme")}>
              {q.data.programmeName}
            </Descriptions.Item>
            <Descriptions.Item label={t("tiers.certificates.level")}>{q.data.levelName}</Descriptions.Item>
            <Descriptions.Item label={t("tiers.certificates.enterprise")}>
              {q.data.enterpriseName}
            </Descriptions.Item>
            <Descriptions.Item label={t("tiers.certificates.issuingBody")}>
              {q.data.issuingBody}
            </Descriptions.Item>
            <Descriptions.Item label={t("tiers.certificates.validFrom")}>
              {q.data.validFrom}
            </Descriptions.Item>
            <Descriptions.Item label={t("tiers.certificates.validTo")}>
              {q.data.validTo ?? t("tiers.programmes.noTerm")}
            </Descriptions.Item>
            <Descriptions.Item label={t("tiers.certificates.state")}>
              <Tag color={STATE_COLOR[q.data.state]} data-testid="verify-state">
                {t(`tiers.certificates.states.${q.data.state}`)}
              </Tag>
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
    </PublicShell>
  );
}
