import { DEFAULT_AVOIDANCE, type DrawRequest } from "./draw";
import { type Expert, type ExpertHistory, monthsBefore } from "./expert";

/**
 * The avoidance history stored with a draw, reduced to what the rules read and written against the
 * pool snapshot: experts as indices into the (id-ordered) pool instead of UUIDs, past panels without
 * their ids (no rule reads them).
 *
 * Kept: services to this applicant inside the service window; past panels inside the windows the
 * rules look at (近期同组 when on, 工作量 when a cap is set) that seat at least one pool member.
 * Everything dropped is ignored by drawExperts/replaceExpert, so a draw over the unpacked history
 * equals the draw over the full one (property-tested). At bench scale (5,000 experts, 3,000 panels a
 * year) this is what keeps a stored draw small; a city's real pool is far below that.
 */
export interface PackedHistory {
  readonly v: 1;
  /** Services: [pool index, day]. */
  readonly s: readonly (readonly [number, string])[];
  /** Past panels: [day, pool indices]. */
  readonly d: readonly (readonly [string, readonly number[]])[];
}

export function packHistory(pool: readonly Expert[], request: DrawRequest): PackedHistory {
  const s = { ...DEFAULT_AVOIDANCE, ...request.avoidance };
  const index = new Map(pool.map((e, i) => [e.id, i]));
  const today = request.today;
  const services: [number, string][] = [];
  if (s.serviceMonths > 0 && request.applicant.enterpriseId !== undefined) {
    const since = monthsBefore(today, s.serviceMonths);
    for (const r of request.history?.services ?? []) {
      const i = index.get(r.expertId);
      if (
        i !== undefined &&
        r.enterpriseId === request.applicant.enterpriseId &&
        r.date >= since &&
        r.date <= today
      )
        services.push([i, r.date]);
    }
  }
  const windows: string[] = [];
  if (s.togetherMonths > 0) windows.push(monthsBefore(today, s.togetherMonths));
  if (s.maxPanels !== undefined) windows.push(monthsBefore(today, s.workloadMonths));
  const draws: [string, number[]][] = [];
  if (windows.length) {
    const since = windows.reduce((a, b) => (a < b ? a : b));
    for (const d of request.history?.draws ?? []) {
      if (d.date < since || d.date > today) continue;
      const seats = d.expertIds.map((id) => index.get(id)).filter((i): i is number => i !== undefined);
      if (seats.length) draws.push([d.date, seats]);
    }
  }
  return { v: 1, s: services, d: draws };
}

export function unpackHistory(
  pool: readonly Expert[],
  applicant: DrawRequest["applicant"],
  packed: PackedHistory,
): ExpertHistory {
  const idOf = (i: number) => {
    const e = pool[i];
    if (!e) throw new RangeError(`回避历史引用了专家库快照之外的第 ${i} 位专家`);
    return e.id;
  };
  return {
    services: packed.s.map(([i, date]) => ({
      expertId: idOf(i),
      enterpriseId: applicant.enterpriseId ?? "",
      date,
    })),
    draws: packed.d.map(([date, seats], k) => ({ id: `h${k}`, date, expertIds: seats.map(idOf) })),
  };
}
