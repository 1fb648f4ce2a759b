import { randomBytes } from "node:crypto";
import type { DrawRequestBody } from "@dxcenter/contracts";
import { type Database, expertAssignments, expertDraws } from "@dxcenter/db";
import {
  type Actor,
  DEFAULT_AVOIDANCE,
  type DrawRequest,
  type DrawResult,
  drawExperts,
} from "@dxcenter/domain";
import { and, count, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { badRequest, conflict } from "../../errors";
import { type AuditActor, recordAudit } from "../audit/audit.service";
import { getDraw } from "./draw.queries";
import { loadHistory } from "./draw-history";
import { loadPool, storedRequest, storePool } from "./draw-pool";
import { requireDrawer, seat, subjectOf, touchSubject } from "./draw-subjects";

/**
 * 随机抽取专家: one draw for one subject — its pool and avoidance history read inside the
 * transaction that locks the subject, a server seed, the domain's drawExperts, the inputs stored
 * (pool snapshot by hash, packed history), one invitation per drawn expert, the experts seated.
 */
export async function createDraw(
  db: Database,
  actor: Actor,
  auditActor: AuditActor,
  body: z.output<typeof DrawRequestBody>,
  today: string,
  opts: { seed?: string } = {},
) {
  requireDrawer(actor);
  const id = await db.transaction(async (tx) => {
    const subject = await subjectOf(tx, actor, body.purpose, body.subjectId);
    const [open] = await tx
      .select({ n: count() })
      .from(expertAssignments)
      .where(
        and(
          eq(expertAssignments.purpose, body.purpose),
          eq(expertAssignments.subjectId, body.subjectId),
          sql`${expertAssignments.status} <> 'declined'`,
        ),
      );
    if ((open?.n ?? 0) > 0)
      throw conflict("ALREADY_DRAWN", "已为该事项抽取过专家；专家谢绝时系统自动补抽", "subjectId");
    const avoidance = { ...DEFAULT_AVOIDANCE, ...body.avoidance };
    const pool = await loadPool(tx, { accountsOnly: subject.accountsOnly });
    const history = await loadHistory(tx, subject.history, today, avoidance);
    const request: DrawRequest = {
      n: body.n,
      fields: body.fields,
      preferFieldCoverage: body.preferFieldCoverage,
      applicant: subject.applicant,
      today,
      ...(body.period ? { period: body.period } : {}),
      avoidance,
      history,
    };
    const seed = opts.seed ?? randomBytes(16).toString("hex");
    let result: DrawResult;
    try {
      result = drawExperts(pool, request, seed);
    } catch (e) {
      if (e instanceof RangeError) throw badRequest(e.message);
      throw e;
    }
    if (result.insufficient)
      throw conflict("INSUFFICIENT_POOL", `${result.insufficient.message}，请调整专业领域或回避设置`, "n");
    const hash = await storePool(tx, pool);
    const [row] = await tx
      .insert(expertDraws)
      .values({
        purpose: body.purpose,
        subjectId: body.subjectId,
        subjectLabel: subject.label,
        districtCode: subject.districtCode,
        drawDate: today,
        seed,
        algorithm: result.algorithm,
        request: storedRequest(pool, request),
        poolHash: hash,
        result,
        current: null,
        selectedIds: result.selected.map((s) => s.expertId),
        drawnBy: actor.id,
      })
      .returning({ id: expertDraws.id });
    await tx.insert(expertAssignments).values(
      result.selected.map((s) => ({
        drawId: row!.id,
        expertId: s.expertId,
        purpose: body.purpose,
        subjectId: body.subjectId,
        round: 0,
      })),
    );
    await seat(
      tx,
      body.purpose,
      body.subjectId,
      result.selected.map((s) => s.expertId),
      actor.id,
    );
    await touchSubject(tx, body.purpose, body.subjectId);
    await recordAudit(tx, auditActor, {
      action: "expert_draw.create",
      entityType: "expert_draw",
      entityId: row!.id,
      districtCode: subject.districtCode,
      after: {
        purpose: body.purpose,
        subjectId: body.subjectId,
        seed,
        algorithm: result.algorithm,
        poolHash: hash,
        poolSize: pool.length,
        selected: result.selected.map((s) => s.expertId),
        excluded: result.excluded.length,
      },
    });
    return row!.id;
  });
  return getDraw(db, actor, id);
}
