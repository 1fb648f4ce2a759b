export * from "./prerequisites";
export * from "./quota";
export * from "./types";
export * from "./validity";
