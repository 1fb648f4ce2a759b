import { type Actor, enterpriseReadScope } from "@dxcenter/domain";
import { forbidden } from "../../errors";

/** Cohorts and coverage are bureau statistics: city (all) and district staff (their district). */
export function assertBureau(actor: Actor, what: string) {
  const scope = enterpriseReadScope(actor);
  if (scope.kind !== "all" && scope.kind !== "district") throw forbidden(what);
}
