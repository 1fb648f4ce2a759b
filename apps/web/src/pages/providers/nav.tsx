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

type Item = { key: string; path: string; icon: ReactNode; label: string };

/** Side-menu entries of the provider pool and the expert pool, by role (MainLayout appends them). */
export function poolNavItems(role: Role): Item[] {
  const pool = { key: "/providers", path: "/providers", icon: <ClusterOutlined />, label: "服务商资源池" };
  const review = { key: "/pool-review", path: "/pool-review", icon: <AuditOutlined />, label: "入库评审" };
  const experts = { key: "/experts", path: "/experts", icon: <TeamOutlined />, label: "专家库" };
  const notices = { key: "/notices", path: "/notices", icon: <NotificationOutlined />, label: "入库公示" };
  const mine = {
    key: "/my-organization",
    path: "/my-organization",
    icon: <IdcardOutlined />,
    label: "我的机构",
  };
  const reviews = {
    key: "/my-reviews",
    path: "/my-reviews",
    icon: <ScheduleOutlined />,
    label: "我的评审任务",
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
