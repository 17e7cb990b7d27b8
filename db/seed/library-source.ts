// Where the app reads the shipped exercise library from: the plain data in db/seed/exercise-library
// (exercises, protocol templates, SVG illustrations). Everything else imports it from here.
// Until that data is committed, the shapes are restated here (the same as its types.ts) and the
// library is empty.

export type ExerciseCategory = "mobility" | "core_stability" | "hip_function" | "motor_control" | "ergonomics_load";
export type BodyRegion = "thoracic" | "thoracolumbar" | "lumbar" | "hip" | "groin" | "knee" | "shoulder" | "neck" | "ankle";
export type Side = "both" | "left" | "right" | "alternating" | "none";
export type Dosage = { sets: number; reps: number | null; holdSeconds: number | null; side: Side; timesPerDay: number; daysPerWeek: number };
export type LibraryExercise = {
  slug: string; name: string; purpose: string; steps: string[]; cues: string[]; mistakes: string[]; regions: BodyRegion[];
  category: ExerciseCategory; equipment: string[]; difficulty: 1 | 2 | 3; dosage: Dosage; precautions: string[]; illustration: string;
  aliases?: string[];
};
export type TemplateItem = { slug: string; dosage?: Partial<Dosage>; note?: string };
export type TemplatePhase = { title: string; weeks: string; goal: string; items: TemplateItem[] };
export type ProgramTemplate = { slug: string; name: string; summary: string; phases: TemplatePhase[] };

export const LIBRARY_EXERCISES: readonly LibraryExercise[] = [];
export const PROGRAM_TEMPLATES: readonly ProgramTemplate[] = [];
export const ILLUSTRATIONS: Readonly<Record<string, string>> = {};
