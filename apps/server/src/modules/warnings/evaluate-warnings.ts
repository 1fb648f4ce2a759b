import type { WarningRuleDefinition } from "@dxcenter/contracts";
import { type Database, type Tx, warnings } from "@dxcenter/db";
import { isEvaluated, levelFor } from "@dxcenter/domain";
import { and, eq, ne, notInArray, type SQL, sql } from "drizzle-orm";
import { shanghaiToday } from "../../lib/dates";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { type Candidate, collectCandidates, type EvaluationClock } from "./warning-facts";
import { currentWarningRules } from "./warning-rules";

/**
 * The evaluation job: every evaluated rule (enabled, source on the platform) finds its conditions
 * now; each condition is ONE warning — inserted when new, refreshed (level, title, figures) while it
 * holds — through the partial unique index on the dedupe key (INSERT … ON CONFLICT), so two runs at
 * once, on any nodes, still make one row per condition. A warning whose condition no longer holds is
 * closed by the job itself (closed_by null, 条件已解除); warnings of a rule no longer evaluated are
 * closed as 规则已停用. Each rule is one transaction; new and cleared warnings are audited in it.
 */

export const CLEARED_NOTE = "条件已解除";
export const RULE_OFF_NOTE = "规则已停用";

export interface EvaluationSummary {
  rules: number;
  found: number;
  raised: number;
  cleared: number;
}

const dedupeKey = (rule: WarningRuleDefinition, c: Candidate) => `${rule.id}:${c.key}`;

function ownerOf(rule: WarningRuleDefinition, c: Candidate): Pick<Candidate, "ownerKind" | "ownerCode"> {
  return rule.owner === "city" ? { ownerKind: "city", ownerCode: null } : c;
}

/** One audit row per warning the job raised or closed (in the caller's transaction). */
function auditWarnings(
  tx: Tx,
  actor: AuditActor,
  action: "warning.raise" | "warning.clear",
  rows: { id: string; districtCode: string | null; title: string }[],
  after: Record<string, string>,
) {
  return recordAudit(
    tx,
    actor,
    rows.map((w) => ({
      action,
      entityType: "warning" as const,
      entityId: w.id,
      districtCode: w.districtCode,
      after: { ...after, title: w.title },
    })),
  );
}

async function closeWarnings(tx: Tx, actor: AuditActor, where: SQL | undefined, note: string) {
  const closed = await tx
    .update(warnings)
    .set({ state: "closed", closedAt: sql`now()`, clearedAt: sql`now()`, closedBy: null, closeNote: note })
    .where(and(ne(warnings.state, "closed"), where))
    .returning({ id: warnings.id, districtCode: warnings.districtCode, title: warnings.title });
  await auditWarnings(tx, actor, "warning.clear", closed, { state: "closed", note });
  return closed.length;
}

async function evaluateRule(
  db: Database,
  actor: AuditActor,
  rule: WarningRuleDefinition,
  clock: EvaluationClock,
): Promise<{ found: number; raised: number; cleared: number }> {
  return db.transaction(async (tx) => {
    const found = await collectCandidates(tx, rule, clock);
    const byKey = new Map(found.map((c) => [dedupeKey(rule, c), c]));
    // One order for every run, so concurrent runs take the unique-index locks in the same order.
    const keys = [...byKey.keys()].sort();
    let raised = 0;
    for (let i = 0; i < keys.length; i += 500) {
      const rows = keys.slice(i, i + 500).map((key) => {
        const c = byKey.get(key) as Candidate;
        return {
          ruleId: rule.id,
          ruleVersion: rule.version,
          subjectType: c.subjectType,
          subjectId: c.subjectId,
          subjectName: c.subjectName,
          districtCode: c.districtCode,
          ...ownerOf(rule, c),
          level: levelFor(rule, c.finding.severity),
          title: c.finding.title,
          detail: { ...c.finding.detail, severity: c.finding.severity },
          dedupeKey: key,
        };
      });
      const written = await tx
        .insert(warnings)
        .values(rows)
        .onConflictDoUpdate({
          target: warnings.dedupeKey,
          targetWhere: sql`${warnings.state} <> 'closed'`,
          set: {
            ruleVersion: sql`excluded.rule_version`,
            subjectName: sql`excluded.subject_name`,
            level: sql`excluded.level`,
            title: sql`excluded.title`,
            detail: sql`excluded.detail`,
            seenAt: sql`now()`,
          },
        })
        .returning({
          id: warnings.id,
          districtCode: warnings.districtCode,
          level: warnings.level,
          title: warnings.title,
          inserted: sql<boolean>`(xmax = 0)`,
        });
      const fresh = written.filter((w) => w.inserted);
      raised += fresh.length;
      for (const level of new Set(fresh.map((w) => w.level)))
        await auditWarnings(
          tx,
          actor,
          "warning.raise",
          fresh.filter((w) => w.level === level),
          { rule: `${rule.id}@${rule.version}`, level },
        );
    }
    const cleared = await closeWarnings(
      tx,
      actor,
      and(eq(warnings.ruleId, rule.id), keys.length ? notInArray(warnings.dedupeKey, keys) : undefined),
      CLEARED_NOTE,
    );
    return { found: found.length, raised, cleared };
  });
}

export async function evaluateWarnings(
  db: Database,
  actor: AuditActor,
  now = new Date(),
): Promise<EvaluationSummary> {
  const clock = { now, today: shanghaiToday(now.getTime()) };
  const rules = (await currentWarningRules(db)).filter(isEvaluated);
  const out: EvaluationSummary = { rules: rules.length, found: 0, raised: 0, cleared: 0 };
  for (const rule of rules) {
    const r = await evaluateRule(db, actor, rule, clock);
    out.found += r.found;
    out.raised += r.raised;
    out.cleared += r.cleared;
  }
  out.cleared += await db.transaction((tx) =>
    closeWarnings(
      tx,
      actor,
      rules.length
        ? notInArray(
            warnings.ruleId,
            rules.map((r) => r.id),
          )
        : undefined,
      RULE_OFF_NOTE,
    ),
  );
  return out;
}
