import { Layout, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ProviderPoolList } from "./index";

/** 服务商资源池 for the public (no sign-in): admitted providers with the same filters. */
export default function PublicProviderPoolPage() {
  const { t } = useTranslation();
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header style={{ display: "flex", alignItems: "center", justifyContent: "space-between" }}>
        <Typography.Title level={4} style={{ color: "#fff", margin: 0 }}>
          {t("pool.list.publicTitle")}
        </Typography.Title>
        <Space size="large">
          <Link to="/notices" style={{ color: "#fff" }}>
            {t("pool.nav.notices")}
          </Link>
          <Link to="/" style={{ color: "#fff" }}>
            {t("pool.common.login")}
          </Link>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <ProviderPoolList city={false} signedIn={false} />
      </Layout.Content>
    </Layout>
  );
}
