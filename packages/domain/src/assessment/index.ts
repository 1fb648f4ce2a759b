export * from "./answers";
export * from "./instrument";
export * from "./score";
export * from "./validate";
