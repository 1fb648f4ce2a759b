import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import type { Me } from "../api/types";
import { APP_ROUTES } from "./table";

export interface MenuItem {
  key: string;
  to: string;
  icon: ReactNode;
  label: string;
}

/** The side menu of a user: the route table's entries the role may see, in table order. */
export function menuFor(me: Me, t: TFunction): MenuItem[] {
  return APP_ROUTES.flatMap(({ path, roles, menu }) => {
    if (!menu) return [];
    const seenBy = menu.roles ?? roles;
    if (seenBy && !seenBy.includes(me.role)) return [];
    if (menu.when && !menu.when(me)) return [];
    const key = menu.key ?? `/${path}`;
    return [{ key, to: menu.to?.(me) ?? key, icon: menu.icon, label: menu.label(t, me) }];
  });
}
