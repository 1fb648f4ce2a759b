import { z } from "zod";
import {
  InstrumentDefinition,
  InstrumentIdParam,
  InstrumentListQuery,
  InstrumentSummary,
  InstrumentVersionQuery,
} from "./instrument";
import { routeMap } from "./route";

/** 评估量表: the public instrument catalogue (modules/instruments; web api/assessments.ts). */
export const INSTRUMENT_ROUTES = routeMap({
  "GET /api/instruments": {
    summary: "评估量表列表（当前版本；all=true 含历史版本）",
    query: InstrumentListQuery,
    status: 200,
    response: z.array(InstrumentSummary),
  },
  "GET /api/instruments/:id": {
    summary: "量表完整定义（默认当前版本，可用 version 指定历史版本）",
    params: InstrumentIdParam,
    query: InstrumentVersionQuery,
    status: 200,
    response: InstrumentDefinition,
  },
});
export type InstrumentRoutes = typeof INSTRUMENT_ROUTES;
