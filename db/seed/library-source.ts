// Where the app reads the shipped exercise library from: the plain data in db/seed/exercise-library
// (exercises, protocol templates, SVG illustrations). Everything else imports it from here.
import type { LibraryExercise, ProgramTemplate } from "./exercise-library/types";

export const LIBRARY_EXERCISES: readonly LibraryExercise[] = [];
export const PROGRAM_TEMPLATES: readonly ProgramTemplate[] = [];
export const ILLUSTRATIONS: Readonly<Record<string, string>> = {};
