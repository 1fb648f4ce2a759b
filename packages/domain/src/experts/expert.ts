/**
 * The expert pool (专家库): profiles and the history the avoidance rules read. Types, labels and the
 * date arithmetic the rules need (ISO calendar days, Asia/Shanghai as everywhere in the product).
 */

export const EXPERT_STATUSES = ["active", "suspended", "retired"] as const;
export type ExpertStatus = (typeof EXPERT_STATUSES)[number];
export const EXPERT_STATUS_LABELS: Record<ExpertStatus, string> = {
  active: "在库",
  suspended: "已暂停",
  retired: "已退出",
};

/** Inclusive calendar-day window, ISO "YYYY-MM-DD". */
export interface DateWindow {
  readonly from: string;
  readonly to: string;
}

export interface DeclaredConflict {
  /** The enterprise (registry id) or organisation the expert declared a conflict with. */
  readonly enterpriseId?: string;
  readonly organization?: string;
  readonly note?: string;
}

export interface Expert {
  readonly id: string;
  readonly name: string;
  readonly status: ExpertStatus;
  /** 职称, e.g. 正高级工程师. */
  readonly title?: string;
  readonly organization: string;
  readonly fields: readonly string[];
  /** Declared availability; absent or empty = no declared restriction. */
  readonly availability?: readonly DateWindow[];
  readonly declaredConflicts?: readonly DeclaredConflict[];
}

/** An expert served an enterprise (review, diagnosis, consulting) on a day. */
export interface ServiceRecord {
  readonly expertId: string;
  readonly enterpriseId: string;
  readonly date: string;
}

/** A past draw: the experts who sat on that panel together. */
export interface PastDraw {
  readonly id: string;
  readonly date: string;
  readonly expertIds: readonly string[];
}

export interface ExpertHistory {
  readonly services?: readonly ServiceRecord[];
  readonly draws?: readonly PastDraw[];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(s: string): [number, number, number] {
  const m = ISO_DATE.exec(s);
  if (!m) throw new RangeError(`日期格式应为 YYYY-MM-DD，收到“${s}”`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The same calendar day `months` months earlier (clamped: 03-31 minus 1 month is 02-28/29). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = parseDate(date);
  const total = y * 12 + (m - 1) - months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const nd = Math.min(d, daysInMonth(ny, nm));
  return `${String(ny).padStart(4, "0")}-${String(nm).padStart(2, "0")}-${String(nd).padStart(2, "0")}`;
}

export function assertIsoDate(s: string): void {
  parseDate(s);
}

/**
 * Panels sat on from `months` months before `today` (that day included) up to `today`. Services are
 * not added: a drawn diagnosis team is recorded as a draw, and counting its service too would count
 * it twice.
 */
export function expertWorkload(
  expertId: string,
  history: ExpertHistory,
  today: string,
  months: number,
): number {
  const since = monthsBefore(today, months);
  let n = 0;
  for (const d of history.draws ?? [])
    if (d.date >= since && d.date <= today && d.expertIds.includes(expertId)) n++;
  return n;
}
