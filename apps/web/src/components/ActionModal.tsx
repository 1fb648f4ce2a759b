import { Modal, type ModalProps } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface ActionModalProps extends Omit<ModalProps, "open" | "onOk" | "onCancel" | "confirmLoading"> {
  /** Runs on OK (a form submit); its promise is not awaited here — `pending` shows the wait. */
  onOk: () => unknown;
  onClose: () => void;
  /** The request is running: OK shows a spinner. */
  pending: boolean;
  /** OK's text; 确定 by default. */
  okText?: ReactNode;
  /** data-testid of the OK button (e2e tests press it); `okButtonProps` replaces it. */
  okTestId?: string;
}

/**
 * The one shape of a page's action dialog (mounted while open): a title, the form or text, 取消 and an
 * OK that runs the action with a spinner while it is pending. Closed dialogs leave nothing behind.
 */
export function ActionModal({
  onOk,
  onClose,
  pending,
  okText,
  okTestId,
  children,
  ...modal
}: ActionModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      onOk={() => void onOk()}
      onCancel={onClose}
      okText={okText ?? t("common.confirm")}
      cancelText={t("common.cancel")}
      confirmLoading={pending}
      destroyOnHidden
      okButtonProps={okTestId ? ({ "data-testid": okTestId } as Record<`data-${string}`, string>) : undefined}
      {...modal}
    >
      {children}
    </Modal>
  );
}
