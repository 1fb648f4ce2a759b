/**
 * Reporting periods of indicators (监测指标的统计期). A period key is text a person can read and
 * a database can sort per frequency:
 *   monthly   "2026-11"
 *   quarterly "2026-Q4"
 *   yearly    "2026"
 * Periods are calendar periods of Asia/Shanghai; a period's end is its last calendar day.
 */

export const FREQUENCIES = ["monthly", "quarterly", "yearly"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const FREQUENCY_LABELS: Record<Frequency, string> = {
  monthly: "月度",
  quarterly: "季度",
  yearly: "年度",
};

export interface Period {
  frequency: Frequency;
  year: number;
  /** 1–12 for monthly, 1–4 for quarterly, 1 for yearly. */
  index: number;
}

const MONTHLY = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTERLY = /^(\d{4})-Q([1-4])$/;
const YEARLY = /^(\d{4})$/;

/** The period a key names, or null when the key is not one of the three forms. */
export function parsePeriod(key: string): Period | null {
  let m = MONTHLY.exec(key);
  if (m) return { frequency: "monthly", year: Number(m[1]), index: Number(m[2]) };
  m = QUARTERLY.exec(key);
  if (m) return { frequency: "quarterly", year: Number(m[1]), index: Number(m[2]) };
  m = YEARLY.exec(key);
  if (m) return { frequency: "yearly", year: Number(m[1]), index: 1 };
  return null;
}

export const isPeriodKey = (key: string): boolean => parsePeriod(key) !== null;

export function formatPeriod(p: Period): string {
  const y = String(p.year).padStart(4, "0");
  if (p.frequency === "monthly") return `${y}-${String(p.index).padStart(2, "0")}`;
  if (p.frequency === "quarterly") return `${y}-Q${p.index}`;
  return y;
}

const perYear = (f: Frequency): number => (f === "monthly" ? 12 : f === "quarterly" ? 4 : 1);

function mustParse(key: string): Period {
  const p = parsePeriod(key);
  if (!p) throw new Error(`统计期格式不正确：${key}（应为 2026-11、2026-Q4 或 2026）`);
  return p;
}

/** Months from the start of year 0 to the END of the period (2026-11 → 2026×12+11). */
export function periodEndMonth(key: string): number {
  const p = mustParse(key);
  return p.year * 12 + p.index * (12 / perYear(p.frequency));
}

/** The key `n` periods after (negative: before) `key`, of the same frequency. */
export function addPeriods(key: string, n: number): string {
  const p = mustParse(key);
  const k = perYear(p.frequency);
  const ordinal = p.year * k + (p.index - 1) + n;
  return formatPeriod({ frequency: p.frequency, year: Math.floor(ordinal / k), index: (ordinal % k) + 1 });
}

export const nextPeriod = (key: string): string => addPeriods(key, 1);
export const previousPeriod = (key: string): string => addPeriods(key, -1);

/** The `n` periods ending with `key`, oldest first (a sparkline's x axis). */
export function lastPeriods(key: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => addPeriods(key, i - n + 1));
}

const pad2 = (n: number) => String(n).padStart(2, "0");
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** First calendar day of the period, "YYYY-MM-DD". */
export function periodStart(key: string): string {
  const p = mustParse(key);
  const month = (p.index - 1) * (12 / perYear(p.frequency)) + 1;
  return `${String(p.year).padStart(4, "0")}-${pad2(month)}-01`;
}

/** Last calendar day of the period, "YYYY-MM-DD". */
export function periodEnd(key: string): string {
  const p = mustParse(key);
  const month = p.index * (12 / perYear(p.frequency));
  return `${String(p.year).padStart(4, "0")}-${pad2(month)}-${pad2(daysInMonth(p.year, month))}`;
}

/** The period of `frequency` that contains the calendar day `day` ("YYYY-MM-DD"). */
export function periodOf(day: string, frequency: Frequency): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  if (frequency === "monthly") return formatPeriod({ frequency, year, index: month });
  if (frequency === "quarterly") return formatPeriod({ frequency, year, index: Math.ceil(month / 3) });
  return formatPeriod({ frequency, year, index: 1 });
}

/** Share of its calendar year that has passed at the end of the period (2026-Q1 → 0.25, 2026 → 1). */
export function yearElapsed(key: string): number {
  const p = mustParse(key);
  return p.index / perYear(p.frequency);
}

/** Orders two keys of the same frequency (negative when a is earlier). */
export function comparePeriods(a: string, b: string): number {
  const pa = mustParse(a);
  const pb = mustParse(b);
  if (pa.frequency !== pb.frequency) throw new Error(`不同频度的统计期不能比较：${a} / ${b}`);
  return pa.year - pb.year || pa.index - pb.index;
}

/** The last period of `frequency` that has fully ended on the calendar day `today`. */
export function lastClosedPeriod(today: string, frequency: Frequency): string {
  return previousPeriod(periodOf(today, frequency));
}

/**
 * The latest period of `frequency` that has ended by the end of the month `monthKey` (the 驾驶舱
 * shows each indicator at its own frequency: in 2026-11 a quarterly one shows 2026-Q3, a yearly one 2025).
 */
export function periodAsOf(monthKey: string, frequency: Frequency): string {
  const p = mustParse(monthKey);
  if (p.frequency !== "monthly") throw new Error(`应为月度统计期：${monthKey}`);
  const own = periodOf(periodEnd(monthKey), frequency);
  return periodEnd(own) === periodEnd(monthKey) ? own : previousPeriod(own);
}
