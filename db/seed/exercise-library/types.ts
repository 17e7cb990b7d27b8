// The shapes of the global exercise library and its protocol templates: plain data, no database.

export type ExerciseCategory = "mobility" | "core_stability" | "hip_function" | "motor_control" | "ergonomics_load";

export type BodyRegion =
  "thoracic" | "thoracolumbar" | "lumbar" | "hip" | "groin" | "knee" | "shoulder" | "neck" | "ankle";

export type Side = "both" | "left" | "right" | "alternating" | "none";

/** A default prescription. Ranges the app enforces: sets 1–20, reps 1–300, hold 0–600 s, times per day 1–5, days per week 1–7. */
export type Dosage = {
  sets: number;
  /** null for a pure hold. */
  reps: number | null;
  /** Seconds held per rep (or per set when reps is null); null when there is no hold. */
  holdSeconds: number | null;
  side: Side;
  timesPerDay: number;
  daysPerWeek: number;
};

export type LibraryExercise = {
  /** Stable kebab-case key, unique across the library. */
  slug: string;
  name: string;
  /** One sentence: why a clinician would prescribe it. */
  purpose: string;
  steps: string[];
  cues: string[];
  mistakes: string[];
  regions: BodyRegion[];
  category: ExerciseCategory;
  /** Empty when nothing is needed. */
  equipment: string[];
  /** 1 easy, 2 moderate, 3 demanding. */
  difficulty: 1 | 2 | 3;
  dosage: Dosage;
  precautions: string[];
  /** Key of ILLUSTRATIONS (an SVG in illustrations/). */
  illustration: string;
  /** Other names people search by. */
  aliases?: string[];
};

export type TemplateItem = {
  slug: string;
  /** Overrides of the exercise's default dosage for this phase. */
  dosage?: Partial<Dosage>;
  /** What the patient reads beside the exercise (addressed to them). */
  note?: string;
  /** For the clinician adapting the template (who it suits, when to progress); never shown to the patient. */
  clinicianNote?: string;
};

export type TemplatePhase = {
  title: string;
  /** The week of the program the phase starts in (1 for the first phase). */
  startWeek: number;
  weeks: string;
  goal: string;
  items: TemplateItem[];
};

export type ProgramTemplate = {
  slug: string;
  name: string;
  summary: string;
  phases: TemplatePhase[];
};

/** The bounds the app enforces on any dosage, shared by the seed data and its test. */
export const DOSAGE_LIMITS = {
  sets: { min: 1, max: 20 },
  reps: { min: 1, max: 300 },
  holdSeconds: { min: 0, max: 600 },
  timesPerDay: { min: 1, max: 5 },
  daysPerWeek: { min: 1, max: 7 },
} as const;
