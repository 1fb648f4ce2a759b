import { errorResponses, InstrumentDefinition, InstrumentSummary } from "@dxcenter/contracts";
import type { instruments } from "@dxcenter/db";
import type { InstrumentDefinition as Definition } from "@dxcenter/domain";
import { listQuestions } from "@dxcenter/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { notFound } from "../../errors";
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

/** Instruments are public: enterprises and the public may read what they will be assessed against. */
export const instrumentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/",
    {
      schema: {
        tags: TAG,
        summary: "评估量表列表（当前版本；all=true 含历史版本）",
        querystring: z.object({ all: z.enum(["true", "false"]).optional() }),
        response: { 200: z.array(InstrumentSummary), ...errorResponses },
      },
    },
    async (request) => (await listInstrumentRows(app.db, request.query.all === "true")).map(summarize),
  );

  app.get(
    "/:id",
    {
      schema: {
        tags: TAG,
        summary: "量表完整定义（默认当前版本，可用 version 指定历史版本）",
        params: z.object({ id: z.string().max(100) }),
        querystring: z.object({ version: z.string().max(50).optional() }),
        response: { 200: InstrumentDefinition, ...errorResponses },
      },
    },
    async (request) => {
      const row = await findInstrumentRow(app.db, request.params.id, request.query.version);
      if (!row) throw notFound("评估量表");
      return row.definition as InstrumentDefinition;
    },
  );
};
