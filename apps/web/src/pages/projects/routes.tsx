import { BarChartOutlined, ProjectOutlined, ScheduleOutlined } from "@ant-design/icons";
import { lazy } from "react";
import type { AppRoute } from "../../routes/types";

const ProjectFormPage = lazy(() => import("./form"));
const REVIEWERS = ["city_admin", "district_admin", "enterprise", "expert"] as const;
const APPLICANTS = ["city_admin", "district_admin", "enterprise"] as const;

/** Pages of 技改项目库 (entries of the route table, in menu order). */
export const projectRoutes: AppRoute[] = [
  {
    path: "projects",
    page: lazy(() => import("./index")),
    roles: REVIEWERS,
    menu: {
      icon: <ProjectOutlined />,
      label: (t, me) => (me.role === "expert" ? t("project.nav.reviews") : t("project.nav.library")),
    },
  },
  { path: "projects/:id", page: lazy(() => import("./detail")), roles: REVIEWERS },
  { path: "projects/new", page: ProjectFormPage, roles: APPLICANTS },
  { path: "projects/:id/edit", page: ProjectFormPage, roles: APPLICANTS },
  {
    path: "project-pipeline",
    page: lazy(() => import("./pipeline")),
    roles: ["city_admin", "district_admin"],
    menu: { icon: <BarChartOutlined />, label: (t) => t("project.nav.pipeline") },
  },
  {
    path: "coordination-tasks",
    page: lazy(() => import("./tasks")),
    roles: ["city_admin", "district_admin", "department"],
    menu: { icon: <ScheduleOutlined />, label: (t) => t("project.nav.tasks") },
  },
];
