import { formatPoints } from "@dxcenter/domain";

/** Points as the instrument writes them (1.875, 2.5, 10); thousandths are exact. */
export function formatPts(points: number): string {
  return formatPoints(points);
}

/** 0..1 ratio → "62.5" (percent with at most one decimal). */
export function percentOf(points: number, max: number): number {
  return max > 0 ? Math.round((points / max) * 1000) / 10 : 0;
}
