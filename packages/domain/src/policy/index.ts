export * from "./budget-pool";
export * from "./evaluate-all";
export * from "./evaluate-policy";
export * from "./exact";
export * from "./fact-catalogue";
export * from "./parameters";
export * from "./policy";
export * from "./validate-policy";
