export * from "./assessment-snapshot";
export * from "./bulk";
export * from "./client";
export * from "./demo/district-map";
export * from "./demo/generate-enterprises";
export * from "./demo/reference-data";
export * from "./schema/index";
