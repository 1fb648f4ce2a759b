import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysInMonth, describeSchedule, type JobSchedule, nextRunAfter, scheduleProblem } from "./schedule";

/** An instant given as Shanghai wall-clock time "YYYY-MM-DD HH:MM:SS". */
const sh = (text: string) => new Date(`${text.replace(" ", "T")}+08:00`);

describe("nextRunAfter", () => {
  const cases: [string, JobSchedule, string, string][] = [
    // every N minutes: the next multiple of N in Shanghai time, strictly after now
    ["every 15, between slots", { kind: "every", minutes: 15 }, "2026-03-10 09:07:30", "2026-03-10 09:15:00"],
    [
      "every 15, exactly on a slot",
      { kind: "every", minutes: 15 },
      "2026-03-10 09:15:00",
      "2026-03-10 09:30:00",
    ],
    [
      "every 15, just after a slot",
      { kind: "every", minutes: 15 },
      "2026-03-10 09:15:00.001",
      "2026-03-10 09:30:00",
    ],
    [
      "every 60 across midnight",
      { kind: "every", minutes: 60 },
      "2026-12-31 23:30:00",
      "2027-01-01 00:00:00",
    ],
    [
      "every 1440 = Shanghai midnight",
      { kind: "every", minutes: 1440 },
      "2026-05-05 00:00:00",
      "2026-05-06 00:00:00",
    ],
    ["every 1", { kind: "every", minutes: 1 }, "2026-05-05 10:00:59.999", "2026-05-05 10:01:00"],
    // daily at HH:MM (Shanghai)
    ["daily, later today", { kind: "daily", at: "03:00" }, "2026-03-10 01:00:00", "2026-03-10 03:00:00"],
    [
      "daily, exactly at the time",
      { kind: "daily", at: "03:00" },
      "2026-03-10 03:00:00",
      "2026-03-11 03:00:00",
    ],
    ["daily, already past", { kind: "daily", at: "03:00" }, "2026-03-10 03:00:01", "2026-03-11 03:00:00"],
    // 07:30 UTC is 15:30 Shanghai: "today" is the Shanghai day, not the UTC day
    [
      "daily, Shanghai day ≠ UTC day",
      { kind: "daily", at: "06:00" },
      "2026-03-11 07:30:00",
      "2026-03-12 06:00:00",
    ],
    ["daily, year end", { kind: "daily", at: "00:00" }, "2026-12-31 12:00:00", "2027-01-01 00:00:00"],
    ["daily 23:59 on 28 Feb", { kind: "daily", at: "23:59" }, "2027-02-28 23:59:30", "2027-03-01 23:59:00"],
    // monthly on day D at HH:MM, month ends
    [
      "monthly 1st, later this month",
      { kind: "monthly", day: 15, at: "02:30" },
      "2026-03-10 00:00:00",
      "2026-03-15 02:30:00",
    ],
    [
      "monthly, past this month",
      { kind: "monthly", day: 1, at: "02:30" },
      "2026-03-10 00:00:00",
      "2026-04-01 02:30:00",
    ],
    [
      "monthly, December → January",
      { kind: "monthly", day: 1, at: "02:30" },
      "2026-12-02 00:00:00",
      "2027-01-01 02:30:00",
    ],
    [
      "monthly 31 in April → 30 April",
      { kind: "monthly", day: 31, at: "08:00" },
      "2026-04-02 00:00:00",
      "2026-04-30 08:00:00",
    ],
    [
      "monthly 31 after 31 Jan → 28 Feb",
      { kind: "monthly", day: 31, at: "08:00" },
      "2027-01-31 09:00:00",
      "2027-02-28 08:00:00",
    ],
    [
      "monthly 31 after 31 Jan, leap year → 29 Feb",
      { kind: "monthly", day: 31, at: "08:00" },
      "2028-01-31 09:00:00",
      "2028-02-29 08:00:00",
    ],
    [
      "monthly 30 in February (leap)",
      { kind: "monthly", day: 30, at: "00:00" },
      "2028-02-01 00:00:00",
      "2028-02-29 00:00:00",
    ],
    [
      "monthly 29, non-leap February → 28th",
      { kind: "monthly", day: 29, at: "10:00" },
      "2027-02-10 00:00:00",
      "2027-02-28 10:00:00",
    ],
    [
      "monthly 31 after 28 Feb's run → 31 March",
      { kind: "monthly", day: 31, at: "08:00" },
      "2027-02-28 08:00:00",
      "2027-03-31 08:00:00",
    ],
    [
      "monthly, exactly at the time",
      { kind: "monthly", day: 5, at: "00:00" },
      "2026-07-05 00:00:00",
      "2026-08-05 00:00:00",
    ],
    // 1 July 00:30 Shanghai is still 30 June in UTC: the month is Shanghai's
    [
      "monthly, Shanghai month ≠ UTC month",
      { kind: "monthly", day: 1, at: "00:10" },
      "2026-07-01 00:30:00",
      "2026-08-01 00:10:00",
    ],
  ];
  it.each(cases)("%s", (_name, schedule, now, expected) => {
    expect(nextRunAfter(schedule, sh(now)).toISOString()).toBe(sh(expected).toISOString());
  });

  it("refuses an invalid schedule", () => {
    expect(() => nextRunAfter({ kind: "every", minutes: 0 }, new Date())).toThrow(/间隔/);
    expect(() => nextRunAfter({ kind: "daily", at: "24:00" }, new Date())).toThrow(/HH:MM/);
    expect(() => nextRunAfter({ kind: "monthly", day: 32, at: "01:00" }, new Date())).toThrow(/1 到 31/);
  });
});

