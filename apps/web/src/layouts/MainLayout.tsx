import {
  DownOutlined,
  KeyOutlined,
  LogoutOutlined,
  TranslationOutlined,
  UserOutlined,
} from "@ant-design/icons";
import type { MenuProps } from "antd";
import { Button, Dropdown, Layout, Menu, Space, Tag, Typography, theme } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useLocation, useNavigate } from "react-router";
import { useLogout } from "../api/hooks";
import { useCurrentUser } from "../auth/context";
import { changeLang, currentLang } from "../i18n";
import { menuFor } from "../routes/menu";
import { ChangePasswordModal } from "./ChangePasswordModal";

const { Header, Sider, Content } = Layout;

/** The page frame: side menu by role, header with user menu, language switch and logout. */
export function MainLayout() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const location = useLocation();
  const { token } = theme.useToken();
  const logout = useLogout();
  const [collapsed, setCollapsed] = useState(false);
  const [pwdOpen, setPwdOpen] = useState(false);
  const nav = useMemo(() => menuFor(me, t), [me, t]);

  const selected = nav
    .filter((n) => location.pathname === n.key || location.pathname.startsWith(`${n.key}/`))
    .map((n) => n.key);

  const onLogout = () => {
    // A full page load drops every cached answer of the previous user.
    logout.mutate(undefined, { onSettled: () => window.location.replace("/login") });
  };

  const userMenu: MenuProps["items"] = [
    {
      key: "password",
      icon: <KeyOutlined />,
      label: <span data-testid="change-password">{t("auth.changePassword")}</span>,
      onClick: () => setPwdOpen(true),
    },
    { type: "divider" },
    {
      key: "logout",
      icon: <LogoutOutlined />,
      label: <span data-testid="logout">{t("auth.logout")}</span>,
      onClick: onLogout,
    },
  ];

  const lang = currentLang();

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} breakpoint="lg">
        <div
          style={{
            height: 64,
            display: "flex",
            alignItems: "center",
            justifyContent: "center",
            color: "#fff",
            fontWeight: 600,
            fontSize: collapsed ? 14 : 15,
            padding: "0 12px",
            textAlign: "center",
            lineHeight: 1.3,
          }}
        >
          {collapsed ? "DX" : t("app.shortName")}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected}
          items={nav.map((n) => ({
            key: n.key,
            icon: n.icon,
            label: n.label,
            onClick: () => navigate(n.to),
          }))}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: "0 24px",
            display: "flex",
            alignItems: "center",
            justifyContent: "space-between",
            gap: 16,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: "nowrap" }} data-testid="platform-name">
            {t("app.name")}
          </Typography.Title>
          <Space size="middle">
            <Button
              type="text"
              icon={<TranslationOutlined />}
              data-testid="lang-switch"
              onClick={() => void changeLang(lang === "en" ? "zh-CN" : "en")}
            >
              {t("lang.switchTo")}
            </Button>
            <Dropdown menu={{ items: userMenu }} trigger={["click"]} placement="bottomRight">
              <Button type="text" data-testid="user-menu">
                <Space size={6}>
                  <UserOutlined />
                  <span>{me.displayName}</span>
                  <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                    {t(`role.${me.role}`)}
                  </Tag>
                  {me.districtName ? <Tag style={{ marginInlineEnd: 0 }}>{me.districtName}</Tag> : null}
                  {me.role === "enterprise" && me.enterpriseName ? (
                    <Tag style={{ marginInlineEnd: 0 }}>{me.enterpriseName}</Tag>
                  ) : null}
                  <DownOutlined style={{ fontSize: 10 }} />
                </Space>
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content style={{ margin: 24, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
      {pwdOpen ? <ChangePasswordModal onClose={() => setPwdOpen(false)} /> : null}
    </Layout>
  );
}
