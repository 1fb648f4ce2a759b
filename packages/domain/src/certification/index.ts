export * from "./ladder";
export * from "./names";
export * from "./pool";
export * from "./prerequisites";
export * from "./quota";
export * from "./types";
export * from "./validity";
