/**
 * When a scheduled job (定时任务) runs, as data: every N minutes, daily at HH:MM, or monthly on day D at
 * HH:MM — wall-clock times in Asia/Shanghai (UTC+8 all year, no daylight saving), instants in UTC.
 * Pure arithmetic: the server's scheduler stores `nextRunAfter(schedule, now)` and claims the job once
 * that instant has passed.
 */
export type JobSchedule =
  | { kind: "every"; minutes: number }
  | { kind: "daily"; at: string }
  | { kind: "monthly"; day: number; at: string };

export const JOB_SCHEDULE_KINDS = ["every", "daily", "monthly"] as const;

/** The result of one run of a scheduled job; a run without a result is still going. */
export const JOB_RUN_RESULTS = ["ok", "failed", "skipped"] as const;
export type JobRunResult = (typeof JOB_RUN_RESULTS)[number];

/** Why a run started: the schedule, or an administrator's "run now". */
export const JOB_RUN_TRIGGERS = ["schedule", "manual"] as const;
export type JobRunTrigger = (typeof JOB_RUN_TRIGGERS)[number];

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;
const SHANGHAI_OFFSET_MIN = 8 * 60;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of "HH:MM" (00:00–23:59), or null when the text is not such a time. */
export function minutesOfDay(at: string): number | null {
  const m = HHMM.exec(at);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** What is wrong with a schedule, in Chinese, or null when it is valid. */
export function scheduleProblem(s: JobSchedule): string | null {
  if (s.kind === "every") {
    return Number.isInteger(s.minutes) && s.minutes >= 1 && s.minutes <= DAY_MINUTES
      ? null
      : "间隔分钟数应为 1 到 1440 之间的整数";
  }
  if (minutesOfDay(s.at) === null) return "时间应为 HH:MM（00:00–23:59）";
  if (s.kind === "monthly" && !(Number.isInteger(s.day) && s.day >= 1 && s.day <= 31)) {
    return "每月执行日应为 1 到 31 之间的整数";
  }
  return null;
}

/** Days in a month (month 1–12) of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The UTC instant of a Shanghai wall-clock time (month 1–12; minutes after midnight). */
function shanghaiInstant(year: number, month: number, day: number, minutes: number): number {
  return Date.UTC(year, month - 1, day) + (minutes - SHANGHAI_OFFSET_MIN) * MINUTE_MS;
}

/**
 * The first run instant strictly after `now`.
 *  - every N minutes: the next multiple of N minutes of Shanghai time counted from 1970-01-01 00:00
 *    Shanghai, so an N that divides a day gives round clock times (every 15 → :00, :15, :30, :45);
 *  - daily at HH:MM: today's HH:MM in Shanghai if still ahead, else tomorrow's;
 *  - monthly on day D at HH:MM: day D of this month (Shanghai) if still ahead, else of the next month;
 *    a month shorter than D runs on its last day (day 31 → 30 April, 28/29 February).
 * Throws on an invalid schedule (see scheduleProblem).
 */
export function nextRunAfter(s: JobSchedule, now: Date): Date {
  const problem = scheduleProblem(s);
  if (problem) throw new Error(`定时任务的执行计划无效：${problem}`);
  const t = now.getTime();
  if (s.kind === "every") {
    const localMinutes = Math.floor(t / MINUTE_MS) + SHANGHAI_OFFSET_MIN;
    const next = (Math.floor(localMinutes / s.minutes) + 1) * s.minutes;
    return new Date((next - SHANGHAI_OFFSET_MIN) * MINUTE_MS);
  }
  const at = minutesOfDay(s.at) ?? 0;
  const local = new Date(t + SHANGHAI_OFFSET_MIN * MINUTE_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + 1;
  const d = local.getUTCDate();
  if (s.kind === "daily") {
    const today = shanghaiInstant(y, m, d, at);
    return new Date(today > t ? today : shanghaiInstant(y, m, d + 1, at));
  }
  const inMonth = (year: number, month: number) =>
    shanghaiInstant(year, month, Math.min(s.day, daysInMonth(year, month)), at);
  const thisMonth = inMonth(y, m);
  if (thisMonth > t) return new Date(thisMonth);
  return new Date(m === 12 ? inMonth(y + 1, 1) : inMonth(y, m + 1));
}

/** The schedule in Chinese, for the admin view: "每 15 分钟", "每天 03:00", "每月 1 日 02:30". */
export function describeSchedule(s: JobSchedule): string {
  if (s.kind === "every") {
    if (s.minutes % 60 === 0) return s.minutes === 60 ? "每小时" : `每 ${s.minutes / 60} 小时`;
    return `每 ${s.minutes} 分钟`;
  }
  if (s.kind === "daily") return `每天 ${s.at}（北京时间）`;
  const short = s.day > 28 ? "，当月不足该日时在月末执行" : "";
  return `每月 ${s.day} 日 ${s.at}（北京时间${short}）`;
}
