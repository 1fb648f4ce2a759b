import type { Actor } from "./roles";

/**
 * The one shape of "who may take which step of a workflow in which status". Every workflow (projects,
 * diagnoses, awards, the provider pool …) writes its rules as a table of steps; the server runs the
 * same `decideStep` and turns a refusal into 403 (not this role or scope) or 409 STATE_CONFLICT (the
 * role may take the step, but not in the record's current status). The web shows only allowed steps.
 */
export interface StepRule<S extends string, F> {
  /** May this actor ever take the step on this record (role and scope), whatever its status? */
  readonly who: (actor: Actor, facts: F) => boolean;
  /** The statuses in which the step is open. */
  readonly from: readonly S[];
  /** A further condition on the record besides its status (e.g. a team is assigned); failing it is a 409 too. */
  readonly when?: (facts: F) => boolean;
}

export type Workflow<Step extends string, S extends string, F extends { readonly status: S }> = {
  readonly [K in Step]: StepRule<S, F>;
};

export type StepDecision =
  | { readonly ok: true }
  /** `role`: 403, the actor could never take this step here; `status`: 409, not in this status. */
  | { readonly ok: false; readonly refusal: "role" | "status" };

const OK: StepDecision = { ok: true };
const ROLE: StepDecision = { ok: false, refusal: "role" };
const STATUS: StepDecision = { ok: false, refusal: "status" };

export function decideStep<Step extends string, S extends string, F extends { readonly status: S }>(
  workflow: Workflow<Step, S, F>,
  actor: Actor,
  facts: F,
  step: Step,
): StepDecision {
  const rule = workflow[step];
  if (!rule.who(actor, facts)) return ROLE;
  if (!rule.from.includes(facts.status)) return STATUS;
  if (rule.when && !rule.when(facts)) return STATUS;
  return OK;
}

/** Every step with whether this actor may take it now: what the web shows as buttons. */
export function allowedSteps<Step extends string, S extends string, F extends { readonly status: S }>(
  workflow: Workflow<Step, S, F>,
  actor: Actor,
  facts: F,
): Record<Step, boolean> {
  const out = {} as Record<Step, boolean>;
  for (const step of Object.keys(workflow) as Step[]) out[step] = decideStep(workflow, actor, facts, step).ok;
  return out;
}
