export * from "./availability";
export * from "./draw";
export * from "./expert";
export * from "./history-pack";
export * from "./rng";
