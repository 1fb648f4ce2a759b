import { FileTextOutlined, InfoCircleOutlined } from "@ant-design/icons";
import type { EvidenceItem } from "@dxcenter/contracts";
import {
  type AnswerValue,
  bandIndex,
  describeAnswer,
  formatBand,
  formatPercent,
  levelLabel,
  type MultiQuestion,
  type NumericQuestion,
  type Question,
  type QuestionScore,
  RATING_SCALE,
  ratioPercent,
  type SceneQuestion,
  type SingleQuestion,
  sameAnswer,
} from "@dxcenter/domain";
import { Alert, Button, Checkbox, InputNumber, Radio, Space, Tag, Tooltip, Typography, theme } from "antd";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { EvidenceFiles } from "./EvidenceFiles";
import { formatPts } from "./format";

export type AnswerChange = (questionId: string, value: AnswerValue | undefined) => void;

interface Props {
  question: Question;
  value: AnswerValue | undefined;
  onChange: AnswerChange;
  /** Client-side score of the saved-able answer (pure engine), for the points badge. */
  score: QuestionScore | undefined;
  /** Why the current input cannot be saved yet. */
  problem: string | null;
  /** Named by the server (INCOMPLETE / INVALID_ANSWER) or by "go to first open question". */
  highlighted: boolean;
  disabled?: boolean;
  assessmentId: string;
  /** Files already uploaded for this question (a stable array per question, for memo). */
  evidenceFiles: readonly EvidenceItem[];
  /**
   * On-site assessments (现场评定): the enterprise's self-reported answer, shown beside the input;
   * the card is marked when the verified answer differs. Absent for self-assessments.
   */
  reported?: { value: AnswerValue | undefined } | undefined;
}

export const RATING_KEYS = { 1: "full", 0.8: "most", 0.5: "partial", 0: "none" } as const;
export function ratingKey(value: number): "full" | "most" | "partial" | "none" {
  return RATING_KEYS[value as keyof typeof RATING_KEYS] ?? "none";
}

function SingleInput({ q, value, onChange, disabled }: InputProps<SingleQuestion>) {
  const { t } = useTranslation();
  const a = value?.kind === "single" ? value : undefined;
  const info = a?.info ?? {};
  const setInfo = (id: string, v: number | null) => {
    if (!a) return;
    const next = { ...info };
    if (v === null || !Number.isFinite(v)) delete next[id];
    else next[id] = v;
    onChange(q.id, {
      kind: "single",
      optionId: a.optionId,
      ...(Object.keys(next).length ? { info: next } : {}),
    });
  };
  return (
    <>
      <Radio.Group
        orientation="vertical"
        disabled={disabled}
        value={a?.optionId}
        onChange={(e) =>
          onChange(q.id, {
            kind: "single",
            optionId: String(e.target.value),
            ...(a?.info ? { info: a.info } : {}),
          })
        }
      >
        {q.options.map((o) => (
          <Radio key={o.id} value={o.id} data-testid={`option-${q.id}-${o.id}`}>
            {o.label}{" "}
            <Typography.Text type="secondary">
              （{t("assessment.question.optionPoints", { points: formatPts(o.points) })}）
            </Typography.Text>
          </Radio>
        ))}
      </Radio.Group>
      {q.infoInputs?.length ? (
        <div style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t("assessment.question.info")}</Typography.Text>
          <Space wrap style={{ display: "flex", marginTop: 4 }}>
            {q.infoInputs.map((inp) => (
              <InputNumber
                key={inp.id}
                min={0}
                precision={inp.integer ? 0 : undefined}
                disabled={disabled || !a}
                prefix={<span style={{ color: "rgba(0,0,0,.45)" }}>{inp.label}</span>}
                suffix={inp.unit}
                style={{ width: 320 }}
                value={info[inp.id] ?? null}
                onChange={(v) => setInfo(inp.id, typeof v === "number" ? v : null)}
                data-testid={`input-${q.id}-${inp.id}`}
              />
            ))}
          </Space>
        </div>
      ) : null}
    </>
  );
}

function MultiInput({ q, value, onChange, disabled }: InputProps<MultiQuestion>) {
  const { t } = useTranslation();
  const ids = value?.kind === "multi" ? value.optionIds : [];
  const toggle = (id: string, checked: boolean) => {
    const opt = q.options.find((o) => o.id === id);
    let next: string[];
    if (!checked) next = ids.filter((x) => x !== id);
    else if (opt?.exclusive) next = [id];
    else {
      const exclusive = new Set(q.options.filter((o) => o.exclusive).map((o) => o.id));
      next = [...ids.filter((x) => !exclusive.has(x)), id];
    }
    // Keep document order so the saved answer does not depend on the click order.
    const order = q.options.map((o) => o.id).filter((x) => next.includes(x));
    onChange(q.id, order.length ? { kind: "multi", optionIds: order } : undefined);
  };
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      {q.options.map((o) => (
        <Checkbox
          key={o.id}
          disabled={disabled}
          checked={ids.includes(o.id)}
          onChange={(e) => toggle(o.id, e.target.checked)}
          data-testid={`option-${q.id}-${o.id}`}
        >
          {o.label}{" "}
          {o.exclusive ? (
            <Tooltip title={t("assessment.question.exclusiveHint", { label: o.label })}>
              <InfoCircleOutlined style={{ color: "rgba(0,0,0,.45)" }} />
            </Tooltip>
          ) : (
            <Typography.Text type="secondary">
              （{t("assessment.question.optionPoints", { points: formatPts(o.points) })}）
            </Typography.Text>
          )}
        </Checkbox>
      ))}
    </div>
  );
}

