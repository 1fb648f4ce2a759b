import { Layout, Space, Typography } from "antd";
import { Link } from "react-router";
import { ProviderPoolList } from "./index";

/** 服务商资源池 for the public (no sign-in): admitted providers with the same filters. */
export default function PublicProviderPoolPage() {
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header style={{ display: "flex", alignItems: "center", justifyContent: "space-between" }}>
        <Typography.Title level={4} style={{ color: "#fff", margin: 0 }}>
          制造业数字化转型服务商资源池
        </Typography.Title>
        <Space size="large">
          <Link to="/notices" style={{ color: "#fff" }}>
            入库公示
          </Link>
          <Link to="/" style={{ color: "#fff" }}>
            登录平台
          </Link>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <ProviderPoolList city={false} signedIn={false} />
      </Layout.Content>
    </Layout>
  );
}
