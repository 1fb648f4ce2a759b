import {
  AccountBookOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  CalculatorOutlined,
  DashboardOutlined,
  DownOutlined,
  FormOutlined,
  FundOutlined,
  GiftOutlined,
  KeyOutlined,
  LogoutOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  TranslationOutlined,
  UploadOutlined,
  UserOutlined,
} from "@ant-design/icons";
import type { Role } from "@dxcenter/domain";
import type { MenuProps } from "antd";
import { Button, Dropdown, Layout, Menu, Space, Tag, Typography, theme } from "antd";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useLocation, useNavigate } from "react-router";
import { useLogout } from "../api/hooks";
import type { Me } from "../api/types";
import { useCurrentUser } from "../auth/context";
import { changeLang, currentLang } from "../i18n";
import { projectNavItems } from "../pages/projects/nav";
import { poolNavItems } from "../pages/providers/nav";
import { matchingNavItems } from "../pages/solutions/nav";
import { ChangePasswordModal } from "./ChangePasswordModal";

const { Header, Sider, Content } = Layout;

interface NavItem {
  key: string;
  path: string;
  icon: ReactNode;
  label: string;
}

function useNavItems(me: Me): NavItem[] {
  const { t } = useTranslation();
  return useMemo(() => {
    const items = {
      dashboard: {
        key: "/dashboard",
        path: "/dashboard",
        icon: <DashboardOutlined />,
        label: t("nav.dashboard"),
      },
      enterprises: {
        key: "/enterprises",
        path: "/enterprises",
        icon: <BankOutlined />,
        label: t("nav.enterprises"),
      },
      import: { key: "/import", path: "/import", icon: <UploadOutlined />, label: t("nav.import") },
      users: { key: "/users", path: "/users", icon: <TeamOutlined />, label: t("nav.users") },
      audit: { key: "/audit", path: "/audit", icon: <AuditOutlined />, label: t("nav.audit") },
      assessments: {
        key: "/assessments",
        path: "/assessments",
        icon: <FormOutlined />,
        label: t("nav.assessments"),
      },
      diagnoses: {
        key: "/diagnoses",
        path: "/diagnoses",
        icon: <SolutionOutlined />,
        label: t("nav.diagnoses"),
      },
      impact: { key: "/impact", path: "/impact", icon: <FundOutlined />, label: t("nav.impact") },
      policies: {
        key: "/policies",
        path: "/policies",
        icon: <AccountBookOutlined />,
        label: t("policy.nav.library"),
      },
      calculator: {
        key: "/policy-calculator",
        path: "/policy-calculator",
        icon: <CalculatorOutlined />,
        label: t("policy.nav.calculator"),
      },
      sweep: {
        key: "/policy-awards",
        path: "/policy-awards",
        icon: <GiftOutlined />,
        label: t("policy.nav.sweep"),
      },
      workbench: {
        key: "/workbench",
        path: "/workbench",
        icon: <AppstoreOutlined />,
        label: t("nav.workbench"),
      },
    };
    const byRole: Record<Role, NavItem[]> = {
      city_admin: [
        items.dashboard,
        items.enterprises,
        items.assessments,
        items.diagnoses,
        items.impact,
        items.policies,
        items.calculator,
        items.sweep,
        items.import,
        items.users,
        items.audit,
      ],
      district_admin: [
        items.dashboard,
        items.enterprises,
        items.assessments,
        items.diagnoses,
        items.impact,
        items.policies,
        items.calculator,
        items.sweep,
        items.import,
      ],
      enterprise: me.enterpriseId
        ? [
            {
              key: "/enterprises",
              path: `/enterprises/${me.enterpriseId}`,
              icon: <ShopOutlined />,
              label: t("nav.myEnterprise"),
            },
            items.assessments,
            items.diagnoses,
            items.policies,
            items.calculator,
          ]
        : [items.workbench],
      provider: [items.diagnoses, items.workbench],
      expert: [items.diagnoses, items.workbench],
      department: [items.workbench],
    };
    return [
      ...byRole[me.role],
      ...matchingNavItems(me.role, t),
      ...poolNavItems(me.role),
      ...projectNavItems(me.role, t),
    ];
  }, [me.role, me.enterpriseId, t]);
}

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
  const nav = useNavItems(me);

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
            onClick: () => navigate(n.path),
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
