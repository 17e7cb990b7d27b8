// The new clinic's set-up checklist on the owner's home page: what a clinic still has as it came
// from sign-up (opening hours, appointment types, a team of one). Pure: the page passes what it read.
import { DEFAULT_OPENING_HOURS, type WeeklyHours } from "@/db/schema";
import { DEFAULT_APPOINTMENT_TYPES } from "@/server/scheduling/defaults";

export type SetupItem = { key: "hours" | "types" | "team"; label: string; hint: string; done: boolean; path: string };

type TypeLike = { name: string; durationMinutes: number; priceMinor: number; onlineBookable: boolean };

/** Day by day (jsonb keeps its keys in its own order, so the objects' own order means nothing). */
const sameHours = (a: WeeklyHours, b: WeeklyHours) =>
  (Object.keys(b) as (keyof WeeklyHours)[]).every(
    (d) =>
      JSON.stringify((a[d] ?? []).map((i) => [i.start, i.end])) === JSON.stringify(b[d].map((i) => [i.start, i.end])),
  );

/** Types as every clinic starts with them: the three defaults, unchanged, and nothing else. */
function defaultTypes(types: TypeLike[]) {
  if (types.length !== DEFAULT_APPOINTMENT_TYPES.length) return false;
  return DEFAULT_APPOINTMENT_TYPES.every((d) =>
    types.some(
      (t) =>
        t.name === d.name &&
        t.durationMinutes === d.durationMinutes &&
        t.priceMinor === d.priceMinor &&
        t.onlineBookable === d.onlineBookable,
    ),
  );
}

export function setupChecklist(input: { openingHours: WeeklyHours; types: TypeLike[]; teamSize: number }): SetupItem[] {
  return [
    {
      key: "hours",
      label: "Set your opening hours",
      hint: "Patients book only inside them.",
      done: !sameHours(input.openingHours, DEFAULT_OPENING_HOURS),
      path: "/settings/hours",
    },
    {
      key: "types",
      label: "Review your appointment types",
      hint: "Names, lengths and prices; which ones patients may book online.",
      done: !defaultTypes(input.types),
      path: "/settings/scheduling",
    },
    {
      key: "team",
      label: "Invite your team",
      hint: "Clinicians and the front desk. Working alone? You already take appointments.",
      done: input.teamSize > 1,
      path: "/settings/team",
    },
  ];
}
