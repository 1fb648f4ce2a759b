import type { JobStatus } from "@dxcenter/domain";

const zh = {
  import: {
    title: "导入企业",
    step1: "下载导入模板，按模板列填写企业信息（统一社会信用代码为必填且唯一）",
    step2: "上传填好的 .xlsx 文件（不超过 20 MB），系统将逐行校验",
    step3: "查看导入结果；有错误的行可下载校验报告修改后重新导入",
    downloadTemplate: "下载模板",
    dragText: "点击或拖拽 .xlsx 文件到此区域上传",
    dragHint: "仅支持 .xlsx 格式，文件不超过 20 MB；已存在的统一社会信用代码将更新原记录",
    onlyXlsx: "仅支持 .xlsx 格式的文件",
    tooLarge: "文件大小不能超过 20 MB",
    uploading: "正在上传…",
    status: {
      queued: "排队中",
      running: "导入中",
      done: "已完成",
      failed: "导入失败",
    } satisfies Record<JobStatus, string>,
    file: "文件",
    rowsRead: "读取行数",
    created: "新增",
    updated: "更新",
    unchanged: "未变化",
    rejected: "未通过校验",
    errorSample: "错误示例（部分）",
    row: "行号",
    field: "字段",
    message: "错误信息",
    downloadReport: "下载校验报告",
    goToList: "查看企业库",
    importAnother: "继续导入",
    startedAt: "开始时间",
    finishedAt: "完成时间",
  },
};

export default zh;
