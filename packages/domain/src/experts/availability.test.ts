import { describe, expect, it } from "vitest";
import { availabilityProblem, sortAvailability } from "./availability";

describe("availabilityProblem", () => {
  it("accepts empty, single-day and adjacent windows", () => {
    expect(availabilityProblem([])).toBeNull();
    expect(availabilityProblem([{ from: "2026-03-01", to: "2026-03-01" }])).toBeNull();
    expect(
      availabilityProblem([
        { from: "2026-03-01", to: "2026-03-10" },
        { from: "2026-03-11", to: "2026-03-20" },
      ]),
    ).toBeNull();
  });

  it("refuses a start after the end, naming the row and the field", () => {
    expect(
      availabilityProblem([
        { from: "2026-03-01", to: "2026-03-10" },
        { from: "2026-05-10", to: "2026-05-01" },
      ]),
    ).toEqual({
      index: 1,
      field: "to",
      message: "可用时间第 2 段：结束日期 2026-05-01 不能早于开始日期 2026-05-10",
    });
  });

  it("refuses overlaps, also a shared day and containment, in any order", () => {
    const shared = availabilityProblem([
      { from: "2026-03-01", to: "2026-03-10" },
      { from: "2026-03-10", to: "2026-03-20" },
    ]);
    expect(shared).toMatchObject({ index: 1, field: "from" });
    expect(shared!.message).toContain("与第 1 段（2026-03-01 至 2026-03-10）重叠");
    expect(
      availabilityProblem([
        { from: "2026-06-01", to: "2026-06-30" },
        { from: "2026-01-01", to: "2026-01-31" },
        { from: "2026-06-10", to: "2026-06-12" },
      ]),
    ).toMatchObject({ index: 2, message: expect.stringContaining("第 3 段") });
  });

  it("refuses impossible dates", () => {
    expect(availabilityProblem([{ from: "2026-02-30", to: "2026-03-01" }])).toMatchObject({
      index: 0,
      field: "from",
    });
  });

  it("sorts by start", () => {
    expect(
      sortAvailability([
        { from: "2026-06-01", to: "2026-06-30" },
        { from: "2026-01-01", to: "2026-01-31" },
      ]).map((w) => w.from),
    ).toEqual(["2026-01-01", "2026-06-01"]);
  });
});
