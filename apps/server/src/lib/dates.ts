/**
 * Calendar days in Asia/Shanghai (UTC+8 all year, no daylight saving): what "today" means for policy
 * validity, per-year caps and the budget year of a reservation. Days are YYYY-MM-DD strings, compared
 * as text.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** One day in milliseconds (Asia/Shanghai has no daylight saving, so every day is this long). */
export const DAY_MS = 86_400_000;

/** Today (or the day of the epoch milliseconds `now`) in Asia/Shanghai, YYYY-MM-DD. */
export function shanghaiToday(now = Date.now()): string {
  return new Date(now + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Asia/Shanghai day `days` days after the day of `now` (before it when negative): seeds, benches. */
export function shanghaiDayFrom(now: number, days: number): string {
  return shanghaiToday(now + days * DAY_MS);
}

/** The Asia/Shanghai calendar day of an instant, YYYY-MM-DD. */
export function shanghaiDay(at: Date): string {
  return shanghaiToday(at.getTime());
}

/** The calendar year of a YYYY-MM-DD day (a budget pool's year). */
export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}
