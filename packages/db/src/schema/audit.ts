import { bigserial, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { districtCode, timestamptzNow } from "./columns";

/**
 * Append-only audit trail. A trigger (migration 0000) rejects UPDATE and DELETE, so even a bug in
 * the app cannot rewrite history; the app has no route that tries.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamptzNow("at"),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    actorRole: text("actor_role"),
    /** e.g. enterprise.create, enterprise.update, user.login, enterprise.import */
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    /** District of the entity, so district-scoped views of the trail stay possible. */
    districtCode: districtCode(),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
  },
  (t) => [
    index("audit_at_idx").on(t.at),
    index("audit_entity_idx").on(t.entityType, t.entityId),
    index("audit_actor_idx").on(t.actorId),
  ],
);
