import type { WarningRuleDefinition } from "@dxcenter/contracts";
import {
  assessments,
  budgetPools,
  diagnoses,
  type Executor,
  enterprises,
  indicatorReports,
  instruments,
  projects,
} from "@dxcenter/db";
import {
  budgetPoolLow,
  diagnosisOverdue,
  expectedValue,
  type Finding,
  indicatorBehind,
  lastClosedPeriod,
  OPEN_VISIT_STATUSES,
  poolName,
  projectMilestoneLate,
  projectReportStale,
  reportLate,
  scoreDrop,
  type WarningOwnerKind,
  type WarningRuleKind,
  type WarningSubjectType,
} from "@dxcenter/domain";
import { and, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { shanghaiYear } from "../../lib/dates";
import { currentDistricts, latestSnapshots, snapshotKey } from "../indicators/indicator.queries";
import { currentIndicators } from "../indicators/indicator-loader";

/**
 * What each rule kind looks at: one read of its source table (the subjects that could meet the
 * condition), each row run through the kind's pure evaluator in the domain. A candidate is one
 * condition found now: its subject, its owner and the finding.
 */
export interface Candidate {
  subjectType: WarningSubjectType;
  subjectId: string;
  subjectName: string;
  /** Makes the condition one warning: rule + subject (+ what of the subject, e.g. the instrument). */
  key: string;
  districtCode: string | null;
  ownerKind: WarningOwnerKind;
  ownerCode: string | null;
  finding: Finding;
}

interface Subject {
  type: WarningSubjectType;
  id: string;
  name: string;
  districtCode: string | null;
  key?: string;
}

/** The subject's district owns it; a subject without one (a city pool) is the city's. */
function districtOwned(s: Subject, finding: Finding | null): Candidate[] {
  if (!finding) return [];
  return [
    {
      subjectType: s.type,
      subjectId: s.id,
      subjectName: s.name,
      key: s.key ?? `${s.type}:${s.id}`,
      districtCode: s.districtCode,
      ownerKind: s.districtCode ? "district" : "city",
      ownerCode: s.districtCode,
      finding,
    },
  ];
}

export interface EvaluationClock {
  /** Asia/Shanghai calendar day. */
  today: string;
  now: Date;
}

type Collector = (db: Executor, rule: WarningRuleDefinition, clock: EvaluationClock) => Promise<Candidate[]>;

const projectFacts = (db: Executor) =>
  db
    .select({
      id: projects.id,
      name: projects.name,
      districtCode: projects.districtCode,
      status: projects.status,
      plannedStartDate: projects.plannedStartDate,
      plannedFinishDate: projects.plannedFinishDate,
      startedOn: projects.startedOn,
      lastReportOn: projects.lastReportOn,
    })
    .from(projects)
    .where(inArray(projects.status, ["approved", "in_construction"]));

const asSubject = (
  type: WarningSubjectType,
  r: { id: string; name: string; districtCode: string | null },
) => ({
  type,
  id: r.id,
  name: r.name,
  districtCode: r.districtCode,
});

const COLLECTORS: Partial<Record<WarningRuleKind, Collector>> = {
  /** 填报逾期: tasks not submitted past their due day; owned by the task's owner (district, department, city). */
  report_late: async (db, rule, { today, now }) => {
    const rows = await db
      .select({
        id: indicatorReports.id,
        indicatorId: indicatorReports.indicatorId,
        period: indicatorReports.period,
        scope: indicatorReports.scope,
        status: indicatorReports.status,
        dueDate: indicatorReports.dueDate,
        ownerKind: indicatorReports.ownerKind,
        ownerCode: indicatorReports.ownerCode,
        districtCode: indicatorReports.districtCode,
      })
      .from(indicatorReports)
      .where(
        and(
          inArray(indicatorReports.status, ["pending", "draft", "returned"]),
          lt(indicatorReports.dueDate, today),
        ),
      );
    if (rows.length === 0) return [];
    const names = new Map((await currentIndicators(db)).map((d) => [d.id, d.name]));
    const districts = new Map((await currentDistricts(db)).map((d) => [d.code, d.name]));
    return rows.flatMap((r): Candidate[] => {
      const indicatorName = names.get(r.indicatorId) ?? r.indicatorId;
      const scopeName = r.scope === "city" ? "全市" : (districts.get(r.scope) ?? r.scope);
      const finding = reportLate({ ...r, indicatorName, scopeName }, now, rule.params.days ?? 1);
      if (!finding) return [];
      return [
        {
          subjectType: "indicator",
          subjectId: `${r.indicatorId}@${r.scope}`,
          subjectName: `${indicatorName}（${scopeName}，${r.period}填报）`,
          key: `report:${r.id}`,
          districtCode: r.districtCode,
          ownerKind: r.ownerKind,
          ownerCode: r.ownerCode,
          finding,
        },
      ];
    });
  },

  project_report_stale: async (db, rule, { today }) =>
    (await projectFacts(db)).flatMap((p) =>
      districtOwned(asSubject("project", p), projectReportStale(p, today, rule.params.days ?? 30)),
    ),

  project_milestone_late: async (db, _rule, { today }) =>
    (await projectFacts(db)).flatMap((p) =>
      districtOwned(asSubject("project", p), projectMilestoneLate(p, today)),
    ),

  diagnosis_overdue: async (db, _rule, { today }) => {
    const rows = await db
      .select({
        id: diagnoses.id,
        status: diagnoses.status,
        visitDate: diagnoses.visitDate,
        enterpriseName: enterprises.name,
        districtCode: enterprises.districtCode,
      })
      .from(diagnoses)
      .innerJoin(enterprises, eq(enterprises.id, diagnoses.enterpriseId))
      .where(and(inArray(diagnoses.status, [...OPEN_VISIT_STATUSES]), isNotNull(diagnoses.visitDate)));
    return rows.flatMap((d) =>
      districtOwned(
        { type: "diagnosis", id: d.id, name: `${d.enterpriseName}（诊断）`, districtCode: d.districtCode },
        diagnosisOverdue(d, today),
      ),
    );
  },

  budget_pool_low: async (db, rule, { now }) => {
    const rows = await db
      .select({
        id: budgetPools.id,
        name: budgetPools.name,
        year: budgetPools.year,
        districtCode: budgetPools.districtCode,
        totalFen: budgetPools.totalFen,
        reservedFen: budgetPools.reservedFen,
        paidFen: budgetPools.paidFen,
      })
      .from(budgetPools)
      .where(eq(budgetPools.year, shanghaiYear(now.getTime())));
    return rows.flatMap((p) =>
      districtOwned(
        { ...asSubject("budget_pool", p), name: poolName(p) },
        budgetPoolLow(p, rule.params.percent ?? 10),
      ),
    );
  },

  score_drop: async (db, rule) => {
    // The two latest submitted self-assessments of each enterprise and instrument.
    const ranked = db
      .select({
        enterpriseId: assessments.enterpriseId,
        instrumentId: assessments.instrumentId,
        total: sql<string>`${assessments.total}`.as("total"),
        submittedAt: sql<Date>`${assessments.submittedAt}`.as("submitted_at"),
        n: sql<number>`row_number() over (partition by ${assessments.enterpriseId}, ${assessments.instrumentId} order by ${assessments.submittedAt} desc, ${assessments.id} desc)`.as(
          "n",
        ),
      })
      .from(assessments)
      .where(
        and(eq(assessments.status, "submitted"), eq(assessments.kind, "self"), isNotNull(assessments.total)),
      )
      .as("ranked");
    const rows = await db
      .select({
        enterpriseId: ranked.enterpriseId,
        instrumentId: ranked.instrumentId,
        latestTotal: sql<string>`max(${ranked.total}) filter (where ${ranked.n} = 1)`,
        latestAt: sql<string>`max(${ranked.submittedAt}) filter (where ${ranked.n} = 1)`,
        previousTotal: sql<string>`max(${ranked.total}) filter (where ${ranked.n} = 2)`,
        previousAt: sql<string>`max(${ranked.submittedAt}) filter (where ${ranked.n} = 2)`,
        enterpriseName: enterprises.name,
        districtCode: enterprises.districtCode,
        instrumentName: sql<string>`(select i.name from ${instruments} i where i.id = ${ranked.instrumentId} order by i.loaded_at desc limit 1)`,
      })
      .from(ranked)
      .innerJoin(enterprises, eq(enterprises.id, ranked.enterpriseId))
      .where(sql`${ranked.n} <= 2`)
      .groupBy(ranked.enterpriseId, ranked.instrumentId, enterprises.name, enterprises.districtCode)
      .having(sql`count(*) = 2`);
    const day = (v: string) => new Date(v).toISOString().slice(0, 10);
    return rows.flatMap((r) =>
      districtOwned(
        {
          type: "enterprise",
          id: r.enterpriseId,
          name: r.enterpriseName,
          districtCode: r.districtCode,
          key: `enterprise:${r.enterpriseId}:${r.instrumentId}`,
        },
        scoreDrop(
          {
            enterpriseName: r.enterpriseName,
            instrumentName: r.instrumentName,
            previousTotal: Number(r.previousTotal),
            previousOn: day(r.previousAt),
            latestTotal: Number(r.latestTotal),
            latestOn: day(r.latestAt),
          },
          rule.params.points ?? 5,
        ),
      ),
    );
  },

  indicator_behind: async (db, _rule, { today }) => {
    const defs = (await currentIndicators(db)).filter(
      (d) => d.trajectory.target !== null || d.trajectory.milestones.length > 0,
    );
    const districts = await currentDistricts(db);
    const names = new Map([["city", "全市"], ...districts.map((d): [string, string] => [d.code, d.name])]);
    const items = defs.map((d) => ({ d, period: lastClosedPeriod(today, d.frequency) }));
    const stored = await latestSnapshots(db, {
      indicatorIds: defs.map((d) => d.id),
      periods: [...new Set(items.map((i) => i.period))],
    });
    return items.flatMap(({ d, period }) =>
      ["city", ...(d.districtTargets ? districts.map((x) => x.code) : [])].flatMap((scope): Candidate[] => {
        const snap = stored.get(snapshotKey(d.id, period, scope));
        const scopeName = names.get(scope) ?? scope;
        const finding = indicatorBehind({
          indicatorName: d.name,
          unit: d.unit,
          scopeName,
          period,
          value: snap?.value ?? null,
          expected: expectedValue(d.trajectory, period),
          direction: d.direction,
          thresholds: d.thresholds,
        });
        if (!finding) return [];
        const city = scope === "city";
        const department = city && d.owner.kind === "department";
        return [
          {
            subjectType: "indicator",
            subjectId: `${d.id}@${scope}`,
            subjectName: `${d.name}（${scopeName}）`,
            key: `indicator:${d.id}@${scope}`,
            districtCode: city ? null : scope,
            ownerKind: department ? "department" : city ? "city" : "district",
            ownerCode: department ? d.owner.name : city ? null : scope,
            finding,
          },
        ];
      }),
    );
  },
};

/** The conditions a rule finds now; a kind without a source (待接入) finds none. */
export function collectCandidates(
  db: Executor,
  rule: WarningRuleDefinition,
  clock: EvaluationClock,
): Promise<Candidate[]> {
  const collect = COLLECTORS[rule.kind];
  return collect ? collect(db, rule, clock) : Promise.resolve([]);
}
