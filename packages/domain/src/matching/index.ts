export * from "./demand";
export * from "./rank";
