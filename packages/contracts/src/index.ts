export * from "./audit";
export * from "./auth";
export * from "./common";
export * from "./enterprise";
export * from "./reference";
export * from "./user";
