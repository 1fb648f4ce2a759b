import {
  CheckCircleOutlined,
  CloudSyncOutlined,
  ExclamationCircleOutlined,
  LoadingOutlined,
} from "@ant-design/icons";
import type { EvidenceItem } from "@dxcenter/contracts";
import {
  type AnswerValue,
  type InstrumentDefinition,
  listQuestions,
  type QuestionScore,
  type ScoreResult,
  scoreAssessment,
} from "@dxcenter/domain";
import { Alert, App, Button, Card, Checkbox, Col, Modal, Row, Space, Typography, theme } from "antd";
import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { type AssessmentDetail, useSubmitAssessment } from "../../../api/assessments";
import { errorMessage, isApiError } from "../../../api/client";
import { formatDateTime } from "../../../utils/format";
import { type Drafts, draftProblem, progressOf, scrollToQuestion, toPayload } from "../answers";
import { QuestionCard } from "./QuestionCard";
import { ScorePreview } from "./ScoreSummary";
import { SectionNav } from "./SectionNav";
import { type SaveState, useAutosave } from "./useAutosave";

interface Props {
  detail: AssessmentDetail;
  def: InstrumentDefinition;
  /** Refetch the record and restart the editor from it (after a conflict). */
  onReload: () => void;
}

function SaveStatus({
  state,
  savedAt,
  error,
  onRetry,
}: {
  state: SaveState;
  savedAt: string | null;
  error: unknown;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  let body: React.ReactNode;
  switch (state) {
    case "saving":
      body = (
        <span style={{ color: token.colorPrimary }}>
          <LoadingOutlined /> {t("assessment.save.saving")}
        </span>
      );
      break;
    case "pending":
      body = (
        <span style={{ color: token.colorWarning }}>
          <CloudSyncOutlined /> {t("assessment.save.pending")}
        </span>
      );
      break;
    case "saved":
      body = (
        <span style={{ color: token.colorSuccess }}>
          <CheckCircleOutlined /> {t("assessment.save.saved", { time: formatDateTime(savedAt).slice(11) })}
        </span>
      );
      break;
    case "error":
    case "conflict":
    case "submitted":
      body = (
        <span style={{ color: token.colorError }}>
          <ExclamationCircleOutlined /> {t("assessment.save.error", { message: errorMessage(error) })}{" "}
          {state === "error" ? (
            <Button size="small" type="link" onClick={onRetry} style={{ padding: 0 }}>
              {t("assessment.save.retry")}
            </Button>
          ) : null}
        </span>
      );
      break;
    default:
      body = <span style={{ color: token.colorTextSecondary }}>{t("assessment.save.clean")}</span>;
  }
  return (
    <div data-testid="assessment-save-status" data-state={state} style={{ fontSize: 13 }}>
      {body}
    </div>
  );
}

/** Draft form: section navigation, questions by kind, autosave, live preview and submission. */
const NO_FILES: readonly EvidenceItem[] = [];

export function AssessmentEditor({ detail, def, onReload }: Props) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const [drafts, setDrafts] = useState<Drafts>(() => ({ ...detail.answers }));
  const initialPayload = useMemo(() => toPayload(def, detail.answers), [def, detail.answers]);
  const payload = useMemo(() => toPayload(def, drafts), [def, drafts]);
  const progress = useMemo(() => progressOf(def, payload), [def, payload]);
  const autosave = useAutosave(detail, initialPayload, payload);
  const submit = useSubmitAssessment(detail.id);
  const [highlight, setHighlight] = useState<string | null>(null);
  const [activeSection, setActiveSection] = useState<string | null>(null);
  const [commitment, setCommitment] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);

  const refs = useMemo(() => listQuestions(def), [def]);
  // On-site assessments: one stable {value} per question so the memoised cards do not re-render.
  const reportedByQuestion = useMemo(() => {
    if (!detail.reported) return null;
    const answers = detail.reported.answers;
    return new Map(refs.map((r) => [r.question.id, { value: answers[r.question.id] }]));
  }, [detail.reported, refs]);
  const onsite = detail.kind === "onsite";
  const evidenceByQuestion = useMemo(() => {
    const m = new Map<string, EvidenceItem[]>();
    for (const e of detail.evidence) m.set(e.questionId, [...(m.get(e.questionId) ?? []), e]);
    return m;
  }, [detail.evidence]);

  // Points per question as the user answers (the pure engine; the server's preview follows on save).
  const scores = useMemo(() => {
    const map = new Map<string, QuestionScore>();
    const outcome = scoreAssessment(def, payload, { allowMissing: true, improvements: false });
    if (outcome.ok) for (const q of outcome.result.questions) map.set(q.questionId, q);
    return map;
  }, [def, payload]);

  const onChange = useCallback((questionId: string, value: AnswerValue | undefined) => {
    setDrafts((prev) => {
      const next = { ...prev };
      if (value === undefined) delete next[questionId];
      else next[questionId] = value;
      return next;
    });
    setHighlight((h) => (h === questionId ? null : h));
  }, []);

  const focusQuestion = useCallback(
    (questionId: string) => {
      const ref = refs.find((r) => r.question.id === questionId);
      if (ref) setActiveSection(ref.subDimension.id);
      setHighlight(questionId);
      scrollToQuestion(questionId);
    },
    [refs],
  );

  // The server names an invalid answer (INVALID_ANSWER, field = question id).
  const saveErrorField = isApiError(autosave.error) ? autosave.error.field : undefined;

  const doSubmit = async () => {
    setSubmitError(null);
    const saved = await autosave.flush();
    if (!saved) return;
    try {
      await submit.mutateAsync(autosave.version());
      void message.success(t("assessment.submit.done"));
    } catch (e) {
      if (isApiError(e) && e.code === "VERSION_CONFLICT") autosave.stop("conflict", e);
      else if (isApiError(e) && e.code === "ASSESSMENT_SUBMITTED") autosave.stop("submitted", e);
      else {
        setSubmitError(errorMessage(e));
        if (isApiError(e) && e.field && refs.some((r) => r.question.id === e.field)) focusQuestion(e.field);
      }
    }
  };

  const onSubmitClick = () => {
    modal.confirm({
      title: t("assessment.submit.confirmTitle"),
      content: t("assessment.submit.confirmContent"),
      okText: t("assessment.submit.ok"),
      cancelText: t("common.cancel"),
      onOk: () => doSubmit(),
    });
  };

  const result = (autosave.latest.result ?? null) as ScoreResult | null;
  const stopped = autosave.state === "conflict" || autosave.state === "submitted";
  const missing = progress.missingRequired;

  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={7} xl={5}>
          <div style={{ position: "sticky", top: 16 }}>
            <SectionNav
              def={def}
              progress={progress}
              active={activeSection}
              onSelect={setActiveSection}
              saveStatus={
                <SaveStatus
                  state={autosave.state}
                  savedAt={autosave.savedAt}
                  error={autosave.error}
                  onRetry={() => void autosave.flush()}
                />
              }
            />
          </div>
        </Col>
        <Col xs={24} lg={17} xl={13}>
          {def.dimensions.map((d) => (
            <Card key={d.id} title={d.name} style={{ marginBottom: 16 }} data-testid={`dimension-${d.id}`}>
              {d.subDimensions.map((s) => (
                <section key={s.id} id={`section-${s.id}`} style={{ scrollMarginTop: 16 }}>
                  {d.subDimensions.length > 1 || s.name !== d.name ? (
                    <Typography.Title level={5} style={{ marginTop: 0 }}>
                      {s.name}
                    </Typography.Title>
                  ) : null}
                  {s.questions.map((q) => {
                    const value = Object.hasOwn(drafts, q.id) ? drafts[q.id] : undefined;
                    return (
                      <QuestionCard
                        key={q.id}
                        question={q}
                        value={value}
                        onChange={onChange}
                        score={scores.get(q.id)}
                        problem={draftProblem(q, value)}
                        highlighted={highlight === q.id || saveErrorField === q.id}
                        disabled={stopped}
                        assessmentId={detail.id}
                        evidenceFiles={evidenceByQuestion.get(q.id) ?? NO_FILES}
                        reported={reportedByQuestion?.get(q.id)}
                      />
                    );
                  })}
                </section>
              ))}
            </Card>
          ))}
        </Col>
        <Col xs={24} xl={6}>
          <div style={{ position: "sticky", top: 16 }}>
            <Card size="small" title={t("assessment.preview.title")} style={{ marginBottom: 16 }}>
              <ScorePreview result={result} />
            </Card>
            <Card size="small" title={t("assessment.submit.title")}>
              {missing.length > 0 ? (
                <Alert
                  type="info"
                  showIcon
                  title={t("assessment.submit.remaining", { count: missing.length })}
                  description={
                    <Button
                      size="small"
                      type="link"
                      style={{ padding: 0 }}
                      onClick={() => focusQuestion(missing[0]!)}
                      data-testid="assessment-goto-missing"
                    >
                      {t("assessment.submit.gotoFirst")}
                    </Button>
                  }
                />
              ) : (
                <Alert type="success" showIcon title={t("assessment.submit.ready")} />
              )}
              {submitError ? (
                <Alert
                  style={{ marginTop: 12 }}
                  type="error"
                  showIcon
                  title={t("assessment.submit.failed")}
                  description={<div style={{ maxHeight: 180, overflowY: "auto" }}>{submitError}</div>}
                  data-testid="assessment-submit-error"
                  closable={{ onClose: () => setSubmitError(null) }}
                />
              ) : null}
              <Checkbox
                style={{ marginTop: 12 }}
                checked={commitment}
                disabled={!detail.permissions.submit || stopped}
                onChange={(e) => setCommitment(e.target.checked)}
                data-testid="assessment-commitment"
              >
                {onsite ? t("diagnosis.onsiteCommitment") : t("assessment.submit.commitment")}
              </Checkbox>
              <Space style={{ marginTop: 12, width: "100%" }} orientation="vertical">
                <Button
                  type="primary"
                  block
                  disabled={!commitment || !detail.permissions.submit || stopped}
                  loading={submit.isPending}
                  onClick={onSubmitClick}
                  data-testid="assessment-submit"
                >
                  {onsite ? t("diagnosis.onsiteSubmit") : t("assessment.submit.button")}
                </Button>
              </Space>
            </Card>
          </div>
        </Col>
      </Row>
      <Modal
        open={stopped}
        title={
          autosave.state === "submitted"
            ? t("assessment.save.submittedTitle")
            : t("assessment.save.conflictTitle")
        }
        closable={false}
        maskClosable={false}
        keyboard={false}
        cancelButtonProps={{ style: { display: "none" } }}
        okText={
          autosave.state === "submitted" ? t("assessment.save.viewResult") : t("assessment.save.reload")
        }
        onOk={onReload}
        okButtonProps={{ "data-testid": "assessment-conflict-reload" } as never}
      >
        <p>{errorMessage(autosave.error)}</p>
        <Typography.Text type="secondary">{t("assessment.save.conflictHint")}</Typography.Text>
      </Modal>
    </>
  );
}
