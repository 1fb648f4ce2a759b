import { App as AntApp, ConfigProvider, Spin } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { lazy, type ReactNode, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { createBrowserRouter, Navigate, RouterProvider } from "react-router";
import { REGISTRY_ROLES } from "./auth/context";
import { HomeRedirect } from "./auth/HomeRedirect";
import { RequireAuth } from "./auth/RequireAuth";
import { RequireRole } from "./auth/RequireRole";
import { NotFound } from "./components/StatusPages";
import { MainLayout } from "./layouts/MainLayout";
import LoginPage from "./pages/login";
import { projectRoutes } from "./pages/projects/routes";
import { poolPublicRoutes, poolRoutes } from "./pages/providers/routes";

const DashboardPage = lazy(() => import("./pages/dashboard"));
const EnterpriseListPage = lazy(() => import("./pages/enterprises"));
const EnterpriseDetailPage = lazy(() => import("./pages/enterprise-detail"));
const EnterpriseFormPage = lazy(() => import("./pages/enterprise-form"));
const ImportPage = lazy(() => import("./pages/import"));
const UsersPage = lazy(() => import("./pages/users"));
const AuditPage = lazy(() => import("./pages/audit"));
const WorkbenchPage = lazy(() => import("./pages/workbench"));
const AssessmentListPage = lazy(() => import("./pages/assessments"));
const AssessmentDetailPage = lazy(() => import("./pages/assessments/detail"));
const DiagnosisListPage = lazy(() => import("./pages/diagnoses"));
const DiagnosisDetailPage = lazy(() => import("./pages/diagnoses/detail"));
const ImpactPage = lazy(() => import("./pages/impact"));
const SolutionCataloguePage = lazy(() => import("./pages/solutions"));
const PublicCataloguePage = lazy(() => import("./pages/solutions/public"));
const MySolutionsPage = lazy(() => import("./pages/solutions/mine"));
const DemandsPage = lazy(() => import("./pages/demands"));
const DemandDetailPage = lazy(() => import("./pages/demands/detail"));
const EventsPage = lazy(() => import("./pages/events"));
const EventDetailPage = lazy(() => import("./pages/events/detail"));
const PolicyLibraryPage = lazy(() => import("./pages/policies"));
const PolicyDetailPage = lazy(() => import("./pages/policies/detail"));
const PolicyCalculatorPage = lazy(() => import("./pages/policies/calculator"));
const PolicySweepPage = lazy(() => import("./pages/policies/awards"));
const PublicPolicyListPage = lazy(() => import("./pages/policies/public"));
const PublicPolicyDetailPage = lazy(() => import("./pages/policies/public-detail"));

function Lazy({ children }: { children: ReactNode }) {
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

const router = createBrowserRouter([
  { path: "/login", element: <LoginPage /> },
  ...poolPublicRoutes,
  // 解决方案目录 is public: no sign-in needed.
  {
    path: "/catalogue",
    element: (
      <Lazy>
        <PublicCataloguePage />
      </Lazy>
    ),
  },
  // 惠企政策公开查询 is public too: the policies in force, their conditions and amounts.
  {
    path: "/open-policies",
    element: (
      <Lazy>
        <PublicPolicyListPage />
      </Lazy>
    ),
  },
  {
    path: "/open-policies/:id",
    element: (
      <Lazy>
        <PublicPolicyDetailPage />
      </Lazy>
    ),
  },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <MainLayout />,
        children: [
          { index: true, element: <HomeRedirect /> },
          ...projectRoutes,
          ...poolRoutes,
          {
            element: <RequireRole roles={REGISTRY_ROLES} />,
            children: [
              {
                path: "dashboard",
                element: (
                  <Lazy>
                    <DashboardPage />
                  </Lazy>
                ),
              },
              {
                path: "enterprises",
                element: (
                  <Lazy>
                    <EnterpriseListPage />
                  </Lazy>
                ),
              },
              {
                path: "enterprises/new",
                element: (
                  <Lazy>
                    <EnterpriseFormPage />
                  </Lazy>
                ),
              },
              {
                path: "import",
                element: (
                  <Lazy>
                    <ImportPage />
                  </Lazy>
                ),
              },
              {
                path: "impact",
                element: (
                  <Lazy>
                    <ImpactPage />
                  </Lazy>
                ),
              },
            ],
          },
          {
            element: <RequireRole roles={[...REGISTRY_ROLES, "enterprise"]} />,
            children: [
              {
                path: "enterprises/:id",
                element: (
                  <Lazy>
                    <EnterpriseDetailPage />
                  </Lazy>
                ),
              },
              {
                path: "enterprises/:id/edit",
                element: (
                  <Lazy>
                    <EnterpriseFormPage />
                  </Lazy>
                ),
              },
            ],
          },
          {
            element: <RequireRole roles={[...REGISTRY_ROLES, "enterprise"]} />,
            children: [
              {
                path: "assessments",
                element: (
                  <Lazy>
                    <AssessmentListPage />
                  </Lazy>
                ),
              },
            ],
          },
          {
            // Diagnosis teams (provider / expert accounts) open the on-site assessments they are assigned to.
            element: <RequireRole roles={[...REGISTRY_ROLES, "enterprise", "provider", "expert"]} />,
            children: [
              {
                path: "assessments/:id",
                element: (
                  <Lazy>
                    <AssessmentDetailPage />
                  </Lazy>
                ),
              },
              {
                path: "diagnoses",
                element: (
                  <Lazy>
                    <DiagnosisListPage />
                  </Lazy>
                ),
              },
              {
                path: "diagnoses/:id",
                element: (
                  <Lazy>
                    <DiagnosisDetailPage />
                  </Lazy>
                ),
              },
            ],
          },
          {
            element: <RequireRole roles={["city_admin"]} />,
            children: [
              {
                path: "users",
                element: (
                  <Lazy>
                    <UsersPage />
                  </Lazy>
                ),
              },
              {
                path: "audit",
                element: (
                  <Lazy>
                    <AuditPage />
                  </Lazy>
                ),
              },
            ],
          },
          {
            path: "workbench",
            element: (
              <Lazy>
                <WorkbenchPage />
              </Lazy>
            ),
          },
          // 政策与专项资金: the library for every signed-in role, the calculator for enterprises and the bureau.
          {
            path: "policies",
            element: (
              <Lazy>
                <PolicyLibraryPage />
              </Lazy>
            ),
          },
          {
            path: "policies/:id",
            element: (
              <Lazy>
                <PolicyDetailPage />
              </Lazy>
            ),
          },
          {
            element: <RequireRole roles={[...REGISTRY_ROLES, "enterprise"]} />,
            children: [
              {
                path: "policy-calculator",
                element: (
                  <Lazy>
                    <PolicyCalculatorPage />
                  </Lazy>
                ),
              },
            ],
          },
          {
            element: <RequireRole roles={REGISTRY_ROLES} />,
            children: [
              {
                path: "policy-awards",
                element: (
                  <Lazy>
                    <PolicySweepPage />
                  </Lazy>
                ),
              },
            ],
          },
          // 解决方案目录 for everyone signed in; 我的解决方案 for providers; 需求对接 and 对接活动.
          {
            path: "solutions",
            element: (
              <Lazy>
                <SolutionCataloguePage />
              </Lazy>
            ),
          },
          {
            element: <RequireRole roles={["provider"]} />,
            children: [
              {
                path: "my-solutions",
                element: (
                  <Lazy>
                    <MySolutionsPage />
                  </Lazy>
                ),
              },
            ],
          },
          {
            element: <RequireRole roles={[...REGISTRY_ROLES, "enterprise", "provider"]} />,
            children: [
              {
                path: "demands",
                element: (
                  <Lazy>
                    <DemandsPage />
                  </Lazy>
                ),
              },
              {
                path: "demands/:id",
                element: (
                  <Lazy>
                    <DemandDetailPage />
                  </Lazy>
                ),
              },
              {
                path: "events",
                element: (
                  <Lazy>
                    <EventsPage />
                  </Lazy>
                ),
              },
              {
                path: "events/:id",
                element: (
                  <Lazy>
                    <EventDetailPage />
                  </Lazy>
                ),
              },
            ],
          },
          { path: "home", element: <Navigate to="/" replace /> },
          { path: "*", element: <NotFound /> },
        ],
      },
    ],
  },
]);

export default function App() {
  const { i18n } = useTranslation();
  const locale = i18n.language === "en" ? enUS : zhCN;
  return (
    <ConfigProvider locale={locale} theme={{ token: { colorPrimary: "#1658b8", borderRadius: 6 } }}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}
