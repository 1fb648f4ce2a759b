import type { Role } from "@dxcenter/domain";
import { Outlet } from "react-router";
import { Forbidden } from "../components/StatusPages";
import { useCurrentUser } from "./context";

/** Renders child routes only for the given roles; others see a 403 page. */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const me = useCurrentUser();
  if (!roles.includes(me.role)) return <Forbidden />;
  return <Outlet />;
}
