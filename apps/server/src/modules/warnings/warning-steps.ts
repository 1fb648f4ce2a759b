import type { WarningDetail } from "@dxcenter/contracts";
import { type Database, warnings } from "@dxcenter/db";
import { WARNING_STATE_LABELS, type WarningState, type WarningStep, warningWorkflow } from "@dxcenter/domain";
import { eq, sql } from "drizzle-orm";
import { assertStep, runStep, type WorkflowTexts } from "../../lib/workflow";
import type { CurrentUser } from "../../plugins/auth";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { factsOf, findWarning, getWarning } from "./warning.queries";

/**
 * A warning's life, one step each: acknowledge (认领) → handle (处置, note required) → close. Each
 * step locks the row, asks the domain's warningWorkflow (403 / 409 STATE_CONFLICT), writes who, when
 * and the note, and audits in the same transaction. A warning outside the caller's scope is 404.
 */

const NEEDS: Record<WarningStep, string> = {
  acknowledge: "只有待认领的预警可以认领",
  handle: "只有处置中（已认领）的预警可以处置",
  close: "只有已处置的预警可以关闭",
};

const TEXTS: WorkflowTexts<WarningStep, WarningState> = {
  entity: "warning",
  action: { acknowledge: "认领该预警", handle: "处置该预警", close: "关闭该预警" },
  conflict: (step, status) => `${NEEDS[step]}（当前：${WARNING_STATE_LABELS[status]}）`,
};

const NEXT: Record<WarningStep, WarningState> = {
  acknowledge: "acknowledged",
  handle: "handled",
  close: "closed",
};

function changes(step: WarningStep, userId: string, note: string | null) {
  const now = sql`now()`;
  switch (step) {
    case "acknowledge":
      return { acknowledgedAt: now, acknowledgedBy: userId, acknowledgeNote: note };
    case "handle":
      return { handledAt: now, handledBy: userId, handleNote: note };
    case "close":
      return { closedAt: now, closedBy: userId, closeNote: note };
  }
}

export async function warningStep(
  db: Database,
  user: CurrentUser,
  actor: AuditActor,
  id: string,
  step: WarningStep,
  note: string | null,
): Promise<WarningDetail> {
  await runStep(db, {
    load: (tx) => findWarning(tx, user, id, true),
    guard: (r) => assertStep(warningWorkflow, TEXTS, user, factsOf(r, user), step),
    change: async (tx) => {
      await tx
        .update(warnings)
        .set({ state: NEXT[step], ...changes(step, user.id, note) })
        .where(eq(warnings.id, id));
    },
    audit: (tx, r) =>
      recordAudit(tx, actor, {
        action: `warning.${step}`,
        entityType: "warning",
        entityId: id,
        districtCode: r.w.districtCode,
        before: { state: r.w.state },
        after: { state: NEXT[step], note },
      }),
  });
  return getWarning(db, user, id);
}
