import { describe, expect, it } from "vitest";
import { mayBriefing } from "../access/briefing-access";
import { ROLES } from "../access/roles";
import { briefingHighlights, changeOf, type HighlightInput } from "./briefing";

const row = (over: Partial<HighlightInput> & { indicatorId: string }): HighlightInput => ({
  name: over.indicatorId,
  direction: "higher",
  current: 10,
  previous: 10,
  status: "on_track",
  previousStatus: "on_track",
  ...over,
});

describe("change against the previous period", () => {
  it.each([
    [12, 10, "higher", 2, 0.2, 1],
    [8, 10, "higher", -2, -0.2, -1],
    [8, 10, "lower", -2, -0.2, 1],
    [12, 10, "lower", 2, 0.2, -1],
    [10, 10, "higher", 0, 0, 0],
    [5, 0, "higher", 5, null, 1], // from 0: no relative change
    [-5, -10, "higher", 5, 0.5, 1], // the scale is |previous|
    [null, 10, "higher", null, null, null],
    [10, null, "lower", null, null, null],
  ] as const)("%s after %s (%s) → %s, %s, %s", (cur, prev, dir, change, relative, d) => {
    const c = changeOf(cur, prev, dir);
    expect(c.change).toBe(change);
    if (relative === null) expect(c.relative).toBeNull();
    else expect(c.relative).toBeCloseTo(relative, 12);
    expect(c.direction).toBe(d);
  });
});

describe("briefing highlights", () => {
  it("an unchanged figure or a missing one is not a highlight", () => {
    const h = briefingHighlights([
      row({ indicatorId: "same" }),
      row({ indicatorId: "no-current", current: null }),
      row({ indicatorId: "no-previous", previous: null, status: "alert" }),
    ]);
    expect(h).toEqual({ improvements: [], slips: [] });
  });

  it("the value's change in the indicator's direction decides; lower-is-better is mirrored", () => {
    const h = briefingHighlights([
      row({ indicatorId: "up", current: 11 }),
      row({ indicatorId: "down", current: 9 }),
      row({ indicatorId: "cost-down", direction: "lower", current: 9 }),
      row({ indicatorId: "cost-up", direction: "lower", current: 11 }),
    ]);
    expect(h.improvements.map((x) => x.indicatorId)).toEqual(["cost-down", "up"]);
    expect(h.slips.map((x) => x.indicatorId)).toEqual(["cost-up", "down"]);
    expect(h.improvements[1]).toMatchObject({ change: 1, previous: 10, current: 11, reason: "value" });
  });

  it("a status move ranks before any value change and decides the kind, more steps first", () => {
    const h = briefingHighlights([
      row({ indicatorId: "big-value", current: 20 }), // +100 % but no status move
      row({ indicatorId: "one-step", current: 10.1, previousStatus: "behind" }),
      row({ indicatorId: "two-steps", current: 10.01, previousStatus: "alert" }),
      // The target moved on: the value rose a little but the status fell — a slip.
      row({ indicatorId: "fell-behind", current: 10.5, status: "behind" }),
      row({ indicatorId: "small-drop", current: 9.9 }),
    ]);
    expect(h.improvements.map((x) => x.indicatorId)).toEqual(["two-steps", "one-step", "big-value"]);
    expect(h.slips.map((x) => x.indicatorId)).toEqual(["fell-behind", "small-drop"]);
    expect(h.slips[0]).toMatchObject({ reason: "status", statusFrom: "on_track", statusTo: "behind" });
  });

  it("ranks by relative change; a change from 0 comes after; ties by id; at most `limit`", () => {
    const h = briefingHighlights(
      [
        row({ indicatorId: "b", previous: 0, current: 1000 }),
        row({ indicatorId: "c", previous: 100, current: 110 }), // +10 %
        row({ indicatorId: "a", previous: 1, current: 1.1 }), // +10 %, same as c: id decides
        row({ indicatorId: "d", previous: 10, current: 15 }), // +50 %
      ],
      3,
    );
    expect(h.improvements.map((x) => x.indicatorId)).toEqual(["d", "a", "c"]);
    expect(
      briefingHighlights([row({ indicatorId: "b", previous: 0, current: 1 })]).improvements[0],
    ).toMatchObject({ relative: null });
  });

  it("an unknown status on either side is a value comparison only", () => {
    const h = briefingHighlights([
      row({ indicatorId: "x", current: 9, previousStatus: "unknown", status: "alert" }),
    ]);
    expect(h.slips[0]).toMatchObject({ indicatorId: "x", reason: "value" });
  });
});

describe("briefing access", () => {
  it.each(ROLES.map((r) => [r]))("%s", (role) => {
    expect(mayBriefing(role, "generate")).toBe(role === "city_admin");
    expect(mayBriefing(role, "read")).toBe(role === "city_admin" || role === "district_admin");
  });
});
