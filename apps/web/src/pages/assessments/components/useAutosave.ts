import { useCallback, useEffect, useRef, useState } from "react";
import { type Answers, type AssessmentDetail, useSaveAnswers } from "../../../api/assessments";
import { isApiError } from "../../../api/client";

export type SaveState = "clean" | "pending" | "saving" | "saved" | "error" | "conflict" | "submitted";

export const AUTOSAVE_DELAY_MS = 1500;

/**
 * Debounced autosave of a draft's answers with optimistic concurrency: each PUT carries the
 * `version` of the previous answer; a 409 stops autosaving until the page reloads the record.
 * `flush()` saves at once (before submitting) and resolves to whether everything is saved.
 */
export function useAutosave(initial: AssessmentDetail, initialPayload: Answers, payload: Answers) {
  const save = useSaveAnswers(initial.id);
  const mutateRef = useRef(save.mutateAsync);
  mutateRef.current = save.mutateAsync;
  const versionRef = useRef(initial.version);
  const savedJsonRef = useRef(JSON.stringify(initialPayload));
  const payloadRef = useRef(payload);
  payloadRef.current = payload;
  const inflightRef = useRef<Promise<boolean> | null>(null);
  const stoppedRef = useRef(false);
  const [state, setState] = useState<SaveState>("clean");
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [latest, setLatest] = useState<AssessmentDetail>(initial);

  const stop = useCallback((s: "conflict" | "submitted", e: unknown) => {
    stoppedRef.current = true;
    setError(e);
    setState(s);
  }, []);

  const flush = useCallback(async (): Promise<boolean> => {
    for (;;) {
      if (stoppedRef.current) return false;
      if (inflightRef.current) {
        await inflightRef.current;
        continue;
      }
      const answers = payloadRef.current;
      const json = JSON.stringify(answers);
      if (json === savedJsonRef.current) {
        setState((s) => (s === "pending" || s === "saving" || s === "error" ? "saved" : s));
        return true;
      }
      setState("saving");
      const p = mutateRef
        .current({ answers, version: versionRef.current })
        .then(
          (res) => {
            versionRef.current = res.version;
            savedJsonRef.current = json;
            setLatest(res);
            setSavedAt(new Date().toISOString());
            setError(null);
            return true;
          },
          (e: unknown) => {
            if (isApiError(e) && e.code === "VERSION_CONFLICT") stop("conflict", e);
            else if (isApiError(e) && e.code === "ASSESSMENT_SUBMITTED") stop("submitted", e);
            else {
              setError(e);
              setState("error");
            }
            return false;
          },
        )
        .finally(() => {
          inflightRef.current = null;
        });
      inflightRef.current = p;
      if (!(await p)) return false;
    }
  }, [stop]);

  // Debounce: every change restarts the timer.
  useEffect(() => {
    if (stoppedRef.current) return;
    if (JSON.stringify(payload) === savedJsonRef.current) {
      setState((s) => (s === "pending" ? (savedAt ? "saved" : "clean") : s));
      return;
    }
    setState((s) => (s === "saving" ? s : "pending"));
    const h = window.setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(h);
  }, [payload, flush, savedAt]);

  // Leaving the page inside the app: save what is left; closing the tab: ask first.
  useEffect(() => {
    const dirty = () => !stoppedRef.current && JSON.stringify(payloadRef.current) !== savedJsonRef.current;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (dirty() || inflightRef.current) e.preventDefault();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      if (dirty()) void flush();
    };
  }, [flush]);

  return {
    state,
    savedAt,
    error,
    /** The detail answered by the last save (its `result` is the server's preview). */
    latest,
    version: () => versionRef.current,
    flush,
    stop,
  };
}
