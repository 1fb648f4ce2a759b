import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AVOIDANCE_RULE_LABELS,
  DEFAULT_AVOIDANCE,
  type DrawRequest,
  type DrawResult,
  drawExperts,
  replaceExpert,
} from "./draw";
import { type Expert, monthsBefore } from "./expert";
import { packHistory, unpackHistory } from "./history-pack";
import { shuffled } from "./shuffled";

const ORGS = ["天津大学", "南开大学", "某研究院", "某 集团", "某集团", "某（咨询）公司"];
const FIELDS = ["智能制造", "工业互联网", "数据管理", "绿色制造", "网络安全"];
const ENTS = ["ENT0", "ENT1", "ENT2", "ENT3"];

const day = (offset: number) =>
  new Date(Date.UTC(2023, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
const dayArb = fc.integer({ min: 0, max: 900 }).map(day);
const windowArb = fc
  .tuple(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 200 }))
  .map(([a, len]) => ({
    from: day(a),
    to: day(a + len),
  }));

const expertArb = (id: string): fc.Arbitrary<Expert> =>
  fc.record({
    id: fc.constant(id),
    name: fc.constant(`专家${id}`),
    status: fc.constantFrom("active", "active", "active", "active", "suspended", "retired"),
    organization: fc.constantFrom(...ORGS),
    fields: fc.subarray(FIELDS, { minLength: 1, maxLength: 3 }),
    availability: fc.oneof(fc.constant([]), fc.array(windowArb, { maxLength: 2 })),
    declaredConflicts: fc.oneof(
      fc.constant([]),
      fc.array(
        fc.oneof(
          fc.record({ enterpriseId: fc.constantFrom(...ENTS) }),
          fc.record({ organization: fc.constantFrom(...ORGS) }),
        ),
        { maxLength: 2 },
      ),
    ),
  });

const caseArb = fc.integer({ min: 1, max: 60 }).chain((size) => {
  const ids = Array.from({ length: size }, (_, i) => `E${String(i).padStart(3, "0")}`);
  return fc.record({
    pool: fc.tuple(...ids.map(expertArb)),
    request: fc.record({
      n: fc.integer({ min: 1, max: 8 }),
      fields: fc.subarray(FIELDS, { maxLength: 2 }),
      preferFieldCoverage: fc.boolean(),
      applicant: fc.record({
        enterpriseId: fc.constantFrom(...ENTS),
        organization: fc.constantFrom(...ORGS),
      }),
      today: fc.constant("2025-06-01"),
      period: windowArb,
      avoidance: fc.record({
        serviceMonths: fc.integer({ min: 0, max: 24 }),
        togetherMonths: fc.integer({ min: 0, max: 24 }),
        workloadMonths: fc.integer({ min: 1, max: 24 }),
        maxPanels: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      }),
      history: fc.record({
        services: fc.array(
          fc.record({
            expertId: fc.constantFrom(...ids),
            enterpriseId: fc.constantFrom(...ENTS),
            date: dayArb,
          }),
          { maxLength: 40 },
        ),
        draws: fc.array(
          fc.record({
            id: fc.uuid(),
            date: dayArb,
            expertIds: fc.uniqueArray(fc.constantFrom(...ids), {
              minLength: Math.min(2, ids.length),
              maxLength: 4,
            }),
          }),
          { maxLength: 30 },
        ),
      }),
      declined: fc.subarray(ids, { maxLength: Math.min(3, ids.length) }),
    }) as fc.Arbitrary<DrawRequest>,
    seed: fc.string({ maxLength: 12 }),
  });
});

// The oracle restates each rule independently of draw.ts.
const norm = (s: string | undefined) =>
  (s ?? "").replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")").toLowerCase();

