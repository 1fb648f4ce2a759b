import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, type ButtonProps } from "antd";
import { useState } from "react";
import { downloadFile, errorMessage, type QueryParams } from "../api/client";

export interface DownloadButtonProps extends Omit<ButtonProps, "onClick" | "loading" | "href"> {
  /** The API path of the file. */
  path: string;
  query?: QueryParams;
  /** File name when the server sends none. */
  fileName: string;
  testId?: string;
}

/** A button that downloads a file from the API: a spinner while it runs, a failure as an error message. */
export function DownloadButton({
  path,
  query,
  fileName,
  testId,
  icon = <DownloadOutlined />,
  children,
  ...button
}: DownloadButtonProps) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      await downloadFile(path, query, fileName);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={icon} loading={busy} onClick={() => void onClick()} data-testid={testId} {...button}>
      {children}
    </Button>
  );
}
