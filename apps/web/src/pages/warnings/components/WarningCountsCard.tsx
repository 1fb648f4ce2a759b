import { WARNING_LEVELS } from "@dxcenter/domain";
import { Card, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useWarningCounts } from "../../../api/warnings";
import { LEVEL_COLOR } from "../listSpec";

/** The 驾驶舱's warnings at a glance: open warnings by level, each a link to the list filtered so. */
export function WarningCountsCard() {
  const { t } = useTranslation();
  const counts = useWarningCounts();
  if (!counts.data) return null;
  const by = counts.data.byLevel;
  return (
    <Card size="small" data-testid="cockpit-warnings">
      <Space wrap align="center">
        <Typography.Text strong>{t("warnings.cockpitCard.open")}</Typography.Text>
        {WARNING_LEVELS.map((l) => (
          <Link key={l} to={`/warnings?level=${l}&active=true`} data-testid={`cockpit-warnings-${l}`}>
            <Tag color={LEVEL_COLOR[l]} style={{ cursor: "pointer", fontSize: 14, padding: "2px 10px" }}>
              {t(`warnings.levels.${l}`)} {by[l]}
            </Tag>
          </Link>
        ))}
        <Link to="/warnings?active=true">{t("warnings.cockpitCard.link")}</Link>
      </Space>
    </Card>
  );
}