function individuallyEligible(e: Expert, req: DrawRequest, declined: ReadonlySet<string>): boolean {
  const s = { ...DEFAULT_AVOIDANCE, ...req.avoidance };
  const period = req.period ?? { from: req.today, to: req.today };
  const org = norm(req.applicant.organization);
  if (e.status !== "active") return false;
  if ((req.fields ?? []).length > 0 && !req.fields!.some((f) => e.fields.includes(f))) return false;
  const w = e.availability ?? [];
  if (w.length > 0 && !w.some((x) => x.from <= period.from && period.to <= x.to)) return false;
  if (org !== "" && norm(e.organization) === org) return false;
  for (const c of e.declaredConflicts ?? []) {
    if (c.enterpriseId !== undefined && c.enterpriseId === req.applicant.enterpriseId) return false;
    if (c.organization !== undefined && org !== "" && norm(c.organization) === org) return false;
  }
  if (s.serviceMonths > 0) {
    const since = monthsBefore(req.today, s.serviceMonths);
    const hit = (req.history?.services ?? []).some(
      (r) =>
        r.expertId === e.id &&
        r.enterpriseId === req.applicant.enterpriseId &&
        r.date >= since &&
        r.date <= req.today,
    );
    if (hit) return false;
  }
  if (s.maxPanels !== undefined) {
    const since = monthsBefore(req.today, s.workloadMonths);
    const panels = (req.history?.draws ?? []).filter(
      (d) => d.date >= since && d.date <= req.today && d.expertIds.includes(e.id),
    ).length;
    if (panels >= s.maxPanels) return false;
  }
  return !declined.has(e.id);
}

function satTogether(a: string, b: string, req: DrawRequest): boolean {
  const s = { ...DEFAULT_AVOIDANCE, ...req.avoidance };
  if (s.togetherMonths <= 0) return false;
  const since = monthsBefore(req.today, s.togetherMonths);
  return (req.history?.draws ?? []).some(
    (d) => d.date >= since && d.date <= req.today && d.expertIds.includes(a) && d.expertIds.includes(b),
  );
}

function checkDraw(pool: readonly Expert[], req: DrawRequest, r: DrawResult): void {
  const declined = new Set([...(req.declined ?? []), ...r.declined.map((d) => d.expertId)]);
  const byId = new Map(pool.map((e) => [e.id, e]));
  const ids = r.selected.map((s) => s.expertId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length).toBeLessThanOrEqual(r.requested);
  const eligible = pool.filter((e) => individuallyEligible(e, req, declined));
  expect(r.eligibleCount).toBe(eligible.length);
  for (const id of ids) {
    const e = byId.get(id);
    expect(e).toBeDefined();
    expect(individuallyEligible(e!, req, declined)).toBe(true);
  }
  for (const a of ids) for (const b of ids) if (a < b) expect(satTogether(a, b, req)).toBe(false);
  const excluded = new Map(r.excluded.map((x) => [x.expertId, x]));
  for (const id of ids) expect(excluded.has(id)).toBe(false);
  for (const e of pool) {
    const x = excluded.get(e.id);
    if (!individuallyEligible(e, req, declined)) {
      expect(x).toBeDefined();
      expect(x!.rules).not.toContain("recent_together");
    } else if (x) expect(x.rules).toEqual(["recent_together"]);
    if (x) {
      expect(x.reasons).toHaveLength(x.rules.length);
      for (const [i, rule] of x.rules.entries())
        expect(x.reasons[i]!.startsWith(`${AVOIDANCE_RULE_LABELS[rule]}：`)).toBe(true);
    }
  }
  // A short panel means nobody else could sit: every other eligible expert is blocked by a member.
  if (ids.length < r.requested) {
    expect(r.insufficient?.drawn).toBe(ids.length);
    for (const e of eligible)
      if (!ids.includes(e.id)) expect(ids.some((m) => satTogether(m, e.id, req))).toBe(true);
  } else expect(r.insufficient).toBeUndefined();
}

