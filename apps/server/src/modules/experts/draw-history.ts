import {
  diagnoses,
  diagnosisTeam,
  type Executor,
  expertAssignments,
  expertDraws,
  experts,
  poolApplications,
  projectReviews,
  projects,
  providerMembers,
} from "@dxcenter/db";
import { type ExpertHistory, monthsBefore } from "@dxcenter/domain";
import { and, asc, eq, gte, sql } from "drizzle-orm";
import { rowsOf } from "../../lib/raw-rows";

const dayOf = (col: unknown) =>
  sql<string>`to_char((${col} at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD')`;

/** Whose history the avoidance rules read: a provider (pool review) or an enterprise. */
export type HistoryKey = { kind: "provider"; id: string } | { kind: "enterprise"; id: string };

type HistoryRow = { expertId: string; date: string };

/**
 * The history the avoidance rules read, from the database:
 * - services to the applicant within serviceMonths.
 *   A provider (pool review): experts who reviewed an earlier application of the same provider
 *   (invited or accepted, not declined), and experts who sat on a diagnosis team together with one of
 *   the provider's member accounts (they worked with the applicant).
 *   An enterprise (diagnosis, project review): experts who sat on a diagnosis team of the enterprise
 *   and experts who reviewed one of its projects (the reviewer accounts of project_reviews).
 * - past draws within max(togetherMonths, workloadMonths): each draw's current panel.
 * Service records carry the applicant's id as `enterpriseId` (the applicant key of the request).
 */
export async function loadHistory(
  db: Executor,
  key: HistoryKey,
  today: string,
  avoidance: { serviceMonths: number; togetherMonths: number; workloadMonths: number },
): Promise<ExpertHistory> {
  const serviceSince = monthsBefore(today, Math.max(avoidance.serviceMonths, 0));
  const drawSince = monthsBefore(today, Math.max(avoidance.togetherMonths, avoidance.workloadMonths, 0));
  const found: HistoryRow[] = [];
  // One after another: inside a transaction the queries share one connection.
  if (key.kind === "provider") {
    found.push(
      ...(await db
        .select({ expertId: expertAssignments.expertId, date: dayOf(expertAssignments.createdAt) })
        .from(expertAssignments)
        .innerJoin(poolApplications, sql`${poolApplications.id}::text = ${expertAssignments.subjectId}`)
        .where(
          and(
            eq(expertAssignments.purpose, "pool_review"),
            eq(poolApplications.providerId, key.id),
            sql`${expertAssignments.status} <> 'declined'`,
            sql`(${expertAssignments.createdAt} at time zone 'Asia/Shanghai')::date >= ${serviceSince}::date`,
          ),
        )),
    );
    found.push(
      ...rowsOf<HistoryRow>(
        await db.execute(sql`
    select e.id as "expertId", to_char((te.assigned_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as date
    from ${diagnosisTeam} te
    join ${experts} e on e.user_id = te.user_id
    join ${diagnosisTeam} tp on tp.diagnosis_id = te.diagnosis_id
    join ${providerMembers} m on m.user_id = tp.user_id and m.provider_id = ${key.id}
    where (te.assigned_at at time zone 'Asia/Shanghai')::date >= ${serviceSince}::date`),
      ),
    );
  } else {
    found.push(
      ...rowsOf<HistoryRow>(
        await db.execute(sql`
    select e.id as "expertId", to_char((te.assigned_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as date
    from ${diagnosisTeam} te
    join ${diagnoses} d on d.id = te.diagnosis_id and d.enterprise_id = ${key.id}
    join ${experts} e on e.user_id = te.user_id
    where (te.assigned_at at time zone 'Asia/Shanghai')::date >= ${serviceSince}::date`),
      ),
      ...rowsOf<HistoryRow>(
        await db.execute(sql`
    select e.id as "expertId", to_char((r.created_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as date
    from ${projectReviews} r
    join ${projects} p on p.id = r.project_id and p.enterprise_id = ${key.id}
    join ${experts} e on e.user_id = r.reviewer_id
    where r.stage = 'expert' and (r.created_at at time zone 'Asia/Shanghai')::date >= ${serviceSince}::date`),
      ),
    );
  }
  const d = await db
    .select({ id: expertDraws.id, date: expertDraws.drawDate, expertIds: expertDraws.selectedIds })
    .from(expertDraws)
    .where(gte(expertDraws.drawDate, drawSince))
    .orderBy(asc(expertDraws.drawDate), asc(expertDraws.id));
  const services = found
    .map((x) => ({ expertId: x.expertId, enterpriseId: key.id, date: x.date }))
    .sort((a, b) =>
      a.expertId + a.date < b.expertId + b.date ? -1 : a.expertId + a.date > b.expertId + b.date ? 1 : 0,
    );
  return { services, draws: d.map((x) => ({ id: x.id, date: x.date, expertIds: x.expertIds })) };
}
