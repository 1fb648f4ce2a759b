import { type Executor, projectReviews, projects, users } from "@dxcenter/db";
import type { Actor } from "@dxcenter/domain";
import { and, asc, eq, sql } from "drizzle-orm";
import { forbidden } from "../../errors";
import { searchAny } from "../../lib/list-query";

/** The pickers of the project pages: expert accounts to assign as reviewers, department accounts for tasks. */

export async function listReviewerOptions(db: Executor, actor: Actor, q?: string) {
  if (actor.role !== "city_admin") throw forbidden("查看可指派的评审专家");
  const rows = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      organization: users.organization,
      openReviews: sql<number>`(select count(*)::int from ${projectReviews} r join ${projects} p on p.id = r.project_id
        where r.reviewer_id = "users"."id" and r.stage = 'expert' and r.submitted_at is null and p.status = 'expert_review')`,
    })
    .from(users)
    .where(
      and(
        eq(users.role, "expert"),
        eq(users.disabled, false),
        searchAny(q, users.displayName, users.organization),
      ),
    )
    .orderBy(asc(users.displayName))
    .limit(100);
  return rows.map((r) => ({ ...r, openReviews: Number(r.openReviews) }));
}

export async function listDepartmentOptions(db: Executor, actor: Actor) {
  if (actor.role !== "city_admin" && !(actor.role === "district_admin" && actor.districtCode))
    throw forbidden("查看协同部门");
  return db
    .select({ id: users.id, displayName: users.displayName, organization: users.organization })
    .from(users)
    .where(and(eq(users.role, "department"), eq(users.disabled, false)))
    .orderBy(asc(users.organization), asc(users.displayName))
    .limit(200);
}
