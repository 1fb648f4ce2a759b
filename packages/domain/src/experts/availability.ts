import type { DateWindow } from "./expert";

/** What is wrong with a list of availability windows: the 0-based row, the date field and a Chinese message. */
export interface AvailabilityProblem {
  readonly index: number;
  readonly field: "from" | "to";
  readonly message: string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (d: string) => ISO_DAY.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

/**
 * 可用时间 of an expert: inclusive calendar-day windows. Each must be a real day range with the start
 * not after the end, and no two may overlap (sharing a day counts as overlapping; adjacent days do
 * not). Returns the first problem in row order (rows are numbered from 1 in the message), or null.
 */
export function availabilityProblem(windows: readonly DateWindow[]): AvailabilityProblem | null {
  for (const [i, w] of windows.entries()) {
    if (!isDay(w.from))
      return {
        index: i,
        field: "from",
        message: `可用时间第 ${i + 1} 段：开始日期应为 YYYY-MM-DD 格式的有效日期`,
      };
    if (!isDay(w.to))
      return {
        index: i,
        field: "to",
        message: `可用时间第 ${i + 1} 段：结束日期应为 YYYY-MM-DD 格式的有效日期`,
      };
    if (w.from > w.to)
      return {
        index: i,
        field: "to",
        message: `可用时间第 ${i + 1} 段：结束日期 ${w.to} 不能早于开始日期 ${w.from}`,
      };
  }
  for (let j = 1; j < windows.length; j++)
    for (let i = 0; i < j; i++) {
      const a = windows[i]!;
      const b = windows[j]!;
      if (a.from <= b.to && b.from <= a.to)
        return {
          index: j,
          field: "from",
          message: `可用时间第 ${j + 1} 段（${b.from} 至 ${b.to}）与第 ${i + 1} 段（${a.from} 至 ${a.to}）重叠，请合并或调整`,
        };
    }
  return null;
}

/** Windows in date order (how they are stored and shown). */
export function sortAvailability<T extends DateWindow>(windows: readonly T[]): T[] {
  return [...windows].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : 1));
}
