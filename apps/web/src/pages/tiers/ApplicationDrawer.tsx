import {
  App,
  Button,
  Descriptions,
  Drawer,
  Input,
  InputNumber,
  List,
  Modal,
  Space,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { tierCalls, useApplication, useTierMutation } from "../../api/tiers";
import { QueryError } from "../../components/QueryError";
import { APP_COLOR } from "./listSpecs";

type Ask = {
  kind: "rank" | "note" | "reason" | "objection";
  objectionId?: string;
  outcome?: "upheld" | "dismissed";
};

/** One application: the form under its labels, the prerequisite findings, objections and the steps this user may take. */
export function ApplicationDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const q = useApplication(id);
  const a = q.data;
  const [ask, setAsk] = useState<Ask | null>(null);
  const [text, setText] = useState("");
  const [rank, setRank] = useState<number | null>(1);
  const step = useTierMutation(async (s: () => Promise<unknown>) => s());
  const run = async (s: () => Promise<unknown>) => {
    try {
      await step.mutateAsync(s);
      void message.success(t("tiers.rounds.done"));
      setAsk(null);
      setText("");
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const confirmAsk = () => {
    if (!a || !ask) return;
    if (ask.kind === "rank") return run(() => tierCalls.recommend(a.id, rank ?? 0, a.version));
    if (ask.kind === "note") return run(() => tierCalls.returnApp(a.id, text, a.version));
    if (ask.kind === "reason") return run(() => tierCalls.reject(a.id, text, a.version));
    return run(() => tierCalls.handleObjection(ask.objectionId ?? "", ask.outcome ?? "dismissed", text));
  };
  const finding = (o: "pass" | "fail" | "unknown") =>
    o === "pass" ? (
      <Tag color="green">{t("tiers.applications.findingPass")}</Tag>
    ) : o === "fail" ? (
      <Tag color="red">{t("tiers.applications.findingFail")}</Tag>
    ) : (
      <Tag>{t("tiers.applications.findingUnknown")}</Tag>
    );
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={640}
      title={a ? `${a.enterpriseName} · ${a.levelName}` : ""}
    >
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {a && (
        <Space direction="vertical" style={{ width: "100%" }} size="middle">
          <Space wrap data-testid="application-actions">
            <Tag color={APP_COLOR[a.status]} data-testid="application-status">
              {t(`tiers.applications.statuses.${a.status}`)}
            </Tag>
            {a.permissions.recommend && (
              <Button type="primary" onClick={() => setAsk({ kind: "rank" })} data-testid="app-recommend">
                {t("tiers.applications.actions.recommend")}
              </Button>
            )}
            {a.permissions.return && (
              <Button onClick={() => setAsk({ kind: "note" })}>
                {t("tiers.applications.actions.return")}
              </Button>
            )}
            {a.permissions.approve && (
              <Button
                type="primary"
                onClick={() => void run(() => tierCalls.approve(a.id, a.version))}
                data-testid="app-approve"
              >
                {t("tiers.applications.actions.approve")}
              </Button>
            )}
            {a.permissions.reject && (
              <Button danger onClick={() => setAsk({ kind: "reason" })}>
                {t("tiers.applications.actions.reject")}
              </Button>
            )}
          </Space>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t("tiers.applications.round")}>{a.roundName}</Descriptions.Item>
            <Descriptions.Item label={t("tiers.applications.district")}>{a.districtName}</Descriptions.Item>
            {a.districtRank !== null && (
              <Descriptions.Item label={t("tiers.applications.rank")}>{a.districtRank}</Descriptions.Item>
            )}
            {a.districtNote && (
              <Descriptions.Item label={t("tiers.applications.districtNote")}>
                {a.districtNote}
              </Descriptions.Item>
            )}
            {a.decisionReason && (
              <Descriptions.Item label={t("tiers.applications.decisionReason")}>
                {a.decisionReason}
              </Descriptions.Item>
            )}
            {a.certificateNo && (
              <Descriptions.Item label={t("tiers.applications.certificateNo")}>
                {a.certificateNo}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Title level={5}>{t("tiers.applications.form")}</Typography.Title>
          <Descriptions size="small" column={1} bordered>
            {a.fields.map((f) => (
              <Descriptions.Item key={f.id} label={f.label}>
                <span style={{ whiteSpace: "pre-wrap" }}>
                  {String(a.form[f.id] ?? "—")}
                  {f.unit && a.form[f.id] != null ? ` ${f.unit}` : ""}
                </span>
              </Descriptions.Item>
            ))}
          </Descriptions>
          <Typography.Title level={5}>{t("tiers.applications.findings")}</Typography.Title>
          <List
            size="small"
            dataSource={a.findings}
            locale={{ emptyText: t("tiers.programmes.none") }}
            renderItem={(f) => (
              <List.Item>
                <Space>
                  {finding(f.outcome)}
                  {f.message}
                  {!f.confirmed && (
                    <Typography.Text type="secondary">
                      {t("tiers.applications.unconfirmedRule")}
                    </Typography.Text>
                  )}
                </Space>
              </List.Item>
            )}
          />
          {a.objections.length > 0 && (
            <>
              <Typography.Title level={5}>{t("tiers.applications.objections")}</Typography.Title>
              <List
                size="small"
                dataSource={a.objections}
                renderItem={(o) => (
                  <List.Item
                    actions={
                      o.status === "open"
                        ? [
                            <Button
                              key="d"
                              size="small"
                              onClick={() =>
                                setAsk({ kind: "objection", objectionId: o.id, outcome: "dismissed" })
                              }
                              data-testid="objection-dismiss"
                            >
                              {t("tiers.applications.dismissed")}
                            </Button>,
                            <Button
                              key="u"
                              size="small"
                              danger
                              onClick={() =>
                                setAsk({ kind: "objection", objectionId: o.id, outcome: "upheld" })
                              }
                            >
                              {t("tiers.applications.upheld")}
                            </Button>,
                          ]
                        : []
                    }
                  >
                    <List.Item.Meta
                      title={`${o.lodgerName}（${o.lodgerContact}）`}
                      description={
                        <>
                          {o.content}
                          {o.status !== "open" && (
                            <div>
                              <Tag>{t(`tiers.applications.${o.status}`)}</Tag>
                              {o.handlingNote}
                            </div>
                          )}
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            </>
          )}
        </Space>
      )}
      <Modal
        open={ask !== null}
        title={
          ask?.kind === "rank"
            ? t("tiers.applications.rankPrompt")
            : ask?.kind === "note"
              ? t("tiers.applications.notePrompt")
              : ask?.kind === "reason"
                ? t("tiers.applications.reasonPrompt")
                : t("tiers.applications.handlingNote")
        }
        onCancel={() => setAsk(null)}
        onOk={() => void confirmAsk()}
        confirmLoading={step.isPending}
        destroyOnHidden
      >
        {ask?.kind === "rank" ? (
          <InputNumber min={1} value={rank} onChange={(v) => setRank(v)} data-testid="app-rank" />
        ) : (
          <Input.TextArea
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={500}
            data-testid="app-note"
          />
        )}
      </Modal>
    </Drawer>
  );
}
