import { LockOutlined, TranslationOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Spin, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { errorMessage, isApiError } from "../../api/client";
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
  const [error, setError] = useState<{ message: string; code: string | null } | null>(null);
  // 429 TOO_MANY_ATTEMPTS: the submit button waits out the server's Retry-After (params.retryAfterSeconds).
  const [retryUntil, setRetryUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (retryUntil <= now) return;
    const h = window.setTimeout(() => setNow(Date.now()), 1000);
    return () => window.clearTimeout(h);
  }, [retryUntil, now]);
  const waitSeconds = Math.max(0, Math.ceil((retryUntil - now) / 1000));
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
      onError: (e) => {
        setError({ message: errorMessage(e), code: isApiError(e) ? e.code : null });
        const seconds =
          isApiError(e) && e.code === "TOO_MANY_ATTEMPTS" ? Number(e.params?.retryAfterSeconds) : 0;
        if (seconds > 0) {
          setNow(Date.now());
          setRetryUntil(Date.now() + seconds * 1000);
        }
      },
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
          <Alert
            type="error"
            showIcon
            title={error.message}
            // The same hint after every refused sign-in: the server never says whether an account exists or is locked.
            description={error.code === "INVALID_CREDENTIALS" ? t("auth.failureHint") : undefined}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
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
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={login.isPending}
            disabled={waitSeconds > 0}
            data-testid="login-submit"
          >
            {waitSeconds > 0 ? t("auth.retryIn", { seconds: waitSeconds }) : t("auth.login")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
