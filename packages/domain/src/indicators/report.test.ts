import { describe, expect, it } from "vitest";
import { type ReportFacts, reportWorkflow } from "../access/indicator-report-access";
import { decideStep } from "../access/workflow";
import { reportLate } from "../warnings/rules";
import {
  cityAggregate,
  isJump,
  isReportOverdue,
  reportDaysLate,
  reportDueDate,
  reportingOf,
  validateReportValue,
} from "./report";

const coverage = { name: "覆盖率", unit: "%", decimals: 1 };
const growth = { name: "技改投资增长", unit: "%", decimals: 1, reporting: { min: -100, max: null } };
const factories = { name: "新增智能工厂", unit: "家", decimals: 0 };

describe("填报 defaults", () => {
  it("a % is 0–100 by default, other units have no upper bound; due 10 days, jump 30 %", () => {
    expect(reportingOf(coverage)).toMatchObject({ min: 0, max: 100, dueDays: 10, jumpPercent: 30 });
    expect(reportingOf(factories)).toMatchObject({ min: 0, max: null, cityAggregate: "sum" });
    expect(reportingOf(growth)).toMatchObject({ min: -100, max: null });
  });
});

describe("validateReportValue: range and type", () => {
  it.each([
    [coverage, 0, []],
    [coverage, 100, []],
    [coverage, 100.1, ["“覆盖率”的填报值不能大于100%"]],
    [coverage, -0.1, ["“覆盖率”的填报值不能小于0%"]],
    [coverage, 12.34, ["“覆盖率”的填报值最多保留1位小数"]],
    [growth, -12.5, []],
    [growth, 180, []],
    [factories, 3.5, ["“新增智能工厂”的填报值应为整数"]],
    [factories, 12, []],
  ])("%o value %s", (ind, value, messages) => {
    expect(validateReportValue(ind, { value, note: null }, null).map((i) => i.message)).toEqual(messages);
  });

  it("empty and non-numbers are refused, naming the indicator", () => {
    expect(validateReportValue(coverage, { value: null, note: null }, null)[0]?.message).toBe(
      "“覆盖率”的填报值不能为空",
    );
    expect(validateReportValue(coverage, { value: Number.NaN, note: null }, null)[0]?.message).toBe(
      "“覆盖率”的填报值应为数字",
    );
  });
});

describe("jump rule at the boundary", () => {
  it("exactly 30 % needs no note, one step more does (exact decimals)", () => {
    expect(isJump(13, 10, 30, 1)).toBe(false);
    expect(isJump(13.1, 10, 30, 1)).toBe(true);
    expect(isJump(7, 10, 30, 1)).toBe(false);
    expect(isJump(6.9, 10, 30, 1)).toBe(true);
    expect(isJump(1.3, 1, 30, 1)).toBe(false); // 1.3 − 1.0 is 0.30000000000000004 in floats
    expect(isJump(0, 0, 30, 0)).toBe(false);
    expect(isJump(1, 0, 30, 0)).toBe(true);
    expect(isJump(-13, -10, 30, 1)).toBe(false);
  });

  it("a jump without a note is refused on the note field; with a note it passes", () => {
    const issues = validateReportValue(coverage, { value: 60, note: "  " }, 40);
    expect(issues).toEqual([
      { field: "note", message: "“覆盖率”较上期审核值（40%）变动超过30%，请在说明中写明原因" },
    ]);
    expect(validateReportValue(coverage, { value: 60, note: "新增两个园区" }, 40)).toEqual([]);
    expect(validateReportValue(coverage, { value: 52, note: null }, 40)).toEqual([]);
    expect(validateReportValue(coverage, { value: 60, note: null }, null)).toEqual([]);
  });

  it("the indicator's own jump percent is used", () => {
    const strict = { ...coverage, reporting: { jumpPercent: 10 } };
    expect(validateReportValue(strict, { value: 44, note: null }, 40)).toEqual([]);
    expect(validateReportValue(strict, { value: 44.1, note: null }, 40)).toHaveLength(1);
  });
});

