import { districts, type Executor, enterprises } from "@dxcenter/db";
import {
  type Actor,
  canCreateEnterpriseIn,
  canListEnterprises,
  canUpdateEnterprise,
  ENTERPRISE_SELF_EDITABLE,
  type EnterpriseScope,
  enterpriseReadScope,
} from "@dxcenter/domain";
import { and, eq, type SQL, sql } from "drizzle-orm";
import { forbidden, notFound } from "../../errors";

/**
 * Access to the enterprise registry, in one place. The rules themselves are pure functions in the
 * domain package; this file turns them into SQL conditions and HTTP errors.
 */
export function scopeCondition(scope: EnterpriseScope): SQL {
  switch (scope.kind) {
    case "all":
      return sql`true`;
    case "district":
      return eq(enterprises.districtCode, scope.districtCode);
    case "self":
      return eq(enterprises.id, scope.enterpriseId);
    case "none":
      return sql`false`;
  }
}

export function readCondition(actor: Actor): SQL {
  return scopeCondition(enterpriseReadScope(actor));
}

/** The enterprise `id` with its district's name, when the actor may read it (404 "企业" otherwise). */
export async function readableEnterprise(db: Executor, actor: Actor, id: string) {
  const [ent] = await db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      districtCode: enterprises.districtCode,
      districtName: districts.name,
    })
    .from(enterprises)
    .innerJoin(districts, eq(districts.code, enterprises.districtCode))
    .where(and(readCondition(actor), eq(enterprises.id, id)));
  if (!ent) throw notFound("企业");
  return ent;
}

export function assertCanList(actor: Actor) {
  if (!canListEnterprises(actor)) throw forbidden("查看企业库");
}

export function assertCanCreateIn(actor: Actor, districtCode: string) {
  if (!canCreateEnterpriseIn(actor, districtCode)) {
    throw forbidden(actor.role === "district_admin" ? "在本区以外登记企业" : "登记企业");
  }
}

export function assertCanImport(actor: Actor) {
  if (actor.role !== "city_admin" && actor.role !== "district_admin") throw forbidden("导入企业");
}

export { canUpdateEnterprise };

/** null = every field; otherwise the only fields this actor may change. */
export function editableFields(actor: Actor): readonly string[] | null {
  return actor.role === "enterprise" ? ENTERPRISE_SELF_EDITABLE : null;
}
