import {
  AuditOutlined,
  ClusterOutlined,
  IdcardOutlined,
  NotificationOutlined,
  ScheduleOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import { lazy } from "react";
import type { AppRoute } from "../../routes/types";

/** Pages of the provider and expert pools (entries of the route table, in menu order). */
export const poolRoutes: AppRoute[] = [
  {
    path: "my-organization",
    page: lazy(() => import("./mine")),
    roles: ["provider"],
    menu: { icon: <IdcardOutlined />, label: (t) => t("pool.nav.mine") },
  },
  {
    path: "my-reviews",
    page: lazy(() => import("../experts/my-reviews")),
    roles: ["expert"],
    menu: { icon: <ScheduleOutlined />, label: (t) => t("pool.nav.myReviews") },
  },
  {
    path: "providers",
    page: lazy(() => import("./index")),
    menu: { icon: <ClusterOutlined />, label: (t) => t("pool.nav.providers") },
  },
  { path: "providers/:id", page: lazy(() => import("./detail")) },
  {
    path: "pool-review",
    page: lazy(() => import("../pool-review")),
    roles: ["city_admin"],
    menu: { icon: <AuditOutlined />, label: (t) => t("pool.nav.review") },
  },
  {
    path: "pool-review/:id",
    page: lazy(() => import("../pool-review/detail")),
    roles: ["city_admin", "provider", "expert"],
  },
  {
    path: "experts",
    page: lazy(() => import("../experts")),
    roles: ["city_admin"],
    menu: { icon: <TeamOutlined />, label: (t) => t("pool.nav.experts") },
  },
  // A district reads the draws of its own diagnoses (the server scopes the record).
  {
    path: "experts/draws/:id",
    page: lazy(() => import("../experts/draw")),
    roles: ["city_admin", "district_admin"],
  },
  // Public (no sign-in): the admission notices with the objection channel, and the admitted providers.
  {
    path: "notices",
    page: lazy(() => import("../notices")),
    public: true,
    menu: { icon: <NotificationOutlined />, label: (t) => t("pool.nav.notices") },
  },
  { path: "provider-pool", page: lazy(() => import("./public")), public: true },
];