const schedules: fc.Arbitrary<JobSchedule> = fc.oneof(
  fc.integer({ min: 1, max: 1440 }).map((minutes) => ({ kind: "every" as const, minutes })),
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => ({
    kind: "daily" as const,
    at: `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`,
  })),
  fc
    .tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([day, h, m]) => ({
      kind: "monthly" as const,
      day,
      at: `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`,
    })),
);
const instants = fc.date({
  min: new Date("2000-01-01T00:00:00Z"),
  max: new Date("2100-01-01T00:00:00Z"),
  noInvalidDate: true,
});
/** The longest gap between two runs of a schedule: N minutes, a day, two months (31 Jan → 31 March). */
const maxGapMs = (s: JobSchedule) =>
  s.kind === "every" ? s.minutes * 60_000 : s.kind === "daily" ? 86_400_000 : 62 * 86_400_000;

describe("nextRunAfter properties", () => {
  it("is always after now, and no later than one period", () => {
    fc.assert(
      fc.property(schedules, instants, (s, now) => {
        const next = nextRunAfter(s, now).getTime();
        expect(next).toBeGreaterThan(now.getTime());
        expect(next - now.getTime()).toBeLessThanOrEqual(maxGapMs(s));
      }),
    );
  });

  it("falls on the schedule's wall-clock time in Shanghai", () => {
    fc.assert(
      fc.property(schedules, instants, (s, now) => {
        const local = new Date(nextRunAfter(s, now).getTime() + 8 * 3_600_000);
        const hhmm = local.toISOString().slice(11, 16);
        expect(local.getUTCSeconds()).toBe(0);
        if (s.kind === "every") {
          expect(Math.round(local.getTime() / 60_000) % s.minutes).toBe(0);
        } else {
          expect(hhmm).toBe(s.at);
        }
        if (s.kind === "monthly") {
          const dim = daysInMonth(local.getUTCFullYear(), local.getUTCMonth() + 1);
          expect(local.getUTCDate()).toBe(Math.min(s.day, dim));
        }
      }),
    );
  });

  it("skips no run: nothing of the schedule lies between now and the next run", () => {
    fc.assert(
      fc.property(schedules, instants, (s, now) => {
        const next = nextRunAfter(s, now);
        // Asking again from just before the next run gives the same run.
        expect(nextRunAfter(s, new Date(next.getTime() - 1)).getTime()).toBe(next.getTime());
        // And the run after it is strictly later.
        expect(nextRunAfter(s, next).getTime()).toBeGreaterThan(next.getTime());
      }),
    );
  });
});

describe("scheduleProblem and describeSchedule", () => {
  it.each<[JobSchedule, string | null, string]>([
    [{ kind: "every", minutes: 15 }, null, "每 15 分钟"],
    [{ kind: "every", minutes: 60 }, null, "每小时"],
    [{ kind: "every", minutes: 120 }, null, "每 2 小时"],
    [{ kind: "daily", at: "03:00" }, null, "每天 03:00（北京时间）"],
    [{ kind: "monthly", day: 1, at: "02:30" }, null, "每月 1 日 02:30（北京时间）"],
    [
      { kind: "monthly", day: 31, at: "02:30" },
      null,
      "每月 31 日 02:30（北京时间，当月不足该日时在月末执行）",
    ],
  ])("%j", (s, problem, text) => {
    expect(scheduleProblem(s)).toBe(problem);
    expect(describeSchedule(s)).toBe(text);
  });

  it.each<JobSchedule>([
    { kind: "every", minutes: 1.5 },
    { kind: "every", minutes: 1441 },
    { kind: "daily", at: "3:00" },
    { kind: "daily", at: "12:60" },
    { kind: "monthly", day: 0, at: "01:00" },
  ])("refuses %j", (s) => {
    expect(scheduleProblem(s)).not.toBeNull();
  });
});
