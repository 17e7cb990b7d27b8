// Dosage in words, the same on the builder, the patient's plan and the print view:
// "3 sets × 10 reps, each side · once a day, 5 days a week". The words themselves are the plan
// email's (server/programs/dosage-words.ts, pure), so the two cannot drift apart.
import { dosageLoad, dosageSchedule } from "@/server/programs/dosage-words";

export type Dosage = {
  sets: number;
  reps: number | null;
  holdSeconds: number | null;
  side: "both" | "left" | "right" | "alternating" | "none";
  timesPerDay: number;
  daysPerWeek: number;
};

export { dosageLoad, dosageSchedule };

export const dosageText = (d: Dosage) => `${dosageLoad(d)} · ${dosageSchedule(d)}`;

export const CATEGORY_LABELS: Record<string, string> = {
  mobility: "Mobility",
  core_stability: "Core stability",
  hip_function: "Hip function",
  motor_control: "Movement retraining",
  ergonomics_load: "Ergonomics & load",
};

export const labelOf = (value: string) =>
  CATEGORY_LABELS[value] ?? value.charAt(0).toUpperCase() + value.slice(1).replaceAll("_", " ");
