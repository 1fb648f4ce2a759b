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

/** The current calendar year in Asia/Shanghai (the default year of statistics). */
export function shanghaiYear(now = Date.now()): number {
  return yearOf(shanghaiToday(now));
}

/** The instant a YYYY-MM-DD day starts in Asia/Shanghai (00:00 +08:00), as ISO text in UTC. */
export function shanghaiMidnight(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

/** The calendar day after a YYYY-MM-DD day: an inclusive "to" day becomes an exclusive bound. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** An instant to the minute in Asia/Shanghai, "2026-11-22 12:11"; "" when absent. */
export function shanghaiMinute(at: Date | null | undefined): string {
  if (!at) return "";
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");
}

/** An optional instant as the API writes it: ISO 8601 (UTC), or null when not set. */
export const isoOrNull = (d: Date | null): string | null => d?.toISOString() ?? null;
