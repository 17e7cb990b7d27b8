// The global exercise library, its illustrations and protocol templates (pure data, no database).
export * from "./types";
export { LIBRARY_EXERCISES } from "./exercises";
export { ILLUSTRATIONS } from "./illustrations";
export { PROGRAM_TEMPLATES } from "./templates";