describe("due date and 逾期 at Asia/Shanghai day boundaries", () => {
  it("due = period end + days", () => {
    expect(reportDueDate("2026-10", 10)).toBe("2026-11-10");
    expect(reportDueDate("2026-Q4", 10)).toBe("2027-01-10");
    expect(reportDueDate("2025", 15)).toBe("2026-01-15");
    expect(reportDueDate("2028-02", 0)).toBe("2028-02-29");
  });

  it("late from 00:00 Shanghai of the day after the due day, never once submitted", () => {
    const task = { status: "pending" as const, dueDate: "2026-11-10" };
    expect(isReportOverdue(task, new Date("2026-11-10T15:59:59Z"))).toBe(false); // 23:59:59 +08
    expect(isReportOverdue(task, new Date("2026-11-10T16:00:00Z"))).toBe(true); // 11-11 00:00 +08
    expect(reportDaysLate(task, new Date("2026-11-10T16:00:00Z"))).toBe(1);
    expect(reportDaysLate(task, new Date("2026-11-10T15:59:59Z"))).toBe(0);
    expect(isReportOverdue({ ...task, status: "returned" }, new Date("2026-11-20T00:00:00Z"))).toBe(true);
    expect(isReportOverdue({ ...task, status: "draft" }, new Date("2026-11-20T00:00:00Z"))).toBe(true);
    expect(isReportOverdue({ ...task, status: "submitted" }, new Date("2026-12-20T00:00:00Z"))).toBe(false);
    expect(isReportOverdue({ ...task, status: "approved" }, new Date("2026-12-20T00:00:00Z"))).toBe(false);
  });
});

describe("city aggregate", () => {
  it("sum or average at the indicator's decimals; nothing approved → null", () => {
    expect(cityAggregate([1, 2, 4], "sum", 0)).toBe(7);
    expect(cityAggregate([50, 60, 65], "average", 1)).toBe(58.3);
    expect(cityAggregate([], "sum", 0)).toBeNull();
  });
});

describe("reportWorkflow", () => {
  const city = { id: "c", role: "city_admin" as const, districtCode: null, enterpriseId: null };
  const binhai = { id: "b", role: "district_admin" as const, districtCode: "120116", enterpriseId: null };
  const heping = { id: "h", role: "district_admin" as const, districtCode: "120101", enterpriseId: null };
  const stats = { id: "s", role: "department" as const, districtCode: null, enterpriseId: null };
  const districtTask = (status: ReportFacts["status"], org: string | null = null): ReportFacts => ({
    status,
    ownerKind: "district",
    ownerCode: "120116",
    actorOrganization: org,
  });
  it("the owner district fills, another district and the city do not; the city reviews", () => {
    expect(decideStep(reportWorkflow, binhai, districtTask("pending"), "submit")).toEqual({ ok: true });
    expect(decideStep(reportWorkflow, binhai, districtTask("returned"), "save")).toEqual({ ok: true });
    expect(decideStep(reportWorkflow, heping, districtTask("pending"), "submit")).toEqual({
      ok: false,
      refusal: "role",
    });
    expect(decideStep(reportWorkflow, city, districtTask("pending"), "submit").ok).toBe(false);
    expect(decideStep(reportWorkflow, binhai, districtTask("submitted"), "approve")).toEqual({
      ok: false,
      refusal: "role",
    });
    expect(decideStep(reportWorkflow, city, districtTask("submitted"), "approve")).toEqual({ ok: true });
    expect(decideStep(reportWorkflow, city, districtTask("approved"), "approve")).toEqual({
      ok: false,
      refusal: "status",
    });
    expect(decideStep(reportWorkflow, binhai, districtTask("approved"), "save")).toEqual({
      ok: false,
      refusal: "status",
    });
  });
  it("a department fills only what its organisation owns", () => {
    const t = (org: string | null): ReportFacts => ({
      status: "pending",
      ownerKind: "department",
      ownerCode: "市统计局",
      actorOrganization: org,
    });
    expect(decideStep(reportWorkflow, stats, t("市统计局"), "submit").ok).toBe(true);
    expect(decideStep(reportWorkflow, stats, t("天津市发展和改革委员会"), "submit").ok).toBe(false);
  });
});

describe("warning rule 填报逾期 at its boundary", () => {
  const t = {
    indicatorName: "新增智能工厂",
    scopeName: "滨海新区",
    period: "2026-Q3",
    status: "pending" as const,
    dueDate: "2026-10-10",
  };
  it("fires from `days` days late (Asia/Shanghai), not before, never once submitted", () => {
    expect(reportLate(t, new Date("2026-10-10T15:59:59Z"), 1)).toBeNull();
    expect(reportLate(t, new Date("2026-10-10T16:00:00Z"), 1)).toMatchObject({
      severity: 1,
      title: "滨海新区“新增智能工厂”2026-Q3填报逾期1天",
    });
    expect(reportLate(t, new Date("2026-10-11T16:00:00Z"), 3)).toBeNull(); // 2 days late
    expect(reportLate(t, new Date("2026-10-12T16:00:00Z"), 3)?.severity).toBe(3);
    expect(reportLate({ ...t, status: "submitted" }, new Date("2026-12-01T00:00:00Z"), 1)).toBeNull();
  });
});
