import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PROJECT_TYPE_LABELS } from "../policy/fact-catalogue";
import { checkApplication, projectFacts } from "./facts";
import {
  addDays,
  checkProgressReport,
  daysBetween,
  milestoneReached,
  overdueWarnings,
  type ProgressState,
  planTranches,
  trancheGate,
  validateTranchePlan,
} from "./milestones";
import {
  averageScore,
  EXPERT_SCORE_MAX,
  EXPERT_SCORE_SHEET,
  PROJECT_TYPES,
  sheetTotal,
  validateScoreSheet,
} from "./project";

const TODAY = "2026-06-15";
const WAN = 1_000_000;

describe("score sheet", () => {
  const full = Object.fromEntries(EXPERT_SCORE_SHEET.map((i) => [i.id, i.max]));
  it("sums to 100 and validates each item", () => {
    expect(EXPERT_SCORE_MAX).toBe(100);
    expect(validateScoreSheet(full)).toBeNull();
    expect(sheetTotal(full)).toBe(100);
    expect(validateScoreSheet({ ...full, necessity: 21 })?.message).toBe(
      "项目必要性与政策符合度：应为 0–20 的整数分",
    );
    expect(validateScoreSheet({ ...full, necessity: 2.5 })?.field).toBe("scores.necessity");
    const { benefit: _b, ...missing } = full;
    expect(validateScoreSheet(missing)?.message).toBe("预期经济和社会效益：请打分");
    expect(validateScoreSheet({ ...full, extra: 1 })?.field).toBe("scores.extra");
  });
  it.each([
    [[], null],
    [[80], "80.0"],
    [[80, 85], "82.5"],
    [[80, 85, 86], "83.7"], // 83.666… → 83.7
    [[1, 2], "1.5"],
    [[0, 0, 1], "0.3"],
  ])("average of %j = %s", (totals, avg) => expect(averageScore(totals)).toBe(avg));
});

describe("project types follow the policy fact catalogue", () => {
  it("same keys", () => expect(PROJECT_TYPES).toEqual(Object.keys(PROJECT_TYPE_LABELS)));
});

const building = (over: Partial<ProgressState> = {}): ProgressState => ({
  status: "in_construction",
  totalInvestmentFen: 2000 * WAN,
  startedOn: "2026-03-01",
  lastPercent: 40,
  lastInvestmentFen: 800 * WAN,
  lastReportOn: "2026-05-01",
  ...over,
});

describe("progress reports", () => {
  it.each([
    [
      "开工 on an approved project",
      {
        ...building(),
        status: "approved" as const,
        startedOn: null,
        lastPercent: 0,
        lastInvestmentFen: 0,
        lastReportOn: null,
      },
      { kind: "start" as const, reportDate: "2026-06-01" },
      "in_construction",
    ],
    [
      "progress up",
      building(),
      {
        kind: "progress" as const,
        reportDate: "2026-06-01",
        percent: 55,
        investmentCompletedFen: 1100 * WAN,
      },
      "in_construction",
    ],
    [
      "same percent again",
      building(),
      { kind: "progress" as const, reportDate: "2026-06-01", percent: 40 },
      "in_construction",
    ],
    [
      "竣工 → acceptance",
      building(),
      { kind: "completion" as const, reportDate: TODAY, investmentCompletedFen: 2000 * WAN },
      "acceptance",
    ],
  ])("%s", (_n, s, r, next) => {
    const out = checkProgressReport(s, r, TODAY);
    expect(out.ok && out.nextStatus).toBe(next);
  });
  it.each([
    ["开工 twice", building(), { kind: "start" as const, reportDate: TODAY }, "kind", true],
    [
      "progress before 开工",
      { ...building(), status: "approved" as const },
      { kind: "progress" as const, reportDate: TODAY, percent: 1 },
      "kind",
      true,
    ],
    [
      "future date",
      building(),
      { kind: "progress" as const, reportDate: "2026-06-16", percent: 50 },
      "reportDate",
      undefined,
    ],
    [
      "before 开工",
      building({ lastReportOn: null }),
      { kind: "progress" as const, reportDate: "2026-02-28", percent: 50 },
      "reportDate",
      undefined,
    ],
    [
      "before last report",
      building(),
      { kind: "progress" as const, reportDate: "2026-04-30", percent: 50 },
      "reportDate",
      undefined,
    ],
    [
      "percent down",
      building(),
      { kind: "progress" as const, reportDate: TODAY, percent: 39 },
      "percent",
      undefined,
    ],
    [
      "percent > 100",
      building(),
      { kind: "progress" as const, reportDate: TODAY, percent: 101 },
      "percent",
      undefined,
    ],
    ["percent missing", building(), { kind: "progress" as const, reportDate: TODAY }, "percent", undefined],
    [
      "investment above total (+1 分)",
      building(),
      { kind: "progress" as const, reportDate: TODAY, percent: 90, investmentCompletedFen: 2000 * WAN + 1 },
      "investmentCompletedWan",
      undefined,
    ],
    [
      "investment down",
      building(),
      { kind: "progress" as const, reportDate: TODAY, percent: 90, investmentCompletedFen: 800 * WAN - 1 },
      "investmentCompletedWan",
      undefined,
    ],
  ])("refused: %s", (_n, s, r, field, state) => {
    const out = checkProgressReport(s, r, TODAY);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.field).toBe(field);
      expect(out.state).toBe(state);
    }
  });
  it("investment exactly the total is fine", () => {
    const out = checkProgressReport(
      building(),
      { kind: "progress", reportDate: TODAY, percent: 99, investmentCompletedFen: 2000 * WAN },
      TODAY,
    );
    expect(out.ok).toBe(true);
  });
  it("property: an accepted sequence is monotonic and never above the total", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -5, max: 105 }), fc.integer({ min: 0, max: 3000 })), {
          maxLength: 12,
        }),
        (steps) => {
          let s = building({ lastPercent: 0, lastInvestmentFen: 0, lastReportOn: "2026-03-01" });
          for (const [percent, wan] of steps) {
            const out = checkProgressReport(
              s,
              { kind: "progress", reportDate: TODAY, percent, investmentCompletedFen: wan * WAN },
              TODAY,
            );
            if (!out.ok) continue;
            expect(out.percent).toBeGreaterThanOrEqual(s.lastPercent);
            expect(out.percent).toBeLessThanOrEqual(100);
            expect(out.investmentCompletedFen).toBeGreaterThanOrEqual(s.lastInvestmentFen);
            expect(out.investmentCompletedFen).toBeLessThanOrEqual(s.totalInvestmentFen);
            s = {
              ...s,
              lastPercent: out.percent,
              lastInvestmentFen: out.investmentCompletedFen,
              lastReportOn: TODAY,
            };
          }
        },
      ),
    );
  });
});

