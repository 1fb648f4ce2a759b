export * from "./benchmark";
export * from "./briefing";
export * from "./indicator";
export * from "./period";
export * from "./report";
export * from "./trajectory";
