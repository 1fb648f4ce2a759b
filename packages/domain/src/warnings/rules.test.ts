import { describe, expect, it } from "vitest";
import {
  budgetPoolLow,
  diagnosisOverdue,
  indicatorBehind,
  levelFor,
  projectMilestoneLate,
  projectReportStale,
  scoreDrop,
} from "./rules";

const TODAY = "2026-12-07";

describe("levelFor: the highest band reached, else the rule's level", () => {
  const rule = {
    level: "yellow" as const,
    bands: [
      { min: 30, level: "red" as const },
      { min: 14, level: "orange" as const },
    ],
  };
  it.each([
    [1, "yellow"],
    [13, "yellow"],
    [14, "orange"],
    [29, "orange"],
    [30, "red"],
    [400, "red"],
  ])("severity %d → %s", (severity, level) => expect(levelFor(rule, severity)).toBe(level));
});

describe("indicator behind its trajectory", () => {
  const base = {
    indicatorName: "数字化研发设计工具普及率",
    unit: "%",
    scopeName: "全市",
    period: "2026-11",
    direction: "higher" as const,
    thresholds: { alertGap: 0.1, excellenceMargin: null },
  };
  it.each([
    [90, 90, null],
    [89.99, 90, 1],
    [81.01, 90, 1],
    [81, 90, 2],
    [null, 90, null],
    [50, null, null],
  ])("value %s vs expected %s → severity %s", (value, expected, severity) => {
    const f = indicatorBehind({ ...base, value, expected });
    expect(f?.severity ?? null).toBe(severity);
  });
  it("titles the scope, the indicator, the status and the period", () => {
    expect(indicatorBehind({ ...base, value: 70, expected: 90 })?.title).toBe(
      "全市数字化研发设计工具普及率预警（2026-11）",
    );
  });
});

const project = {
  name: "智能产线改造",
  status: "in_construction" as const,
  plannedStartDate: "2026-01-01",
  plannedFinishDate: "2027-06-30",
  startedOn: "2026-02-01",
  lastReportOn: null as string | null,
};

describe("project with no progress report for N days", () => {
  it.each([
    ["2026-11-07", null], // exactly 30 days: not yet
    ["2026-11-06", 31],
    ["2026-06-01", 189],
  ])("last report %s → severity %s", (lastReportOn, severity) => {
    expect(projectReportStale({ ...project, lastReportOn }, TODAY, 30)?.severity ?? null).toBe(severity);
  });
  it("counts from 开工 when there is no report, and only in construction", () => {
    expect(projectReportStale(project, TODAY, 30)?.detail.lastReportOn).toBe("2026-02-01");
    expect(projectReportStale({ ...project, status: "completed" }, TODAY, 30)).toBeNull();
  });
  it("uses the rule's days", () => {
    const p = { ...project, lastReportOn: "2026-11-27" };
    expect(projectReportStale(p, TODAY, 10)).toBeNull();
    expect(projectReportStale(p, TODAY, 9)?.severity).toBe(10);
  });
});

describe("project past a milestone", () => {
  it.each([
    ["approved", "2026-12-07", "2027-06-30", null], // planned start today: not late
    ["approved", "2026-12-06", "2027-06-30", 1],
    ["in_construction", "2026-01-01", "2026-12-07", null],
    ["in_construction", "2026-01-01", "2026-11-07", 30],
    ["completed", "2026-01-01", "2026-01-02", null],
  ] as const)(
    "%s, start %s, finish %s → severity %s",
    (status, plannedStartDate, plannedFinishDate, severity) => {
      const f = projectMilestoneLate({ ...project, status, plannedStartDate, plannedFinishDate }, TODAY);
      expect(f?.severity ?? null).toBe(severity);
    },
  );
  it("names the milestone", () => {
    const f = projectMilestoneLate({ ...project, status: "approved", plannedStartDate: "2026-12-01" }, TODAY);
    expect(f?.title).toBe("项目“智能产线改造”逾期未开工6天");
  });
});

describe("diagnosis overdue (the diagnosis service's definition)", () => {
  it.each([
    ["scheduled", "2026-12-07", null],
    ["scheduled", "2026-12-06", 1],
    ["in_progress", "2026-11-01", 36],
    ["verified", "2026-11-01", null],
    ["requested", "2026-11-01", null],
    ["scheduled", null, null],
  ] as const)("%s, visit %s → severity %s", (status, visitDate, severity) => {
    expect(diagnosisOverdue({ enterpriseName: "甲", status, visitDate }, TODAY)?.severity ?? null).toBe(
      severity,
    );
  });
});

describe("budget pool below N % remaining", () => {
  const pool = { name: "市级专项", year: 2026, totalFen: 1_000_000, reservedFen: 0, paidFen: 0 };
  it.each([
    [900_000, 0, null], // exactly 10 % left: not below
    [900_001, 0, 90],
    [500_000, 400_001, 90],
    [600_000, 400_000, 100],
    [0, 0, null],
  ])("reserved %d, paid %d → severity %s", (reservedFen, paidFen, severity) => {
    expect(budgetPoolLow({ ...pool, reservedFen, paidFen }, 10)?.severity ?? null).toBe(severity);
  });
  it("a pool of 0 raises nothing", () => {
    expect(budgetPoolLow({ ...pool, totalFen: 0 }, 10)).toBeNull();
  });
  it("says what is left", () => {
    expect(budgetPoolLow({ ...pool, reservedFen: 950_000 }, 10)?.title).toBe(
      "预算池“市级专项（2026年）”余额仅剩5%",
    );
    const named = { ...pool, name: "2026年市级专项", reservedFen: 950_000 };
    expect(budgetPoolLow(named, 10)?.title).toBe("预算池“2026年市级专项”余额仅剩5%");
  });
});

describe("score dropped at re-assessment", () => {
  const s = {
    enterpriseName: "乙",
    instrumentName: "智能制造能力成熟度自评估",
    previousTotal: 60,
    previousOn: "2025-11-01",
    latestOn: "2026-11-01",
  };
  it.each([
    [60, null],
    [55.1, null],
    [55, 5],
    [40.5, 19.5],
    [70, null],
  ])("60 → %d → severity %s", (latestTotal, severity) => {
    expect(scoreDrop({ ...s, latestTotal }, 5)?.severity ?? null).toBe(severity);
  });
});
