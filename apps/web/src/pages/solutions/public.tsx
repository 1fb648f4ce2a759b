import { Card, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { PublicShell } from "../../layouts/PublicShell";
import { Catalogue } from ".";

/** The catalogue for anyone, without signing in (PRODUCT: public sees the solution catalogue). */
export default function PublicCataloguePage() {
  const { t } = useTranslation();
  return (
    <PublicShell title={t("matching.solution.title")} loginText={t("matching.common.login")}>
      <Card>
        <Space direction="vertical" style={{ width: "100%" }}>
          <Typography.Text type="secondary">{t("matching.common.publicHint")}</Typography.Text>
          <Catalogue />
        </Space>
      </Card>
    </PublicShell>
  );
}
