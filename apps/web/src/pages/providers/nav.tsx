import {
  AuditOutlined,
  ClusterOutlined,
  IdcardOutlined,
  NotificationOutlined,
  ScheduleOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import type { Role } from "@dxcenter/domain";
import type { ReactNode } from "react";
import i18n from "../../i18n";

type Item = { key: string; path: string; icon: ReactNode; label: string };

/** Side-menu entries of the provider pool and the expert pool, by role (MainLayout appends them; labels in the current language). */
export function poolNavItems(role: Role): Item[] {
  const pool = {
    key: "/providers",
    path: "/providers",
    icon: <ClusterOutlined />,
    label: i18n.t("pool.nav.providers"),
  };
  const review = {
    key: "/pool-review",
    path: "/pool-review",
    icon: <AuditOutlined />,
    label: i18n.t("pool.nav.review"),
  };
  const experts = {
    key: "/experts",
    path: "/experts",
    icon: <TeamOutlined />,
    label: i18n.t("pool.nav.experts"),
  };
  const notices = {
    key: "/notices",
    path: "/notices",
    icon: <NotificationOutlined />,
    label: i18n.t("pool.nav.notices"),
  };
  const mine = {
    key: "/my-organization",
    path: "/my-organization",
    icon: <IdcardOutlined />,
    label: i18n.t("pool.nav.mine"),
  };
  const reviews = {
    key: "/my-reviews",
    path: "/my-reviews",
    icon: <ScheduleOutlined />,
    label: i18n.t("pool.nav.myReviews"),
  };
  switch (role) {
    case "city_admin":
      return [pool, review, experts, notices];
    case "provider":
      return [mine, pool, notices];
    case "expert":
      return [reviews, pool, notices];
    default:
      return [pool, notices];
  }
}
