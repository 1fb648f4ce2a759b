export * from "./indicator";
export * from "./period";
export * from "./trajectory";
export * from "./briefing";
