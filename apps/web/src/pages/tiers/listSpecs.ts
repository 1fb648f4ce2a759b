import { CERTIFICATION_VIEW_STATES } from "@dxcenter/contracts";
import { CERT_APPLICATION_STATUSES, CERTIFICATION_SOURCES, ROUND_STATUSES } from "@dxcenter/domain";
import { listSpec, param } from "../../components/list";

export const CERTIFICATE_LIST = listSpec({
  filters: {
    q: param.text,
    programme: param.matching(/^[a-z0-9-]{1,60}$/),
    state: param.oneOf(CERTIFICATION_VIEW_STATES),
    source: param.oneOf(CERTIFICATION_SOURCES),
    district: param.district,
  },
  sort: {
    keys: ["createdAt", "validTo", "validFrom", "enterprise"] as const,
    default: "createdAt",
    order: "desc",
  },
});

export const ROUND_LIST = listSpec({
  filters: {
    q: param.text,
    programme: param.matching(/^[a-z0-9-]{1,60}$/),
    status: param.oneOf(ROUND_STATUSES),
  },
  sort: { keys: ["createdAt", "applyTo", "name"] as const, default: "createdAt", order: "desc" },
});

export const APPLICATION_LIST = listSpec({
  filters: { q: param.text, status: param.oneOf(CERT_APPLICATION_STATUSES), district: param.district },
  sort: { keys: ["createdAt", "rank", "enterprise"] as const, default: "createdAt", order: "desc" },
});

export const STATE_COLOR = {
  valid: "green",
  expired: "default",
  revoked: "red",
  suspended: "orange",
  not_yet_valid: "blue",
  claimed: "gold",
} as const;
export const ROUND_COLOR = {
  open: "processing",
  reviewing: "blue",
  in_notice: "orange",
  recognised: "green",
} as const;
export const APP_COLOR = {
  submitted: "processing",
  returned: "default",
  recommended: "blue",
  approved: "orange",
  rejected: "red",
  recognised: "green",
} as const;
