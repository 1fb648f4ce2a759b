import type { Database } from "@dxcenter/db";
import type { FastifyRequest } from "fastify";
import type { AuditActor } from "../modules/audit/audit.service";
import { actorOf } from "../modules/audit/audit.service";
import { type CurrentUser, requireUser } from "../plugins/auth";

/**
 * A contract route's handler that hands a write on one record (`:id`) to its service as
 * `(db, signed-in user, audit actor, id, body)` — the one way a write route passes who acts.
 */
export function recordWrite<B, R>(
  db: Database,
  write: (db: Database, user: CurrentUser, actor: AuditActor, id: string, body: B) => Promise<R>,
) {
  return ({ params, body }: { params: { id: string }; body: B }, request: FastifyRequest) =>
    write(db, requireUser(request), actorOf(request), params.id, body);
}

/** The same for a write that makes a record: `(db, signed-in user, audit actor, body)`. */
export function createWrite<B, R>(
  db: Database,
  write: (db: Database, user: CurrentUser, actor: AuditActor, body: B) => Promise<R>,
) {
  return ({ body }: { body: B }, request: FastifyRequest) =>
    write(db, requireUser(request), actorOf(request), body);
}
