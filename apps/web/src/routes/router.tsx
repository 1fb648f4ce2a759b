import { Spin } from "antd";
import { Suspense } from "react";
import { createBrowserRouter, Navigate, type RouteObject } from "react-router";
import { HomeRedirect } from "../auth/HomeRedirect";
import { RequireAuth } from "../auth/RequireAuth";
import { RequireRole } from "../auth/RequireRole";
import { NotFound } from "../components/StatusPages";
import { MainLayout } from "../layouts/MainLayout";
import { APP_ROUTES } from "./table";
import type { AppRoute } from "./types";

function toRouteObject({ path, page: Page, roles, public: isPublic }: AppRoute): RouteObject {
  const page = (
    <Suspense
      fallback={
        <div style={{ padding: 48, textAlign: "center" }}>
          <Spin />
        </div>
      }
    >
      <Page />
    </Suspense>
  );
  if (isPublic) return { path: `/${path}`, element: page };
  return { path, element: roles ? <RequireRole roles={roles}>{page}</RequireRole> : page };
}

/** The app's router, built from the route table (public pages outside the sign-in). */
export const router = createBrowserRouter([
  ...APP_ROUTES.filter((r) => r.public).map(toRouteObject),
  {
    element: <RequireAuth />,
    children: [
      {
        element: <MainLayout />,
        children: [
          { index: true, element: <HomeRedirect /> },
          ...APP_ROUTES.filter((r) => !r.public).map(toRouteObject),
          { path: "home", element: <Navigate to="/" replace /> },
          { path: "*", element: <NotFound /> },
        ],
      },
    ],
  },
]);
