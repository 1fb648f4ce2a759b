import { InboxOutlined } from "@ant-design/icons";
import { Upload } from "antd";
import type { MouseEvent } from "react";
import { useTranslation } from "react-i18next";

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

interface Props {
  disabled: boolean;
  onFile: (file: File) => void;
  onReject: (reason: string) => void;
}

/**
 * Drag-and-drop .xlsx picker. The wrapper is a <label> whose control is the hidden file input, so
 * tests can target `data-testid="import-upload"` directly or the `input[type=file]` inside it.
 * The label's own click activation is cancelled because the Upload already opens the file dialog.
 */
export function ImportUpload({ disabled, onFile, onReject }: Props) {
  const { t } = useTranslation();

  const onLabelClick = (e: MouseEvent<HTMLLabelElement>) => {
    if (!(e.target instanceof HTMLInputElement)) e.preventDefault();
  };

  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the file input rendered by Upload
    // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard activation is handled by the Upload itself
    <label data-testid="import-upload" onClick={onLabelClick} style={{ display: "block" }}>
      <Upload.Dragger
        name="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={disabled}
        beforeUpload={(file) => {
          if (!file.name.toLowerCase().endsWith(".xlsx")) {
            onReject(t("import.onlyXlsx"));
            return Upload.LIST_IGNORE;
          }
          if (file.size > MAX_IMPORT_BYTES) {
            onReject(t("import.tooLarge"));
            return Upload.LIST_IGNORE;
          }
          onFile(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t("import.dragText")}</p>
        <p className="ant-upload-hint">{t("import.dragHint")}</p>
      </Upload.Dragger>
    </label>
  );
}
