import { AppstoreOutlined, InfoCircleOutlined } from "@ant-design/icons";
import { Alert, Card, Descriptions, Flex, Result, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useCurrentUser } from "../../auth/context";

/** Landing page for roles whose modules come in later releases (provider, expert, department). */
export default function WorkbenchPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const modules: string[] =
    me.role === "provider" || me.role === "expert" || me.role === "department"
      ? t(`workbench.modules.${me.role}`, { returnObjects: true })
      : [];

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
        <Alert
          type="info"
          showIcon
          icon={<InfoCircleOutlined />}
          title={t("workbench.registryNote")}
          style={{ marginBottom: 16 }}
          data-testid="workbench-registry-note"
        />
        <Typography.Title level={5}>{t("workbench.upcoming")}</Typography.Title>
        <Card size="small" styles={{ body: { padding: 0 } }} data-testid="workbench-modules">
          {modules.map((m, i) => (
            <Flex
              key={m}
              justify="space-between"
              align="center"
              gap={12}
              style={{ padding: "12px 16px", borderTop: i === 0 ? undefined : "1px solid #f0f0f0" }}
            >
              <Typography.Text>{m}</Typography.Text>
              <Tag style={{ marginInlineEnd: 0 }}>{t("workbench.comingSoon")}</Tag>
            </Flex>
          ))}
        </Card>
      </div>
    </Card>
  );
}
