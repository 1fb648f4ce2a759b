export * from "./assessment";
export * from "./audit";
export * from "./auth";
export * from "./common";
export * from "./enterprise";
export * from "./instrument";
export * from "./reference";
export * from "./user";
