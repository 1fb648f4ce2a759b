import type { Role } from "@dxcenter/domain";
import type { TFunction } from "i18next";
import type { ComponentType, ReactNode } from "react";
import type { Me } from "../api/types";

/** A side-menu entry of a route. */
export interface MenuEntry {
  icon: ReactNode;
  /** The label in the current language (per user where it differs, e.g. an expert's 项目评审). */
  label: (t: TFunction, me: Me) => string;
  /** Who sees the entry; by default whoever may open the route. */
  roles?: readonly Role[];
  /** A further condition on the user (e.g. an enterprise account bound to its enterprise). */
  when?: (me: Me) => boolean;
  /** The menu key, also what it highlights below (default `/<path>`). */
  key?: string;
  /** Where it leads (default the key). */
  to?: (me: Me) => string;
}

/**
 * One page of the app: where it is, who may open it and its menu entry. The router, the role guard
 * and the side menu all read the one table (routes/table.tsx); the menu keeps the table's order.
 */
export interface AppRoute {
  /** Without the leading slash: "enterprises/:id". */
  path: string;
  page: ComponentType;
  /** Who may open it; none = every signed-in user (or anyone, for a public page). */
  roles?: readonly Role[];
  /** Outside sign-in and the main layout (public pages and the login). */
  public?: true;
  menu?: MenuEntry;
}

/** Enterprise accounts see their enterprise's entries only once bound to an enterprise. */
export const boundEnterprise = (me: Me) => me.role !== "enterprise" || !!me.enterpriseId;
