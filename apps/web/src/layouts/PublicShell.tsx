import { Button, Layout, Typography } from "antd";
import type { CSSProperties, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** The frame of a page for anyone without signing in: the platform name, the page title and a sign-in button. */
export function PublicShell({
  title,
  loginText,
  contentStyle,
  children,
}: {
  title: string;
  loginText: string;
  contentStyle?: CSSProperties;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header
        style={{ display: "flex", alignItems: "center", justifyContent: "space-between", color: "#fff" }}
      >
        <Typography.Title level={4} style={{ margin: 0, color: "#fff" }}>
          {t("app.name")} · {title}
        </Typography.Title>
        <Link to="/login">
          <Button>{loginText}</Button>
        </Link>
      </Layout.Header>
      <Layout.Content style={{ margin: 24, ...contentStyle }}>{children}</Layout.Content>
    </Layout>
  );
}
