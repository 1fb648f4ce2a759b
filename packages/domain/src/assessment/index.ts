export * from "./answers";
export * from "./compare";
export * from "./diff";
export * from "./instrument";
export * from "./score";
export * from "./validate";
