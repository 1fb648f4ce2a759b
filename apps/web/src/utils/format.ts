import { formatFenAsWanYuan } from "@dxcenter/domain";

const SHANGHAI_PARTS = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** ISO timestamp → "YYYY-MM-DD HH:mm:ss" in Asia/Shanghai, whatever the browser's zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p: Record<string, string> = {};
  for (const part of SHANGHAI_PARTS.formatToParts(d)) p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** ISO timestamp → "YYYY-MM-DD" in Asia/Shanghai. */
export function formatDate(iso: string | null | undefined): string {
  return formatDateTime(iso).slice(0, 10);
}

/** 分 → 万元 text, or "" for unknown. */
export function wan(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? "" : formatFenAsWanYuan(fen);
}

/** 分 → 万元 as a number, for charts only (display precision, never stored). */
export function wanNumber(fen: number | null | undefined): number | null {
  return fen === null || fen === undefined ? null : Number(formatFenAsWanYuan(fen, 2).replace(/,/g, ""));
}

/** Integer with thousands separators. */
export function formatInt(n: number | null | undefined): string {
  return n === null || n === undefined ? "" : n.toLocaleString("en-US");
}
