import { AppstoreOutlined, RightOutlined } from "@ant-design/icons";
import { Card, Descriptions, Flex, Result, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCurrentUser } from "../../auth/context";
import { menuFor } from "../../routes/menu";

/**
 * The first screen of roles without the registry home (provider, expert, department): who they are
 * and the modules they work in, taken from the route table (the same entries as their menu), so a
 * module that exists is never shown as "coming". To-dos per role come with the 工作台 issue.
 */
export default function WorkbenchPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const modules = menuFor(me, t).filter((m) => m.to !== "/workbench");

  return (
    <Card>
      <Result
        icon={<AppstoreOutlined />}
        title={t("workbench.welcome", { name: me.displayName })}
        subTitle={t("app.fullName")}
        style={{ paddingBottom: 8 }}
      />
      <Descriptions
        bordered
        column={1}
        style={{ maxWidth: 720, margin: "0 auto 24px" }}
        items={[
          {
            key: "role",
            label: t("workbench.role"),
            children: (
              <Tag color="blue" data-testid="workbench-role">
                {t(`role.${me.role}`)}
              </Tag>
            ),
          },
          {
            key: "org",
            label: t("workbench.organization"),
            children: (
              <span data-testid="workbench-organization">
                {me.organization ?? me.enterpriseName ?? me.districtName ?? t("workbench.noOrganization")}
              </span>
            ),
          },
        ]}
      />
      <div style={{ maxWidth: 720, margin: "0 auto" }}>
        <Typography.Title level={5}>{t("workbench.modules")}</Typography.Title>
        <Card size="small" styles={{ body: { padding: 0 } }} data-testid="workbench-modules">
          {modules.map((m, i) => (
            <Link key={m.key} to={m.to} aria-label={`${t("workbench.open")} ${m.label}`}>
              <Flex
                justify="space-between"
                align="center"
                gap={12}
                style={{ padding: "12px 16px", borderTop: i === 0 ? undefined : "1px solid #f0f0f0" }}
              >
                <Typography.Text>
                  <span style={{ marginInlineEnd: 8 }}>{m.icon}</span>
                  {m.label}
                </Typography.Text>
                <RightOutlined />
              </Flex>
            </Link>
          ))}
        </Card>
      </div>
    </Card>
  );
}
