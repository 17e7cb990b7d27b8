// Dosage in words, the same on the builder, the patient's plan and the print view:
// "3 sets × 10 reps, each side · once a day, 5 days a week".
export type Dosage = {
  sets: number;
  reps: number | null;
  holdSeconds: number | null;
  side: "both" | "left" | "right" | "alternating" | "none";
  timesPerDay: number;
  daysPerWeek: number;
};

const SIDES: Record<string, string> = { both: "each side", left: "left side", right: "right side", alternating: "alternating sides", none: "" };
const TIMES = ["", "once a day", "twice a day", "3 times a day", "4 times a day", "5 times a day"];

export function dosageLoad(d: Dosage): string {
  const sets = `${d.sets} ${d.sets === 1 ? "set" : "sets"}`;
  const reps = d.reps ? `${d.reps} ${d.reps === 1 ? "rep" : "reps"}` : null;
  // A minute or more is a duration (walking, a long stretch), said in minutes.
  const hold = !d.holdSeconds ? null : d.holdSeconds >= 60 ? `${Math.round((d.holdSeconds / 60) * 10) / 10} min` : `${d.holdSeconds} s hold`;
  const work = reps && hold ? `${reps}, ${hold} each` : (reps ?? hold ?? "");
  const side = SIDES[d.side] ?? "";
  return [`${sets}${work ? ` × ${work}` : ""}`, side].filter(Boolean).join(", ");
}

export function dosageSchedule(d: Pick<Dosage, "timesPerDay" | "daysPerWeek">): string {
  const days = d.daysPerWeek === 7 ? "every day" : `${d.daysPerWeek} ${d.daysPerWeek === 1 ? "day" : "days"} a week`;
  return `${TIMES[d.timesPerDay] ?? `${d.timesPerDay} times a day`}, ${days}`;
}

export const dosageText = (d: Dosage) => `${dosageLoad(d)} · ${dosageSchedule(d)}`;

export const CATEGORY_LABELS: Record<string, string> = {
  mobility: "Mobility",
  core_stability: "Core stability",
  hip_function: "Hip function",
  motor_control: "Movement retraining",
  ergonomics_load: "Ergonomics & load",
};

export const labelOf = (value: string) => CATEGORY_LABELS[value] ?? value.charAt(0).toUpperCase() + value.slice(1).replaceAll("_", " ");
