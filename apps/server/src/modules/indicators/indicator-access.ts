import type { Indicator } from "@dxcenter/contracts";
import { forbidden, notFound } from "../../errors";
import type { CurrentUser } from "../../plugins/auth";

/**
 * Who reads which indicators and which scopes (issue 13 §8): the city everything; a district
 * administrator its own district and the city totals; a department the indicators it owns (by its
 * organisation's name), city-wide and per district; enterprises, providers and experts not yet (403).
 */
export interface IndicatorView {
  /** Indicators the caller may read. */
  sees: (d: Indicator) => boolean;
  /** A scope the caller may read ('city' or a district code). */
  mayReadScope: (scope: string) => boolean;
  /** The scope a 驾驶舱 opens on when none is asked for. */
  homeScope: string;
  /** Districts whose rows the caller sees in the district comparison (null = all). */
  ownDistrict: string | null;
}

export function indicatorView(user: CurrentUser): IndicatorView {
  switch (user.role) {
    case "city_admin":
      return { sees: () => true, mayReadScope: () => true, homeScope: "city", ownDistrict: null };
    case "district_admin": {
      const own = user.districtCode;
      if (!own) throw forbidden("查看监测指标");
      return {
        sees: () => true,
        mayReadScope: (s) => s === "city" || s === own,
        homeScope: own,
        ownDistrict: own,
      };
    }
    case "department": {
      const org = user.organization;
      return {
        sees: (d) => org !== null && d.owner.kind === "department" && d.owner.name === org,
        mayReadScope: () => true,
        homeScope: "city",
        ownDistrict: null,
      };
    }
    default:
      throw forbidden("查看监测指标");
  }
}

/** The visible indicator with this id, or 404 (the same answer for unknown and not visible). */
export function visibleIndicator(view: IndicatorView, all: readonly Indicator[], id: string): Indicator {
  const d = all.find((x) => x.id === id);
  if (!d || !view.sees(d)) throw notFound("监测指标");
  return d;
}

export function assertScope(view: IndicatorView, scope: string): void {
  if (!view.mayReadScope(scope)) throw forbidden("查看其他区的指标");
}
