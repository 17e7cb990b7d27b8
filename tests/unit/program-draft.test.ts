// The builder's reordering: by drag (moveItem) and by keyboard/buttons (stepItem), within and across phases.
import { describe, expect, test } from "vitest";
import type { ExerciseSummary } from "@/app/_components/exercises/exercise-search";
import {
  addItem,
  moveItem,
  stepItem,
  type Draft,
} from "@/app/c/[clinicSlug]/patients/[patientId]/programs/[programId]/model";

const exercise = (name: string) =>
  ({
    id: name,
    name,
    dosage: { sets: 2, reps: 10, holdSeconds: null, side: "none", timesPerDay: 1, daysPerWeek: 5 },
  }) as unknown as ExerciseSummary;
const names = (d: Draft) => d.phases.map((p) => p.items.map((i) => i.exercise.name));

function draft(): Draft {
  let d: Draft = {
    title: "T",
    startDate: "2026-12-01",
    daysPerWeek: 5,
    phases: [
      { key: "a", title: "One", notes: "", items: [] },
      { key: "b", title: "Two", notes: "", items: [] },
    ],
  };
  for (const n of ["A", "B", "C"]) d = addItem(d, 0, exercise(n));
  for (const n of ["D", "E"]) d = addItem(d, 1, exercise(n));
  return d;
}

describe("reordering a program", () => {
  test("new exercises take their default dosage and go to the end of the chosen phase", () => {
    const d = draft();
    expect(names(d)).toEqual([
      ["A", "B", "C"],
      ["D", "E"],
    ]);
    expect(d.phases[0]!.items[0]!.dosage).toEqual(exercise("A").dosage);
  });
  test("dragging moves within a phase and into another", () => {
    expect(names(moveItem(draft(), { phase: 0, index: 0 }, { phase: 0, index: 2 }))).toEqual([
      ["B", "C", "A"],
      ["D", "E"],
    ]);
    expect(names(moveItem(draft(), { phase: 1, index: 1 }, { phase: 0, index: 1 }))).toEqual([
      ["A", "E", "B", "C"],
      ["D"],
    ]);
  });
  test("a step past the edge of a phase crosses into the next one; past the last phase nothing moves", () => {
    const down = stepItem(draft(), { phase: 0, index: 2 }, 1);
    expect(names(down.draft)).toEqual([
      ["A", "B"],
      ["C", "D", "E"],
    ]);
    expect(down.to).toEqual({ phase: 1, index: 0 });
    const up = stepItem(draft(), { phase: 1, index: 0 }, -1);
    expect(names(up.draft)).toEqual([["A", "B", "C", "D"], ["E"]]);
    const stuck = stepItem(draft(), { phase: 1, index: 1 }, 1);
    expect(names(stuck.draft)).toEqual(names(draft()));
  });
});
