import { FilePdfOutlined, FileTextOutlined } from "@ant-design/icons";
import { Button, Space } from "antd";
import { useTranslation } from "react-i18next";
import { DownloadButton } from "../../../components/DownloadButton";

/** "一企一策" report of a submitted assessment: the HTML page in a new tab, and the PDF download. */
export function ReportButtons({ assessmentId }: { assessmentId: string }) {
  const { t } = useTranslation();
  const base = `/api/assessments/${encodeURIComponent(assessmentId)}`;

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
      <DownloadButton
        type="primary"
        icon={<FilePdfOutlined />}
        path={`${base}/report.pdf`}
        fileName={t("report.pdfName")}
        testId="report-pdf"
      >
        {t("report.downloadPdf")}
      </DownloadButton>
    </Space>
  );
}
