export * from "./grade";
export * from "./provider";
