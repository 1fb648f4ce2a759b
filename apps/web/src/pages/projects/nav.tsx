import { BarChartOutlined, ProjectOutlined, ScheduleOutlined } from "@ant-design/icons";
import type { Role } from "@dxcenter/domain";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";

interface NavItem {
  key: string;
  path: string;
  icon: ReactNode;
  label: string;
}

/** Menu entries of 技改项目库 by role. */
export function projectNavItems(role: Role, t: TFunction): NavItem[] {
  const library = {
    key: "/projects",
    path: "/projects",
    icon: <ProjectOutlined />,
    label: t("project.nav.library"),
  };
  const pipeline = {
    key: "/project-pipeline",
    path: "/project-pipeline",
    icon: <BarChartOutlined />,
    label: t("project.nav.pipeline"),
  };
  const tasks = {
    key: "/coordination-tasks",
    path: "/coordination-tasks",
    icon: <ScheduleOutlined />,
    label: t("project.nav.tasks"),
  };
  switch (role) {
    case "city_admin":
    case "district_admin":
      return [library, pipeline, tasks];
    case "enterprise":
      return [library];
    case "expert":
      return [{ ...library, label: t("project.nav.reviews") }];
    case "department":
      return [tasks];
    default:
      return [];
  }
}
