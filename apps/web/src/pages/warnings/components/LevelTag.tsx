import type { WarningLevel } from "@dxcenter/domain";
import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import { LEVEL_COLOR } from "../listSpec";

/** 红 / 橙 / 黄 in their colour. */
export function LevelTag({ level }: { level: WarningLevel }) {
  const { t } = useTranslation();
  return (
    <Tag color={LEVEL_COLOR[level]} data-testid="warning-level">
      {t(`warnings.levels.${level}`)}
    </Tag>
  );
}
