import { FilePdfOutlined, FileTextOutlined } from "@ant-design/icons";
import { App, Button, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { downloadFile, errorMessage } from "../../../api/client";

/** "一企一策" report of a submitted assessment: the HTML page in a new tab, and the PDF download. */
export function ReportButtons({ assessmentId }: { assessmentId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState(false);
  const base = `/api/assessments/${encodeURIComponent(assessmentId)}`;

  const onPdf = async () => {
    setDownloading(true);
    try {
      await downloadFile(`${base}/report.pdf`, undefined, t("report.pdfName"));
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Space wrap>
      <Button
        icon={<FileTextOutlined />}
        href={`${base}/report`}
        target="_blank"
        rel="noopener"
        data-testid="report-view"
      >
        {t("report.view")}
      </Button>
      <Button
        type="primary"
        icon={<FilePdfOutlined />}
        loading={downloading}
        onClick={() => void onPdf()}
        data-testid="report-pdf"
      >
        {t("report.downloadPdf")}
      </Button>
    </Space>
  );
}
