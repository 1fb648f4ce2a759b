import { WARNING_LEVELS, WARNING_STATES } from "@dxcenter/domain";
import { listSpec, type ParamsOf, param } from "../../components/list";

/** 预警列表 filters in the URL (the 驾驶舱 card links here with level and active set). */
export const WARNING_LIST = listSpec({
  filters: {
    q: param.text,
    level: param.oneOf(WARNING_LEVELS),
    state: param.oneOf(WARNING_STATES),
    active: param.bool,
    rule: param.matching(/^[a-z0-9-]{1,80}$/),
    district: param.district,
  },
  sort: { keys: ["openedAt", "level", "state"] as const, default: "level", order: "desc" },
});
export type WarningListParams = ParamsOf<typeof WARNING_LIST>;

export const LEVEL_COLOR = { red: "red", orange: "orange", yellow: "gold" } as const;
export const STATE_COLOR = {
  open: "red",
  acknowledged: "processing",
  handled: "blue",
  closed: "default",
} as const;
