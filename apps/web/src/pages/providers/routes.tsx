import { Spin } from "antd";
import { lazy, type ReactNode, Suspense } from "react";
import type { RouteObject } from "react-router";
import { RequireRole } from "../../auth/RequireRole";

const ProviderPoolPage = lazy(() => import("./index"));
const ProviderDetailPage = lazy(() => import("./detail"));
const MyOrganizationPage = lazy(() => import("./mine"));
const PoolReviewPage = lazy(() => import("../pool-review"));
const ApplicationDetailPage = lazy(() => import("../pool-review/detail"));
const ExpertPoolPage = lazy(() => import("../experts"));
const DrawDetailPage = lazy(() => import("../experts/draw"));
const MyReviewsPage = lazy(() => import("../experts/my-reviews"));
const NoticesPage = lazy(() => import("../notices"));
const PublicProviderPoolPage = lazy(() => import("./public"));

function L({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <div style={{ padding: 48, textAlign: "center" }}>
          <Spin />
        </div>
      }
    >
      {children}
    </Suspense>
  );
}

/** Signed-in pages of the provider and expert pools (children of the main layout). */
export const poolRoutes: RouteObject[] = [
  {
    path: "providers",
    element: (
      <L>
        <ProviderPoolPage />
      </L>
    ),
  },
  {
    path: "providers/:id",
    element: (
      <L>
        <ProviderDetailPage />
      </L>
    ),
  },
  {
    element: <RequireRole roles={["city_admin", "provider", "expert"]} />,
    children: [
      {
        path: "pool-review/:id",
        element: (
          <L>
            <ApplicationDetailPage />
          </L>
        ),
      },
    ],
  },
  {
    element: <RequireRole roles={["city_admin"]} />,
    children: [
      {
        path: "pool-review",
        element: (
          <L>
            <PoolReviewPage />
          </L>
        ),
      },
      {
        path: "experts",
        element: (
          <L>
            <ExpertPoolPage />
          </L>
        ),
      },
    ],
  },
  {
    // A district reads the draws of its own diagnoses (the server scopes the record).
    element: <RequireRole roles={["city_admin", "district_admin"]} />,
    children: [
      {
        path: "experts/draws/:id",
        element: (
          <L>
            <DrawDetailPage />
          </L>
        ),
      },
    ],
  },
  {
    element: <RequireRole roles={["provider"]} />,
    children: [
      {
        path: "my-organization",
        element: (
          <L>
            <MyOrganizationPage />
          </L>
        ),
      },
    ],
  },
  {
    element: <RequireRole roles={["expert"]} />,
    children: [
      {
        path: "my-reviews",
        element: (
          <L>
            <MyReviewsPage />
          </L>
        ),
      },
    ],
  },
];

/** Public pages (no sign-in): the admission notices with the objection channel, and the admitted providers. */
export const poolPublicRoutes: RouteObject[] = [
  {
    path: "/notices",
    element: (
      <L>
        <NoticesPage />
      </L>
    ),
  },
  {
    path: "/provider-pool",
    element: (
      <L>
        <PublicProviderPoolPage />
      </L>
    ),
  },
];
