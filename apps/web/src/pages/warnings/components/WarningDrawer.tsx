import type { WarningStep } from "@dxcenter/domain";
import { App, Button, Descriptions, Drawer, Input, Space, Tag, Timeline, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../api/client";
import { useWarning, useWarningStep, type WarningDetail } from "../../../api/warnings";
import { QueryError } from "../../../components/QueryError";
import { formatDateTime } from "../../../utils/format";
import { STATE_COLOR } from "../listSpec";
import { LevelTag } from "./LevelTag";

const STEPS: readonly WarningStep[] = ["acknowledge", "handle", "close"];

/** One warning: what it is about, its figures, its history, and the steps the caller may take now. */
export function WarningDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useWarning(id);
  const w = detail.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={640}
      title={t("warnings.detail.title")}
      destroyOnHidden
      data-testid="warning-drawer"
    >
      {detail.isError ? <QueryError error={detail.error} onRetry={() => detail.refetch()} /> : null}
      {w ? <Body w={w} /> : null}
    </Drawer>
  );
}

function Body({ w }: { w: WarningDetail }) {
  const { t } = useTranslation();
  const figures = Object.entries(w.detail).filter(([, v]) => v !== null);
  const label = (k: string) => t(`warnings.figureLabels.${k}`, { defaultValue: k });
  const byName = (name: string | null, at: string | null) =>
    at ? `${name ?? t("warnings.system")} · ${formatDateTime(at)}` : "—";
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Typography.Title level={5} style={{ margin: 0 }} data-testid="warning-title">
        <LevelTag level={w.level} /> {w.title}
      </Typography.Title>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t("warnings.state")}>
          <Tag color={STATE_COLOR[w.state]} data-testid="warning-state">
            {t(`warnings.states.${w.state}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t("warnings.subject")}>{w.subjectName}</Descriptions.Item>
        <Descriptions.Item label={t("warnings.rule")}>
          {w.ruleName}（{t("warnings.detail.ruleVersion")} {w.ruleVersion}）
        </Descriptions.Item>
        <Descriptions.Item label={t("warnings.owner")}>{w.ownerName}</Descriptions.Item>
        {w.districtName ? (
          <Descriptions.Item label={t("warnings.district")}>{w.districtName}</Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t("warnings.openedAt")}>{formatDateTime(w.openedAt)}</Descriptions.Item>
        <Descriptions.Item label={t("warnings.detail.acknowledgedBy")}>
          {byName(w.acknowledgedByName, w.acknowledgedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t("warnings.detail.handledBy")}>
          {byName(w.handledByName, w.handledAt)}
        </Descriptions.Item>
        {w.handleNote ? (
          <Descriptions.Item label={t("warnings.detail.handleNote")}>{w.handleNote}</Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t("warnings.detail.closedBy")}>
          {w.closedAt && !w.closedByName
            ? `${t("warnings.detail.byJob")} · ${formatDateTime(w.closedAt)}`
            : byName(w.closedByName, w.closedAt)}
        </Descriptions.Item>
        {w.closeNote ? (
          <Descriptions.Item label={t("warnings.detail.closeNote")}>{w.closeNote}</Descriptions.Item>
        ) : null}
      </Descriptions>
      <div>
        <Typography.Text strong>{t("warnings.detail.figures")}</Typography.Text>
        <Descriptions column={2} size="small" style={{ marginTop: 8 }}>
          {figures.map(([k, v]) => (
            <Descriptions.Item key={k} label={label(k)}>
              {String(v)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      </div>
      <Actions w={w} />
      <div>
        <Typography.Text strong>{t("warnings.detail.history")}</Typography.Text>
        <Timeline
          style={{ marginTop: 12 }}
          data-testid="warning-history"
          items={w.history.map((h) => ({
            children: (
              <>
                <div>
                  {t(`warnings.historyActions.${h.action}`, { defaultValue: h.action })} ·{" "}
                  {h.actorName ?? t("warnings.system")}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(h.at)}
                </Typography.Text>
                {h.note ? <div>{h.note}</div> : null}
              </>
            ),
          }))}
        />
      </div>
    </Space>
  );
}

function Actions({ w }: { w: WarningDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const step = useWarningStep(w.id);
  const [note, setNote] = useState("");
  const allowed = STEPS.filter((s) => w.permissions[s]);
  if (allowed.length === 0)
    return w.state === "closed" ? null : (
      <Typography.Text type="secondary">{t("warnings.detail.noActions")}</Typography.Text>
    );
  const run = (s: WarningStep) => {
    if (s === "handle" && !note.trim()) return void message.warning(t("warnings.detail.noteRequired"));
    step.mutate(
      { step: s, note: note.trim() },
      {
        onSuccess: () => {
          setNote("");
          message.success(t("warnings.detail.done"));
        },
        onError: (e) => message.error(errorMessage(e)),
      },
    );
  };
  const handling = allowed.includes("handle");
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Input.TextArea
        rows={3}
        maxLength={1000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t(
          handling ? "warnings.detail.handleNotePlaceholder" : "warnings.detail.notePlaceholder",
        )}
        data-testid="warning-note"
      />
      <Space>
        {allowed.map((s) => (
          <Button
            key={s}
            type="primary"
            loading={step.isPending && step.variables?.step === s}
            onClick={() => run(s)}
            data-testid={`warning-${s}`}
          >
            {t(`warnings.detail.${s}`)}
          </Button>
        ))}
      </Space>
    </Space>
  );
}
