const zh = {
  workbench: {
    title: "工作台",
    welcome: "欢迎，{{name}}",
    role: "角色",
    organization: "单位",
    noOrganization: "未填写",
    modules: "您的功能模块",
    open: "进入",
  },
};

export default zh;
