// The home page's set-up checklist: a clinic as sign-up made it has nothing done; each change ticks one.
import { describe, expect, test } from "vitest";
import { DEFAULT_OPENING_HOURS, type WeeklyHours } from "@/db/schema";
import { setupChecklist } from "@/server/clinic/setup-checklist";
import { DEFAULT_APPOINTMENT_TYPES } from "@/server/scheduling/defaults";

const types = DEFAULT_APPOINTMENT_TYPES.map((t) => ({ ...t }));
const done = (items: ReturnType<typeof setupChecklist>) => items.filter((i) => i.done).map((i) => i.key);

describe("setupChecklist", () => {
  test("a new clinic has nothing done, whatever order its stored hours come back in", () => {
    const reordered = Object.fromEntries(Object.entries(DEFAULT_OPENING_HOURS).reverse()) as WeeklyHours;
    expect(done(setupChecklist({ openingHours: reordered, types, teamSize: 1 }))).toEqual([]);
  });

  test("changed hours, a changed type and a second member each tick their item", () => {
    const hours = { ...DEFAULT_OPENING_HOURS, sat: [{ start: "09:00", end: "12:00" }] };
    const priced = types.map((t, i) => (i === 0 ? { ...t, priceMinor: t.priceMinor + 500 } : t));
    expect(done(setupChecklist({ openingHours: hours, types, teamSize: 1 }))).toEqual(["hours"]);
    expect(done(setupChecklist({ openingHours: DEFAULT_OPENING_HOURS, types: priced, teamSize: 1 }))).toEqual([
      "types",
    ]);
    expect(done(setupChecklist({ openingHours: DEFAULT_OPENING_HOURS, types, teamSize: 2 }))).toEqual(["team"]);
  });
});
