import { LockOutlined, TranslationOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Spin, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { errorMessage } from "../../api/client";
import { useLogin, useMe } from "../../api/hooks";
import type { LoginBody, Me } from "../../api/types";
import { homePath, pathAllowed, safeRedirect } from "../../auth/context";
import { changeLang, currentLang } from "../../i18n";

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe();
  const login = useLogin();
  const [error, setError] = useState<string | null>(null);
  const from = safeRedirect(params.get("from"));

  if (me.isPending) {
    return (
      <div style={{ display: "flex", height: "100vh", alignItems: "center", justifyContent: "center" }}>
        <Spin size="large" />
      </div>
    );
  }
  const target = (user: Me) => (from && pathAllowed(user, from) ? from : homePath(user));
  if (me.data && !login.isPending) return <Navigate to={target(me.data)} replace />;

  const onFinish = (values: LoginBody) => {
    setError(null);
    login.mutate(values, {
      onSuccess: (user) => navigate(target(user), { replace: true }),
      onError: (e) => setError(errorMessage(e)),
    });
  };

  const lang = currentLang();

  return (
    <div
      style={{
        minHeight: "100vh",
        display: "flex",
        flexDirection: "column",
        alignItems: "center",
        justifyContent: "center",
        background: "linear-gradient(135deg, #0f3d85 0%, #1658b8 55%, #3b82c4 100%)",
        padding: 16,
      }}
    >
      <Typography.Title level={2} style={{ color: "#fff", marginBottom: 4, textAlign: "center" }}>
        {t("app.name")}
      </Typography.Title>
      <Typography.Paragraph
        style={{ color: "rgba(255,255,255,0.85)", marginBottom: 24, textAlign: "center" }}
      >
        {t("app.fullName")}
      </Typography.Paragraph>
      <Card
        style={{ width: 380, maxWidth: "100%" }}
        title={t("auth.loginTitle")}
        extra={
          <Button
            type="link"
            size="small"
            icon={<TranslationOutlined />}
            onClick={() => void changeLang(lang === "en" ? "zh-CN" : "en")}
          >
            {t("lang.switchTo")}
          </Button>
        }
      >
        {error ? (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
        ) : null}
        <Form<LoginBody> layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item
            name="username"
            label={t("auth.username")}
            rules={[{ required: true, whitespace: true, message: t("auth.usernameRequired") }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("auth.password")}
            rules={[{ required: true, message: t("auth.passwordRequired") }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t("auth.login")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
