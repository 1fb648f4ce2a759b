export * from "./facts";
export * from "./milestones";
export * from "./project";