function NumericInput({ q, value, onChange, disabled }: InputProps<NumericQuestion>) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const inputs = value?.kind === "numeric" ? value.inputs : {};
  const set = (id: string, v: number | null) => {
    const next = { ...inputs };
    if (v === null || !Number.isFinite(v)) delete next[id];
    else next[id] = v;
    onChange(q.id, Object.keys(next).length ? { kind: "numeric", inputs: next } : undefined);
  };
  const label = (id: string) => {
    const i = q.inputs.find((x) => x.id === id);
    return i?.short ?? i?.label ?? id;
  };
  const num = inputs[q.formula.numerator];
  const den = inputs[q.formula.denominator];
  const ratio = num !== undefined && den !== undefined && den > 0 ? ratioPercent(num, den) : null;
  const band = ratio !== null && ratio <= 100 ? bandIndex(q, ratio) : -1;
  return (
    <>
      <Space wrap size={[16, 8]}>
        {q.inputs.map((inp) => (
          <div key={inp.id}>
            <div style={{ marginBottom: 4 }}>{inp.label}</div>
            <InputNumber
              min={0}
              precision={inp.integer ? 0 : undefined}
              disabled={disabled}
              suffix={inp.unit}
              style={{ width: 220 }}
              value={inputs[inp.id] ?? null}
              onChange={(v) => set(inp.id, typeof v === "number" ? v : null)}
              data-testid={`input-${q.id}-${inp.id}`}
            />
          </div>
        ))}
      </Space>
      <div style={{ marginTop: 12 }} data-testid={`ratio-${q.id}`}>
        {ratio === null ? (
          <Typography.Text type="secondary">
            {t("assessment.question.ratioPending", { name: q.ratioName })}
          </Typography.Text>
        ) : (
          <Typography.Text strong>
            {t("assessment.question.ratio", {
              name: q.ratioName,
              num: `${label(q.formula.numerator)} ${num}`,
              den: `${label(q.formula.denominator)} ${den}`,
              value: formatPercent(ratio),
            })}
            {band >= 0
              ? `；${t("assessment.question.band", {
                  band: formatBand(q.bands[band]!),
                  points: formatPts(q.bands[band]!.points),
                })}`
              : null}
          </Typography.Text>
        )}
      </div>
      <div style={{ marginTop: 8 }}>
        <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
          {t("assessment.question.bands")}:
        </Typography.Text>
        {q.bands.map((b, i) => (
          <Tag
            key={formatBand(b)}
            color={i === band ? token.colorPrimary : undefined}
            style={{ marginBottom: 4 }}
          >
            {formatBand(b)} → {t("assessment.question.optionPoints", { points: formatPts(b.points) })}
          </Tag>
        ))}
      </div>
    </>
  );
}

function SceneInput({ q, value, onChange, disabled }: InputProps<SceneQuestion>) {
  const { t } = useTranslation();
  const level = value?.kind === "scene" ? value.level : undefined;
  return (
    <Radio.Group
      orientation="vertical"
      disabled={disabled}
      value={level}
      onChange={(e) => onChange(q.id, { kind: "scene", level: Number(e.target.value) })}
    >
      <Radio value={0} data-testid={`option-${q.id}-L0`}>
        {t("assessment.question.sceneNone")}
      </Radio>
      {q.levels.map((l) => (
        <Radio key={l.level} value={l.level} data-testid={`option-${q.id}-L${l.level}`}>
          <Typography.Text strong>{levelLabel(l.level)}</Typography.Text>：{l.text}
        </Radio>
      ))}
    </Radio.Group>
  );
}

function RatedInput({ q, value, onChange, disabled }: InputProps<Question>) {
  const { t } = useTranslation();
  const rating = value?.kind === "rated" ? value.rating : undefined;
  return (
    <Radio.Group
      disabled={disabled}
      value={rating}
      optionType="button"
      buttonStyle="solid"
      onChange={(e) => onChange(q.id, { kind: "rated", rating: Number(e.target.value) })}
    >
      {RATING_SCALE.map((r) => (
        <Radio.Button key={r.value} value={r.value}>
          {/* The button's own input is zero-sized; tests click this visible label instead. */}
          <span
            data-testid={`option-${q.id}-R${r.value}`}
            data-checked={rating === r.value ? "true" : "false"}
          >
            {t(`assessment.rating.${ratingKey(r.value)}`)}（{r.value}）
          </span>
        </Radio.Button>
      ))}
    </Radio.Group>
  );
}

interface InputProps<Q extends Question> {
  q: Q;
  value: AnswerValue | undefined;
  onChange: AnswerChange;
  disabled?: boolean;
}

