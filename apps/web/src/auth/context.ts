import type { Role } from "@dxcenter/domain";
import { createContext, useContext } from "react";
import type { Me } from "../api/types";

export const CurrentUserContext = createContext<Me | null>(null);

/** The signed-in user; only valid below <RequireAuth>. */
export function useCurrentUser(): Me {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error("useCurrentUser must be used inside <RequireAuth>");
  return me;
}

export const REGISTRY_ROLES: readonly Role[] = ["city_admin", "district_admin"];

/** Where a role lands after login and when opening "/". */
export function homePath(me: Pick<Me, "role" | "enterpriseId">): string {
  switch (me.role) {
    case "city_admin":
    case "district_admin":
      return "/cockpit";
    case "enterprise":
      return me.enterpriseId ? `/enterprises/${me.enterpriseId}` : "/workbench";
    default:
      return "/workbench";
  }
}

/** Only same-site paths are followed after login (no open redirects). */
export function safeRedirect(from: string | null): string | null {
  if (!from?.startsWith("/") || from.startsWith("//") || from.startsWith("/login")) return null;
  return from;
}

/** Whether a role may open a path (mirrors the routes in App.tsx); used to drop a stale ?from= after login. */
export function pathAllowed(me: Pick<Me, "role" | "enterpriseId">, path: string): boolean {
  const p = path.split(/[?#]/)[0] ?? "";
  const registry = REGISTRY_ROLES.includes(me.role);
  if (p === "/users" || p === "/audit") return me.role === "city_admin";
  if (p === "/dashboard" || p === "/enterprises" || p === "/enterprises/new" || p === "/import")
    return registry;
  if (p === "/impact") return registry;
  if (p === "/cockpit") return registry || me.role === "department";
  const team = me.role === "provider" || me.role === "expert";
  if (p === "/assessments") return registry || me.role === "enterprise";
  if (p.startsWith("/assessments/")) return registry || me.role === "enterprise" || team;
  if (p === "/diagnoses" || p.startsWith("/diagnoses/")) return registry || me.role === "enterprise" || team;
  const m = /^\/enterprises\/([^/]+)(\/edit)?$/.exec(p);
  if (m) return registry || (me.role === "enterprise" && m[1] === me.enterpriseId);
  return true;
}
