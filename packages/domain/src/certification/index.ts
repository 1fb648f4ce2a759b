export * from "./prerequisites";
export * from "./types";
export * from "./validity";
