import { Button, Result, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { Navigate, Outlet, useLocation } from "react-router";
import { errorMessage } from "../api/client";
import { useMe } from "../api/hooks";
import { CurrentUserContext } from "./context";

/** Renders its child routes only with a session; otherwise sends the user to /login. */
export function RequireAuth() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();

  if (me.isPending) {
    return (
      <div style={{ display: "flex", height: "100vh", alignItems: "center", justifyContent: "center" }}>
        <Spin size="large" />
      </div>
    );
  }
  if (me.isError) {
    return (
      <Result
        status="error"
        title={t("common.loadFailed")}
        subTitle={errorMessage(me.error)}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            {t("common.reload")}
          </Button>
        }
      />
    );
  }
  if (!me.data) {
    const from = `${location.pathname}${location.search}`;
    const to = from === "/" ? "/login" : `/login?from=${encodeURIComponent(from)}`;
    return <Navigate to={to} replace />;
  }
  return (
    <CurrentUserContext value={me.data}>
      <Outlet />
    </CurrentUserContext>
  );
}
