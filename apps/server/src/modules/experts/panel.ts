import { type Executor, enterprises, expertAssignments, experts } from "@dxcenter/db";
import { DEFAULT_AVOIDANCE, type DrawPurpose, type DrawRequest, manualPickConflicts } from "@dxcenter/domain";
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { loadHistory } from "./draw-history";
import { toDomainExpert } from "./expert.service";

/**
 * A subject's drawn panel as the diagnoses and projects modules read it: who is on it, the 已随机抽取
 * mark, the refusal to drop drawn experts by hand, acceptance by doing the work, and 回避 for
 * hand-picked experts. Each takes the caller's executor (its open transaction).
 */

type Purpose = DrawPurpose;

/** Experts (ids) currently on the panel of a subject, with their assignment status. */
export async function panelOf(db: Executor, purpose: Purpose, subjectId: string) {
  return db
    .select({
      assignmentId: expertAssignments.id,
      drawId: expertAssignments.drawId,
      expertId: expertAssignments.expertId,
      expertName: experts.name,
      organization: experts.organization,
      userId: experts.userId,
      round: expertAssignments.round,
      status: expertAssignments.status,
    })
    .from(expertAssignments)
    .innerJoin(experts, eq(experts.id, expertAssignments.expertId))
    .where(and(eq(expertAssignments.purpose, purpose), eq(expertAssignments.subjectId, subjectId)))
    .orderBy(asc(expertAssignments.round), asc(expertAssignments.createdAt));
}

/**
 * SQL: the account `userId` belongs to an expert drawn onto the subject and not declined — the
 * 已随机抽取 mark of a team member or reviewer. The same rule as drawnUsersOf, for use inside a row query.
 */
export function isDrawnSql(purpose: Purpose, subjectId: SQL, userId: SQL) {
  return sql<boolean>`exists (select 1 from ${expertAssignments} a join ${experts} e on e.id = a.expert_id
    where a.purpose = ${purpose} and a.subject_id = ${subjectId}::text and a.status <> 'declined' and e.user_id = ${userId})`;
}

/** Accounts of experts drawn onto a subject and not declined: manual edits may not drop them. */
export async function drawnUsersOf(tx: Executor, purpose: Purpose, subjectId: string) {
  const rows = await tx
    .select({ userId: experts.userId, name: experts.name })
    .from(expertAssignments)
    .innerJoin(experts, eq(experts.id, expertAssignments.expertId))
    .where(
      and(
        eq(expertAssignments.purpose, purpose),
        eq(expertAssignments.subjectId, subjectId),
        sql`${expertAssignments.status} <> 'declined'`,
      ),
    );
  return rows.filter((r): r is { userId: string; name: string } => !!r.userId);
}

/** The Chinese refusal when a manual edit would drop drawn experts, or null. */
export function droppedDrawnMessage(
  drawn: readonly { userId: string; name: string }[],
  keptUserIds: readonly string[],
): string | null {
  const lost = drawn.filter((d) => !keptUserIds.includes(d.userId));
  if (!lost.length) return null;
  return `${lost.map((d) => d.name).join("、")}为随机抽取的专家，不能手动移除；专家本人谢绝后，系统按抽取记录自动补抽`;
}

/** A drawn expert who does the work (scores the project) has accepted the invitation. */
export async function acceptByWork(tx: Executor, purpose: Purpose, subjectId: string, userId: string) {
  await tx
    .update(expertAssignments)
    .set({ status: "accepted", respondedAt: new Date() })
    .where(
      and(
        eq(expertAssignments.purpose, purpose),
        eq(expertAssignments.subjectId, subjectId),
        eq(expertAssignments.status, "invited"),
        sql`${expertAssignments.expertId} in (select e.id from ${experts} e where e.user_id = ${userId})`,
      ),
    );
}

/**
 * 回避 for hand-picked experts (a diagnosis team member, a project reviewer): the Chinese refusal
 * naming each added expert account that fails a conflict-of-interest rule against the enterprise
 * (same organisation, declared conflict, served it within the default window, not in the pool as
 * active), or null. Accounts without an expert-pool profile (providers) are not checked here.
 */
export async function manualPickRefusal(
  tx: Executor,
  enterpriseId: string,
  addedUserIds: readonly string[],
  today: string,
): Promise<string | null> {
  if (!addedUserIds.length) return null;
  const rows = await tx
    .select()
    .from(experts)
    .where(inArray(experts.userId, [...addedUserIds]));
  if (!rows.length) return null;
  const [ent] = await tx
    .select({ name: enterprises.name })
    .from(enterprises)
    .where(eq(enterprises.id, enterpriseId));
  const applicant = { enterpriseId, organization: ent?.name ?? "" };
  const history = await loadHistory(tx, { kind: "enterprise", id: enterpriseId }, today, DEFAULT_AVOIDANCE);
  const request: DrawRequest = { n: 1, applicant, today, avoidance: DEFAULT_AVOIDANCE, history };
  const problems = rows
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((r) => {
      const why = manualPickConflicts(toDomainExpert(r), request);
      return why.length ? [`${r.name}（${why.join("；")}）`] : [];
    });
  return problems.length ? `按回避规则不能指派：${problems.join("，")}` : null;
}