function QuestionInput(props: InputProps<Question>) {
  const q = props.q;
  switch (q.kind) {
    case "single":
      return <SingleInput {...props} q={q} />;
    case "multi":
      return <MultiInput {...props} q={q} />;
    case "numeric":
      return <NumericInput {...props} q={q} />;
    case "scene":
      return <SceneInput {...props} q={q} />;
    case "rated":
      return <RatedInput {...props} q={q} />;
  }
}

/** One question with its input, points, help, unconfirmed notes, the evidence it asks for and the files uploaded. */
export const QuestionCard = memo(function QuestionCard({
  question: q,
  value,
  onChange,
  score,
  problem,
  highlighted,
  disabled,
  assessmentId,
  evidenceFiles,
  reported,
}: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const required = q.required !== false;
  const answered = score?.answered ?? false;
  const canClear = !disabled && value !== undefined;
  const differs = reported !== undefined && !sameAnswer(reported.value, value);
  const borderColor = highlighted
    ? token.colorError
    : differs
      ? token.colorWarning
      : token.colorBorderSecondary;

  return (
    <div
      id={`question-${q.id}`}
      data-testid={`question-${q.id}`}
      data-answered={answered ? "true" : "false"}
      data-differs={differs ? "true" : "false"}
      style={{
        padding: 16,
        marginBottom: 12,
        borderRadius: token.borderRadiusLG,
        border: `1px solid ${borderColor}`,
        borderInlineStart: differs && !highlighted ? `4px solid ${token.colorWarning}` : undefined,
        background: highlighted
          ? token.colorErrorBg
          : differs
            ? token.colorWarningBg
            : token.colorBgContainer,
        boxShadow: highlighted ? `0 0 0 2px ${token.colorErrorBorder}` : undefined,
        scrollMarginTop: 16,
        transition: "background .3s",
      }}
    >
      <div style={{ display: "flex", gap: 8, alignItems: "flex-start", marginBottom: 12 }}>
        <Tag style={{ marginInlineEnd: 0 }}>{q.id}</Tag>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Typography.Text strong>
            {required ? <span style={{ color: token.colorError, marginInlineEnd: 4 }}>*</span> : null}
            {q.title}
          </Typography.Text>
          <div style={{ marginTop: 4 }}>
            {q.kind === "scene" ? (
              <Tag color={q.constrained ? "volcano" : "default"}>
                {q.constrained
                  ? t("assessment.question.sceneConstrained")
                  : t("assessment.question.sceneGuiding")}
              </Tag>
            ) : null}
            {q.kind === "rated" && q.level !== undefined ? (
              <Tag color="purple">{t("assessment.question.ratedLevel", { level: q.level })}</Tag>
            ) : null}
            {q.unconfirmed?.length ? (
              <Tooltip
                title={
                  <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                    {q.unconfirmed.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                  </ul>
                }
              >
                <Tag color="gold">{t("assessment.question.unconfirmed")}</Tag>
              </Tooltip>
            ) : null}
          </div>
        </div>
        <div style={{ whiteSpace: "nowrap", textAlign: "right" }}>
          {q.maxPoints > 0 ? (
            <Tag color={answered ? "blue" : "default"} data-testid={`points-${q.id}`}>
              {answered && score
                ? t("assessment.question.points", {
                    points: formatPts(score.points),
                    max: formatPts(q.maxPoints),
                  })
                : t("assessment.question.maxPoints", { points: formatPts(q.maxPoints) })}
            </Tag>
          ) : (
            <Tag>{t("assessment.question.noPoints")}</Tag>
          )}
          {canClear ? (
            <Button size="small" type="link" onClick={() => onChange(q.id, undefined)}>
              {t("assessment.question.clear")}
            </Button>
          ) : null}
        </div>
      </div>
      {reported ? (
        <div
          data-testid={`reported-${q.id}`}
          style={{
            marginTop: -4,
            marginBottom: 12,
            padding: "4px 8px",
            borderRadius: token.borderRadius,
            background: token.colorFillQuaternary,
          }}
        >
          <Typography.Text type="secondary">
            {t("diagnosis.reportedAnswer", { answer: describeAnswer(q, reported.value) })}
          </Typography.Text>
          {differs ? (
            <Tag color="warning" style={{ marginInlineStart: 8 }}>
              {t("diagnosis.reportedDiffers")}
            </Tag>
          ) : null}
        </div>
      ) : null}
      {q.help ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {q.help}
        </Typography.Paragraph>
      ) : null}
      <QuestionInput q={q} value={value} onChange={onChange} disabled={disabled} />
      {problem ? (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          title={t("assessment.question.invalid", { message: problem })}
        />
      ) : null}
      {q.evidence?.length ? (
        <div style={{ marginTop: 12, color: token.colorTextSecondary, fontSize: 13 }}>
          <FileTextOutlined /> {t("assessment.question.evidence")}：
          <ul style={{ margin: "4px 0 0", paddingInlineStart: 22 }}>
            {q.evidence.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <EvidenceFiles
        assessmentId={assessmentId}
        questionId={q.id}
        initial={evidenceFiles}
        editable={!disabled}
      />
    </div>
  );
});
