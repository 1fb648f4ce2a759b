import type { PolicyRoutes } from "@dxcenter/contracts";
import type { FastifyInstance } from "fastify";
import type { RouteHandlers } from "../../lib/contract-routes";
import { requireUser } from "../../plugins/auth";
import { actorOf } from "../audit/audit.service";
import { getAward, listAwards } from "./award.queries";
import { closeAward } from "./award-close";
import { districtConfirm, enterpriseConfirm } from "./award-confirm";
import { recordPayment } from "./award-payment";
import { getSweep, startSweep } from "./award-sweep";

/** 免申即享 sweeps and 政策兑现 (awards): list, detail and the steps of an award. */
export const awardHandlers = (app: FastifyInstance) =>
  ({
    "POST /api/policies/:id/sweep": async ({ params, body }, request) =>
      (await startSweep(app.db, requireUser(request), actorOf(request), params.id, body)).sweep,
    "GET /api/policy-sweeps/:id": ({ params }, request) => getSweep(app.db, requireUser(request), params.id),
    "GET /api/policy-awards": ({ query }, request) => listAwards(app.db, requireUser(request), query),
    "GET /api/policy-awards/:id": ({ params }, request) => getAward(app.db, requireUser(request), params.id),
    "POST /api/policy-awards/:id/district-confirm": ({ params, body }, request) =>
      districtConfirm(app.db, requireUser(request), actorOf(request), params.id, body.version),
    "POST /api/policy-awards/:id/enterprise-confirm": ({ params, body }, request) =>
      enterpriseConfirm(app.db, requireUser(request), actorOf(request), params.id, body.version),
    "POST /api/policy-awards/:id/decline": ({ params, body }, request) =>
      closeAward(app.db, requireUser(request), actorOf(request), params.id, body, "decline"),
    "POST /api/policy-awards/:id/withdraw": ({ params, body }, request) =>
      closeAward(app.db, requireUser(request), actorOf(request), params.id, body, "withdraw"),
    "POST /api/policy-awards/:id/payments": async ({ params, body, headers }, request, reply) => {
      const r = await recordPayment(
        app.db,
        requireUser(request),
        actorOf(request),
        params.id,
        body,
        headers["idempotency-key"],
      );
      // 201 for a new payment; a retried key answers 200 with the earlier one.
      if (r.created) reply.status(201);
      return r;
    },
  }) satisfies Partial<RouteHandlers<PolicyRoutes>>;
