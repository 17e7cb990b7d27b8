// A dosage in words, as the plan email says it: "3 sets × 10 reps, each side, once a day, 5 days a
// week". Pure: the app's screens use these same functions (app/_components/exercises/dosage.ts
// joins them with " · "); tests/unit/dosage.test.ts checks the wording.
import type { Dosage } from "@/server/exercises/schemas";

const SIDES: Record<Dosage["side"], string> = {
  both: "each side",
  left: "left side",
  right: "right side",
  alternating: "alternating sides",
  none: "",
};
const TIMES = ["", "once a day", "twice a day", "3 times a day", "4 times a day", "5 times a day"];
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 sets × 10 reps, each side" / "2 sets × 8 reps, 5 s hold each" / "1 set × 30 s hold" / "1 set × 10 min". */
export function dosageLoad(d: Dosage): string {
  const reps = d.reps ? plural(d.reps, "rep", "reps") : null;
  // A minute or more is a duration (walking, a long stretch), said in minutes.
  const hold = !d.holdSeconds
    ? null
    : d.holdSeconds >= 60
      ? `${Math.round((d.holdSeconds / 60) * 10) / 10} min`
      : `${d.holdSeconds} s hold`;
  const work = reps && hold ? `${reps}, ${hold} each` : (reps ?? hold ?? "");
  return [`${plural(d.sets, "set", "sets")}${work ? ` × ${work}` : ""}`, SIDES[d.side]].filter(Boolean).join(", ");
}

/** "once a day, 5 days a week" / "twice a day, every day". */
export function dosageSchedule(d: Pick<Dosage, "timesPerDay" | "daysPerWeek">): string {
  const days = d.daysPerWeek === 7 ? "every day" : `${plural(d.daysPerWeek, "day", "days")} a week`;
  return `${TIMES[d.timesPerDay] ?? `${d.timesPerDay} times a day`}, ${days}`;
}

export const dosageInWords = (d: Dosage) => `${dosageLoad(d)}, ${dosageSchedule(d)}`;
