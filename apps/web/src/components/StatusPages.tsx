import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export function Forbidden() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t("common.forbidden")}
      subTitle={t("common.forbiddenHint")}
      extra={
        <Link to="/">
          <Button type="primary">{t("common.backHome")}</Button>
        </Link>
      }
    />
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t("common.notFound")}
      subTitle={t("common.notFoundHint")}
      extra={
        <Link to="/">
          <Button type="primary">{t("common.backHome")}</Button>
        </Link>
      }
    />
  );
}
