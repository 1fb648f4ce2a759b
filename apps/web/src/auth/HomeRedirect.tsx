import { Navigate } from "react-router";
import { homePath, useCurrentUser } from "./context";

export function HomeRedirect() {
  const me = useCurrentUser();
  return <Navigate to={homePath(me)} replace />;
}
