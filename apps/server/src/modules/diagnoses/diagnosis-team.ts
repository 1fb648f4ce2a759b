import { type Database, diagnoses, diagnosisTeam, users } from "@dxcenter/db";
import type { Actor } from "@dxcenter/domain";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { badRequest, forbidden } from "../../errors";
import { searchAny } from "../../lib/list-query";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { drawnUsersOf, droppedDrawnMessage, manualPickRefusal } from "../experts/panel";
import { shanghaiToday } from "../policies/policy.repository";
import { diagnosisStep } from "./diagnosis.workflow";

/**
 * Sets the diagnosis team (provider / expert accounts, at most one lead). Drawn experts cannot be
 * dropped by hand, and a manual pick must pass the conflict rules of a draw.
 */
export function assignTeam(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  id: string,
  input: { members: { userId: string; lead: boolean }[]; version: number },
) {
  return diagnosisStep(db, actor, id, input.version, "assign", async (tx, row) => {
    const ids = [...new Set(input.members.map((m) => m.userId))];
    if (ids.length !== input.members.length) throw badRequest("团队成员不能重复", "members");
    const leads = input.members.filter((m) => m.lead);
    if (leads.length > 1) throw badRequest("诊断团队只能有一名组长", "members");
    const found = await tx
      .select({ id: users.id, role: users.role, disabled: users.disabled, displayName: users.displayName })
      .from(users)
      .where(inArray(users.id, ids));
    for (const userId of ids) {
      const u = found.find((f) => f.id === userId);
      if (!u || !["provider", "expert"].includes(u.role)) {
        throw badRequest("团队成员只能是服务商或专家账号", "members");
      }
      if (u.disabled) throw badRequest(`账号“${u.displayName}”已停用，不能指派`, "members");
    }
    const dropped = droppedDrawnMessage(await drawnUsersOf(tx, "diagnosis", id), ids);
    if (dropped) throw badRequest(dropped, "members");
    const added = ids.filter((uid) => !row.team.some((m) => m.userId === uid));
    const conflicted = await manualPickRefusal(tx, row.d.enterpriseId, added, shanghaiToday());
    if (conflicted) throw badRequest(conflicted, "members");
    const leadId = leads[0]?.userId ?? ids[0]!;
    await tx.delete(diagnosisTeam).where(eq(diagnosisTeam.diagnosisId, id));
    await tx
      .insert(diagnosisTeam)
      .values(
        ids.map((userId) => ({ diagnosisId: id, userId, lead: userId === leadId, assignedBy: actor.id })),
      );
    const name = (uid: string) => found.find((f) => f.id === uid)?.displayName ?? uid;
    await recordAudit(tx, auditActor, {
      action: "diagnosis.team",
      entityType: "diagnosis",
      entityId: id,
      districtCode: row.districtCode,
      before: { team: row.team.map((m) => m.displayName) },
      after: { team: ids.map(name), lead: name(leadId) },
    });
  });
}

/** Provider and expert accounts that can be put on a team, with their open workload. */
export async function listAssignees(
  db: Database,
  actor: Actor,
  q: { q?: string; role?: "provider" | "expert" },
) {
  if (actor.role !== "city_admin" && !(actor.role === "district_admin" && actor.districtCode)) {
    throw forbidden("查看可指派的服务商和专家");
  }
  const rows = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      organization: users.organization,
      role: users.role,
      openAssignments: sql<number>`(select count(*)::int from ${diagnosisTeam} t join ${diagnoses} d on d.id = t.diagnosis_id
        where t.user_id = ${users.id} and d.status in ('requested', 'scheduled', 'in_progress', 'verified'))`,
    })
    .from(users)
    .where(
      and(
        inArray(users.role, q.role ? [q.role] : ["provider", "expert"]),
        eq(users.disabled, false),
        searchAny(q.q, users.displayName, users.organization),
      ),
    )
    .orderBy(asc(users.role), asc(users.displayName))
    .limit(100);
  return rows.map((r) => ({
    ...r,
    role: r.role as "provider" | "expert",
    openAssignments: Number(r.openAssignments),
  }));
}
