export * from "./assessments";
export * from "./audit";
export * from "./enterprises";
export * from "./evidence";
export * from "./instruments";
export * from "./jobs";
export * from "./reference";
export * from "./users";
