// When an episode's questionnaires fall due, and what each occasion is called. Pure.
import type { ScheduleInput } from "./views";

const WEEK_MS = 7 * 86_400_000;
const DAY_MS = 86_400_000;

/** Week-based questionnaires are laid out this far ahead when a schedule is set (a year). */
export const HORIZON_WEEKS = 52;
/** A questionnaire can be answered on its link for this long after it is due. */
export const ANSWER_WINDOW_DAYS = 14;
/** The signed questionnaire link opens (read-only after closing) this long after it was emailed. */
export const QUESTIONNAIRE_LINK_DAYS = 180;

export type Occasion = { occasion: string; dueAt: Date };

export const closesAt = (dueAt: Date) => new Date(dueAt.getTime() + ANSWER_WINDOW_DAYS * DAY_MS);

/** The week occasions of a schedule: week N, 2N, … up to the horizon, due N weeks after the start. */
export function weekOccasions(startedAt: Date, everyWeeks: number | null): Occasion[] {
  if (!everyWeeks) return [];
  const out: Occasion[] = [];
  for (let week = everyWeeks; week <= HORIZON_WEEKS; week += everyWeeks) {
    out.push({ occasion: `week:${week}`, dueAt: new Date(startedAt.getTime() + week * WEEK_MS) });
  }
  return out;
}

/** The occasion a visit count reaches, if it is a multiple of the schedule's N. */
export function visitOccasion(visits: number, everyVisits: number | null): string | null {
  if (!everyVisits || visits < everyVisits || visits % everyVisits !== 0) return null;
  return `visit:${visits}`;
}

/** "Intake", "Week 4", "Visit 6", "Discharge", "Extra" (asked by hand; screens show its date in the clinic's zone). */
export function occasionLabel(occasion: string): string {
  if (occasion === "intake") return "Intake";
  if (occasion === "discharge") return "Discharge";
  const [kind, rest] = occasion.split(":", 2);
  if (kind === "week") return `Week ${rest}`;
  if (kind === "visit") return `Visit ${rest}`;
  if (kind === "manual") return "Extra";
  return occasion;
}

/** "At intake, every 2 weeks, every 6 visits, at discharge". */
export function scheduleLabel(
  s: Pick<ScheduleInput, "atIntake" | "everyWeeks" | "everyVisits" | "atDischarge">,
): string {
  const parts = [
    s.atIntake ? "at intake" : null,
    s.everyWeeks ? (s.everyWeeks === 1 ? "every week" : `every ${s.everyWeeks} weeks`) : null,
    s.everyVisits ? (s.everyVisits === 1 ? "every visit" : `every ${s.everyVisits} visits`) : null,
    s.atDischarge ? "at discharge" : null,
  ].filter((p): p is string => p !== null);
  const text = parts.join(", ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
