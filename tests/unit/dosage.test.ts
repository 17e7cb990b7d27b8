import { describe, expect, test } from "vitest";
import { dosageLoad, dosageSchedule, dosageText } from "@/app/_components/exercises/dosage";

describe("dosage in words", () => {
  test("sets and reps, each side, once a day on five days", () => {
    expect(dosageText({ sets: 3, reps: 10, holdSeconds: null, side: "both", timesPerDay: 1, daysPerWeek: 5 })).toBe(
      "3 sets × 10 reps, each side · once a day, 5 days a week",
    );
  });
  test("a hold without reps, and singulars", () => {
    expect(dosageLoad({ sets: 1, reps: null, holdSeconds: 30, side: "none", timesPerDay: 2, daysPerWeek: 7 })).toBe(
      "1 set × 30 s hold",
    );
    expect(dosageSchedule({ timesPerDay: 2, daysPerWeek: 7 })).toBe("twice a day, every day");
    expect(dosageSchedule({ timesPerDay: 1, daysPerWeek: 1 })).toBe("once a day, 1 day a week");
  });
  test("a minute or more reads as a duration", () => {
    expect(dosageLoad({ sets: 1, reps: null, holdSeconds: 600, side: "none", timesPerDay: 1, daysPerWeek: 5 })).toBe(
      "1 set × 10 min",
    );
    expect(dosageLoad({ sets: 2, reps: null, holdSeconds: 90, side: "both", timesPerDay: 1, daysPerWeek: 5 })).toBe(
      "2 sets × 1.5 min, each side",
    );
  });
  test("reps with a hold on each", () => {
    expect(dosageLoad({ sets: 2, reps: 8, holdSeconds: 5, side: "alternating", timesPerDay: 1, daysPerWeek: 3 })).toBe(
      "2 sets × 8 reps, 5 s hold each, alternating sides",
    );
  });
});
