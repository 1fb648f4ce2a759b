import { INSTRUMENT_ROUTES, type InstrumentDefinition, type InstrumentSummary } from "@dxcenter/contracts";
import type { instruments } from "@dxcenter/db";
import type { InstrumentDefinition as Definition } from "@dxcenter/domain";
import { listQuestions } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { notFound } from "../../errors";
import { mountRoutes } from "../../lib/contract-routes";
import { findInstrumentRow, listInstrumentRows } from "./instrument-definition";

const TAG = ["评估量表"];

function summarize(row: typeof instruments.$inferSelect): InstrumentSummary {
  const def = row.definition as Definition;
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    source: def.source.text,
    current: row.current,
    totalPoints: def.totalPoints,
    dimensions: def.dimensions.map((d) => d.name),
    questionCount: listQuestions(def).length,
    levels: def.levelRule.levels.map((l) => l.name),
    unconfirmedCount:
      (def.unconfirmed?.length ?? 0) +
      listQuestions(def).filter((q) => q.question.unconfirmed?.length).length,
    loadedAt: row.loadedAt.toISOString(),
  };
}

/**
 * Instruments are public: enterprises and the public may read what they will be assessed against.
 * The contract map INSTRUMENT_ROUTES, the same map the web's api/assessments.ts calls.
 */
export const instrumentRoutes: FastifyPluginAsyncZod = async (app) => {
  mountRoutes(app, INSTRUMENT_ROUTES, TAG, {
    "GET /api/instruments": async ({ query }) =>
      (await listInstrumentRows(app.db, query.all === "true")).map(summarize),
    "GET /api/instruments/:id": async ({ params, query }) => {
      const row = await findInstrumentRow(app.db, params.id, query.version);
      if (!row) throw notFound("评估量表");
      return row.definition as InstrumentDefinition;
    },
  });
};
