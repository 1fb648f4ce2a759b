import {
  ApartmentOutlined,
  FileProtectOutlined,
  FlagOutlined,
  SafetyCertificateOutlined,
} from "@ant-design/icons";
import type { Role } from "@dxcenter/domain";
import { lazy } from "react";
import { type AppRoute, boundEnterprise } from "../../routes/types";

const READERS: readonly Role[] = ["city_admin", "district_admin", "enterprise"];
const PublicNotices = lazy(() => import("./public").then((m) => ({ default: m.PublicNoticesPage })));
const PublicVerify = lazy(() => import("./public").then((m) => ({ default: m.PublicVerifyPage })));

/** Pages of 梯度培育 (entries of the route table, in menu order), and its public 公示/名单 and 证书查验. */
export const tierRoutes: AppRoute[] = [
  {
    path: "programmes",
    page: lazy(() => import("./programmes")),
    menu: { icon: <ApartmentOutlined />, label: (t) => t("tiers.nav.programmes") },
  },
  {
    path: "certification-rounds",
    page: lazy(() => import("./rounds")),
    roles: READERS,
    menu: { icon: <FlagOutlined />, label: (t) => t("tiers.nav.rounds"), when: boundEnterprise },
  },
  { path: "certification-rounds/:id", page: lazy(() => import("./round-detail")), roles: READERS },
  {
    path: "certification-applications",
    page: lazy(() => import("./applications")),
    roles: READERS,
    menu: {
      icon: <FileProtectOutlined />,
      label: (t, me) => (me.role === "enterprise" ? t("tiers.nav.mine") : t("tiers.nav.applications")),
      when: boundEnterprise,
    },
  },
  {
    path: "certificates",
    page: lazy(() => import("./certificates")),
    roles: READERS,
    menu: {
      icon: <SafetyCertificateOutlined />,
      label: (t) => t("tiers.nav.certificates"),
      when: boundEnterprise,
    },
  },
  { path: "open-tiers", page: PublicNotices, public: true },
  { path: "open-tiers/verify", page: PublicVerify, public: true },
];
