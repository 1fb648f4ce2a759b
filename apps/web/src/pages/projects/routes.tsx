import { Spin } from "antd";
import { lazy, type ReactNode, Suspense } from "react";
import type { RouteObject } from "react-router";
import { RequireRole } from "../../auth/RequireRole";

const ProjectListPage = lazy(() => import("./index"));
const ProjectFormPage = lazy(() => import("./form"));
const ProjectDetailPage = lazy(() => import("./detail"));
const PipelinePage = lazy(() => import("./pipeline"));
const TaskListPage = lazy(() => import("./tasks"));

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

/** Signed-in pages of 技改项目库 (children of the main layout). */
export const projectRoutes: RouteObject[] = [
  {
    element: <RequireRole roles={["city_admin", "district_admin", "enterprise", "expert"]} />,
    children: [
      {
        path: "projects",
        element: (
          <L>
            <ProjectListPage />
          </L>
        ),
      },
      {
        path: "projects/:id",
        element: (
          <L>
            <ProjectDetailPage />
          </L>
        ),
      },
    ],
  },
  {
    element: <RequireRole roles={["city_admin", "district_admin", "enterprise"]} />,
    children: [
      {
        path: "projects/new",
        element: (
          <L>
            <ProjectFormPage />
          </L>
        ),
      },
      {
        path: "projects/:id/edit",
        element: (
          <L>
            <ProjectFormPage />
          </L>
        ),
      },
    ],
  },
  {
    element: <RequireRole roles={["city_admin", "district_admin"]} />,
    children: [
      {
        path: "project-pipeline",
        element: (
          <L>
            <PipelinePage />
          </L>
        ),
      },
    ],
  },
  {
    element: <RequireRole roles={["city_admin", "district_admin", "department"]} />,
    children: [
      {
        path: "coordination-tasks",
        element: (
          <L>
            <TaskListPage />
          </L>
        ),
      },
    ],
  },
];