describe("overdue", () => {
  const base = {
    plannedStartDate: "2026-06-14",
    plannedFinishDate: "2026-12-31",
    startedOn: null,
    lastReportOn: null,
  };
  it.each([
    ["approved, planned start yesterday", { ...base, status: "approved" as const }, ["start_late"]],
    ["approved, planned start today", { ...base, status: "approved" as const, plannedStartDate: TODAY }, []],
    ["expert review, start passed (not funded yet)", { ...base, status: "expert_review" as const }, []],
    [
      "building, finish passed",
      {
        ...base,
        status: "in_construction" as const,
        plannedFinishDate: "2026-06-14",
        startedOn: "2026-06-01",
      },
      ["finish_late"],
    ],
    [
      "building, finish today",
      { ...base, status: "in_construction" as const, plannedFinishDate: TODAY, startedOn: "2026-06-01" },
      [],
    ],
    [
      "30 days since last report",
      {
        ...base,
        status: "in_construction" as const,
        startedOn: "2026-04-01",
        lastReportOn: addDays(TODAY, -30),
      },
      [],
    ],
    [
      "31 days since last report",
      {
        ...base,
        status: "in_construction" as const,
        startedOn: "2026-04-01",
        lastReportOn: addDays(TODAY, -31),
      },
      ["report_stale"],
    ],
    [
      "31 days since 开工, no report",
      { ...base, status: "in_construction" as const, startedOn: addDays(TODAY, -31) },
      ["report_stale"],
    ],
    [
      "completion reported (acceptance)",
      { ...base, status: "acceptance" as const, plannedFinishDate: "2026-01-01", startedOn: "2025-01-01" },
      [],
    ],
    [
      "both late",
      {
        ...base,
        status: "in_construction" as const,
        plannedFinishDate: "2026-06-01",
        startedOn: "2026-01-01",
        lastReportOn: "2026-02-01",
      },
      ["finish_late", "report_stale"],
    ],
  ])("%s", (_n, p, expected) => expect(overdueWarnings(p, TODAY)).toEqual(expected));
  it("day arithmetic across months and leap years", () => {
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2025-12-31", "2026-01-01")).toBe(1);
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
  });
});

