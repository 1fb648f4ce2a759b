import type zh from "./zh-CN";

const en: typeof zh = {
  import: {
    title: "Import enterprises",
    step1: "Download the template and fill in one enterprise per row (credit code required and unique)",
    step2: "Upload the .xlsx file (up to 20 MB); every row is validated",
    step3: "Review the result; download the validation report to fix rejected rows and import again",
    downloadTemplate: "Download template",
    dragText: "Click or drag an .xlsx file here",
    dragHint: "Only .xlsx, up to 20 MB; existing credit codes update their records",
    onlyXlsx: "Only .xlsx files are accepted",
    tooLarge: "The file must not exceed 20 MB",
    uploading: "Uploading…",
    status: {
      queued: "Queued",
      running: "Importing",
      done: "Done",
      failed: "Failed",
    },
    file: "File",
    rowsRead: "Rows read",
    created: "Created",
    updated: "Updated",
    unchanged: "Unchanged",
    rejected: "Rejected",
    errorSample: "Sample of errors",
    row: "Row",
    field: "Field",
    message: "Message",
    downloadReport: "Download validation report",
    goToList: "Open the registry",
    importAnother: "Import another file",
    startedAt: "Started",
    finishedAt: "Finished",
  },
};

export default en;
