import { shanghaiDay } from "../../lib/dates";

/** File names and download headers of reports: one PDF, the entries and name of a batch zip. */

/** Characters that no file system or zip tool accepts in a name, plus control characters. */
export function safeFilePart(s: string): string {
  return (
    s
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
      .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, "_")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 80) || "未命名"
  );
}

/** 一企一策诊断报告-<企业名>-<提交日期>.pdf */
export function reportPdfFilename(enterpriseName: string, submittedAt: Date): string {
  return `一企一策诊断报告-${safeFilePart(enterpriseName)}-${shanghaiDay(submittedAt)}.pdf`;
}

/** <区>/<企业名>-<USCC>.pdf inside a batch zip. */
export function zipEntryName(districtName: string, enterpriseName: string, uscc: string): string {
  return `${safeFilePart(districtName)}/${safeFilePart(enterpriseName)}-${safeFilePart(uscc)}.pdf`;
}

export { attachmentHeader } from "../../lib/file-transfer";
