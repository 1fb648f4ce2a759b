/**
 * One part of a weighted 0–100 score, explained: a match criterion of the ranking (rank.ts) or a part
 * of a provider's annual grade (providers/grade.ts). A part without anything to judge it on is not
 * applicable: it drops out and the weights of the others are renormalised.
 */
export interface WeightedPart {
  readonly label: string;
  /** False when there is nothing to judge this part on (e.g. a demand without industry or budget). */
  readonly applicable: boolean;
  /** Share of the score this part carries (0..1; 0 when not applicable). */
  readonly weight: number;
  /** 0..1. */
  readonly value: number;
  /** weight × value × 100, rounded to 0.1: the part's points of the 0–100 score. */
  readonly points: number;
  /** Chinese, shown to the user. */
  readonly reason: string;
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
/** Sorting and summing on a value rounded to 1e-9 keeps float noise (summation order) from deciding ties. */
export const round9 = (x: number) => Math.round(x * 1e9) / 1e9;

/** A part as reported: weight and value rounded to 1e-9, its points (weight × value × 100) to 0.1. */
export function weightedPart(
  label: string,
  applicable: boolean,
  weight: number,
  value: number,
  reason: string,
): WeightedPart {
  return {
    label,
    applicable,
    weight: round9(weight),
    value: round9(value),
    points: round1(weight * value * 100),
    reason,
  };
}
