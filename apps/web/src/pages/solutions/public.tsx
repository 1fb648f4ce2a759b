import { Button, Card, Layout, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Catalogue } from ".";

/** The catalogue for anyone, without signing in (PRODUCT: public sees the solution catalogue). */
export default function PublicCataloguePage() {
  const { t } = useTranslation();
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header
        style={{ display: "flex", alignItems: "center", justifyContent: "space-between", color: "#fff" }}
      >
        <Typography.Title level={4} style={{ margin: 0, color: "#fff" }}>
          {t("app.name")} · {t("matching.solution.title")}
        </Typography.Title>
        <Link to="/login">
          <Button>{t("matching.common.login")}</Button>
        </Link>
      </Layout.Header>
      <Layout.Content style={{ margin: 24 }}>
        <Card>
          <Space direction="vertical" style={{ width: "100%" }}>
            <Typography.Text type="secondary">{t("matching.common.publicHint")}</Typography.Text>
            <Catalogue />
          </Space>
        </Card>
      </Layout.Content>
    </Layout>
  );
}
