import type { Role } from "@dxcenter/domain";
import type { ReactNode } from "react";
import { Outlet } from "react-router";
import { Forbidden } from "../components/StatusPages";
import { useCurrentUser } from "./context";

/** Renders the page (or child routes) only for the given roles; others see a 403 page. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children?: ReactNode }) {
  const me = useCurrentUser();
  if (!roles.includes(me.role)) return <Forbidden />;
  return children ?? <Outlet />;
}
