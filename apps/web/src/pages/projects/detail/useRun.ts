import { App } from "antd";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../api/client";

/** Runs one action of the detail page: 操作成功 on success, the server's message on failure; true when it worked. */
export function useRun() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      void message.success(t("project.detail.done"));
      return true;
    } catch (e) {
      void message.error(errorMessage(e));
      return false;
    }
  };
}
