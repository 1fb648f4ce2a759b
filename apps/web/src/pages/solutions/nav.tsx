import {
  AppstoreAddOutlined,
  CalendarOutlined,
  InteractionOutlined,
  ShoppingOutlined,
} from "@ant-design/icons";
import type { Role } from "@dxcenter/domain";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";

/** Side-menu entries of the catalogue, matching and events, by role (MainLayout appends them). */
export function matchingNavItems(
  role: Role,
  t: TFunction,
): { key: string; path: string; icon: ReactNode; label: string }[] {
  const catalogue = {
    key: "/solutions",
    path: "/solutions",
    icon: <ShoppingOutlined />,
    label: t("matching.nav.catalogue"),
  };
  const mine = {
    key: "/my-solutions",
    path: "/my-solutions",
    icon: <AppstoreAddOutlined />,
    label: t("matching.nav.mine"),
  };
  const demands = {
    key: "/demands",
    path: "/demands",
    icon: <InteractionOutlined />,
    label: t("matching.nav.demands"),
  };
  const events = {
    key: "/events",
    path: "/events",
    icon: <CalendarOutlined />,
    label: t("matching.nav.events"),
  };
  switch (role) {
    case "city_admin":
    case "district_admin":
    case "enterprise":
      return [catalogue, demands, events];
    case "provider":
      return [catalogue, mine, demands, events];
    default:
      return [catalogue];
  }
}
