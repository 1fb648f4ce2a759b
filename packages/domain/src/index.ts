export * from "./access/diagnosis-access";
export * from "./access/enterprise-access";
export * from "./access/roles";
export * from "./assessment";
export * from "./codes/uscc";
export * from "./enterprise/enums";
export * from "./money/yuan";
export * from "./privacy/mask";
