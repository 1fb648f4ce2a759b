import type { TrajectoryStatus } from "@dxcenter/domain";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { STATUS_TAG_STYLE } from "../format";

/**
 * 达标 / 滞后 / 预警 in green / orange / red; an unknown status says why, in grey: 待设定 (no target
 * for the period) or 暂无数据 (no value) — never a number made up to fill the gap.
 */
export function StatusTag({
  status,
  unknownReason,
  excellent = false,
}: {
  status: TrajectoryStatus;
  unknownReason: "no_value" | "no_target" | null;
  excellent?: boolean;
}) {
  const { t } = useTranslation();
  const text =
    status === "unknown" && unknownReason
      ? t(`cockpit.unknownReason.${unknownReason}`)
      : t(`cockpit.status.${status}`);
  return (
    <Tag data-testid="kpi-status" style={{ ...STATUS_TAG_STYLE[status], marginInlineEnd: 0 }}>
      {text}
      {excellent ? ` · ${t("cockpit.excellent")}` : ""}
    </Tag>
  );
}
