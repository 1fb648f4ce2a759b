import { Alert, Button } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../api/client";

/** Error alert showing the server's message, with an optional retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={t("common.loadFailed")}
      description={errorMessage(error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t("common.reload")}
          </Button>
        ) : undefined
      }
    />
  );
}