describe("drawExperts properties (random pools)", () => {
  it("every avoidance rule holds; selected ⊆ eligible; no duplicates; shortfalls reported", () => {
    fc.assert(
      fc.property(caseArb, ({ pool, request, seed }) => {
        checkDraw(pool, request, drawExperts(pool, request, seed));
      }),
      { numRuns: 400 },
    );
  });

  it("same seed → same draw, whatever the pool order", () => {
    fc.assert(
      fc.property(caseArb, fc.string({ maxLength: 4 }), ({ pool, request, seed }, s) => {
        const a = drawExperts(pool, request, seed);
        expect(drawExperts(pool, request, seed)).toEqual(a);
        expect(drawExperts(shuffled(pool, s), request, seed)).toEqual(a);
      }),
      { numRuns: 150 },
    );
  });

  it("replacement: decliner gone for good, others kept in place, rules hold with the kept members", () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.nat(),
        fc.integer({ min: 1, max: 4 }),
        ({ pool, request, seed }, pick, rounds) => {
          let d = drawExperts(pool, request, seed);
          const gone: string[] = [];
          for (let k = 0; k < rounds && d.selected.length > 0; k++) {
            const at = pick % d.selected.length;
            const out = d.selected[at]!.expertId;
            gone.push(out);
            const next = replaceExpert(d, out, pool, request);
            expect(replaceExpert(d, out, pool, request)).toEqual(next);
            const kept = d.selected.filter((s) => s.expertId !== out);
            expect(next.selected.filter((s) => s.round < next.round)).toEqual(kept);
            expect(next.selected.length).toBeGreaterThanOrEqual(kept.length);
            expect(next.selected.length).toBeLessThanOrEqual(kept.length + 1);
            if (next.selected.length > kept.length) expect(next.selected[at]!.round).toBe(next.round);
            for (const g of gone) expect(next.selected.map((s) => s.expertId)).not.toContain(g);
            expect(next.round).toBe(d.round + 1);
            const ids = next.selected.map((s) => s.expertId);
            for (const a of ids)
              for (const b of ids) if (a < b) expect(satTogether(a, b, request)).toBe(false);
            const declined = new Set([...(request.declined ?? []), ...gone]);
            const byId = new Map(pool.map((e) => [e.id, e]));
            for (const id of ids) expect(individuallyEligible(byId.get(id)!, request, declined)).toBe(true);
            d = next;
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("stored history (packHistory / unpackHistory)", () => {
  it("a draw and its replacements over the packed history equal those over the full history", () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), ({ pool, request, seed }, pick) => {
        // Records the rules ignore: experts outside the pool, panels without pool members.
        const history = {
          services: [
            ...(request.history?.services ?? []),
            { expertId: "X-outside", enterpriseId: request.applicant.enterpriseId!, date: request.today },
          ],
          draws: [
            ...(request.history?.draws ?? []),
            { id: "x1", date: request.today, expertIds: ["X-outside", "Y-outside"] },
            ...(pool[0] ? [{ id: "x2", date: request.today, expertIds: ["X-outside", pool[0].id] }] : []),
          ],
        };
        const full: DrawRequest = { ...request, history };
        const packed = packHistory(pool, full);
        const slim: DrawRequest = { ...request, history: unpackHistory(pool, request.applicant, packed) };
        // Round-trips through JSON (it is stored as jsonb).
        expect(JSON.parse(JSON.stringify(packed))).toEqual(packed);
        let a = drawExperts(pool, full, seed);
        let b = drawExperts(pool, slim, seed);
        expect(b).toEqual(a);
        for (let k = 0; k < 2 && a.selected.length > 0; k++) {
          const out = a.selected[pick % a.selected.length]!.expertId;
          a = replaceExpert(a, out, pool, full);
          b = replaceExpert(b, out, pool, slim);
          expect(b).toEqual(a);
        }
        // Nothing outside the pool survives.
        expect(packed.s.every(([i]) => i < pool.length)).toBe(true);
        expect(packed.d.every(([, seats]) => seats.length > 0 && seats.every((i) => i < pool.length))).toBe(
          true,
        );
      }),
      { numRuns: 300 },
    );
  });

  it("keeps only what the rules read (windows of the enabled rules)", () => {
    const pool: Expert[] = ["A", "B"].map((id) => ({
      id,
      name: id,
      status: "active",
      organization: "某单位",
      fields: ["x"],
    }));
    const request: DrawRequest = {
      n: 1,
      applicant: { enterpriseId: "ENT", organization: "申请单位" },
      today: "2026-06-30",
      avoidance: { serviceMonths: 12, togetherMonths: 6, workloadMonths: 12 },
      history: {
        services: [
          { expertId: "A", enterpriseId: "ENT", date: "2025-06-30" }, // first day of the window
          { expertId: "A", enterpriseId: "ENT", date: "2025-06-29" }, // a day before it
          { expertId: "B", enterpriseId: "OTHER", date: "2026-06-01" }, // another applicant
        ],
        draws: [
          { id: "d1", date: "2025-12-30", expertIds: ["A", "B"] }, // first day of the 6-month window
          { id: "d2", date: "2025-12-29", expertIds: ["A", "B"] }, // outside it (no cap set)
        ],
      },
    };
    expect(packHistory(pool, request)).toEqual({ v: 1, s: [[0, "2025-06-30"]], d: [["2025-12-30", [0, 1]]] });
    // A panel cap reads 12 months of panels.
    const capped = packHistory(pool, { ...request, avoidance: { ...request.avoidance, maxPanels: 3 } });
    expect(capped.d).toHaveLength(2);
    expect(() => unpackHistory([], request.applicant, capped)).toThrow(RangeError);
  });
});

describe("drawExperts randomness (fixed seeds: cannot flake)", () => {
  const plain = (n: number): Expert[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `X${String(i).padStart(3, "0")}`,
      name: `专家${i}`,
      status: "active",
      organization: `单位${i}`,
      fields: ["智能制造"],
    }));
  const req = (n: number): DrawRequest => ({ n, applicant: { enterpriseId: "ENT" }, today: "2025-06-01" });

  it("different seeds give different panels", () => {
    const pool = plain(50);
    const panels = new Set<string>();
    for (let i = 0; i < 300; i++)
      panels.add(
        drawExperts(pool, req(5), `seed-${i}`)
          .selected.map((s) => s.expertId)
          .sort()
          .join(","),
      );
    // C(50,5) ≈ 2.1 million panels: repeats among 300 draws are very unlikely, allow a couple.
    expect(panels.size).toBeGreaterThanOrEqual(298);
  });

  it.each([1, 3])("each eligible expert is about equally likely to be drawn (n = %i, chi-square)", (n) => {
    const pool = plain(10);
    const counts = new Map(pool.map((e) => [e.id, 0]));
    const runs = 4000;
    for (let i = 0; i < runs; i++)
      for (const s of drawExperts(pool, req(n), `u${n}-${i}`).selected)
        counts.set(s.expertId, counts.get(s.expertId)! + 1);
    const expected = (runs * n) / pool.length;
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: p = 0.001 at 27.9; the bound is tolerant on purpose.
    expect(chi2).toBeLessThan(40);
  });

  it("every member of a field has about the same chance at the field's coverage seat", () => {
    const pool = plain(20).map((e, i) => (i < 4 ? { ...e, fields: ["绿色制造"] } : e));
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const d = drawExperts(pool, { ...req(2), fields: ["绿色制造", "智能制造"] }, `g${i}`);
      const green = d.selected.find((s) => s.matchedFields.includes("绿色制造"))!;
      expect(green.stage).toBe("fieldCoverage");
      counts.set(green.expertId, (counts.get(green.expertId) ?? 0) + 1);
    }
    expect(counts.size).toBe(4);
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - 500) ** 2 / 500, 0);
    expect(chi2).toBeLessThan(25); // 3 degrees of freedom: p = 0.001 at 16.3
  });
});
