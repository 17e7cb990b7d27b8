export * from "./tenancy";
export * from "./patients";
export * from "./system";
export * from "./scheduling";
export * from "./messages";
export * from "./exercises";
export * from "./programs";
export * from "./consent";
