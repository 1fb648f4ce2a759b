import type { Executor } from "@dxcenter/db";

/**
 * The briefing's 预警 section as a plug-in point. The warnings centre (issue 13 §5) is built beside
 * the briefing; until it registers a source here, the section says "预警模块未启用" — the briefing
 * never invents warning figures. The warnings module calls `setBriefingWarningsSource` once at start
 * (e.g. from its routes plugin) with a function that summarises one month from its own tables.
 */

export type WarningLevel = "red" | "orange" | "yellow";

export interface WarningsSummary {
  /** Warnings raised during the month, by level. */
  raised: Record<WarningLevel, number>;
  /** Of all warnings open at some time in the month: how they were handled by the month's end. */
  handling: { open: number; acknowledged: number; handled: number; closed: number };
  /** The most serious warnings still open at the month's end (at most 10), already in display order. */
  open: { level: WarningLevel; title: string; owner: string; openedAt: string; state: string }[];
}

export type BriefingWarnings = { enabled: false } | ({ enabled: true } & WarningsSummary);

export type BriefingWarningsSource = (db: Executor, month: string) => Promise<WarningsSummary>;

let source: BriefingWarningsSource | null = null;

/** Plugs the warnings centre into the briefing (null unplugs it: tests, a disabled module). */
export function setBriefingWarningsSource(s: BriefingWarningsSource | null): void {
  source = s;
}

export async function briefingWarnings(db: Executor, month: string): Promise<BriefingWarnings> {
  if (!source) return { enabled: false };
  return { enabled: true, ...(await source(db, month)) };
}

export const WARNING_LEVEL_LABELS: Record<WarningLevel, string> = {
  red: "红色",
  orange: "橙色",
  yellow: "黄色",
};
