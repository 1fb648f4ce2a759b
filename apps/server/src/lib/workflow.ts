import type { StateEntity } from "@dxcenter/contracts";
import type { Database, Tx } from "@dxcenter/db";
import { type Actor, decideStep, type Workflow } from "@dxcenter/domain";
import { forbidden, stateConflict } from "../errors";

/** The Chinese words a workflow's refusals are built from. */
export interface WorkflowTexts<Step extends string, S extends string> {
  /** The record kind in params.entity (the web's locale names its statuses by it). */
  readonly entity: StateEntity;
  /** 403 "您无权{action}". */
  readonly action: Readonly<Record<Step, string>>;
  /** The 409 sentence: what the step needs, naming the current status. */
  readonly conflict: (step: Step, status: S) => string;
}

/**
 * Runs a workflow table's decision for one step and throws the one error family on refusal:
 * 403 FORBIDDEN when the role/scope could never take the step, 409 STATE_CONFLICT (params: entity,
 * status, step) when only the record's status (or a condition on it) is wrong.
 */
export function assertStep<Step extends string, S extends string, F extends { readonly status: S }>(
  workflow: Workflow<Step, S, F>,
  texts: WorkflowTexts<Step, S>,
  actor: Actor,
  facts: F,
  step: Step,
): void {
  const decision = decideStep(workflow, actor, facts, step);
  if (decision.ok) return;
  if (decision.refusal === "role") throw forbidden(texts.action[step]);
  throw stateConflict(texts.entity, facts.status, texts.conflict(step, facts.status), { step });
}

/**
 * One workflow step in one transaction: load (and lock) the record → guard → change → audit. Each part
 * gets the transaction; a throw anywhere rolls the whole step back, so nothing is half-written.
 */
export async function runStep<R, T>(
  db: Database | Tx,
  step: {
    load: (tx: Tx) => Promise<R>;
    guard: (row: R) => void;
    change: (tx: Tx, row: R) => Promise<T>;
    audit?: (tx: Tx, row: R, out: T) => Promise<void>;
  },
): Promise<T> {
  return db.transaction(async (tx) => {
    const row = await step.load(tx);
    step.guard(row);
    const out = await step.change(tx, row);
    if (step.audit) await step.audit(tx, row, out);
    return out;
  });
}
