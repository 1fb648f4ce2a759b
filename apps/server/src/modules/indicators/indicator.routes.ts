import { INDICATOR_ROUTES } from "@dxcenter/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { forbidden } from "../../errors";
import { mountRoutes } from "../../lib/contract-routes";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { closePeriod } from "./close-period";
import { catalogue, cockpit, districtValues, snapshots } from "./cockpit";
import { correctSnapshot } from "./snapshot-correction";

/**
 * 监测分析预警: the contract map INDICATOR_ROUTES (packages/contracts/src/indicator-routes.ts), one
 * handler per key. app.ts registers only this plugin.
 */
const TAG = ["监测分析预警"];

export const indicatorRoutes: FastifyPluginAsyncZod = async (app) => {
  mountRoutes(app, INDICATOR_ROUTES, TAG, {
    "GET /api/indicators": (_input, request) => catalogue(app.db, requireUser(request)),
    "GET /api/indicators/snapshots": ({ query }, request) => snapshots(app.db, requireUser(request), query),
    "GET /api/cockpit": ({ query }, request) => cockpit(app.db, requireUser(request), query),
    "GET /api/cockpit/districts": ({ query }, request) => districtValues(app.db, requireUser(request), query),
    "POST /api/indicators/periods/:period/close": ({ params }, request) => {
      if (requireUser(request).role !== "city_admin") throw forbidden("统计期关账");
      return closePeriod(app.db, params.period, actorOf(request));
    },
    "POST /api/indicators/snapshots/:id/corrections": ({ params, body }, request) =>
      correctSnapshot(app.db, requireUser(request), actorOf(request), params.id, body),
  });
};