describe("tranches", () => {
  it.each([
    [100, [50, 50]],
    [101, [50, 51]],
    [1, [0, 1]],
    [2_000_001, [1_000_000, 1_000_001]],
  ])("plan of %i 分 = %j", (amount, parts) =>
    expect(planTranches(amount).map((t) => t.amountFen)).toEqual(parts),
  );
  it("property: the plan sums exactly to the approved amount and validates", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 45 }), (amount) => {
        const plan = planTranches(amount);
        expect(plan.reduce((s, t) => s + t.amountFen, 0)).toBe(amount);
        expect(validateTranchePlan(plan, amount)).toBeNull();
        if (amount > 0)
          expect(validateTranchePlan(plan, amount - 1)).toBe("分期拨付合计不能超过核定补助金额");
      }),
    );
  });
  it("plan rules", () => {
    expect(
      validateTranchePlan(
        [
          { tranche: 1, milestone: "completion", amountFen: 1 },
          { tranche: 2, milestone: "start", amountFen: 1 },
        ],
        10,
      ),
    ).toBe("竣工验收后的拨付只能是最后一笔");
    expect(validateTranchePlan([{ tranche: 2, milestone: "start", amountFen: 1 }], 10)).toBe(
      "拨付批次应从 1 开始连续编号",
    );
  });
  const plan = planTranches(1_000_000);
  it.each([
    ["1st after 开工", 1, "in_construction", 0, true],
    ["1st before 开工", 1, "approved", 0, "第1笔须在项目报告开工后拨付"],
    ["1st paid twice", 1, "completed", 1, "第1笔已拨付"],
    ["2nd before 1st", 2, "completed", 0, "请先拨付第1笔"],
    ["2nd before 验收 (竣工 reported)", 2, "acceptance", 1, "第2笔须在项目通过竣工验收后拨付"],
    ["2nd after 验收", 2, "completed", 1, true],
    ["no 3rd", 3, "completed", 2, "拨付计划中没有第3笔"],
  ] as const)("%s", (_n, n, status, paid, expected) => {
    const g = trancheGate(plan, n, status, paid);
    expect(g.ok ? true : g.message).toBe(expected);
  });
  it("milestones", () => {
    expect(milestoneReached("start", "acceptance")).toBe(true);
    expect(milestoneReached("completion", "acceptance")).toBe(false);
  });
});

describe("project facts and application checks", () => {
  const p = {
    type: "tech_upgrade" as const,
    status: "expert_review" as const,
    totalInvestmentFen: 1500 * WAN,
    equipmentInvestmentFen: 800 * WAN,
    softwareInvestmentFen: 200 * WAN,
    approvedEquipmentInvestmentFen: null,
    investmentCompletedFen: null,
    loanPrincipalFen: null,
    loanMonths: null,
    cityDemonstration: false,
    reloanSupported: false,
    plannedStartDate: "2026-07-01",
    plannedFinishDate: "2027-06-30",
    startedOn: null,
    finishedOn: null,
  };
  it("maps fields to fact ids; unknown loan stays absent", () => {
    expect(projectFacts(p)).toEqual({
      projectType: "tech_upgrade",
      totalInvestmentFen: 1500 * WAN,
      equipmentInvestmentFen: 800 * WAN,
      softwareInvestmentFen: 200 * WAN,
      approvedEquipmentInvestmentFen: 800 * WAN,
      actualInvestmentFen: 1500 * WAN,
      completionAccepted: false,
      cityDemonstration: false,
      reloanSupported: false,
      startDate: "2026-07-01",
      finishDate: "2027-06-30",
    });
    const done = projectFacts({
      ...p,
      status: "completed",
      investmentCompletedFen: 1400 * WAN,
      approvedEquipmentInvestmentFen: 700 * WAN,
      loanPrincipalFen: 0,
      loanMonths: 24,
      startedOn: "2026-07-02",
      finishedOn: "2027-05-01",
    });
    expect(done).toMatchObject({
      actualInvestmentFen: 1400 * WAN,
      approvedEquipmentInvestmentFen: 700 * WAN,
      completionAccepted: true,
      loanPrincipalFen: 0,
      loanMonths: 24,
      startDate: "2026-07-02",
      finishDate: "2027-05-01",
    });
  });
  it("maps 示范 and 再贷款 declarations; 再贷款 without a loan is false", () => {
    const demo = projectFacts({ ...p, type: "industrial_internet", cityDemonstration: true });
    expect(demo).toMatchObject({ projectType: "industrial_internet", cityDemonstration: true });
    const loan = projectFacts({
      ...p,
      loanPrincipalFen: 1000 * WAN,
      loanMonths: 18,
      reloanSupported: true,
    });
    expect(loan).toMatchObject({ loanPrincipalFen: 1000 * WAN, loanMonths: 18, reloanSupported: true });
    expect(projectFacts({ ...p, reloanSupported: true }).reloanSupported).toBe(false);
  });
  it.each([
    [{}, null],
    [{ loanPrincipalFen: 1000 * WAN, loanMonths: 18, reloanSupported: true }, null],
    [{ loanPrincipalFen: 1000 * WAN }, "loanMonths"],
    [{ loanMonths: 18 }, "loanPrincipalWan"],
    [{ reloanSupported: true }, "loanPrincipalWan"],
    [{ totalInvestmentFen: 0 }, "totalInvestmentWan"],
    [{ equipmentInvestmentFen: 1300 * WAN + 1 }, "equipmentInvestmentWan"],
    [{ equipmentInvestmentFen: 1300 * WAN }, null],
    [{ plannedFinishDate: "2026-06-30" }, "plannedFinishDate"],
  ])("application %j → %s", (over, field) =>
    expect(checkApplication({ ...p, ...over })?.field ?? null).toBe(field),
  );
});
